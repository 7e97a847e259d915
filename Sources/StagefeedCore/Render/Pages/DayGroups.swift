/// A long program's days in groups, for a navigation that stays short on a phone: calendar
/// weeks starting on the language's first weekday, or months when weeks would still be more
/// than `maximumGroups` (a venue's nights over a season). A program of `listedDays` days or
/// fewer has none: its navigation lists every day.
struct DayGroups {
    /// One group: its days (in program order), a short label (`Jul 4 – 10`, `Aug 2027`)
    /// and a full one (`Sunday, July 4 – Saturday, July 10, 2027`).
    struct Group {
        let days: [LocalDate]
        let short: String
        let title: String
    }

    /// Programs up to this many days list every day.
    static let listedDays = 14
    /// More weeks than this are grouped by month instead.
    static let maximumGroups = 10

    let groups: [Group]

    init?(days: [LocalDate], format: EventTimeFormat) {
        guard days.count > Self.listedDays else { return nil }
        let byWeek = Self.grouped(days) { format.weekStart(of: $0) }
        let byMonth = byWeek.count > Self.maximumGroups
        let grouped = byMonth ? Self.grouped(days) { LocalDate(year: $0.year, month: $0.month, day: 1) } : byWeek
        groups = grouped.map { days in
            let first = days[0], last = days[days.count - 1]
            return Group(
                days: days, short: byMonth ? format.shortMonth(first) : format.shortDateRange(first, last),
                title: format.dayRangeTitle(first, last))
        }
    }

    /// Consecutive days with the same key, in order.
    private static func grouped(_ days: [LocalDate], by key: (LocalDate) -> LocalDate) -> [[LocalDate]] {
        var groups: [[LocalDate]] = []
        var lastKey: LocalDate?
        for day in days {
            let dayKey = key(day)
            if dayKey == lastKey {
                groups[groups.count - 1].append(day)
            } else {
                groups.append([day])
                lastKey = dayKey
            }
        }
        return groups
    }
}
