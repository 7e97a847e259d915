import Foundation

/// The local wall-clock time at which a festival day begins (default 06:00):
/// a set at 01:30 on Sunday belongs to Saturday's festival day.
public struct DayStart: Hashable, Sendable, Codable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    /// 06:00, the default.
    public static let standard = DayStart(hour: 6, minute: 0)

    public init(hour: Int, minute: Int) {
        precondition((0..<24).contains(hour) && (0..<60).contains(minute), "DayStart out of range")
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (24-hour); nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// `HH:MM`.
    public var description: String { "\(hour.zeroPadded(2)):\(minute.zeroPadded(2))" }

    var minutesAfterMidnight: Int { hour * 60 + minute }
}
