import Foundation

/// Formats instants in the event's timezone, never the machine's: ISO 8601 with the
/// offset for feeds, `HH:MM` and day names for pages.
public struct EventTimeFormat: Sendable {
    public let timeZone: TimeZone
    private let calendar: Calendar
    private let iso: Date.ISO8601FormatStyle

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        self.iso = Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: timeZone)
    }

    /// `2027-07-23T23:30:00+02:00`.
    public func iso8601(_ instant: Date) -> String {
        iso.format(instant)
    }

    /// `23:30`, 24-hour, in the event's timezone.
    public func clockTime(_ instant: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return String(format: "%02d:%02d", parts.hour!, parts.minute!)
    }

    /// `23:30` or `11:30 PM` by the clock style, in the event's timezone.
    public func clockTime(_ instant: Date, style: ClockStyle) -> String {
        guard style == .twelveHour else { return clockTime(instant) }
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        let hour = parts.hour! % 12 == 0 ? 12 : parts.hour! % 12
        return "\(hour):" + String(format: "%02d", parts.minute!) + (parts.hour! < 12 ? " AM" : " PM")
    }

    /// The hour an instant falls in, as a grid label: `23:00` or `11 PM`.
    public func hourLabel(_ instant: Date, style: ClockStyle) -> String {
        let hour = calendar.component(.hour, from: instant)
        switch style {
        case .twentyFourHour: return String(format: "%02d:00", hour)
        case .twelveHour: return "\(hour % 12 == 0 ? 12 : hour % 12) \(hour < 12 ? "AM" : "PM")"
        }
    }

    /// Seconds past the start of the local hour `instant` falls in.
    public func secondsIntoHour(_ instant: Date) -> TimeInterval {
        let parts = calendar.dateComponents([.minute, .second, .nanosecond], from: instant)
        return TimeInterval(parts.minute! * 60 + parts.second!) + TimeInterval(parts.nanosecond!) / 1e9
    }

    /// The calendar date (not the festival day) an instant falls on, locally.
    public func localDate(_ instant: Date) -> LocalDate {
        LocalDate(instant, in: calendar)
    }

    /// `Fri` for a festival day, in English.
    public func shortDay(_ date: LocalDate) -> String {
        String(dayTitle(date).prefix(3))
    }

    /// `Friday 23 July 2027` for a festival day, in English.
    public func dayTitle(_ date: LocalDate) -> String {
        var english = Calendar(identifier: .gregorian)
        english.timeZone = TimeZone(identifier: "UTC")!
        english.locale = Locale(identifier: "en")
        let noon = english.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12))!
        let weekday = english.weekdaySymbols[english.component(.weekday, from: noon) - 1]
        let month = english.monthSymbols[date.month - 1]
        return "\(weekday) \(date.day) \(month) \(date.year)"
    }
}
