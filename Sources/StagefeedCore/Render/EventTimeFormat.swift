import Foundation

/// Formats instants in the event's timezone, never the machine's: ISO 8601 with the
/// offset and `HH:MM` for feeds and schedule files; for people, day names, dates and
/// times of day the way the language writes them (Foundation's CLDR data), 24- or 12-hour
/// as the language has it unless a clock style is set.
public struct EventTimeFormat: Sendable {
    public let timeZone: TimeZone
    public let locale: Locale
    /// Nil: the language's own habit.
    public let clock: ClockStyle?
    private let calendar: Calendar
    /// Gregorian in UTC, for placing a festival day's date at noon.
    private let utcCalendar: Calendar
    private let iso: Date.ISO8601FormatStyle
    private let titleStyle: Date.FormatStyle
    private let shortDayStyle: Date.FormatStyle
    private let shortDatedDayStyle: Date.FormatStyle
    private let shortMonthStyle: Date.FormatStyle
    private let times: TimePattern
    private let hours: TimePattern
    /// The language's first day of the week (1 Sunday … 7 Saturday), for `weekStart`.
    private let firstWeekday: Int

    public init(timeZone: TimeZone, locale: Locale = Locale(identifier: "en"), clock: ClockStyle? = nil) {
        self.timeZone = timeZone
        self.locale = locale
        self.clock = clock
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        self.iso = Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: timeZone)
        // Festival days are calendar dates: formatted at noon UTC, so no zone can shift them.
        let utc = TimeZone(identifier: "UTC")!
        var utcCalendar = Calendar(identifier: .gregorian)
        utcCalendar.timeZone = utc
        self.utcCalendar = utcCalendar
        let dates = Date.FormatStyle(
            locale: locale, calendar: Calendar(identifier: .gregorian), timeZone: utc,
            capitalizationContext: .beginningOfSentence)
        titleStyle = dates.weekday(.wide).day().month(.wide).year()
        shortDayStyle = dates.weekday(.abbreviated)
        shortDatedDayStyle = dates.weekday(.abbreviated).day()
        shortMonthStyle = dates.month(.abbreviated).year()
        var local = Calendar(identifier: .gregorian)
        local.locale = locale
        firstWeekday = local.firstWeekday
        // The language's own pattern for a time of day ("HH:mm", "h:mm a", "H:mm"), or its
        // pattern for the hour cycle asked for.
        let template =
            switch clock {
            case nil: "jmm"
            case .twentyFourHour?: "HHmm"
            case .twelveHour?: "hmma"
            }
        times = TimePattern(template: template, locale: locale, timeZone: timeZone)
        hours = TimePattern(template: clock == .twelveHour ? "ha" : "j", locale: locale, timeZone: timeZone)
    }

    /// `2027-07-23T23:30:00+02:00`.
    public func iso8601(_ instant: Date) -> String {
        iso.format(instant)
    }

    /// `23:30`, always 24-hour: for files read by programs (frab/c3voc schedules).
    public func clockTime(_ instant: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return "\(parts.hour!.zeroPadded(2)):\(parts.minute!.zeroPadded(2))"
    }

    /// A time of day for people: `23:30`, `11:30 PM`, `9:00 p. m.`… by language and clock style.
    public func displayTime(_ instant: Date) -> String {
        times.format(instant)
    }

    /// The hour an instant falls in, as a grid label: `21:00`, or `9 PM` on a 12-hour clock
    /// (where a whole time would not fit the column).
    public func hourLabel(_ instant: Date) -> String {
        usesTwelveHourClock ? hours.format(instant) : times.format(instant)
    }

    /// Whether this format writes times on a 12-hour clock (quoted literals aside: fr-CA's
    /// `HH 'h' mm` is a 24-hour clock).
    public var usesTwelveHourClock: Bool {
        let fields = times.pattern.split(separator: "'", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 0 }.map(\.element).joined()
        return fields.contains("h") || fields.contains("K")
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

    /// `Fri`, `vie`, `Fr.` for a festival day.
    public func shortDay(_ date: LocalDate) -> String {
        shortDayStyle.format(noon(date))
    }

    /// `Mon 30`, `lun 30`, `Mo., 30.`: the short day with its day of the month, for
    /// programs longer than a week, where a weekday alone repeats.
    public func shortDatedDay(_ date: LocalDate) -> String {
        shortDatedDayStyle.format(noon(date))
    }

    /// `Friday, July 23, 2027`, `Viernes, 23 de julio de 2027`, `Freitag, 23. Juli 2027`.
    public func dayTitle(_ date: LocalDate) -> String {
        titleStyle.format(noon(date))
    }

    /// A range of dates the way the language writes it: `July 23 – 25, 2027`, `23.–25. Juli 2027`.
    public func dateRange(_ first: LocalDate, _ last: LocalDate) -> String {
        let style = Date.IntervalFormatStyle(
            date: .long, time: .omitted, locale: locale,
            calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC")!)
        let day = Date.FormatStyle(
            locale: locale, calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC")!
        )
        .day().month(.wide).year()
        return first == last ? day.format(noon(first)) : style.format(noon(first)..<noon(last))
    }

    /// A short range of dates for a navigation link: `Jul 1 – 4`, `1.–4. Juli`, `4 jul – 2 ago`
    /// (`Jul 1` for one date).
    public func shortDateRange(_ first: LocalDate, _ last: LocalDate) -> String {
        range(first, last, template: "MMMd")
    }

    /// A range of dates in full, weekdays and year: `Thursday, July 1 – Sunday, July 4, 2027`,
    /// `Jueves, 1 de julio – domingo, 4 de julio de 2027` (`dayTitle` for one date).
    public func dayRangeTitle(_ first: LocalDate, _ last: LocalDate) -> String {
        first == last ? dayTitle(first) : range(first, last, template: "yMMMMdEEEE")
    }

    /// The month of a date for a navigation link: `Jul 2027`, `Juil. 2027`.
    public func shortMonth(_ date: LocalDate) -> String {
        shortMonthStyle.format(noon(date))
    }

    /// The first day of the week `date` falls in, the week starting on the language's first
    /// weekday (Sunday in the US, Monday in most of Europe, Saturday in much of the Arab world).
    public func weekStart(of date: LocalDate) -> LocalDate {
        let weekday = utcCalendar.component(.weekday, from: noon(date))
        return date.adding(days: -((weekday - firstWeekday + 7) % 7))
    }

    /// A range as the language writes it from a CLDR skeleton, its first letter a capital as
    /// the days' own titles have it (a range format has no capitalization context).
    private func range(_ first: LocalDate, _ last: LocalDate, template: String) -> String {
        let formatter = DateIntervalFormatter()
        formatter.locale = locale
        formatter.calendar = utcCalendar
        formatter.timeZone = utcCalendar.timeZone
        formatter.dateTemplate = template
        let text = formatter.string(from: noon(first), to: noon(last))
        return text.prefix(1).uppercased(with: locale) + text.dropFirst()
    }

    private func noon(_ date: LocalDate) -> Date {
        utcCalendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12))!
    }
}

/// A `DateFormatter` with a CLDR pattern for times of day, shared by copies of an
/// `EventTimeFormat`. DateFormatter is documented thread-safe for formatting, and this box
/// never changes it after creation.
private final class TimePattern: @unchecked Sendable {
    let pattern: String
    private let formatter: DateFormatter

    init(template: String, locale: Locale, timeZone: TimeZone) {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = timeZone
        pattern = DateFormatter.dateFormat(fromTemplate: template, options: 0, locale: locale) ?? "HH:mm"
        formatter.dateFormat = pattern
        self.formatter = formatter
    }

    func format(_ instant: Date) -> String { formatter.string(from: instant) }
}
