import Foundation

/// The iCalendar files: `calendar/program.ics` and one per stage, festival day and artist.
/// Each event keeps its UID across builds; SEQUENCE and LAST-MODIFIED come from the
/// revision ledger; recently removed performances stay listed as cancelled.
public struct CalendarRenderer: Renderer {
    /// How often subscribed clients are asked to refresh.
    public static let refreshInterval = "PT1H"
    /// Calendars larger than this are written in pieces of about this size.
    static let pieceSize = 1 << 18
    /// The name of the table of VEVENTs kept for the next build (`KeptEntries`).
    static let keptTable = "calendar"
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

    /// One calendar file: where, its name, the page it belongs to, and its entries (by
    /// position in the build's entries).
    private struct Calendar: Sendable {
        let path, name, page: String
        let entries: [Int]
    }

    public func units(for resources: RenderResources) throws -> [RenderUnit] {
        let program = resources.program
        let entries = CalendarEntry.all(resources)
        let format = EventTimeFormat(timeZone: program.event.timeZone, locale: locale.locale, clock: clock)
        let timeZone = timeZoneComponent(program, entries: entries)
        var byStage: [String: [Int]] = [:], byDay: [LocalDate: [Int]] = [:], byArtist: [String: [Int]] = [:]
        for (position, entry) in entries.enumerated() {
            let performance = entry.performance(resources)
            byStage[performance.stageID, default: []].append(position)
            byDay[performance.day, default: []].append(position)
            for id in performance.artistIDs { byArtist[id, default: []].append(position) }
        }
        var calendars = [
            Calendar(
                path: OutputPaths.programCalendar, name: program.event.name, page: "", entries: Array(entries.indices))
        ]
        for stage in program.stages {
            calendars.append(
                Calendar(
                    path: OutputPaths.stageCalendar(stage.slug), name: "\(program.event.name) – \(stage.name)",
                    page: "stages/\(stage.slug)/", entries: byStage[stage.id] ?? []))
        }
        for day in program.days {
            calendars.append(
                Calendar(
                    path: OutputPaths.dayCalendar(day.date),
                    name: "\(program.event.name) – \(format.dayTitle(day.date))",
                    page: "days/\(day.date)/", entries: byDay[day.date] ?? []))
        }
        for artist in program.artists {
            calendars.append(
                Calendar(
                    path: OutputPaths.artistCalendar(artist.slug), name: "\(program.event.name) – \(artist.name)",
                    page: "artists/\(artist.slug)/", entries: byArtist[artist.id] ?? []))
        }
        // Each entry's text is made once, by the first calendar that needs it, for all; or
        // taken from the last build's, kept by the entry's digest (which holds all it shows).
        let texts = SharedValue<[[UInt8]]>()
        let strings = self.strings
        var kept = DigestBuilder("calendar entries")
        kept.add(resources.entryContext)
        kept.add(strings.values.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] })
        let keptContext = kept.finish()
        var header = DigestBuilder("calendar")
        header.add(resources.programDigest)
        header.add(keptContext)
        header.add(locale.tag)
        header.add(clock?.rawValue)
        header.add(timeZone)
        let headerDigest = header.finish()
        return calendars.map { calendar in
            var digest = DigestBuilder("calendar file")
            digest.add(headerDigest)
            digest.add([calendar.path, calendar.name, calendar.page])
            for position in calendar.entries { digest.add(entries[position].digest) }
            return RenderUnit(
                key: calendar.path, digest: digest.finish(), cost: 1000 + calendar.entries.count * 800,
                batch: Self.keptTable
            ) { sink in
                let made = texts.value {
                    resources.kept.entries(Self.keptTable, context: keptContext, keys: entries.map(\.digest)) {
                        entries[$0].text(resources, strings: strings)
                    }
                }
                if calendar.entries.count > 300 {
                    try sink.emit(path: calendar.path) { append in
                        try write(calendar, texts: made, timeZone: timeZone, resources: resources, to: append)
                    }
                } else {
                    var contents = Data()
                    try write(calendar, texts: made, timeZone: timeZone, resources: resources) {
                        contents.append(contentsOf: $0)
                    }
                    try sink.emit(OutputFile(path: calendar.path, contents: contents))
                }
            }
        }
    }

    /// The VTIMEZONE every calendar carries: the festival's days and every listed set.
    private func timeZoneComponent(_ program: Program, entries: [CalendarEntry]) -> [UInt8] {
        guard let first = program.days.first, let last = program.days.last else { return [] }
        var builder = ICalendarBuilder()
        let start = min(first.start, entries.lazy.map(\.start).min() ?? first.start)
        let end = max(last.end, entries.lazy.map(\.end).max() ?? last.end)
        VTimeZoneBuilder(timeZone: program.event.timeZone).write(into: &builder, from: start, to: end)
        return builder.output
    }

    /// The calendar's text, handed to `append` in pieces of about a quarter megabyte.
    private func write(
        _ calendar: Calendar, texts: [[UInt8]], timeZone: [UInt8], resources: RenderResources,
        to append: ([UInt8]) throws -> Void
    ) throws {
        let program = resources.program, context = resources.context
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
        for position in calendar.entries {
            builder.append(rendered: texts[position])
            if builder.output.count >= Self.pieceSize { try builder.handOutput(to: append) }
        }
        builder.end("VCALENDAR")
        try builder.handOutput(to: append)
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
