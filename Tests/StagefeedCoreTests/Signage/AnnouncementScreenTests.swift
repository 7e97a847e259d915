import Foundation
import Testing

@testable import StagefeedCore

/// Announcements on the signage screens in headless Chromium, served over HTTP with the
/// clock frozen by `?now=`: each level where it belongs (info a ticker line, warning a
/// banner, emergency the whole screen), only on the screens it is for, in the screen's
/// language, and gone at its end by the screen's own clock, also offline.
@Suite struct AnnouncementScreenTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    /// The demo in English and German, with announcements from 21:00 to 23:00 on Friday
    /// 23 July 2027 (and one that ends at 21:50) written by the store's writer.
    static func announced() async throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(
            nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"),
            locales: [.english, SiteLocale(tag: "de", isDefault: false)!])
        let store = try ProgramStore(folder: folder.path("cache"))
        let start = Fixtures.instant("2027-07-23T21:00:00+02:00"), end = Fixtures.instant("2027-07-23T23:00:00+02:00")
        func add(
            _ level: Announcement.Level, _ text: String, _ screens: [ScreenTarget], german: String? = nil,
            end: Date = end
        ) throws {
            _ = try store.addAnnouncement(
                AnnouncementDraft(
                    level: level, text: text, texts: german.map { ["de": $0] } ?? [:], screens: screens, start: start,
                    end: end, timeZone: berlin, setBy: "test@host"),
                at: start)
        }
        try add(.info, "Lockers are full", [.all], german: "Schließfächer sind voll")
        try add(.info, "Free water at the Main Stage bar", [.stage(slug: "main-stage")])
        try add(.warning, "Gates close at 23:00", [.board])
        try add(
            .emergency, "Storm: leave the Big Top by the side exits", [.stage(slug: "big-top")],
            german: "Sturm: Big Top über die Seitenausgänge verlassen")
        try add(
            .emergency, "Short emergency", [.stage(slug: "forest-clearing")],
            end: Fixtures.instant("2027-07-23T21:50:00+02:00"))
        try AnnouncementFile(store: store, folder: folder.path("output")).sync(at: start)
        return folder
    }

    private func screen(_ server: ServedFolder, _ page: String, now: String) async throws -> HTMLDocument {
        try await Browser.dumpDOM(URL(string: "http://127.0.0.1:\(server.port)/\(page)?now=\(now)")!)
    }

    @Test func eachLevelShowsOnTheScreensItIsForInTheirLanguage() async throws {
        let folder = try await Self.announced()
        let server = try await ServedFolder.start(folder.path("output"))
        defer { Task { await server.stop() } }

        let main = try await screen(server, "signage/stages/main-stage.html", now: "2027-07-23T21:40")
        #expect(main.text("//body/@data-announcement") == "info")
        #expect(
            main.strings("//p[@id='ticker-track']/span[1]/bdi") == [
                "Lockers are full", "Free water at the Main Stage bar",
            ])
        #expect(main.text("//*[@id='ticker-label']") == "Info")
        #expect(main.count("//*[@id='warnings']/div") == 0)
        #expect(main.text("//*[@id='emergency']/@hidden") != nil)
        #expect(main.text("//*[@id='now-act']") == "The Hollow Pines", "the program stays")

        let bigTop = try await screen(server, "signage/stages/big-top.html", now: "2027-07-23T21:40")
        #expect(bigTop.text("//body/@data-announcement") == "emergency")
        #expect(bigTop.text("//*[@id='emergency']/@hidden") == nil)
        #expect(bigTop.text("//*[@id='emergency-level']") == "Emergency")
        #expect(bigTop.strings("//*[@id='emergency-text']/p") == ["Storm: leave the Big Top by the side exits"])
        #expect(bigTop.text("//div[@class='screen']/@aria-hidden") == "true", "the program hidden")
        let german = try await screen(server, "de/signage/stages/big-top.html", now: "2027-07-23T21:40")
        #expect(german.strings("//*[@id='emergency-text']/p") == ["Sturm: Big Top über die Seitenausgänge verlassen"])
        #expect(german.text("//*[@id='emergency-level']") == "Notfall")

        let board = try await screen(server, "signage/board.html", now: "2027-07-23T21:40")
        #expect(board.text("//body/@data-announcement") == "warning")
        #expect(board.strings("//*[@id='warnings']/div/bdi") == ["Gates close at 23:00"])
        #expect(board.strings("//*[@id='warnings']/div/span") == ["Warning"])
        #expect(board.strings("//p[@id='ticker-track']/span[1]/bdi") == ["Lockers are full"])
        let germanBoard = try await screen(server, "de/signage/board.html", now: "2027-07-23T21:40")
        #expect(germanBoard.strings("//*[@id='warnings']/div/span") == ["Warnung"])
        #expect(
            germanBoard.strings("//*[@id='warnings']/div/bdi") == ["Gates close at 23:00"],
            "no German text: the main one")
        #expect(germanBoard.strings("//p[@id='ticker-track']/span[1]/bdi") == ["Schließfächer sind voll"])

        // Past their end, by the screen's clock: gone, whatever the file still says.
        let later = try await screen(server, "signage/stages/big-top.html", now: "2027-07-23T23:01")
        #expect(later.text("//body/@data-announcement") == "none")
        #expect(later.text("//*[@id='emergency']/@hidden") != nil)
        #expect(later.text("//*[@id='ticker']/@hidden") != nil)
    }

    struct Reading: Decodable {
        var announcement: String
        var emergency: String
        var warnings: [String]
        var ticker: [String]
        var now: String
        var state: String
    }

    static func visits(_ output: URL, _ steps: [String]) async throws -> [Reading] {
        let result = try await ExternalTool.run(
            "python3", [Repository.tool("signage_visits.py").path, output.path] + steps)
        guard result.status == 0, let last = result.output.split(separator: "\n").last else {
            throw VisitFailure(output: result.output)
        }
        return try JSONDecoder().decode([Reading].self, from: Data(last.utf8))
    }

    struct VisitFailure: Error, CustomStringConvertible {
        var output: String
        var description: String { output }
    }

    /// The server goes away: the screen keeps its emergency (a screen offline keeps the last
    /// announcements it had) until the emergency's end by its own clock, then shows the program.
    @Test func anEmergencyNeverOutlivesItsEndOnAScreenThatIsOffline() async throws {
        let folder = try await Self.announced()
        let readings = try await Self.visits(
            folder.path("output"),
            [
                "signage/stages/forest-clearing.html?now=2027-07-23T21:40", "stop", "wait:16",
                "address:?now=2027-07-23T21:49", "address:?now=2027-07-23T21:51",
            ])
        // After the emergency, the ticker line for every screen is what is left.
        #expect(readings.map(\.announcement) == ["emergency", "emergency", "emergency", "emergency", "info"])
        #expect(readings[4].ticker == ["Lockers are full"])
        #expect(readings[0].emergency == "Short emergency")
        #expect(readings[2].state == "offline", "a poll failed while the server was away")
        #expect(readings[4].emergency == "")
        #expect(readings[4].now != "", "the program is back")
    }
}
