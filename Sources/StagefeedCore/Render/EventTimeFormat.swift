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
