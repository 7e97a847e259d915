import Foundation

/// What a source hands to normalization: the program as the API described it, decoded
/// and type-checked but not yet cross-checked, slugged or assigned to festival days.
public struct ProgramDraft: Sendable, Equatable {
    public var event: EventRecord
    public var stages: [StageRecord]
    public var artists: [ArtistRecord]
    public var performances: [PerformanceRecord]
    /// Festival days only where something happens (a venue's nights over months), instead
    /// of every date from the event's start to its end.
    public var onlyDaysWithPerformances = false

    public init(event: EventRecord, stages: [StageRecord], artists: [ArtistRecord], performances: [PerformanceRecord]) {
        self.event = event
        self.stages = stages
        self.artists = artists
        self.performances = performances
    }
}

/// The event as a source describes it.
public struct EventRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var slug: String?
    public var description: String?
    public var startDate: LocalDate
    public var endDate: LocalDate
    /// An IANA timezone name; checked during normalization.
    public var timeZoneIdentifier: String
    public var updatedAt: Date?

    public init(
        id: String, name: String, slug: String? = nil, description: String? = nil,
        startDate: LocalDate, endDate: LocalDate, timeZoneIdentifier: String, updatedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.slug = slug
        self.description = description
        self.startDate = startDate
        self.endDate = endDate
        self.timeZoneIdentifier = timeZoneIdentifier
        self.updatedAt = updatedAt
    }
}

/// A stage as a source describes it.
public struct StageRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String?
    public var capacity: Capacity?
    /// Display order when the source gives one; otherwise the source's order is kept.
    public var position: Int?
    /// The town or city it is in, when the source says.
    public var locality: String?

    public init(
        id: String, name: String, description: String? = nil, capacity: Capacity? = nil, position: Int? = nil,
        locality: String? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.capacity = capacity
        self.position = position
        self.locality = locality
    }
}

/// An artist as a source describes it.
public struct ArtistRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var bio: String?
    public var imageURL: String?
    public var links: [SocialLink]

    public init(id: String, name: String, bio: String? = nil, imageURL: String? = nil, links: [SocialLink] = []) {
        self.id = id
        self.name = name
        self.bio = bio
        self.imageURL = imageURL
        self.links = links
    }
}

/// A performance as a source describes it.
public struct PerformanceRecord: Sendable, Equatable {
    public var id: String
    public var stageID: String
    public var artistID: String?
    public var activity: Activity?
    public var title: String?
    public var description: String?
    public var start: Date
    public var end: Date
    public var updatedAt: Date?
    /// Every artist of a line-up, headliner first (empty: just `artistID`).
    public var lineup: [String] = []
    public var details: NightDetails?

    public init(
        id: String, stageID: String, artistID: String? = nil, activity: Activity? = nil,
        title: String? = nil, description: String? = nil, start: Date, end: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.stageID = stageID
        self.artistID = artistID
        self.activity = activity
        self.title = title
        self.description = description
        self.start = start
        self.end = end
        self.updatedAt = updatedAt
    }
}
