import Foundation

/// One slot on a stage: an artist's set, an activity, or a titled item, placed on a
/// festival day.
public struct Performance: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var stageID: String
    /// The performing artist's id, when there is one (the artist may be missing from the program).
    public var artistID: String?
    public var activity: Activity?
    /// The name to show: the source's title, else the artist's name, else the activity's name.
    public var displayName: String
    public var description: String?
    public var start: Date
    public var end: Date
    public var updatedAt: Date?
    /// The festival day the performance belongs to (by its start and the day start).
    public var day: LocalDate
    /// A line-up's artist ids, headliner first; nil when the performance has one artist at most.
    public var lineup: [String]?
    public var details: NightDetails?

    /// Every artist on the bill: the line-up, else the one artist.
    public var artistIDs: [String] { lineup ?? artistID.map { [$0] } ?? [] }

    /// Length in seconds.
    public var duration: TimeInterval { end.timeIntervalSince(start) }
}
