import Foundation
import Testing

@testable import StagefeedCore

/// The site's script in a real browser: stars appear, and "my schedule" lists shared sets
/// with their clashes and builds a calendar file that calendar parsers accept.
@Suite struct SiteScriptTests {
    @Test func myScheduleShowsClashesAndBuildsAValidCalendar() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let program = try await DemoSource().load(normalizer: ProgramNormalizer()).program()
        // Two sets that overlap on different stages, and one that overlaps neither.
        let sets = program.performances
        let first = try #require(
            sets.first { one in sets.contains { $0.stageID != one.stageID && $0.start < one.end && one.start < $0.end }
            })
        let second = try #require(sets.first { $0.id != first.id && $0.start < first.end && first.start < $0.end })
        let apart = try #require(sets.first { $0.day != first.day && $0.day != second.day })
        // Pages and storage know a set by its calendar UID.
        func uid(_ set: Performance) -> String {
            StableUUID.performance(set.id, event: program.event.id, source: "demo").uuidString.lowercased()
        }
        var page = URLComponents(url: folder.path("output/my/index.html"), resolvingAgainstBaseURL: false)!
        page.fragment = "share=\([apart, first, second].map(uid).joined(separator: ","))"

        let dom = try await Browser.dumpDOM(page.url!)
        let listed = dom.strings("//div[@id='my-schedule']//li/@data-id")
        let inTimeOrder = [first, second, apart].sorted { ($0.start, $0.displayName) < ($1.start, $1.displayName) }.map(
            uid)
        #expect(listed == inTimeOrder)
        let clashes = dom.strings("//div[@id='my-schedule']//li[contains(@class,'has-clash')]/@data-id")
        #expect(Set(clashes) == [uid(first), uid(second)])
        #expect(
            dom.text("//li[@data-id='\(uid(first))']//span[@class='clash']") == "Clashes with \(second.displayName)")
        #expect(dom.count("//p[@id='my-empty'][@hidden]") == 1 && dom.count("//p[@id='my-tools'][@hidden]") == 0)

        let href = try #require(dom.text("//a[@id='my-ics']/@href"))
        let prefix = "data:text/calendar;charset=utf-8,"
        #expect(href.hasPrefix(prefix))
        let ics = try #require(String(href.dropFirst(prefix.count)).removingPercentEncoding)
        let calendars = try TemporaryFolder()
        try Data(ics.utf8).write(to: calendars.path("my.ics"))
        let mine = try await #require(try CalendarReader.read(calendars.url)["my.ics"])
        let published = try await #require(try CalendarReader.read(folder.path("output/calendar"))["program.ics"])
        #expect(Set(mine.events.map(\.uid)).isSubset(of: Set(published.events.map(\.uid))))
        for event in mine.events {
            let same = try #require(published.events.first { $0.uid == event.uid })
            #expect(event.start == same.start && event.end == same.end && event.summary == same.summary)
        }
        #expect(mine.events.count == 3)
    }

    @Test func starsAppearWhenTheScriptRuns() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let source = try HTMLDocument(file: folder.path("output/days/2027-07-24/index.html"))
        #expect(source.count("//button[@data-star]") > 20 && source.count("//button[@data-star][not(@hidden)]") == 0)
        let dom = try await Browser.dumpDOM(folder.path("output/days/2027-07-24/index.html"))
        #expect(dom.count("//button[@data-star][@hidden]") == 0)
        #expect(dom.count("//button[@data-star][@aria-pressed='false']") == source.count("//button[@data-star]"))
    }

    /// Served over HTTP, the site installs its service worker; with the server gone and the
    /// network off, another page still opens and says it is offline and how old it is.
    @Test func theSiteKeepsWorkingOffline() async throws {
        struct Report: Decodable {
            struct Page: Decodable {
                var h1: String?
                var notice: String?
                var updated: String?
                var controlled: Bool
            }
            var controlled: Bool
            var cached: [String]
            var offline_page: Page
        }
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tools/offline_check.py")
        let result = try await ExternalTool.run(
            "python3", [script.path, folder.path("output").path, "index.html", "days/2027-07-24/index.html"])
        #expect(result.status == 0, "\(result.output)")
        let report = try JSONDecoder().decode(Report.self, from: Data(result.output.utf8))
        #expect(report.controlled)
        #expect(
            report.cached.contains("/artists/rosa-and-the-thorns/index.html")
                && report.cached.contains("/feeds/program.json"))
        #expect(report.cached.contains { $0.hasPrefix("/assets/site.") && $0.hasSuffix(".css") })
        #expect(report.offline_page.h1 == "Saturday, July 24, 2027")
        #expect(report.offline_page.controlled)
        let updated = try #require(report.offline_page.updated)
        #expect(report.offline_page.notice == "You are offline. This is the timetable as of \(updated).")
    }

    /// When the program changes, the new service worker takes over the copies of the pages
    /// that did not change and downloads only those that did (with the status and the
    /// program feed, always fetched); offline afterwards, both kinds of page open, the
    /// changed one as it now is.
    @Test func anUpdateDownloadsOnlyThePagesThatChanged() async throws {
        struct Shown: Decodable {
            var h1: String?
            var text: String
        }
        struct Report: Decodable {
            var controlled: Bool
            var updated: Bool
            var first: [String]
            var update: [String]
            var offline: [String: Shown]
        }
        let folder = try TemporaryFolder()
        let now = Fixtures.instant("2027-07-01T12:00:00Z")
        var sets = [
            Fixtures.performance("p_1", "2027-07-23T18:00:00+02:00", "2027-07-23T19:00:00+02:00"),
            Fixtures.performance(
                "p_2", stage: "s_tent", artist: "a_2", "2027-07-24T20:00:00+02:00", "2027-07-24T21:00:00+02:00"),
        ]
        try await FixtureBuild.run(Fixtures.draft(sets), in: folder, at: now)
        try FileManager.default.copyItem(at: folder.path("output"), to: folder.path("before"))
        sets[1].title = "Café Lune, Unplugged"
        try await FixtureBuild.run(Fixtures.draft(sets), in: folder, at: now)
        let result = try await ExternalTool.run(
            "python3",
            [
                Repository.tool("precache_update.py").path, folder.path("before").path, folder.path("output").path,
                "index.html", "artists/cafe-lune/index.html", "artists/rosa-and-the-thorns/index.html",
            ])
        #expect(result.status == 0, "\(result.output)")
        let report = try JSONDecoder().decode(Report.self, from: Data(result.output.drop { $0 != "{" }.utf8))
        #expect(report.controlled && report.updated, "\(report.update)")
        // What the first visit fetched and the update did not: the pages that stayed the same.
        let changed = Set(
            report.first.filter { path in
                let name = String(path.dropFirst())
                return (try? Data(contentsOf: folder.path("before/" + name)))
                    != (try? Data(contentsOf: folder.path("output/" + name)))
            })
        #expect(report.first.contains("/artists/rosa-and-the-thorns/index.html"))
        #expect(changed.contains("/artists/cafe-lune/index.html") && changed.contains("/days/2027-07-24/index.html"))
        #expect(!changed.contains("/artists/rosa-and-the-thorns/index.html"))
        let fetchedAgain = Set(report.update).subtracting(["/sw.js", "/feeds/status.json", "/feeds/program.json"])
        #expect(fetchedAgain == changed.subtracting(["/sw.js", "/feeds/status.json", "/feeds/program.json"]))
        #expect(fetchedAgain.count < report.first.count / 3, "\(fetchedAgain.sorted())")
        #expect(report.offline["artists/cafe-lune/index.html"]?.text.contains("Café Lune, Unplugged") == true)
        #expect(report.offline["artists/rosa-and-the-thorns/index.html"]?.h1 == "Rosa & the Thorns")
    }

    /// Past a number of artist pages, the service worker leaves them to be kept as read;
    /// every other page is still fetched on the first visit.
    @Test func aFestivalWithManyArtistsLeavesTheirPagesOutOfThePrecache() async throws {
        let resources = RenderResources(
            program: try ProgramNormalizer().normalize(
                Fixtures.draft([
                    Fixtures.performance("p_1", "2027-07-23T18:00:00+02:00", "2027-07-23T19:00:00+02:00"),
                    Fixtures.performance(
                        "p_2", artist: "a_2", "2027-07-24T20:00:00+02:00", "2027-07-24T21:00:00+02:00"),
                ])),
            context: BuildContext(now: Fixtures.instant("2027-07-01T12:00:00Z"), sourceName: "test"))
        let theme = try ThemeLoader.load(overriding: nil)
        func precache(artistPages limit: Int) throws -> String {
            let units = try SiteRenderer(theme: theme, precachedArtistPages: limit).units(for: resources)
            let worker = try #require(units.first { $0.key == OutputPaths.serviceWorker })
            let collector = OutputCollector()
            try worker.make(collector)
            let text = String(decoding: try #require(collector.files.first).contents, as: UTF8.self)
            return String(try #require(text.firstMatch(of: /const PRECACHE = (\[.*\]);/)).1)
        }
        let all = try precache(artistPages: 2)
        #expect(all.contains("\"artists/cafe-lune/index.html\"") && all.contains("\"days/2027-07-24/index.html\""))
        let few = try precache(artistPages: 1)
        #expect(!few.contains("\"artists/") && few.contains("\"days/2027-07-24/index.html\""))
        #expect(few.contains("\"stages/main-stage/index.html\"") && few.contains("\"search/index.json\""))
    }

    /// Each demo day prints on one A4 landscape page.
    @Test func aDayPrintsOnOneLandscapePage() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        for day in ["2027-07-23", "2027-07-24", "2027-07-25"] {
            let pdf = await String(
                decoding: try Browser.printToPDF(folder.path("output/days/\(day)/index.html")), as: UTF8.self)
            #expect(pdf.matches(of: /\/Type \/Page[^s]/).count == 1, "\(day) prints on more than one page")
            let box = try #require(pdf.firstMatch(of: /\/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]/))
            #expect(
                abs(Double(box.1)! - 841.92) < 1 && abs(Double(box.2)! - 595.0) < 1,
                "\(day): \(box.0) is not A4 landscape")
        }
    }
}
