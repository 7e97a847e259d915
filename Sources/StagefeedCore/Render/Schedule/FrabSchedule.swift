import Foundation

/// The program in the terms of the frab/c3voc schedule format, shared by `schedule.xml`
/// and `schedule.json`: rooms are stages, events are performances with stable GUIDs and
/// numbers, days run from day start to day start. Each event either document does not have
/// from the last build (`KeptEntries`) is made once, over every core, for both.
struct FrabSchedule {
    struct Room {
        var name, slug, guid: String
        var stage: Stage
    }

    struct Event {
        var number: Int
        var guid, room, title, type, track, slug: String
        var date, start, duration: String
        var end: String
        var abstract: String
        var description: String?
        var url: String?
        var persons: [(name: String, guid: String)]
    }

    struct Day {
        var index: Int
        var date: LocalDate
        var start, end: String
    }

    var title, acronym, timeZone, version: String
    var start, end: LocalDate
    var siteURL: URL?
    var rooms: [Room]
    var days: [Day]
    private let resources: RenderResources
    private let source, eventID: String
    private let roomsByStage: [String: Room]
    /// Each performance's key in the tables of kept events: its digest, by its position.
    let keys: [UnitDigest]
    /// The events each document kept from the last build, by key, and the context their
    /// tables were made in.
    let keptXML, keptJSON: EntryTable
    let xmlContext, jsonContext: UnitDigest
    /// Every performance's event when either document needs it made, by its position.
    private var events: [Event?] = []

    init(_ resources: RenderResources) {
        self.resources = resources
        let program = resources.program, context = resources.context, clock = resources.clock
        let source = context.sourceName, eventID = program.event.id
        title = program.event.name
        acronym = Self.acronym(for: program.event)
        timeZone = program.event.timeZone.identifier
        version = FeedsRenderer.dataVersion(resources)
        start = program.event.startDate
        end = program.event.endDate
        siteURL = context.siteURL
        rooms = program.stages.map {
            Room(
                name: $0.name, slug: $0.slug,
                guid: StableUUID.lowercased(StableUUID.make("stage\u{1F}\(source)\u{1F}\(eventID)\u{1F}\($0.id)")),
                stage: $0)
        }
        days = program.days.enumerated().map { index, day in
            Day(index: index + 1, date: day.date, start: clock.iso8601(day.start), end: clock.iso8601(day.end))
        }
        self.source = source
        self.eventID = eventID
        roomsByStage = Dictionary(rooms.map { ($0.stage.id, $0) }, uniquingKeysWith: { first, _ in first })
        keys = resources.performances.map(\.digest)
        xmlContext = Self.tableContext("xml", resources)
        jsonContext = Self.tableContext("json", resources)
        keptXML = resources.kept.last(Self.xmlTable, context: xmlContext)
        keptJSON = resources.kept.last(Self.jsonTable, context: jsonContext)
        let schedule = self
        events = ParallelWork.map(Array(program.performances.indices)) { position in
            let key = schedule.keys[position]
            guard !schedule.keptXML.contains(key) || !schedule.keptJSON.contains(key) else { return nil }
            return schedule.makeEvent(Int32(position))
        }
    }

    /// The names of the tables of kept events (`KeptEntries`).
    static let xmlTable = "schedule.xml", jsonTable = "schedule.json"

    /// What one document's events show besides their performances' digests.
    private static func tableContext(_ format: String, _ resources: RenderResources) -> UnitDigest {
        var context = DigestBuilder("frab events")
        context.add(format)
        context.add(resources.entryContext)
        return context.finish()
    }

    /// Every room, in stage order, with the positions of the day's performances on its stage.
    func rooms(on day: Day) -> [(room: Room, performances: [Int32])] {
        rooms.map { ($0, resources.index.positions(onStage: $0.stage.id, on: day.date)) }
    }

    /// The performance at `position` as a frab event (made again if it was not needed).
    func event(_ position: Int32) -> Event { events[Int(position)] ?? makeEvent(position) }

    private func makeEvent(_ position: Int32) -> Event {
        let performance = resources.program.performances[Int(position)], facts = resources.performances[Int(position)]
        let artist = performance.artistID.flatMap { resources.artistsByID[$0] }
        let number = resources.context.scheduleNumbers[performance.id] ?? 0
        let minutes = Int((performance.duration / 60).rounded())
        return Event(
            number: number,
            guid: facts.uid,
            room: roomsByStage[performance.stageID]?.name ?? performance.stageID,
            title: performance.displayName,
            type: performance.activity == nil ? "performance" : "activity",
            track: performance.activity == nil ? "Performance" : "Activity",
            slug: "\(acronym)-\(number)-\(Slug.make(from: performance.displayName) ?? "event")",
            date: facts.startISO, start: facts.start.hour.zeroPadded(2) + ":" + facts.start.minute.zeroPadded(2),
            duration: "\(minutes / 60):\((minutes % 60).zeroPadded(2))",
            end: facts.endISO,
            abstract: performance.description ?? performance.activity?.description ?? "",
            description: artist?.bio,
            url: Self.pageURL(for: performance, artist: artist, siteURL: resources.context.siteURL),
            persons: artist.map {
                [
                    (
                        name: $0.name,
                        guid: StableUUID.make("artist\u{1F}\(source)\u{1F}\(eventID)\u{1F}\($0.id)").uuidString
                            .lowercased()
                    )
                ]
            } ?? [])
    }

    /// The address of the page for a performance: its artist's page, else its day's.
    private static func pageURL(for performance: Performance, artist: Artist?, siteURL: URL?) -> String? {
        let path = artist.map { "artists/\($0.slug)/" } ?? "days/\(performance.day)/"
        return siteURL.map { $0.appendingPathComponent(path).absoluteString } ?? path
    }

    /// Lowercase letters and digits of the event's slug (or name), at least 4 characters,
    /// as both frab schemas require (e.g. `riverbend2027`).
    static func acronym(for event: StagefeedCore.Event) -> String {
        let base = (event.slug.flatMap(Slug.make(from:)) ?? Slug.make(from: event.name) ?? "").replacingOccurrences(
            of: "-", with: "")
        let short = String(base.prefix(24))
        return short.count >= 4 ? short : short + String(repeating: "x", count: 4 - short.count)
    }
}
