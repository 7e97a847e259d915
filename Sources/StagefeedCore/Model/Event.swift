import Foundation

/// The festival (or venue season) a program belongs to, with its checked timezone.
public struct Event: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    /// The source's short name for the event, when it gives one.
    public var slug: String?
    public var description: String?
    /// First local date of the event, as published.
    public var startDate: LocalDate
    /// Last local date of the event, as published.
    public var endDate: LocalDate
    public var timeZone: TimeZone
    public var updatedAt: Date?
}
