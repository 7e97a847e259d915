import Foundation

/// Assigns instants to festival days in the event's timezone, honouring the day start
/// and daylight-saving changes (wall-clock arithmetic, never fixed 24-hour steps).
public struct FestivalCalendar: Sendable {
    public let timeZone: TimeZone
    public let dayStart: DayStart
    /// A Gregorian calendar set to the event's timezone.
    public let calendar: Calendar

    public init(timeZone: TimeZone, dayStart: DayStart) {
        self.timeZone = timeZone
        self.dayStart = dayStart
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The festival day an instant belongs to: its local date, or the day before when the
    /// local time is earlier than the day start.
    public func festivalDay(of instant: Date) -> LocalDate {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let date = LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)
        let minutes = parts.hour! * 60 + parts.minute!
        return minutes < dayStart.minutesAfterMidnight ? date.adding(days: -1) : date
    }

    /// The instant a festival day begins: the day start on that local date (Foundation moves
    /// a wall time that falls in a DST gap forward to the first valid instant).
    public func start(of day: LocalDate) -> Date {
        calendar.date(
            from: DateComponents(
                year: day.year, month: day.month, day: day.day,
                hour: dayStart.hour, minute: dayStart.minute))!
    }

    /// The instant a festival day ends: the start of the next one.
    public func end(of day: LocalDate) -> Date {
        start(of: day.adding(days: 1))
    }
}
