import Foundation

/// The program in the terms of the frab/c3voc schedule format, shared by `schedule.xml`
/// and `schedule.json`: rooms are stages, events are performances with stable GUIDs and
/// numbers, days run from day start to day start. Events are made one at a time as the
/// documents are written (`event(_:)`), never held all at once.
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
    private let format: EventTimeFormat
    private let source, eventID: String
    private let scheduleNumbers: [String: Int]
    private let artists: [String: Artist]
    private let roomsByStage: [String: Room]
    private let index: ProgramIndex

    init(_ program: Program, context: BuildContext) throws {
        let format = EventTimeFormat(timeZone: program.event.timeZone)
        let source = context.sourceName, eventID = program.event.id
        title = program.event.name
        acronym = Self.acronym(for: program.event)
        timeZone = program.event.timeZone.identifier
        version = try ProgramFeedRenderer.dataVersion(of: program)
        start = program.event.startDate
        end = program.event.endDate
        siteURL = context.siteURL
        rooms = program.stages.map {
            Room(
                name: $0.name, slug: $0.slug,
                guid: StableUUID.make("stage\u{1F}\(source)\u{1F}\(eventID)\u{1F}\($0.id)").uuidString.lowercased(),
                stage: $0)
        }
        days = program.days.enumerated().map { index, day in
            Day(index: index + 1, date: day.date, start: format.iso8601(day.start), end: format.iso8601(day.end))
        }
        self.format = format
        self.source = source
        self.eventID = eventID
        scheduleNumbers = context.scheduleNumbers
        artists = Dictionary(uniqueKeysWithValues: program.artists.map { ($0.id, $0) })
        roomsByStage = Dictionary(uniqueKeysWithValues: rooms.map { ($0.stage.id, $0) })
        index = ProgramIndex(program)
    }

    /// Every room, in stage order, with the day's performances on its stage.
    func rooms(on day: Day) -> [(room: Room, performances: [Performance])] {
        rooms.map { ($0, index.performances(onStage: $0.stage.id, on: day.date)) }
    }

    /// A performance as a frab event.
    func event(_ performance: Performance) -> Event {
        let artist = performance.artistID.flatMap { artists[$0] }
        let number = scheduleNumbers[performance.id] ?? 0
        let minutes = Int((performance.duration / 60).rounded())
        return Event(
            number: number,
            guid: StableUUID.performance(performance.id, event: eventID, source: source).uuidString.lowercased(),
            room: roomsByStage[performance.stageID]?.name ?? performance.stageID,
            title: performance.displayName,
            type: performance.activity == nil ? "performance" : "activity",
            track: performance.activity == nil ? "Performance" : "Activity",
            slug: "\(acronym)-\(number)-\(Slug.make(from: performance.displayName) ?? "event")",
            date: format.iso8601(performance.start), start: format.clockTime(performance.start),
            duration: "\(minutes / 60):\((minutes % 60).zeroPadded(2))",
            end: format.iso8601(performance.end),
            abstract: performance.description ?? performance.activity?.description ?? "",
            description: artist?.bio,
            url: Self.pageURL(for: performance, artist: artist, siteURL: siteURL),
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
