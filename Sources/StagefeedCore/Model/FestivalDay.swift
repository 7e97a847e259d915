import Foundation

/// One festival day: from the day start on its date to the day start on the next.
public struct FestivalDay: Sendable, Equatable, Codable, Identifiable {
    public var date: LocalDate
    public var start: Date
    public var end: Date
    /// Ids of the performances on this day, in program order.
    public var performanceIDs: [String]

    public var id: LocalDate { date }
}
