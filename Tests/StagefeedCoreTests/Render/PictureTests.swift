import Foundation
import Testing

@testable import StagefeedCore

/// The export's own pictures where readers meet them: an artist's page that shows its photo
/// offline after one visit, the signage screen's act on now with its photo, feeds and
/// calendars naming the copies; and a source's `javascript:` and `file:` URLs reaching none
/// of it.
@Suite struct PictureTests {
    /// The artist's page, visited once over HTTP, shows its photo again with the network gone.
    @Test func anArtistsPhotoShowsOfflineAfterOneVisit() async throws {
        struct Report: Decodable {
            struct Image: Decodable {
                var src: String?
                var shown: Bool
                var width: Int
            }
            struct Page: Decodable {
                var h1: String?
                var controlled: Bool
                var images: [Image]
            }
            var controlled: Bool
            var offline_page: Page
        }
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let page = "artists/rosa-and-the-thorns/index.html"
        let result = try await ExternalTool.run(
            "python3", [Repository.tool("offline_check.py").path, folder.path("output").path, page, page])
        #expect(result.status == 0, "\(result.output)")
        let report = try JSONDecoder().decode(Report.self, from: Data(result.output.utf8))
        #expect(report.controlled && report.offline_page.controlled)
        #expect(report.offline_page.h1 == "Rosa & the Thorns")
        let photo = try #require(report.offline_page.images.first)
        #expect(photo.src?.hasPrefix("../../images/") == true)
        #expect(photo.shown && photo.width == 480, "\(report.offline_page.images)")
    }

    /// The stage screen shows the photo of the act on now, and none between acts.
    @Test func theSignageShowsTheActOnNowWithItsPhoto() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let screen = folder.path("output/signage/stages/main-stage.html")
        func dom(_ now: String) async throws -> HTMLDocument {
            var parts = URLComponents(url: screen, resolvingAgainstBaseURL: false)!
            parts.queryItems = [URLQueryItem(name: "now", value: now)]
            return try await Browser.dumpDOM(parts.url!)
        }
        // Fennick Road (a photo) plays at 17:00; Juniper Vale (none) at 15:30.
        let fennick = try await dom("2027-07-23T17:00")
        #expect(fennick.text("//*[@id='now-act']") == "Fennick Road")
        #expect(fennick.count("//*[@id='now-photo'][not(@hidden)]/img[@alt='']") == 1)
        let src = try #require(fennick.strings("//*[@id='now-photo']/img/@src").first)
        #expect(src.hasPrefix("../../images/") && src.hasSuffix(".jpg"))
        #expect(
            FileManager.default.fileExists(atPath: screen.deletingLastPathComponent().appendingPathComponent(src).path))
        let juniper = try await dom("2027-07-23T15:30")
        #expect(juniper.text("//*[@id='now-act']") == "Juniper Vale")
        #expect(juniper.count("//*[@id='now-photo'][@hidden]") == 1 && juniper.count("//img") == 0)
    }

    /// Feeds name the copy beside the source's URL; calendars attach it at the public address.
    @Test func feedsAndCalendarsNameTheCopies() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(
            nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"),
            siteURL: URL(string: "https://riverbend.example/"))
        let feed =
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.path("output/feeds/program.json")))
            as! [String: Any]
        let rosa = try #require((feed["artists"] as! [[String: Any]]).first { $0["id"] as? String == "a_001" })
        #expect(rosa["image_url"] as? String == "https://images.riverbend.example/artists/a_001.jpg")
        let image = try #require(rosa["image"] as? [String: Any])
        let path = try #require(image["path"] as? String)
        #expect(image["width"] as? Int == 480 && image["type"] as? String == "image/jpeg")
        #expect(image["url"] as? String == "https://riverbend.example/" + path)
        #expect(FileManager.default.fileExists(atPath: folder.path("output/" + path).path))
        // Unfolded: long content lines continue on the next after a space.
        let calendar = try String(
            contentsOf: folder.path("output/calendar/artists/rosa-and-the-thorns.ics"), encoding: .utf8
        )
        .replacingOccurrences(of: "\r\n ", with: "")
        #expect(calendar.contains("IMAGE;VALUE=URI;DISPLAY=BADGE;FMTTYPE=image/jpeg:https://riverbend.example/images/"))
        #expect(calendar.contains("ATTACH;FMTTYPE=image/jpeg:https://riverbend.example/images/"))
    }

    /// `javascript:` and `file:` picture URLs (an artist's photo, an activity's image, a
    /// night's flyer) are dropped with a warning and never asked for nor shown.
    @Test func unsafePictureURLsReachNoPage() async throws {
        var draft = Fixtures.hostile()
        draft.artists[2].imageURL = "file:///etc/passwd"
        var workshop = Fixtures.performance(
            "p_workshop", stage: "s_rtl", artist: nil, "2027-07-24T15:00:00+02:00", "2027-07-24T16:00:00+02:00")
        workshop.activity = Activity(id: "act_x", name: "Workshop", imageURL: "javascript:alert(9)")
        workshop.details = NightDetails(flyerURL: "file:///etc/shadow")
        draft.performances.append(workshop)
        let program = try ProgramNormalizer().normalize(draft)
        #expect(program.imageRequests.isEmpty)
        #expect(program.warnings.contains(.unsafeLink(kind: "artist", id: "a_cluster", field: "image")))
        #expect(program.warnings.contains(.unsafeLink(kind: "activity", id: "act_x", field: "image")))
        #expect(program.warnings.contains(.unsafeLink(kind: "performance", id: "p_workshop", field: "flyer")))
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(
            draft, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"),
            siteURL: URL(string: "https://hostile.example/"))
        let output = folder.path("output")
        for path in TemporaryFolderListing.files(below: output) where !path.hasSuffix(".zip") {
            let text = String(decoding: try Data(contentsOf: output.appendingPathComponent(path)), as: UTF8.self)
            // (The event's description holds "javascript:alert(1)" as text; the activity's picture URL is the 9.)
            for bad in ["javascript:alert(9)", "file:///etc"] {
                #expect(!text.contains(bad), "\(path) carries \(bad)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("images").path))
    }
}
