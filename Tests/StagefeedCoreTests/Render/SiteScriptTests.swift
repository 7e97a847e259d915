import Foundation
import Testing
@testable import StagefeedCore

/// The site's script in a real browser: stars appear, and "my schedule" lists shared sets
/// with their clashes and builds a calendar file that calendar parsers accept.
@Suite struct SiteScriptTests {
    @Test func myScheduleShowsClashesAndBuildsAValidCalendar() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let program = try await DemoSource().load(normalizer: ProgramNormalizer()).program
        // Two sets that overlap on different stages, and one that overlaps neither.
        let sets = program.performances
        let first = try #require(sets.first { one in sets.contains { $0.stageID != one.stageID && $0.start < one.end && one.start < $0.end } })
        let second = try #require(sets.first { $0.id != first.id && $0.start < first.end && first.start < $0.end })
        let apart = try #require(sets.first { $0.day != first.day && $0.day != second.day })
        var page = URLComponents(url: folder.path("output/my/index.html"), resolvingAgainstBaseURL: false)!
        page.fragment = "share=\([apart.id, first.id, second.id].joined(separator: ","))"

        let dom = try Browser.dumpDOM(page.url!)
        let listed = dom.strings("//div[@id='my-schedule']//li/@data-id")
        let inTimeOrder = [first, second, apart].sorted { ($0.start, $0.displayName) < ($1.start, $1.displayName) }.map(\.id)
        #expect(listed == inTimeOrder)
        let clashes = dom.strings("//div[@id='my-schedule']//li[contains(@class,'has-clash')]/@data-id")
        #expect(Set(clashes) == [first.id, second.id])
        #expect(dom.text("//li[@data-id='\(first.id)']//span[@class='clash']") == "Clashes with \(second.displayName)")
        #expect(dom.count("//p[@id='my-empty'][@hidden]") == 1 && dom.count("//p[@id='my-tools'][@hidden]") == 0)

        let href = try #require(dom.text("//a[@id='my-ics']/@href"))
        let prefix = "data:text/calendar;charset=utf-8,"
        #expect(href.hasPrefix(prefix))
        let ics = try #require(String(href.dropFirst(prefix.count)).removingPercentEncoding)
        let calendars = try TemporaryFolder()
        try Data(ics.utf8).write(to: calendars.path("my.ics"))
        let mine = try #require(try CalendarReader.read(calendars.url)["my.ics"])
        let published = try #require(try CalendarReader.read(folder.path("output/calendar"))["program.ics"])
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
        let dom = try Browser.dumpDOM(folder.path("output/days/2027-07-24/index.html"))
        #expect(dom.count("//button[@data-star][@hidden]") == 0)
        #expect(dom.count("//button[@data-star][@aria-pressed='false']") == source.count("//button[@data-star]"))
    }
}
