import Foundation

/// The JSON shapes shared by `feeds/program.json` and the light stage and day feeds
/// (documented by `schemas/program.schema.json`). Optional values are written as null.
enum FeedEntry {
    struct Event: Encodable, Sendable {
        let id, name: String
        let description: Nullable<String>
        let start_date, end_date: LocalDate
        let timezone: String

        init(_ event: StagefeedCore.Event) {
            id = event.id
            name = event.name
            description = Nullable(event.description)
            start_date = event.startDate
            end_date = event.endDate
            timezone = event.timeZone.identifier
        }
    }

    struct Day: Encodable, Sendable {
        let date: LocalDate
        let start, end: String
        let performances: [String]

        /// The day with its performances, or with the ones given (a stage's, in its feed).
        init(_ day: FestivalDay, format: EventTimeFormat, performances: [String]? = nil) {
            date = day.date
            start = format.iso8601(day.start)
            end = format.iso8601(day.end)
            self.performances = performances ?? day.performanceIDs
        }
    }

    struct Stage: Encodable, Sendable {
        let id, slug, name: String
        let description: Nullable<String>
        let capacity: Nullable<Capacity>
        let listed: Bool

        init(_ stage: StagefeedCore.Stage) {
            id = stage.id
            slug = stage.slug
            name = stage.name
            description = Nullable(stage.description)
            capacity = Nullable(stage.capacity)
            listed = stage.isListed
        }
    }

    struct Artist: Encodable, Sendable {
        let id, slug, name: String
        let bio, image_url: Nullable<String>
        let links: [SocialLink]

        init(_ artist: StagefeedCore.Artist) {
            id = artist.id
            slug = artist.slug
            name = artist.name
            bio = Nullable(artist.bio)
            image_url = Nullable(artist.imageURL)
            links = artist.links
        }
    }

    struct Performance: Encodable, Sendable {
        let id: String
        let day: LocalDate
        let stage_id: String
        let artist_id: Nullable<String>
        /// The artist's name and slug, so light feeds need no artist list.
        let artist_name, artist_slug: Nullable<String>
        let activity: Nullable<Activity>
        let title: String
        let description: Nullable<String>
        let start, end: String
        let duration_minutes: Int
        /// A night's line-up (artist ids, headliner first) and details; absent for a plain set.
        let lineup: [String]?
        let details: Details?

        /// A night's details as feeds give them.
        struct Details: Encodable, Sendable {
            let genres: [String]
            let minimum_age: Int?
            let dress_code: String?
            let ticket_url: String?
            let flyer_url: String?
        }

        init(_ performance: StagefeedCore.Performance, artist: StagefeedCore.Artist?, format: EventTimeFormat) {
            id = performance.id
            day = performance.day
            stage_id = performance.stageID
            artist_id = Nullable(performance.artistID)
            artist_name = Nullable(artist?.name)
            artist_slug = Nullable(artist?.slug)
            activity = Nullable(performance.activity)
            title = performance.displayName
            description = Nullable(performance.description)
            start = format.iso8601(performance.start)
            end = format.iso8601(performance.end)
            duration_minutes = Int((performance.duration / 60).rounded())
            lineup = performance.lineup
            details = performance.details.map {
                Details(
                    genres: $0.genres, minimum_age: $0.minimumAge, dress_code: $0.dressCode, ticket_url: $0.ticketURL,
                    flyer_url: $0.flyerURL)
            }
        }
    }
}
