import Foundation
import Testing

@testable import StagefeedCore

/// The HTML packages for players that take a zip: one `index.html` each, polling the public
/// feeds when the site's address is known, and working on their own once unpacked.
@Suite struct SignagePackageTests {
    @Test func eachPackageHoldsAWorkingPage() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(
            nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"),
            siteURL: URL(string: "https://riverbend.example/timetable/"))
        let packages = folder.path("output/signage/packages")
        let names = try FileManager.default.contentsOfDirectory(atPath: packages.path).sorted()
        #expect(names == ["board.zip", "stages"])
        let stages = try FileManager.default.contentsOfDirectory(atPath: packages.appendingPathComponent("stages").path)
            .sorted()
        #expect(stages == ["big-top.zip", "forest-clearing.zip", "late-night-barn.zip", "main-stage.zip"])

        // Python's zipfile, an independent reader, unpacks it.
        let unpacked = folder.path("unpacked")
        let result = try await ExternalTool.run(
            "python3",
            [
                "-c",
                "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.namelist()); z.testzip(); z.extractall(sys.argv[2])",
                packages.appendingPathComponent("stages/main-stage.zip").path, unpacked.path,
            ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.hasPrefix("['index.html']"))
        let page = try HTMLDocument(file: unpacked.appendingPathComponent("index.html"))
        #expect(page.text("/html/@data-feed") == "https://riverbend.example/timetable/feeds/stages/main-stage.json")
        #expect(page.text("/html/@data-version-url") == "https://riverbend.example/timetable/signage/version.json")
        // Announcements and program changes from the public site too; no event stream there.
        #expect(
            page.text("/html/@data-announcements") == "https://riverbend.example/timetable/feeds/announcements.json")
        #expect(page.text("/html/@data-changes") == "https://riverbend.example/timetable/feeds/changes.json")
        #expect(page.text("/html/@data-events") == "")
        let site = try HTMLDocument(file: folder.path("output/signage/stages/main-stage.html"))
        #expect(site.text("/html/@data-feed") == "../../feeds/stages/main-stage.json")
        #expect(site.text("/html/@data-announcements") == "../../feeds/announcements.json")
        #expect(site.text("/html/@data-events") == "../../events")
        #expect(page.text("//script[@id='signage-data']") == site.text("//script[@id='signage-data']"))

        var url = URLComponents(url: unpacked.appendingPathComponent("index.html"), resolvingAgainstBaseURL: false)!
        url.queryItems = [URLQueryItem(name: "now", value: "2027-07-23T15:30")]
        let dom = try await Browser.dumpDOM(url.url!)
        #expect(dom.text("//*[@id='now-act']") == "Juniper Vale")
    }

    @Test func withoutAPublicAddressAPackageDoesNotPoll() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let result = try await ExternalTool.run(
            "python3",
            [
                "-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read('index.html').decode())",
                folder.path("output/signage/packages/board.zip").path,
            ])
        let page = try HTMLDocument(Data(result.output.utf8))
        #expect(page.text("/html/@data-feed") == "")
        #expect(page.text("/html/@data-version-url") == "")
        #expect(page.text("/html/@data-announcements") == "")
    }
}
