import Foundation

/// One VEVENT: a performance of the program, or one removed recently (cancelled), rendered
/// once per build and shared by every calendar that lists it. An entry names its
/// performance by position (12,000 calendars' plans wait in the render queue with the
/// entries: a copy of each performance in its entry was a twentieth of a 20k build's peak);
/// the text is made when a calendar that lists it is made.
struct CalendarEntry: Sendable {
    var id: String
    var start, end: Date
    /// Its performance's position: in the program, or, cancelled, among the build's
    /// recently cancelled sets (`BuildContext.cancelled`).
    var position: Int32
    var isCancelled: Bool
    var revision: RevisionStamp?
    /// Everything its VEVENT shows.
    var digest: UnitDigest

    /// The performance as it is, or as last seen before it was removed.
    func performance(_ resources: RenderResources) -> Performance {
        isCancelled
            ? resources.context.cancelled[Int(position)].lastSeen : resources.program.performances[Int(position)]
    }

    /// The program's performances, then the recently cancelled ones, in time order.
    static func all(_ resources: RenderResources) -> [CalendarEntry] {
        let program = resources.program, context = resources.context
        var entries: [CalendarEntry] = []
        entries.reserveCapacity(program.performances.count + context.cancelled.count)
        for (position, performance) in program.performances.enumerated() {
            entries.append(
                CalendarEntry(
                    id: performance.id, start: performance.start, end: performance.end, position: Int32(position),
                    isCancelled: false, revision: resources.performances[position].revision,
                    digest: resources.performances[position].digest))
        }
        for (position, revision) in context.cancelled.enumerated() {
            let performance = revision.lastSeen
            let facts = RenderResources.facts(
                of: performance, clock: resources.clock, program: program, context: context,
                stages: resources.stagesByID, artists: resources.artistsByID)
            var digest = DigestBuilder("cancelled")
            digest.add(facts.digest)
            digest.add(revision.stamp.sequence)
            digest.add(revision.stamp.lastModified)
            entries.append(
                CalendarEntry(
                    id: performance.id, start: performance.start, end: performance.end, position: Int32(position),
                    isCancelled: true, revision: revision.stamp, digest: digest.finish()))
        }
        entries.sort { ($0.start, $0.id) < ($1.start, $1.id) }
        return entries
    }

    /// The VEVENT's content lines.
    func text(_ resources: RenderResources, strings: Strings) -> [UInt8] {
        var builder = ICalendarBuilder()
        let performance = performance(resources)
        // A set in the program has its UID among its facts; a cancelled one is not there.
        let uid =
            isCancelled
            ? StableUUID.performanceUID(
                performance.id, event: resources.program.event.id, source: resources.context.sourceName)
            : resources.performances[Int(position)].uid
        Self.write(
            performance, uid: uid, revision: revision, isCancelled: isCancelled,
            stage: resources.stagesByID[performance.stageID],
            artist: performance.artistID.flatMap { resources.artistsByID[$0] }, resources: resources, strings: strings,
            into: &builder)
        return builder.output.sizedToFit()
    }

    private static func write(
        _ performance: Performance, uid: String, revision: RevisionStamp?, isCancelled: Bool, stage: Stage?,
        artist: Artist?, resources: RenderResources, strings: Strings,
        into builder: inout ICalendarBuilder
    ) {
        let program = resources.program, context = resources.context
        let modified = revision?.lastModified ?? Date(timeIntervalSince1970: 0)
        builder.begin("VEVENT")
        builder.text("UID", uid)
        builder.raw("DTSTAMP", utc(modified))
        dateTime("DTSTART", performance.start, clock: resources.clock, into: &builder)
        dateTime("DTEND", performance.end, clock: resources.clock, into: &builder)
        builder.text(
            "SUMMARY",
            isCancelled
                ? strings.format("calendar_cancelled", ["title": performance.displayName]) : performance.displayName)
        if let stage { builder.text("LOCATION", stage.name) }
        var description = performance.description ?? performance.activity?.description ?? artist?.bio ?? ""
        if let night = nightLines(performance, artists: resources.artistsByID, strings: strings) {
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
        // The set's picture (RFC 7986 IMAGE, and ATTACH for older readers), at the public address.
        if let siteURL = context.siteURL,
            let image = context.images.image(for: program.imageURL(of: performance, artists: resources.artistsByID))
        {
            let url = PageAddress.file(image.path, siteURL: siteURL)
            builder.raw(
                "IMAGE", url, parameters: [("VALUE", "URI"), ("DISPLAY", "BADGE"), ("FMTTYPE", image.format.mediaType)])
            builder.raw("ATTACH", url, parameters: [("FMTTYPE", image.format.mediaType)])
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
    /// The zone's offsets come from the event's clock (`EventClock`), not from `TimeZone`.
    static func dateTime(_ name: String, _ instant: Date, clock: EventClock, into builder: inout ICalendarBuilder) {
        if isSecondOccurrence(instant, clock: clock) {
            builder.raw(name, utc(instant))
        } else {
            builder.raw(
                name, VTimeZoneBuilder.localTime(instant, offset: clock.offset(at: instant)),
                parameters: [("TZID", clock.timeZone.identifier)])
        }
    }

    /// Whether an earlier instant shows the same wall-clock time (the clocks went back).
    static func isSecondOccurrence(_ instant: Date, clock: EventClock) -> Bool {
        let offset = clock.offset(at: instant)
        for probe in [instant.addingTimeInterval(-3 * 3600), instant.addingTimeInterval(3 * 3600)] {
            let other = clock.offset(at: probe)
            guard other != offset else { continue }
            let twin = instant.addingTimeInterval(Double(offset - other))
            if twin < instant && clock.offset(at: twin) == other { return true }
        }
        return false
    }

    /// `20270723T120000Z`.
    static func utc(_ instant: Date) -> String {
        VTimeZoneBuilder.localTime(instant, offset: 0) + "Z"
    }

    /// A night's line-up, details and ticket link, one per line; nil for a plain set.
    private static func nightLines(_ performance: Performance, artists: [String: Artist], strings: Strings) -> String? {
        var lines: [String] = []
        if let lineup = performance.lineup {
            let names = lineup.compactMap { artists[$0]?.name }
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
