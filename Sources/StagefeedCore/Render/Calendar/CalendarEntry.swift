import Foundation

/// One VEVENT: a performance of the program, or one removed recently (cancelled), rendered
/// once and shared by every calendar that lists it. It keeps only what places it in
/// calendars, not the whole performance.
struct CalendarEntry {
    var id: String
    var start, end: Date
    /// The calendars that list it besides the whole program's: its stage's, day's and artists'.
    var stageID: String
    var day: LocalDate
    var artistIDs: [String]
    /// The VEVENT's content lines.
    var text: String

    /// The program's performances, then the recently cancelled ones, in time order.
    static func all(_ program: Program, context: BuildContext, strings: Strings) -> [CalendarEntry] {
        let stages = Dictionary(uniqueKeysWithValues: program.stages.map { ($0.id, $0) })
        let artists = Dictionary(uniqueKeysWithValues: program.artists.map { ($0.id, $0) })
        var entries: [CalendarEntry] = []
        entries.reserveCapacity(program.performances.count + context.cancelled.count)
        func add(_ performance: Performance, _ revision: RevisionStamp?, cancelled: Bool) {
            var builder = ICalendarBuilder()
            write(
                performance, revision: revision, isCancelled: cancelled, stage: stages[performance.stageID],
                artist: performance.artistID.flatMap { artists[$0] }, program: program, context: context,
                strings: strings, into: &builder)
            entries.append(
                CalendarEntry(
                    id: performance.id, start: performance.start, end: performance.end, stageID: performance.stageID,
                    day: performance.day, artistIDs: performance.artistIDs, text: compact(builder.output)))
        }
        for performance in program.performances {
            add(performance, context.revisions[performance.id], cancelled: false)
        }
        for revision in context.cancelled { add(revision.lastSeen, revision.stamp, cancelled: true) }
        entries.sort { ($0.start, $0.id) < ($1.start, $1.id) }
        return entries
    }

    /// A copy of `text` in storage of its own size: a builder's text grows by doubling, and
    /// the entries are kept for the whole calendar renderer (at 20,000 sets, 17 MB of text
    /// had taken 26).
    private static func compact(_ text: String) -> String {
        let count = text.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            _ = buffer.initialize(fromContentsOf: text.utf8)
            return count
        }
    }

    private static func write(
        _ performance: Performance, revision: RevisionStamp?, isCancelled: Bool, stage: Stage?,
        artist: Artist?, program: Program, context: BuildContext, strings: Strings,
        into builder: inout ICalendarBuilder
    ) {
        let modified = revision?.lastModified ?? Date(timeIntervalSince1970: 0)
        builder.begin("VEVENT")
        builder.text(
            "UID",
            StableUUID.performance(performance.id, event: program.event.id, source: context.sourceName).uuidString
                .lowercased())
        builder.raw("DTSTAMP", utc(modified))
        dateTime("DTSTART", performance.start, in: program.event.timeZone, into: &builder)
        dateTime("DTEND", performance.end, in: program.event.timeZone, into: &builder)
        builder.text(
            "SUMMARY",
            isCancelled
                ? strings.format("calendar_cancelled", ["title": performance.displayName]) : performance.displayName)
        if let stage { builder.text("LOCATION", stage.name) }
        var description = performance.description ?? performance.activity?.description ?? artist?.bio ?? ""
        if let night = nightLines(performance, program: program, strings: strings) {
            description = night + (description.isEmpty ? "" : "\n\n" + CalendarRenderer.trimmed(description))
        }
        let shortened = CalendarRenderer.trimmed(description)
        if !shortened.isEmpty {
            builder.text("DESCRIPTION", shortened)
        }
        if let siteURL = context.siteURL, let artist {
            builder.raw(
                "URL", siteURL.appendingPathComponent("artists/\(artist.slug)/").absoluteString,
                parameters: [("VALUE", "URI")])
        }
        var categories = [strings[performance.activity == nil ? "category_performance" : "category_activity"]]
        if let stage { categories.append(stage.name) }
        builder.textList("CATEGORIES", categories)
        builder.raw("STATUS", isCancelled ? "CANCELLED" : "CONFIRMED")
        builder.raw("SEQUENCE", String(revision?.sequence ?? 0))
        builder.raw("LAST-MODIFIED", utc(modified))
        builder.raw("TRANSP", "OPAQUE")
        builder.end("VEVENT")
    }

    /// A DATE-TIME in the event's timezone (`DTSTART;TZID=Europe/Berlin:20270723T233000`),
    /// or in UTC when the wall time falls in the repeated hour of an autumn change: a local
    /// time there means its first occurrence (RFC 5545 §3.3.5), so the second needs UTC.
    static func dateTime(_ name: String, _ instant: Date, in timeZone: TimeZone, into builder: inout ICalendarBuilder) {
        if isSecondOccurrence(instant, in: timeZone) {
            builder.raw(name, utc(instant))
        } else {
            builder.raw(
                name, VTimeZoneBuilder.localTime(instant, offset: timeZone.secondsFromGMT(for: instant)),
                parameters: [("TZID", timeZone.identifier)])
        }
    }

    /// Whether an earlier instant shows the same wall-clock time (the clocks went back).
    static func isSecondOccurrence(_ instant: Date, in timeZone: TimeZone) -> Bool {
        let offset = timeZone.secondsFromGMT(for: instant)
        for probe in [instant.addingTimeInterval(-3 * 3600), instant.addingTimeInterval(3 * 3600)] {
            let other = timeZone.secondsFromGMT(for: probe)
            guard other != offset else { continue }
            let twin = instant.addingTimeInterval(Double(offset - other))
            if twin < instant && timeZone.secondsFromGMT(for: twin) == other { return true }
        }
        return false
    }

    /// `20270723T120000Z`.
    static func utc(_ instant: Date) -> String {
        VTimeZoneBuilder.localTime(instant, offset: 0) + "Z"
    }

    /// A night's line-up, details and ticket link, one per line; nil for a plain set.
    private static func nightLines(_ performance: Performance, program: Program, strings: Strings) -> String? {
        var lines: [String] = []
        if let lineup = performance.lineup {
            let names = lineup.compactMap { program.artist(id: $0)?.name }
            lines.append(strings.format("lineup_with", ["names": names.joined(separator: ", ")]))
        }
        if let details = performance.details {
            let facts = NightFacts.text(details, strings: strings)
            if !facts.isEmpty { lines.append(facts) }
            if let ticket = details.ticketURL { lines.append(strings.format("tickets_at", ["url": ticket])) }
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}
