import Foundation

/// The geometry of a day's timetable grid: time runs down in five-minute rows from the
/// start of the first set's hour to the end of the last set's hour, one column per stage
/// (sets that overlap on one stage are drawn over each other). Rows count
/// real elapsed time, so a DST change inside the night adds or removes an hour of rows.
struct DayGrid {
    /// One hour mark down the side.
    struct HourMark {
        var instant: Date
        var row: Int
    }

    static let slot: TimeInterval = 300

    let start: Date
    let rows: Int
    let hours: [HourMark]

    /// Nil when the day has no sets.
    init?(performances: [Performance], format: EventTimeFormat) {
        guard let first = performances.map(\.start).min(), let last = performances.map(\.end).max() else { return nil }
        start = first.addingTimeInterval(-format.secondsIntoHour(first))
        let overhang = format.secondsIntoHour(last)
        let end = overhang == 0 ? last : last.addingTimeInterval(3600 - overhang)
        rows = max(1, Int((end.timeIntervalSince(start) / Self.slot).rounded(.up)))
        var hours: [HourMark] = []
        var mark = start
        while mark < end {
            hours.append(HourMark(instant: mark, row: Int((mark.timeIntervalSince(start) / Self.slot).rounded()) + 1))
            mark = mark.addingTimeInterval(3600)
        }
        self.hours = hours
    }

    /// Where a set of the day sits: its first row (1-based) and its number of rows.
    func place(_ performance: Performance) -> (row: Int, span: Int) {
        let row = Int((performance.start.timeIntervalSince(start) / Self.slot).rounded(.down)) + 1
        let endRow = Int((performance.end.timeIntervalSince(start) / Self.slot).rounded(.up)) + 1
        return (row, max(1, min(endRow, rows + 1) - row))
    }
}
