import Foundation
import Testing

@testable import StagefeedCore

/// The calendars' times are worked out by arithmetic (`LocalTime`, `EventClock`): they must
/// be what Foundation's calendar and the tz database say.
@Suite struct CalendarTimeTests {
    /// Foundation's reading of `instant` at `offset`.
    private func foundationText(_ instant: Date, offset: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset)!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        return String(
            format: "%04d%02d%02dT%02d%02d%02d", parts.year!, parts.month!, parts.day!, parts.hour!,
            parts.minute!, parts.second!)
    }

    @Test func wallTimesAreFoundationsAtAnyOffset() {
        var random = SeededGenerator(seed: 2027)
        // Whole hours, half and quarter hours, and local mean time's seconds (Amsterdam, 1909).
        let offsets = [0, 3600, -3600, 7200, -12 * 3600, 14 * 3600, 19_800, -9000, 20_700, 1172, -1172, 21_208]
        // 1901 to 2099, with fractions of a second, and the edges of days, months and years.
        var instants = (0..<3000).map { _ in
            Date(timeIntervalSince1970: Double(random.next() % 6_250_000_000) - 2_150_000_000 + 0.75)
        }
        instants += ["2027-12-31T23:59:59Z", "2028-02-29T00:00:00Z", "2000-03-01T00:00:00Z", "1969-12-31T23:59:59Z"]
            .map { Fixtures.instant($0) }
        for instant in instants {
            for offset in offsets {
                #expect(
                    VTimeZoneBuilder.localTime(instant, offset: offset) == foundationText(instant, offset: offset),
                    "\(instant) at \(offset)")
            }
        }
    }

    @Test func iso8601TimesAreFoundationsInTheEventsZone() {
        var random = SeededGenerator(seed: 24)
        let start = Fixtures.instant("2027-01-01T00:00:00Z"), end = Fixtures.instant("2028-01-01T00:00:00Z")
        for zone in [
            "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "UTC", "Pacific/Kiritimati", "America/Los_Angeles",
        ] {
            let timeZone = TimeZone(identifier: zone)!
            let clock = EventClock(timeZone: timeZone, from: start, to: end)
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = timeZone
            for _ in 0..<400 {
                let instant = start.addingTimeInterval(Double(random.next() % 31_536_000_000) / 1000)
                #expect(clock.iso8601(instant) == formatter.string(from: instant), "\(zone) \(instant)")
            }
        }
        // A year of five digits is written as it is, from its pieces.
        let far = Date(timeIntervalSince1970: 253_402_300_800)
        #expect(EventClock(timeZone: .gmt, from: start, to: end).iso8601(far) == "10000-01-01T00:00:00Z")
    }

    @Test func theRepeatedHourOfAnAutumnChangeIsFoundOnTheEventsClock() {
        for (zone, change) in [
            ("Europe/Berlin", "2027-10-31T01:00:00Z"), ("Australia/Melbourne", "2027-04-03T16:00:00Z"),
            ("America/St_Johns", "2027-11-07T04:30:00Z"),
        ] {
            let timeZone = TimeZone(identifier: zone)!
            let changeInstant = Fixtures.instant(change)
            let clock = EventClock(
                timeZone: timeZone, from: changeInstant.addingTimeInterval(-86_400),
                to: changeInstant.addingTimeInterval(86_400))
            var repeated = 0
            for quarter in -48...48 {
                let instant = changeInstant.addingTimeInterval(Double(quarter) * 900)
                #expect(clock.offset(at: instant) == timeZone.secondsFromGMT(for: instant), "\(zone) \(instant)")
                let isSecond = CalendarEntry.isSecondOccurrence(instant, clock: clock)
                // The second occurrence: the hour after the change, shown before it too.
                #expect(isSecond == (quarter >= 0 && quarter < 4), "\(zone) \(instant)")
                if isSecond { repeated += 1 }
            }
            #expect(repeated == 4)
            // Outside the festival (a set cancelled long before), the clock asks the zone.
            for far in [changeInstant.addingTimeInterval(-200 * 86_400), changeInstant.addingTimeInterval(90 * 86_400)]
            {
                #expect(clock.offset(at: far) == timeZone.secondsFromGMT(for: far), "\(zone) \(far)")
            }
        }
    }
}
