import Foundation
import Synchronization

/// The words and numbers one language shows for festival times, each made once per build:
/// a time of day by the minute (`23:30`, `11:30 PM`), an hour mark for the grid, and a
/// day's title and short names. Foundation formats each the first time it is asked (a
/// time of day as a UTC time of that minute: no zone can shift it); every later page reads
/// it from here. Safe to share between threads.
public final class TimeLabels: Sendable {
    /// The language's formats in the event's timezone (day titles, ranges, the clock style).
    public let format: EventTimeFormat
    /// The same formats in UTC, for times of day given by the minute.
    private let wallClock: EventTimeFormat
    private let cache = Mutex(Cache())

    private struct Cache {
        var times: [Int: String] = [:]
        var hours: [Int: String] = [:]
        var titles: [LocalDate: String] = [:]
        var shortDays: [LocalDate: String] = [:]
        var datedShortDays: [LocalDate: String] = [:]
    }

    public init(timeZone: TimeZone, locale: Locale, clock: ClockStyle?) {
        format = EventTimeFormat(timeZone: timeZone, locale: locale, clock: clock)
        wallClock = EventTimeFormat(timeZone: TimeZone(identifier: "UTC")!, locale: locale, clock: clock)
    }

    /// A time of day for people, by its minute since midnight (`displayTime`).
    public func time(minuteOfDay minute: Int) -> String {
        if let known = cache.withLock({ $0.times[minute] }) { return known }
        let text = wallClock.displayTime(Date(timeIntervalSince1970: TimeInterval(minute * 60)))
        cache.withLock { $0.times[minute] = text }
        return text
    }

    /// The grid's mark for the hour starting at `minute` (`hourLabel`).
    public func hourMark(minuteOfDay minute: Int) -> String {
        if let known = cache.withLock({ $0.hours[minute] }) { return known }
        let text = wallClock.hourLabel(Date(timeIntervalSince1970: TimeInterval(minute * 60)))
        cache.withLock { $0.hours[minute] = text }
        return text
    }

    /// `Friday, July 23, 2027`.
    public func dayTitle(_ date: LocalDate) -> String {
        remembered(date, \.titles) { format.dayTitle(date) }
    }

    /// `Fri`.
    public func shortDay(_ date: LocalDate) -> String {
        remembered(date, \.shortDays) { format.shortDay(date) }
    }

    /// `Fri 23`.
    public func shortDatedDay(_ date: LocalDate) -> String {
        remembered(date, \.datedShortDays) { format.shortDatedDay(date) }
    }

    private func remembered(
        _ date: LocalDate, _ table: WritableKeyPath<Cache, [LocalDate: String]>, make: () -> String
    ) -> String {
        if let known = cache.withLock({ $0[keyPath: table][date] }) { return known }
        let text = make()
        cache.withLock { $0[keyPath: table][date] = text }
        return text
    }
}
