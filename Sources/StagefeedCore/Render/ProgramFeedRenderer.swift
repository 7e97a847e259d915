import Foundation

/// `feeds/program.json`: the whole normalized program, for websites, apps and signage.
/// Times are ISO 8601 with the event's offset; keys are sorted, so the bytes change only
/// when the program does.
public struct ProgramFeedRenderer: Renderer {
    /// Bumped on any incompatible change to the feed's shape.
    public static let schemaVersion = 1

    public init() {}

    public func render(_ program: Program, context: BuildContext) throws -> [OutputFile] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let feed = Feed(program, format: EventTimeFormat(timeZone: program.event.timeZone))
        return [OutputFile(path: "feeds/program.json", contents: try encoder.encode(feed) + Data("\n".utf8))]
    }

    private struct Feed: Encodable {
        let schema_version = ProgramFeedRenderer.schemaVersion
        let event: EventEntry
        let day_starts: String
        let days: [DayEntry]
        let stages: [StageEntry]
        let artists: [ArtistEntry]
        let performances: [PerformanceEntry]
        let warnings: [String]

        init(_ program: Program, format: EventTimeFormat) {
            event = EventEntry(id: program.event.id, name: program.event.name, description: program.event.description,
                               start_date: program.event.startDate, end_date: program.event.endDate,
                               timezone: program.event.timeZone.identifier)
            day_starts = program.dayStart.description
            days = program.days.map {
                DayEntry(date: $0.date, start: format.iso8601($0.start), end: format.iso8601($0.end), performances: $0.performanceIDs)
            }
            stages = program.stages.map {
                StageEntry(id: $0.id, slug: $0.slug, name: $0.name, description: $0.description,
                           capacity: $0.capacity, listed: $0.isListed)
            }
            artists = program.artists.map {
                ArtistEntry(id: $0.id, slug: $0.slug, name: $0.name, bio: $0.bio, image_url: $0.imageURL, links: $0.links)
            }
            performances = program.performances.map {
                PerformanceEntry(id: $0.id, day: $0.day, stage_id: $0.stageID, artist_id: $0.artistID,
                                 activity: $0.activity, title: $0.displayName, description: $0.description,
                                 start: format.iso8601($0.start), end: format.iso8601($0.end),
                                 duration_minutes: Int(($0.duration / 60).rounded()))
            }
            warnings = program.warnings.map(\.description)
        }
    }

    private struct EventEntry: Encodable {
        let id, name: String
        let description: String?
        let start_date, end_date: LocalDate
        let timezone: String
    }

    private struct DayEntry: Encodable {
        let date: LocalDate
        let start, end: String
        let performances: [String]
    }

    private struct StageEntry: Encodable {
        let id, slug, name: String
        let description: String?
        let capacity: Capacity?
        let listed: Bool
    }

    private struct ArtistEntry: Encodable {
        let id, slug, name: String
        let bio, image_url: String?
        let links: [SocialLink]
    }

    private struct PerformanceEntry: Encodable {
        let id: String
        let day: LocalDate
        let stage_id: String
        let artist_id: String?
        let activity: Activity?
        let title: String
        let description: String?
        let start, end: String
        let duration_minutes: Int
    }
}
