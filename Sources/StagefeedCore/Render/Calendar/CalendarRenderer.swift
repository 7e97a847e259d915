import Foundation

/// The iCalendar files: `calendar/program.ics` and one per stage, festival day and artist.
/// Each event keeps its UID across builds; SEQUENCE and LAST-MODIFIED come from the
/// revision ledger; recently removed performances stay listed as cancelled.
public struct CalendarRenderer: WholeRenderer {
    /// How often subscribed clients are asked to refresh.
    public static let refreshInterval = "PT1H"
    /// Calendars larger than this are written in pieces of about this size.
    static let pieceSize = 1 << 18
    /// Longest DESCRIPTION before it is cut at a sentence or word boundary.
    static let descriptionLimit = 1_000

    /// The default language, its strings and the clock: calendar names use its day names,
    /// the labels stagefeed adds (a cancelled set's prefix, categories) its strings.
    public var locale: SiteLocale
    public var strings: Strings
    public var clock: ClockStyle?

    public init(strings: Strings, locale: SiteLocale = .english, clock: ClockStyle? = nil) {
        self.strings = strings
        self.locale = locale
        self.clock = clock
    }

    public func render(_ program: Program, context: BuildContext, into sink: any OutputSink) throws {
        let entries = CalendarEntry.all(program, context: context, strings: strings)
        let format = EventTimeFormat(timeZone: program.event.timeZone, locale: locale.locale, clock: clock)
        let timeZone = timeZoneComponent(program, entries: entries)
        // Calendars share the entries' text (not copies of the entries).
        var byStage: [String: [String]] = [:], byDay: [LocalDate: [String]] = [:], byArtist: [String: [String]] = [:]
        for entry in entries {
            byStage[entry.stageID, default: []].append(entry.text)
            byDay[entry.day, default: []].append(entry.text)
            for id in entry.artistIDs { byArtist[id, default: []].append(entry.text) }
        }
        // The whole program: too large to hold twice, written in pieces.
        let whole = Calendar(
            path: "calendar/program.ics", name: program.event.name, page: "", entries: entries.map(\.text))
        try sink.emit(path: whole.path) { append in
            try write(whole, timeZone: timeZone, program: program, context: context, to: append)
        }
        var calendars: [Calendar] = []
        for stage in program.stages {
            calendars.append(
                Calendar(
                    path: "calendar/stages/\(stage.slug).ics", name: "\(program.event.name) – \(stage.name)",
                    page: "stages/\(stage.slug)/", entries: byStage[stage.id] ?? []))
        }
        for day in program.days {
            calendars.append(
                Calendar(
                    path: "calendar/days/\(day.date).ics", name: "\(program.event.name) – \(format.dayTitle(day.date))",
                    page: "days/\(day.date)/", entries: byDay[day.date] ?? []))
        }
        for artist in program.artists {
            calendars.append(
                Calendar(
                    path: "calendar/artists/\(artist.slug).ics", name: "\(program.event.name) – \(artist.name)",
                    page: "artists/\(artist.slug)/", entries: byArtist[artist.id] ?? []))
        }
        // Each calendar is text from entries made above: spread over the cores. One larger
        // than a piece (a day's or stage's at a large festival) is written in pieces too.
        try ParallelWork.forEach(calendars, prepare: ()) { _, calendar in
            if calendar.entries.reduce(0, { $0 + $1.utf8.count }) > Self.pieceSize {
                try sink.emit(path: calendar.path) { append in
                    try write(calendar, timeZone: timeZone, program: program, context: context, to: append)
                }
            } else {
                var contents = Data()
                try write(calendar, timeZone: timeZone, program: program, context: context) { contents.append($0) }
                try sink.emit(OutputFile(path: calendar.path, contents: contents))
            }
        }
    }

    /// One calendar file to write: where, its name, the page it belongs to, its events
    /// (as iCalendar text).
    private struct Calendar: Sendable {
        let path, name, page: String
        let entries: [String]
    }

    /// The VTIMEZONE every calendar carries: the festival's days and every listed set.
    private func timeZoneComponent(_ program: Program, entries: [CalendarEntry]) -> String {
        guard let first = program.days.first, let last = program.days.last else { return "" }
        var builder = ICalendarBuilder()
        let start = min(first.start, entries.lazy.map(\.start).min() ?? first.start)
        let end = max(last.end, entries.lazy.map(\.end).max() ?? last.end)
        VTimeZoneBuilder(timeZone: program.event.timeZone).write(into: &builder, from: start, to: end)
        return builder.output
    }

    /// The calendar's text, handed to `append` in pieces of about a quarter megabyte.
    private func write(
        _ calendar: Calendar, timeZone: String, program: Program, context: BuildContext,
        to append: (Data) throws -> Void
    ) throws {
        let name = calendar.name
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
            builder.raw(
                "URL", siteURL.appendingPathComponent(calendar.page).absoluteString, parameters: [("VALUE", "URI")])
        }
        builder.raw("REFRESH-INTERVAL", Self.refreshInterval, parameters: [("VALUE", "DURATION")])
        builder.raw("X-PUBLISHED-TTL", Self.refreshInterval)
        builder.text("X-WR-TIMEZONE", program.event.timeZone.identifier)

        builder.append(rendered: timeZone)
        for entry in calendar.entries {
            builder.append(rendered: entry)
            if builder.output.utf8.count >= Self.pieceSize { try append(Data(builder.takeOutput().utf8)) }
        }
        builder.end("VCALENDAR")
        try append(Data(builder.takeOutput().utf8))
    }

    /// Text cut to the description limit at a paragraph, sentence or word boundary, with "…".
    static func trimmed(_ text: String) -> String {
        let clean = withoutOuterWhiteSpace(text)
        // Fewer bytes than the limit: fewer characters too, without counting them.
        guard clean.utf8.count > descriptionLimit, clean.count > descriptionLimit else { return clean }
        let head = String(clean.prefix(descriptionLimit))
        for separator in ["\n\n", ". ", " "] {
            if let range = head.range(of: separator, options: .backwards),
                head.distance(from: head.startIndex, to: range.lowerBound) > descriptionLimit / 2
            {
                return String(head[..<range.lowerBound]) + (separator == ". " ? ".…" : " …")
            }
        }
        return head + "…"
    }

    /// The text without white space or line breaks at either end (as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, by scalar), looking only at its ends.
    static func withoutOuterWhiteSpace(_ text: String) -> String {
        let scalars = text.unicodeScalars, white = CharacterSet.whitespacesAndNewlines
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, white.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start, white.contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return start == scalars.startIndex && end == scalars.endIndex ? text : String(scalars[start..<end])
    }
}
