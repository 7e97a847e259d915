import Foundation
import Testing

@testable import StagefeedCore

/// The website's pages show warnings and emergencies set with `stagefeed announce` as a
/// banner (never info): a stage's page those for every screen and for that stage, the other
/// pages those for every screen and for the board, fetched from the export's own feed, so
/// announcing rewrites no page. Banners and screens with announcements pass axe-core.
@Suite struct SiteAnnouncementTests {
    /// The demo with announcements in force for the next hour (the site's pages use the
    /// device's clock).
    private func announced() async throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let store = try ProgramStore(folder: folder.path("cache"))
        let now = Date()
        func add(_ level: Announcement.Level, _ text: String, _ screens: [ScreenTarget]) throws {
            _ = try store.addAnnouncement(
                AnnouncementDraft(
                    level: level, text: text, texts: [:], screens: screens, start: now,
                    end: now.addingTimeInterval(3600), timeZone: TimeZone(identifier: "Europe/Berlin")!,
                    setBy: "test@host"),
                at: now)
        }
        try add(.info, "Ticker only", [.all])
        try add(.warning, "Main Stage opens late", [.stage(slug: "main-stage")])
        try add(.warning, "Gates close at 23:00", [.board])
        try add(.emergency, "Storm: leave the Big Top", [.stage(slug: "big-top")])
        try add(.warning, "Shuttle buses every 10 minutes", [.all])
        try AnnouncementFile(store: store, folder: folder.path("output")).sync(at: now)
        return folder
    }

    @Test func warningsAndEmergenciesShowAsBanners() async throws {
        let folder = try await announced()
        let server = try await ServedFolder.start(folder.path("output"))
        defer { Task { await server.stop() } }
        func banners(_ page: String) async throws -> [String] {
            let dom = try await Browser.dumpDOM(URL(string: "http://127.0.0.1:\(server.port)/\(page)")!)
            return dom.strings("//div[@id='announcements']/p").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(
            try await banners("stages/main-stage/index.html") == [
                "Warning: Main Stage opens late", "Warning: Shuttle buses every 10 minutes",
            ])
        #expect(
            try await banners("stages/big-top/") == [
                "Emergency: Storm: leave the Big Top", "Warning: Shuttle buses every 10 minutes",
            ])
        #expect(
            try await banners("index.html") == [
                "Warning: Gates close at 23:00", "Warning: Shuttle buses every 10 minutes",
            ])
        #expect(try await banners("days/2027-07-24/index.html").count == 2)
    }

    @Test func anAnnouncementRewritesNoPage() async throws {
        let folder = try TemporaryFolder()
        let now = Fixtures.instant("2027-07-24T18:00:00+02:00")
        try await FixtureBuild.run(nil, in: folder, at: now)
        let store = try ProgramStore(folder: folder.path("cache"))
        _ = try store.addAnnouncement(
            AnnouncementDraft(
                level: .emergency, text: "Storm: leave the site", texts: [:], screens: [.all], start: now,
                end: now.addingTimeInterval(1800), timeZone: TimeZone(identifier: "Europe/Berlin")!,
                setBy: "test@host"),
            at: now)
        let report = try await FixtureBuild.run(nil, in: folder, at: now)
        #expect(report.write.written.filter { $0.hasSuffix(".html") || $0.hasSuffix(".js") }.isEmpty)
        #expect(report.write.written.contains(OutputPaths.announcements))
        let page = try String(contentsOf: folder.path("output/index.html"), encoding: .utf8)
        #expect(!page.contains("Storm"))
        #expect(page.contains(#"data-feed="feeds/announcements.json""#))
        let deep = try String(contentsOf: folder.path("output/stages/main-stage/index.html"), encoding: .utf8)
        #expect(deep.contains(#"data-feed="../../feeds/announcements.json""#))
    }

    @Test func axeFindsNoViolationsWithAnnouncementsShown() async throws {
        let folder = try await announced()
        let ready =
            "document.documentElement.dataset.signage ? document.body.dataset.announcementsState === 'fresh'"
            + " : !document.getElementById('announcements').hidden"
        let result = try await ExternalTool.run(
            "python3",
            [
                Repository.tool("axe_check.py").path, "--wait", ready, folder.path("output").path,
                "index.html", "stages/big-top/index.html", "signage/stages/main-stage.html",
                "signage/stages/big-top.html", "signage/board.html",
            ])
        #expect(result.status == 0, "\(result.output.suffix(3000))")
    }
}
