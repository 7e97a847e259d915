import Foundation

/// The iCalendar files: `calendar/program.ics` and one per stage, festival day and artist.
/// Each event keeps its UID across builds; SEQUENCE and LAST-MODIFIED come from the
/// revision ledger; recently removed performances stay listed as cancelled.
public struct CalendarRenderer: Renderer {
    /// How often subscribed clients are asked to refresh.
    public static let refreshInterval = "PT1H"
    /// Longest DESCRIPTION before it is cut at a sentence or word boundary.
    static let descriptionLimit = 1_000

    public init() {}

    public func render(_ program: Program, context: BuildContext) throws -> [OutputFile] {
        let entries = CalendarEntry.all(program, context: context)
        let format = EventTimeFormat(timeZone: program.event.timeZone)
        var files = [file("calendar/program.ics", name: program.event.name, page: "", entries: entries, program: program, context: context)]
        for stage in program.stages {
            files.append(file("calendar/stages/\(stage.slug).ics", name: "\(program.event.name) – \(stage.name)",
                              page: "stages/\(stage.slug)/", entries: entries.filter { $0.performance.stageID == stage.id },
                              program: program, context: context))
        }
        for day in program.days {
            files.append(file("calendar/days/\(day.date).ics", name: "\(program.event.name) – \(format.dayTitle(day.date))",
                              page: "days/\(day.date)/", entries: entries.filter { $0.performance.day == day.date },
                              program: program, context: context))
        }
        for artist in program.artists {
            files.append(file("calendar/artists/\(artist.slug).ics", name: "\(program.event.name) – \(artist.name)",
                              page: "artists/\(artist.slug)/", entries: entries.filter { $0.performance.artistID == artist.id },
                              program: program, context: context))
        }
        return files
    }

    private func file(_ path: String, name: String, page: String, entries: [CalendarEntry],
                      program: Program, context: BuildContext) -> OutputFile {
        var builder = ICalendarBuilder()
        builder.begin("VCALENDAR")
        builder.raw("VERSION", "2.0")
        builder.text("PRODID", "-//stagefeed//stagefeed \(StagefeedVersion.current)//EN")
        builder.raw("CALSCALE", "GREGORIAN")
        builder.raw("METHOD", "PUBLISH")
        builder.text("NAME", name)
        builder.text("X-WR-CALNAME", name)
        if let description = program.event.description.map({ Self.trimmed($0) }), !description.isEmpty {
            builder.text("DESCRIPTION", description)
            builder.text("X-WR-CALDESC", description)
        }
        if let siteURL = context.siteURL {
            builder.raw("URL", siteURL.appendingPathComponent(page).absoluteString, parameters: [("VALUE", "URI")])
        }
        builder.raw("REFRESH-INTERVAL", Self.refreshInterval, parameters: [("VALUE", "DURATION")])
        builder.raw("X-PUBLISHED-TTL", Self.refreshInterval)
        builder.text("X-WR-TIMEZONE", program.event.timeZone.identifier)

        let allDays = program.days
        if let first = allDays.first, let last = allDays.last {
            let start = min(first.start, entries.map(\.performance.start).min() ?? first.start)
            let end = max(last.end, entries.map(\.performance.end).max() ?? last.end)
            VTimeZoneBuilder(timeZone: program.event.timeZone).write(into: &builder, from: start, to: end)
        }
        for entry in entries {
            entry.write(into: &builder, program: program, context: context)
        }
        builder.end("VCALENDAR")
        return OutputFile(path: path, text: builder.output)
    }

    /// Text cut to the description limit at a paragraph, sentence or word boundary, with "…".
    static func trimmed(_ text: String) -> String {
        let clean = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard clean.count > descriptionLimit else { return clean }
        let head = String(clean.prefix(descriptionLimit))
        for separator in ["\n\n", ". ", " "] {
            if let range = head.range(of: separator, options: .backwards), head.distance(from: head.startIndex, to: range.lowerBound) > descriptionLimit / 2 {
                return String(head[..<range.lowerBound]) + (separator == ". " ? ".…" : " …")
            }
        }
        return head + "…"
    }
}
