import Foundation

/// One VEVENT: a performance of the program, or one removed recently (cancelled).
struct CalendarEntry {
    var performance: Performance
    var revision: PerformanceRevision?
    var isCancelled: Bool

    /// The program's performances, then the recently cancelled ones, in time order.
    static func all(_ program: Program, context: BuildContext) -> [CalendarEntry] {
        let live = program.performances.map {
            CalendarEntry(performance: $0, revision: context.revisions.revisions[$0.id], isCancelled: false)
        }
        let cancelled = context.cancelled.map { CalendarEntry(performance: $0.lastSeen, revision: $0, isCancelled: true) }
        return (live + cancelled).sorted { ($0.performance.start, $0.performance.id) < ($1.performance.start, $1.performance.id) }
    }

    func write(into builder: inout ICalendarBuilder, program: Program, context: BuildContext) {
        let modified = revision?.lastModified ?? Date(timeIntervalSince1970: 0)
        let stage = program.stage(id: performance.stageID)
        let artist = performance.artistID.flatMap(program.artist(id:))
        builder.begin("VEVENT")
        builder.text("UID", StableUUID.performance(performance.id, event: program.event.id, source: context.sourceName).uuidString.lowercased())
        builder.raw("DTSTAMP", Self.utc(modified))
        Self.dateTime("DTSTART", performance.start, in: program.event.timeZone, into: &builder)
        Self.dateTime("DTEND", performance.end, in: program.event.timeZone, into: &builder)
        builder.text("SUMMARY", isCancelled ? "Cancelled: \(performance.displayName)" : performance.displayName)
        if let stage { builder.text("LOCATION", stage.name) }
        let description = performance.description ?? performance.activity?.description ?? artist?.bio
        if let description, !description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            builder.text("DESCRIPTION", CalendarRenderer.trimmed(description))
        }
        if let siteURL = context.siteURL, let artist {
            builder.raw("URL", siteURL.appendingPathComponent("artists/\(artist.slug)/").absoluteString, parameters: [("VALUE", "URI")])
        }
        var categories = [performance.activity == nil ? "Performance" : "Activity"]
        if let stage { categories.append(stage.name) }
        builder.textList("CATEGORIES", categories)
        builder.raw("STATUS", isCancelled ? "CANCELLED" : "CONFIRMED")
        builder.raw("SEQUENCE", String(revision?.sequence ?? 0))
        builder.raw("LAST-MODIFIED", Self.utc(modified))
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
            builder.raw(name, VTimeZoneBuilder.localTime(instant, offset: timeZone.secondsFromGMT(for: instant)),
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
}
