import Foundation
import Testing

@testable import StagefeedCore

/// axe-core (the copy inside the pinned PyPI package axe-playwright-python) in headless
/// Chromium finds no violation of WCAG 2.0, 2.1 and 2.2 at levels A and AA, of any impact,
/// on every kind of page of the demo, of the hostile program (long names in several
/// scripts, right-to-left, a stage with no sets) and of a fifty-day program (weeks in the
/// navigation, a week's days on a day's page): at 390×844 and 1280×900, in light and
/// dark mode, after the pages' scripts have run. Pages that mark sets on now are checked
/// again at 21:40 on the second day, "my schedule" empty, with starred sets and as a shared
/// link, signage on the machine's clock and at that festival time.
@Suite struct AccessibilityTests {
    enum Program: String, CaseIterable, CustomStringConvertible, Sendable {
        case demo
        case hostile
        case long
        var description: String { rawValue }
    }

    struct Report: Decodable {
        var audits: Int
        var violating_nodes: Int
    }

    @Test(arguments: Program.allCases)
    func axeFindsNoViolations(_ program: Program) async throws {
        let folder = try TemporaryFolder()
        let pages: [String]
        switch program {
        case .demo:
            try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
            pages = [
                "index.html", "days/2027-07-24/index.html", "stages/main-stage/index.html",
                "artists/rosa-and-the-thorns/index.html", "my/index.html", "signage/stages/main-stage.html",
                "signage/board.html",
            ]
        case .hostile:
            let draft = Fixtures.hostileCrowded()
            try await FixtureBuild.run(draft, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
            let normalized = try ProgramNormalizer().normalize(draft)
            func stage(_ id: String) throws -> String { try #require(normalized.stage(id: id)?.slug) }
            func artist(_ id: String) throws -> String { try #require(normalized.artist(id: id)?.slug) }
            pages = [
                // The second day has a set on every stage but one; the third has none at all.
                "index.html", "days/2027-07-23/index.html", "days/2027-07-24/index.html", "days/2027-07-25/index.html",
                "stages/\(try stage("s_long"))/index.html", "stages/\(try stage("s_rtl"))/index.html",
                "stages/\(try stage("s_empty"))/index.html", "artists/\(try artist("a_de"))/index.html",
                "artists/\(try artist("a_ar"))/index.html", "artists/\(try artist("a_x"))/index.html",
                "my/index.html", "signage/stages/\(try stage("s_long")).html",
                "signage/stages/\(try stage("s_ar")).html", "signage/stages/\(try stage("s_empty")).html",
                "signage/board.html",
            ]
        case .long:
            let draft = Fixtures.longProgram()
            try await FixtureBuild.run(draft, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
            let normalized = try ProgramNormalizer().normalize(draft)
            pages = [
                "index.html", "days/2027-07-24/index.html", "days/2027-07-30/index.html", "my/index.html",
                "artists/\(try #require(normalized.artist(id: "a_1")?.slug))/index.html",
            ]
        }
        for page in pages {
            #expect(FileManager.default.fileExists(atPath: folder.path("output/\(page)").path), "\(page) not written")
        }
        // AXE_KEEP=<folder> keeps the built sites there (demo/, hostile/) to look at a failure.
        if let keep = ProcessInfo.processInfo.environment["AXE_KEEP"] {
            try? FileManager.default.removeItem(atPath: keep + "/" + program.rawValue)
            try FileManager.default.copyItem(atPath: folder.path("output").path, toPath: keep + "/" + program.rawValue)
        }
        // Both programs are in Europe/Berlin: 21:40 festival time is 19:40 UTC.
        let result = try await ExternalTool.run(
            "python3",
            [
                Repository.tool("axe_check.py").path, "--now", "2027-07-24T21:40", "--at", "2027-07-24T21:40:00+02:00",
                folder.path("output").path,
            ] + pages)
        #expect(result.status == 0, "\(result.output)")
        let json = result.output.drop { $0 != "{" }
        let report = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
        // Every page at both viewports, the site's pages in both colour schemes, signage at
        // both clocks.
        #expect(report.audits >= pages.count * 4 && report.violating_nodes == 0)
    }
}
