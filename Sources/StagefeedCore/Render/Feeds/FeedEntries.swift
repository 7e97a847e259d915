import Foundation

/// The JSON shapes shared by `feeds/program.json` and the light stage and day feeds
/// (documented by `schemas/program.schema.json`). Optional values are written as null.
enum FeedEntry {
    struct Event: Encodable {
        let id, name: String
        let description: String?
        let start_date, end_date: LocalDate
        let timezone: String

        init(_ event: StagefeedCore.Event) {
            id = event.id
            name = event.name
            description = event.description
            start_date = event.startDate
            end_date = event.endDate
            timezone = event.timeZone.identifier
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(description, forKey: .description)
            try container.encode(start_date, forKey: .start_date)
            try container.encode(end_date, forKey: .end_date)
            try container.encode(timezone, forKey: .timezone)
        }

        enum CodingKeys: String, CodingKey { case id, name, description, start_date, end_date, timezone }
    }

    struct Day: Encodable {
        let date: LocalDate
        let start, end: String
        let performances: [String]

        init(_ day: FestivalDay, format: EventTimeFormat) {
            date = day.date
            start = format.iso8601(day.start)
            end = format.iso8601(day.end)
            performances = day.performanceIDs
        }
    }

    struct Stage: Encodable {
        let id, slug, name: String
        let description: String?
        let capacity: Capacity?
        let listed: Bool

        init(_ stage: StagefeedCore.Stage) {
            id = stage.id
            slug = stage.slug
            name = stage.name
            description = stage.description
            capacity = stage.capacity
            listed = stage.isListed
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(slug, forKey: .slug)
            try container.encode(name, forKey: .name)
            try container.encode(description, forKey: .description)
            try container.encode(capacity, forKey: .capacity)
            try container.encode(listed, forKey: .listed)
        }

        enum CodingKeys: String, CodingKey { case id, slug, name, description, capacity, listed }
    }

    struct Artist: Encodable {
        let id, slug, name: String
        let bio, image_url: String?
        let links: [SocialLink]

        init(_ artist: StagefeedCore.Artist) {
            id = artist.id
            slug = artist.slug
            name = artist.name
            bio = artist.bio
            image_url = artist.imageURL
            links = artist.links
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(slug, forKey: .slug)
            try container.encode(name, forKey: .name)
            try container.encode(bio, forKey: .bio)
            try container.encode(image_url, forKey: .image_url)
            try container.encode(links, forKey: .links)
        }

        enum CodingKeys: String, CodingKey { case id, slug, name, bio, image_url, links }
    }

    struct Performance: Encodable {
        let id: String
        let day: LocalDate
        let stage_id: String
        let artist_id: String?
        /// The artist's name and slug, so light feeds need no artist list.
        let artist_name, artist_slug: String?
        let activity: Activity?
        let title: String
        let description: String?
        let start, end: String
        let duration_minutes: Int

        init(_ performance: StagefeedCore.Performance, artist: StagefeedCore.Artist?, format: EventTimeFormat) {
            id = performance.id
            day = performance.day
            stage_id = performance.stageID
            artist_id = performance.artistID
            artist_name = artist?.name
            artist_slug = artist?.slug
            activity = performance.activity
            title = performance.displayName
            description = performance.description
            start = format.iso8601(performance.start)
            end = format.iso8601(performance.end)
            duration_minutes = Int((performance.duration / 60).rounded())
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(day, forKey: .day)
            try container.encode(stage_id, forKey: .stage_id)
            try container.encode(artist_id, forKey: .artist_id)
            try container.encode(artist_name, forKey: .artist_name)
            try container.encode(artist_slug, forKey: .artist_slug)
            try container.encode(activity, forKey: .activity)
            try container.encode(title, forKey: .title)
            try container.encode(description, forKey: .description)
            try container.encode(start, forKey: .start)
            try container.encode(end, forKey: .end)
            try container.encode(duration_minutes, forKey: .duration_minutes)
        }

        enum CodingKeys: String, CodingKey {
            case id, day, stage_id, artist_id, artist_name, artist_slug, activity, title, description, start, end, duration_minutes
        }
    }
}
