import Foundation
import Logging
import Testing

@testable import StagefeedCore

/// The signage pages in headless Chromium, the clock frozen with `?now=`: the DOM must
/// show the right act now and next in every situation a stage goes through.
@Suite struct SignageScreenTests {
    struct Expected: Sendable, CustomStringConvertible {
        var stage: String
        var now: String
        var state: String
        var current: String
        var next: String
        var description: String { "\(stage) at \(now)" }
    }

    /// The demo, Friday 23 July 2027: Main Stage 13:30 Stillwater Brass, 15:00–16:15 Juniper
    /// Vale, 16:45 Fennick Road, 18:45 Wilder Than Willow, 20:45–22:15 The Hollow Pines; Late
    /// Night Barn 00:05–01:20 Secret Set, 01:45–03:00 DJ Hedgerow (Saturday morning).
    static let demoCases = [
        Expected(
            stage: "main-stage", now: "2027-07-23T11:00", state: "before", current: "First on stage at 13:30",
            next: "Stillwater Brass"),
        Expected(
            stage: "main-stage", now: "2027-07-23T15:30", state: "playing", current: "Juniper Vale",
            next: "Fennick Road"),
        Expected(
            stage: "main-stage", now: "2027-07-23T16:20", state: "playing", current: "Juniper Vale",
            next: "Fennick Road"),
        Expected(
            stage: "main-stage", now: "2027-07-23T16:30", state: "between", current: "Changeover", next: "Fennick Road"),
        Expected(
            stage: "main-stage", now: "2027-07-23T16:45", state: "playing", current: "Fennick Road",
            next: "Wilder Than Willow"),
        Expected(
            stage: "late-night-barn", now: "2027-07-24T00:30", state: "playing", current: "Secret Set",
            next: "DJ Hedgerow"),
        Expected(
            stage: "late-night-barn", now: "2027-07-24T01:30", state: "between", current: "Changeover",
            next: "DJ Hedgerow"),
        Expected(
            stage: "main-stage", now: "2027-07-23T23:00", state: "finished", current: "That's all on this stage today",
            next: ""),
    ]

    @Test(arguments: demoCases)
    func aStageScreenShowsNowAndNext(_ expected: Expected) async throws {
        let output = try await Self.demo()
        let dom = try await Browser.dumpDOM(
            Self.url(output.path("output/signage/stages/\(expected.stage).html"), now: expected.now))
        #expect(dom.text("//body/@data-state") == expected.state)
        #expect(dom.text("//*[@id='now-act']") ?? "" == expected.current)
        #expect(dom.text("//*[@id='next-act']") ?? "" == expected.next)
        #expect(dom.text("//*[@id='clock']") == String(expected.now.suffix(5)))
        #expect(dom.text("//*[@id='status']") ?? "" == "", "no offline mark from file://")
    }

    @Test func laterListsTheRestOfTheFestivalDayAndTheProgressMoves() async throws {
        let output = try await Self.demo()
        let dom = try await Browser.dumpDOM(
            Self.url(output.path("output/signage/stages/main-stage.html"), now: "2027-07-23T15:30"))
        #expect(dom.strings("//ol[@id='later']/li/bdi") == ["Wilder Than Willow", "The Hollow Pines"])
        #expect(dom.text("//*[@id='now-when']") == "15:00–16:15")
        #expect(dom.text("//*[@id='now-progress']/@style") == "--done: 40.0%;")
    }

    /// The night the clocks go back: a set from 01:30 (summer time) to 03:30 (winter time).
    @Test func theDSTNightKeepsRealDurations() async throws {
        let folder = try TemporaryFolder()
        let draft = Fixtures.draft(
            [
                Fixtures.performance(
                    "p_1", "2027-10-31T01:30:00+02:00", "2027-10-31T03:30:00+01:00", title: "Long Night"),
                Fixtures.performance(
                    "p_2", "2027-10-31T03:45:00+01:00", "2027-10-31T04:30:00+01:00", title: "Last Call"),
            ], event: Fixtures.event(start: "2027-10-30", end: "2027-10-31"))
        try await FixtureBuild.run(draft, in: folder, at: Fixtures.instant("2027-10-01T12:00:00Z"))
        let page = folder.path("output/signage/stages/main-stage.html")
        let during = try await Browser.dumpDOM(Self.url(page, now: "2027-10-31T03:20"))
        #expect(during.text("//*[@id='now-act']") == "Long Night")
        #expect(during.text("//*[@id='now-when']") == "01:30–03:30")
        #expect(during.text("//*[@id='now-progress']/@style") == "--done: 94.4%;", "2 h 50 of 3 h")
        let after = try await Browser.dumpDOM(Self.url(page, now: "2027-10-31T03:40"))
        #expect(after.text("//body/@data-state") == "between")
        #expect(after.text("//*[@id='next-act']") == "Last Call")
    }

