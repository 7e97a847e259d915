import Foundation
import Testing

@testable import StagefeedCore

@Suite struct FestivalCalendarTests {
    let berlin = FestivalCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!, dayStart: .standard)

    @Test(arguments: [
        ("2027-07-23T23:59:00+02:00", "2027-07-23"),
        ("2027-07-24T00:00:00+02:00", "2027-07-23"),
        ("2027-07-24T01:30:00+02:00", "2027-07-23"),
        ("2027-07-24T05:59:00+02:00", "2027-07-23"),
        ("2027-07-24T06:00:00+02:00", "2027-07-24"),
        ("2027-07-23T22:30:00Z", "2027-07-23"),  // 00:30 local
        ("2027-07-24T04:00:00Z", "2027-07-24"),  // 06:00 local
    ])
    func assignsSetsAroundMidnightToTheRightDay(instant: String, day: String) {
        #expect(berlin.festivalDay(of: Fixtures.instant(instant)) == LocalDate(iso: day))
    }

    @Test func readsWallClockNotMachineTime() {
        // 01:30 in Melbourne is still the previous festival day, whatever the machine's zone.
        let melbourne = FestivalCalendar(timeZone: TimeZone(identifier: "Australia/Melbourne")!, dayStart: .standard)
        #expect(
            melbourne.festivalDay(of: Fixtures.instant("2026-03-15T01:30:00+11:00")) == LocalDate(iso: "2026-03-14"))
    }

    @Test func dayStartIsConfigurable() {
        let late = FestivalCalendar(
            timeZone: TimeZone(identifier: "Europe/Berlin")!, dayStart: DayStart(hour: 4, minute: 0))
        #expect(late.festivalDay(of: Fixtures.instant("2027-07-24T04:30:00+02:00")) == LocalDate(iso: "2027-07-24"))
        #expect(late.festivalDay(of: Fixtures.instant("2027-07-24T03:59:00+02:00")) == LocalDate(iso: "2027-07-23"))
    }

    @Test func springForwardNightInBerlin() {
        // Clocks go from 02:00 CET to 03:00 CEST on Sunday 28 March 2027.
        let saturdayNight = LocalDate(iso: "2027-03-27")!
        #expect(berlin.festivalDay(of: Fixtures.instant("2027-03-28T01:30:00+01:00")) == saturdayNight)
        #expect(berlin.festivalDay(of: Fixtures.instant("2027-03-28T03:30:00+02:00")) == saturdayNight)
        #expect(berlin.festivalDay(of: Fixtures.instant("2027-03-28T06:00:00+02:00")) == LocalDate(iso: "2027-03-28"))
        // That festival day is 23 hours long and starts and ends at 06:00 local time.
        #expect(berlin.start(of: saturdayNight) == Fixtures.instant("2027-03-27T06:00:00+01:00"))
        #expect(berlin.end(of: saturdayNight) == Fixtures.instant("2027-03-28T06:00:00+02:00"))
        #expect(berlin.end(of: saturdayNight).timeIntervalSince(berlin.start(of: saturdayNight)) == 23 * 3600)
    }

    @Test func fallBackNightInBerlin() {
        // Clocks go from 03:00 CEST back to 02:00 CET on Sunday 31 October 2027: a 25-hour day.
        let saturday = LocalDate(iso: "2027-10-30")!
        #expect(berlin.festivalDay(of: Fixtures.instant("2027-10-31T02:30:00+01:00")) == saturday)
        #expect(berlin.end(of: saturday).timeIntervalSince(berlin.start(of: saturday)) == 25 * 3600)
    }

    @Test func dayStartInsideTheDSTGapMovesForward() {
        let gap = FestivalCalendar(
            timeZone: TimeZone(identifier: "Europe/Berlin")!, dayStart: DayStart(hour: 2, minute: 30))
        let start = gap.start(of: LocalDate(iso: "2027-03-28")!)
        #expect(
            start == Fixtures.instant("2027-03-28T03:30:00+02:00")
                || start == Fixtures.instant("2027-03-28T03:00:00+02:00"))
    }

    @Test(arguments: ["06:00", "00:00", "23:59", "04:30"])
    func parsesDayStarts(text: String) {
        #expect(DayStart(parsing: text)?.description == text)
    }

    @Test(arguments: ["6:00", "24:00", "12:60", "noon", "", "06:00:00", "-1:00"])
    func rejectsMalformedDayStarts(text: String) {
        #expect(DayStart(parsing: text) == nil)
    }

    @Test func localDatesStepAcrossMonthsAndLeapDays() {
        #expect(LocalDate(iso: "2028-02-28")!.adding(days: 1).description == "2028-02-29")
        #expect(LocalDate(iso: "2027-12-31")!.adding(days: 1).description == "2028-01-01")
        #expect(
            LocalDate(iso: "2027-07-23")!.through(LocalDate(iso: "2027-07-25")!).map(\.description)
                == ["2027-07-23", "2027-07-24", "2027-07-25"])
        #expect(LocalDate(iso: "2027-02-29") == nil)
        #expect(LocalDate(iso: "2027-7-23") == nil)
    }
}
