import Foundation
import Testing

@testable import StagefeedCore

/// A stage's screen puts its own sets of the festival day that moved, left for another
/// stage or were cancelled since it first showed that day (from `feeds/changes.json`) in
/// its ticker; other stages' sets, other days' and older changes stay out.
@Suite struct ChangeTickerTests {
    private func program(changed: Bool) -> ProgramDraft {
        Fixtures.draft(
            [
                Fixtures.performance(
                    "p_moved", changed ? "2027-07-23T22:15:00+02:00" : "2027-07-23T20:00:00+02:00",
                    changed ? "2027-07-23T23:15:00+02:00" : "2027-07-23T21:00:00+02:00", title: "Kate Burke"),
                Fixtures.performance(
                    "p_away", stage: changed ? "s_tent" : "s_main", "2027-07-23T16:00:00+02:00",
                    "2027-07-23T17:00:00+02:00", title: "Moves Away"),
                Fixtures.performance(
                    "p_tent", stage: "s_tent", changed ? "2027-07-23T19:30:00+02:00" : "2027-07-23T19:00:00+02:00",
                    "2027-07-23T20:30:00+02:00", title: "Tent Set"),
                Fixtures.performance(
                    "p_tomorrow", changed ? "2027-07-24T21:00:00+02:00" : "2027-07-24T20:00:00+02:00",
                    "2027-07-24T22:00:00+02:00", title: "Tomorrow Set"),
            ]
                + (changed
                    ? []
                    : [
                        Fixtures.performance(
                            "p_cancelled", "2027-07-23T18:00:00+02:00", "2027-07-23T19:00:00+02:00", title: "Early Set")
                    ]))
    }

    @Test func aStageScreenTicksItsOwnChangedSetsOfTheDay() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(
            program(changed: false), in: folder, at: Fixtures.instant("2027-07-23T12:00:00+02:00"))
        // The program changes at 18:00.
        try await FixtureBuild.run(
            program(changed: true), in: folder, at: Fixtures.instant("2027-07-23T18:00:00+02:00"))
        let page = "signage/stages/main-stage.html"
        // A screen that has shown Friday since 17:00.
        let shown = try await AnnouncementScreenTests.visits(
            folder.path("output"),
            [page + "?now=2027-07-23T17:00", page + "?now=2027-07-23T19:00", page + "?now=2027-07-24T19:00"])
        #expect(
            Set(shown[1].ticker)
                == [
                    "Moved: Kate Burke now 22:15", "Cancelled: Early Set", "New stage: Moves Away now on Tent at 16:00",
                ])
        #expect(shown[1].announcement == "info", "program changes are info-level ticker lines")
        #expect(shown[2].ticker == [], "Saturday: the screen first shows it now")
        // A screen switched on after the change: its program is already the new one.
        let late = try await AnnouncementScreenTests.visits(folder.path("output"), [page + "?now=2027-07-23T19:00"])
        #expect(late[0].ticker == [])
        #expect(late[0].announcement == "none")
    }
}