    @Test func theBoardShowsEveryStageAndFilters() async throws {
        let output = try await Self.demo()
        let board = output.path("output/signage/board.html")
        let dom = try await Browser.dumpDOM(Self.url(board, now: "2027-07-23T21:00"))
        #expect(
            dom.strings("//tbody/tr/@data-stage") == ["main-stage", "big-top", "forest-clearing", "late-night-barn"])
        #expect(dom.text("//tr[@data-stage='main-stage']/td[@class='now']/bdi") == "The Hollow Pines")
        #expect(dom.text("//tr[@data-stage='main-stage']/td[@class='now']/span") == "20:45–22:15")
        #expect(dom.text("//tr[@data-stage='late-night-barn']/td[@class='now']/bdi") == "Jonny \"Two Strings\" Pike")
        #expect(dom.text("//tr[@data-stage='late-night-barn']/td[@class='next']/bdi") == "The Bothy Boys")
        var filtered = URLComponents(url: Self.url(board, now: "2027-07-23T21:00"), resolvingAgainstBaseURL: false)!
        filtered.queryItems! += [URLQueryItem(name: "stage", value: "main-stage,late-night-barn")]
        let only = try await Browser.dumpDOM(filtered.url!)
        #expect(only.strings("//tbody/tr[not(@hidden)]/@data-stage") == ["main-stage", "late-night-barn"])
    }

    @Test func aClockThatIsClearlyWrongShowsTheDaysFullList() async throws {
        let output = try await Self.demo()
        let dom = try await Browser.dumpDOM(
            Self.url(output.path("output/signage/stages/main-stage.html"), now: "2019-01-01T12:00"))
        #expect(dom.text("//body/@data-state") == "clock")
        // No "now": the whole program, day by day.
        #expect(
            dom.strings("//ol[@id='later']/li[@class='day']") == [
                "Friday, July 23", "Saturday, July 24", "Sunday, July 25",
            ])
        #expect(
            dom.strings("//ol[@id='later']/li/bdi").prefix(5) == [
                "Stillwater Brass", "Juniper Vale", "Fennick Road", "Wilder Than Willow", "The Hollow Pines",
            ])
        #expect(dom.count("//ol[@id='later']/li/bdi") == 16)
        #expect(dom.text("//*[@id='now-act']") ?? "" == "")
        #expect(dom.text("//*[@id='status']") == "check this screen's clock")
        #expect(dom.text("//*[@id='clock']") ?? "" == "")
    }

    /// A set nested inside a longer one, and a set that runs past the festival day's start
    /// (06:00): the long set stays on around the short one; the late one is on at 06:30.
    @Test func overlappingSetsAndASetAcrossTheDayStart() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(
            Fixtures.draft([
                Fixtures.performance(
                    "p_long", "2027-07-23T20:00:00+02:00", "2027-07-23T23:00:00+02:00", title: "Long Set"),
                Fixtures.performance(
                    "p_guest", "2027-07-23T21:00:00+02:00", "2027-07-23T21:20:00+02:00", title: "Guest Spot"),
                Fixtures.performance(
                    "p_dawn", "2027-07-24T05:00:00+02:00", "2027-07-24T08:00:00+02:00", title: "Sunrise Set"),
                Fixtures.performance(
                    "p_noon", "2027-07-24T12:00:00+02:00", "2027-07-24T13:00:00+02:00", title: "Noon Set"),
            ]), in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let page = folder.path("output/signage/stages/main-stage.html")
        let guest = try await Browser.dumpDOM(Self.url(page, now: "2027-07-23T21:10"))
        #expect(guest.text("//*[@id='now-act']") == "Guest Spot")
        let after = try await Browser.dumpDOM(Self.url(page, now: "2027-07-23T22:00"))
        #expect(after.text("//*[@id='now-act']") == "Long Set")
        #expect(after.text("//body/@data-state") == "playing")
        let dawn = try await Browser.dumpDOM(Self.url(page, now: "2027-07-24T06:30"))
        #expect(dawn.text("//*[@id='now-act']") == "Sunrise Set")
        #expect(dawn.text("//*[@id='next-act']") == "Noon Set")
    }

    /// A demo build made on 1 July 2027.
    static func demo() async throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        return folder
    }

    static func url(_ file: URL, now: String) -> URL {
        var components = URLComponents(url: file, resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "now", value: now)]
        return components.url!
    }
}
