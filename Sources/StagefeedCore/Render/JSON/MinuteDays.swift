import Foundation

/// The festival days as the site's scripts read them, in whole minutes: `base`, the first
/// day's start in minutes since 1970, and each day as `[date, start, end]` in minutes from
/// `base`. The search index and every page's `site-data` carry the days this way, a few
/// bytes a day rather than two ISO 8601 times.
struct MinuteDays: Sendable {
    /// Minutes since 1970 of the first day's start (else of `fallback`, else 0).
    let base: Int
    private let days: [(date: String, start: Int, end: Int)]

    init(_ days: [FestivalDay], fallback: Date? = nil) {
        let first = days.first?.start ?? fallback ?? Date(timeIntervalSince1970: 0)
        let base = Int((first.timeIntervalSince1970 / 60).rounded(.down))
        self.base = base
        self.days = days.map { day in
            (day.date.description, Self.minutes(day.start, from: base), Self.minutes(day.end, from: base))
        }
    }

    /// How many days.
    var count: Int { days.count }

    /// An instant in whole minutes from `base`, rounded down.
    func minutes(_ instant: Date) -> Int { Self.minutes(instant, from: base) }

    /// `"base":…,"days":[…]` into the object being written (the two keys follow each other
    /// in sorted order).
    func write(into json: inout JSONWriter) {
        json.key("base")
        json.number(base)
        json.key("days")
        json.beginArray()
        for day in days {
            json.beginArray()
            json.string(day.date)
            json.number(day.start)
            json.number(day.end)
            json.endArray()
        }
        json.endArray()
    }

    private static func minutes(_ instant: Date, from base: Int) -> Int {
        Int((instant.timeIntervalSince1970 / 60).rounded(.down)) - base
    }
}
