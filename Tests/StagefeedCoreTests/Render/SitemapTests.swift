import Foundation
import Testing

@testable import StagefeedCore

/// `sitemap.xml` and `robots.txt`: only with `site_url`; the sitemap valid against the
/// sitemaps.org schema (xmllint), every page once with its language alternates and a
/// `lastmod` from the ledger, the same bytes from build to build; a robots.txt that is the
/// site owner's never written over nor removed.
@Suite struct SitemapTests {
    static let root = URL(string: "https://riverbend.example/")!
    static let locales = [SiteLocale(tag: "en", isDefault: true)!, SiteLocale(tag: "de", isDefault: false)!]

    static func validate(_ file: URL, schema: String) async throws -> ExternalTool.Result {
        try await ExternalTool.run(
            "xmllint", ["--noout", "--schema", Repository.fixture("sitemaps/\(schema)").path, file.path])
    }

    @Test func listsEveryPageOnceWithItsAlternatesAndValidates() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(
            nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"), siteURL: Self.root, locales: Self.locales)
        let output = folder.path("output")
        let sitemap = output.appendingPathComponent("sitemap.xml")
        let result = try await Self.validate(sitemap, schema: "sitemap-with-alternates.xsd")
        #expect(result.status == 0, "\(result.output)")

        let document = try HTMLDocument(try Data(contentsOf: sitemap))
        let locations = document.strings("//url/loc")
        #expect(Set(locations).count == locations.count)
        let pages = TemporaryFolderListing.files(below: output).filter {
            $0.hasSuffix("index.html") && !$0.hasSuffix("my/index.html")
        }
        #expect(
            Set(locations)
                == Set(pages.map { "https://riverbend.example/" + PageAddress.canonicalPath($0) }))
        // The index, 3 days, 4 stages and 47 artists, in two languages.
        let pageCount = 110
        #expect(locations.count == pageCount)
        // Each page names its versions in both languages and the default one.
        #expect(document.count("//url") == locations.count)
        for language in ["en", "de", "x-default"] {
            #expect(document.count("//url/*[contains(name(), 'link')][@hreflang='\(language)']") == locations.count)
        }
        // lastmod is what the page itself says it last changed.
        let day = try HTMLDocument(file: output.appendingPathComponent("days/2027-07-24/index.html"))
        let updated = try #require(day.strings("//time[@id='updated']/@datetime").first)
        #expect(document.strings("//url[loc='https://riverbend.example/days/2027-07-24/']/lastmod") == [updated])
        // The canonical address of each page is the one the sitemap lists.
        #expect(day.strings("//link[@rel='canonical']/@href") == ["https://riverbend.example/days/2027-07-24/"])

        let robots = try String(contentsOf: output.appendingPathComponent("robots.txt"), encoding: .utf8)
        #expect(robots.contains("\nSitemap: https://riverbend.example/sitemap.xml\n"))
        #expect(robots.contains("\nDisallow: /de/signage/\n"))
        // The screens are not for search: crawlers told twice, and no card or canonical address.
        let screen = try HTMLDocument(file: output.appendingPathComponent("signage/board.html"))
        #expect(screen.strings("//meta[@name='robots']/@content") == ["noindex"])
        #expect(screen.count("//link[@rel='canonical']") == 0)

        // Another build, later, renders everything again and writes the same bytes.
        let before = try Data(contentsOf: sitemap)
        try await FixtureBuild.run(
            nil, in: folder, at: Fixtures.instant("2027-07-20T08:00:00Z"), siteURL: Self.root, locales: Self.locales,
            alwaysRender: true)
        #expect(try Data(contentsOf: sitemap) == before)
    }

    @Test func nothingWithoutTheSiteAddressAndNoRobotsBelowTheHostsRoot() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("output/sitemap.xml").path))
        #expect(!FileManager.default.fileExists(atPath: folder.path("output/robots.txt").path))
        let day = try HTMLDocument(file: folder.path("output/days/2027-07-24/index.html"))
        #expect(day.strings("//link[@rel='canonical']/@href") == ["./"])
        #expect(day.count("//meta[@property='og:url'] | //meta[@property='og:image']") == 0)

        let below = try TemporaryFolder()
        try await FixtureBuild.run(
            nil, in: below, at: Fixtures.instant("2027-07-01T12:00:00Z"),
            siteURL: URL(string: "https://riverbend.example/timetable/"))
        #expect(FileManager.default.fileExists(atPath: below.path("output/sitemap.xml").path))
        #expect(!FileManager.default.fileExists(atPath: below.path("output/robots.txt").path))
    }

    @Test func theSiteOwnersRobotsTxtIsNeverWrittenOverNorRemoved() async throws {
        let at = Fixtures.instant("2027-07-01T12:00:00Z")
        // One put there before stagefeed ever wrote one.
        let mine = try TemporaryFolder()
        try mine.write("output/robots.txt", "User-agent: *\nDisallow: /\n")
        try await FixtureBuild.run(nil, in: mine, at: at, siteURL: Self.root)
        #expect(mine.read("output/robots.txt") == "User-agent: *\nDisallow: /\n")
        try await FixtureBuild.run(nil, in: mine, at: at, siteURL: nil)
        #expect(mine.read("output/robots.txt") == "User-agent: *\nDisallow: /\n")

        // One stagefeed wrote, then the owner made their own (its first line taken away).
        let edited = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: edited, at: at, siteURL: Self.root)
        let written = try #require(edited.read("output/robots.txt"))
        #expect(written.hasPrefix(RobotsFile.marker))
        let own = written.components(separatedBy: "\n").dropFirst().joined(separator: "\n") + "Disallow: /private/\n"
        try edited.write("output/robots.txt", own)
        try await FixtureBuild.run(nil, in: edited, at: at, siteURL: Self.root, alwaysRender: true)
        #expect(edited.read("output/robots.txt") == own)
        try await FixtureBuild.run(nil, in: edited, at: at, siteURL: nil)
        #expect(edited.read("output/robots.txt") == own)

        // One stagefeed wrote and nobody touched goes when the site address does.
        let plain = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: plain, at: at, siteURL: Self.root)
        try await FixtureBuild.run(nil, in: plain, at: at, siteURL: nil)
        #expect(plain.read("output/robots.txt") == nil)
    }

    @Test func aLargeSiteGetsAnIndexOfSitemapsThatValidate() async throws {
        let entries = (0..<7).map {
            SitemapRenderer.Entry(
                location: "https://riverbend.example/artists/a-\($0)/",
                lastModified: "2027-07-0\($0 + 1)T10:00:00+02:00", alternates: [])
        }
        let files = SitemapRenderer.files(entries, siteURL: Self.root, pagesPerFile: 3)
        #expect(files.map(\.path) == ["sitemap.xml", "sitemaps/1.xml", "sitemaps/2.xml", "sitemaps/3.xml"])
        let folder = try TemporaryFolder()
        for file in files {
            let url = folder.path(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
            let result = try await Self.validate(
                url, schema: file.path == "sitemap.xml" ? "siteindex.xsd" : "sitemap.xsd")
            #expect(result.status == 0, "\(file.path): \(result.output)")
        }
        let index = try HTMLDocument(Data(files[0].bytes))
        #expect(
            index.strings("//sitemap/lastmod") == [
                "2027-07-03T10:00:00+02:00", "2027-07-06T10:00:00+02:00", "2027-07-07T10:00:00+02:00",
            ])
    }
}
