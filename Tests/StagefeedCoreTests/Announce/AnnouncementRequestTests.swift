import Foundation
import Testing

@testable import StagefeedCore

/// What `stagefeed announce` accepts: texts, screens, languages and end times checked
/// against the demo festival (Europe/Berlin, festival days from 06:00), each refusal a
/// clear message naming what is wrong.
@Suite struct AnnouncementRequestTests {
    /// Friday 23 July 2027, 21:40 in Berlin.
    let now = Fixtures.instant("2027-07-23T21:40:00+02:00")
    let locales = [SiteLocale(tag: "en", isDefault: true)!, SiteLocale(tag: "de-DE", isDefault: false)!]

    private func program() async throws -> Program {
        try await DemoSource().load(normalizer: ProgramNormalizer()).program()
    }

    private func draft(_ request: AnnouncementRequest) async throws -> AnnouncementDraft {
        try request.draft(program: try await program(), locales: locales, now: now, setBy: "anna@stage-pc")
    }

    private func refusal(_ request: AnnouncementRequest) async throws -> AnnouncementError? {
        let program = try await program()
        do {
            _ = try request.draft(program: program, locales: locales, now: now, setBy: "anna@stage-pc")
            return nil
        } catch {
            return error
        }
    }

    @Test func aPlainAnnouncementIsInfoForEveryScreenUntilTheFestivalDayEnds() async throws {
        let draft = try await draft(AnnouncementRequest(text: "  Lockers are full  "))
        #expect(draft.text == "Lockers are full")
        #expect(draft.level == .info)
        #expect(draft.screens == [.all])
        #expect(draft.start == now)
        #expect(draft.end == Fixtures.instant("2027-07-24T06:00:00+02:00"), "the festival day ends at 06:00")
        #expect(draft.timeZone.identifier == "Europe/Berlin")
        #expect(draft.setBy == "anna@stage-pc")
    }

    @Test func screensLanguagesAndEnds() async throws {
        let targeted = try await draft(
            AnnouncementRequest(
                text: "Doors late", translations: [("de", "Einlass später"), ("DE-de", "Einlass später (DE)")],
                level: .warning, screens: ["Main-Stage,board", "main-stage"], duration: "20m"))
        #expect(targeted.screens == [.stage(slug: "main-stage"), .board])
        #expect(targeted.texts == ["de": "Einlass später", "de-de": "Einlass später (DE)"])
        #expect(targeted.end == now.addingTimeInterval(20 * 60))
        let all = try await draft(AnnouncementRequest(text: "x", screens: ["big-top", "all"]))
        #expect(all.screens == [.all], "all stands alone")
        // HH:MM is on this festival day: 01:30 is the night after, 23:00 tonight.
        let night = try await draft(AnnouncementRequest(text: "x", until: "01:30"))
        #expect(night.end == Fixtures.instant("2027-07-24T01:30:00+02:00"))
        let tonight = try await draft(AnnouncementRequest(text: "x", until: "23:00"))
        #expect(tonight.end == Fixtures.instant("2027-07-23T23:00:00+02:00"))
        let local = try await draft(AnnouncementRequest(text: "x", until: "2027-07-24T12:00"))
        #expect(local.end == Fixtures.instant("2027-07-24T12:00:00+02:00"))
        let offset = try await draft(AnnouncementRequest(text: "x", until: "2027-07-23T20:00:00Z"))
        #expect(offset.end == Fixtures.instant("2027-07-23T22:00:00+02:00"))
        let multiline = try await draft(AnnouncementRequest(text: "Line one\nLine two"))
        #expect(multiline.text == "Line one\nLine two", "line breaks are kept")
        let longest = try await draft(AnnouncementRequest(text: String(repeating: "é", count: 500)))
        #expect(longest.text.count == 500, "500 characters as people count them")
    }

    struct Refusal: Sendable, CustomStringConvertible {
        var request: AnnouncementRequest
        var expected: AnnouncementError
        var description: String { "\(expected)" }
    }

    static let refusals: [Refusal] = [
        Refusal(request: AnnouncementRequest(text: nil), expected: .noText),
        Refusal(request: AnnouncementRequest(text: ""), expected: .emptyText(flag: "the text")),
        Refusal(request: AnnouncementRequest(text: " \n\t "), expected: .emptyText(flag: "the text")),
        Refusal(
            request: AnnouncementRequest(text: String(repeating: "a", count: 501)),
            expected: .tooLong(flag: "the text", characters: 501)),
        Refusal(
            request: AnnouncementRequest(text: "x", translations: [("de", String(repeating: "ü", count: 600))]),
            expected: .tooLong(flag: "--text-de", characters: 600)),
        Refusal(
            request: AnnouncementRequest(text: "x", translations: [("de", " ")]),
            expected: .emptyText(flag: "--text-de")),
        Refusal(
            request: AnnouncementRequest(text: "bell \u{7}"),
            expected: .controlCharacter(flag: "the text", scalar: "U+0007")),
        Refusal(
            request: AnnouncementRequest(text: "x", screens: ["main-stage", "mainstage"]),
            expected: .unknownStage(
                slug: "mainstage", known: ["main-stage", "big-top", "forest-clearing", "late-night-barn"])),
        Refusal(
            request: AnnouncementRequest(text: "x", translations: [("fr", "y")]),
            expected: .unknownLanguage(flag: "--text-fr", languages: ["en", "de-DE"])),
        Refusal(
            request: AnnouncementRequest(text: "x", translations: [("not a tag", "y")]),
            expected: .unknownLanguage(flag: "--text-not a tag", languages: ["en", "de-DE"])),
        Refusal(request: AnnouncementRequest(text: "x", duration: "10m", until: "23:00"), expected: .forAndUntil),
        Refusal(request: AnnouncementRequest(text: "x", duration: "0s"), expected: .badDuration("0s")),
        Refusal(request: AnnouncementRequest(text: "x", duration: "soon"), expected: .badDuration("soon")),
        Refusal(request: AnnouncementRequest(text: "x", until: "tomorrow"), expected: .badTime("tomorrow")),
        Refusal(request: AnnouncementRequest(text: "x", until: "25:00"), expected: .badTime("25:00")),
        Refusal(
            request: AnnouncementRequest(text: "x", until: "21:00"),
            expected: .endInPast(given: "21:00", now: "Fri 23 21:40")),
        Refusal(
            request: AnnouncementRequest(text: "x", until: "2027-07-23T19:40:00Z"),
            expected: .endInPast(given: "2027-07-23T19:40:00Z", now: "Fri 23 21:40")),
    ]

    @Test(arguments: refusals)
    func badInputIsRefusedWithAClearMessage(_ refusal: Refusal) async throws {
        #expect(try await self.refusal(refusal.request) == refusal.expected)
    }

    @Test func messagesNameWhatIsWrong() {
        #expect(
            AnnouncementError.unknownStage(slug: "mainstage", known: ["main-stage", "big-top"]).description
                == "--screens: no stage has the slug \"mainstage\"; give all, board or one of the stages: main-stage, big-top"
        )
        #expect(
            AnnouncementError.tooLong(flag: "the text", characters: 612).description
                == "the text has 612 characters; an announcement has at most 500, so it can be read from afar: shorten it"
        )
        #expect(
            AnnouncementError.endInPast(given: "21:00", now: "Fri 23 21:40").description
                == "--until 21:00: that time has passed (it is Fri 23 21:40, festival time); give a later one")
    }
}
