import Foundation
import Testing

@testable import StagefeedCore

/// A long program's navigation: weeks (or months) in every page's header instead of every
/// day, and the week's days on each day's page.
struct DayGroupsTests {
    private func longFestival() throws -> SiteFixture { try SiteFixture(Fixtures.longProgram()) }

    @Test func everyPageOfALongProgramListsItsWeeks() throws {
        let site = try longFestival()
        #expect(site.program.days.count == 50)
        let artist = try site.page("artists/\(try #require(site.program.artists.first?.slug))/index.html")
        let header = "//header//nav[@aria-label='Festival days']"
        // Weeks start on Sunday in English (en is the US's English): July 1, 2027 is a Thursday.
        #expect(
            artist.strings("\(header)//a/abbr")
                == [
                    "Jul 1\u{2009}–\u{2009}3", "Jul 4\u{2009}–\u{2009}10", "Jul 11\u{2009}–\u{2009}17",
                    "Jul 18\u{2009}–\u{2009}24", "Jul 25\u{2009}–\u{2009}31", "Aug 1\u{2009}–\u{2009}7",
                    "Aug 8\u{2009}–\u{2009}14", "Aug 15\u{2009}–\u{2009}19",
                ])
        #expect(
            artist.strings("\(header)//a/abbr/@title").first
                == "Thursday, July 1\u{2009}–\u{2009}Saturday, July 3, 2027")
        #expect(
            artist.strings("\(header)//a/@href").prefix(3)
                == [
                    "../../days/2027-07-01/index.html", "../../days/2027-07-04/index.html",
                    "../../days/2027-07-11/index.html",
                ])
        #expect(artist.strings("\(header)//a/@href").last == "../../my/index.html")
        #expect(artist.count("\(header)//a[@aria-current]") == 0)
        #expect(artist.count("\(header)//a[@data-date]") == 0)
        #expect(artist.count("//nav[@class='day-group']") == 0)
    }

    @Test func aDayOfALongProgramMarksItsWeekAndListsItsDays() throws {
        let site = try longFestival()
        let day = try site.page("days/2027-07-24/index.html")
        let header = "//header//nav[@aria-label='Festival days']"
        #expect(day.strings("\(header)//a[@aria-current='true']/abbr") == ["Jul 18\u{2009}–\u{2009}24"])
        let group = "//header//nav[@class='day-group']"
        #expect(day.strings("\(group)/@aria-label") == ["Sunday, July 18\u{2009}–\u{2009}Saturday, July 24, 2027"])
        #expect(
            day.strings("\(group)//a/@data-date")
                == (18...24).map { "2027-07-\($0)" })
        #expect(
            day.strings("\(group)//a/abbr") == ["Sun 18", "Mon 19", "Tue 20", "Wed 21", "Thu 22", "Fri 23", "Sat 24"])
        #expect(day.strings("\(group)//a[@aria-current='page']/@data-date") == ["2027-07-24"])
        #expect(day.strings("\(group)//a/@href").first == "../../days/2027-07-18/index.html")
        // The index still lists every day.
        let index = try site.page("index.html")
        #expect(index.count("//section[@aria-labelledby='days-heading']//li") == 50)
    }

    /// Search results say a set's day by its date where the page's navigation has no link to
    /// the day (it lists weeks), in headless Chromium.
    @Test func searchResultsNameADayWithoutALinkByItsDate() async throws {
        let folder = try TemporaryFolder()
        let draft = Fixtures.longProgram()
        try await FixtureBuild.run(draft, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let artist = try #require(try ProgramNormalizer().normalize(draft).artist(id: "a_1")?.slug)
        let result = try await ExternalTool.run(
            "python3",
            [
                Repository.tool("search_labels.py").path, folder.path("output").path,
                "artists/\(artist)/index.html", "Café",
            ])
        #expect(result.status == 0, "\(result.output)")
        struct Found: Decodable { var results: [String] }
        let found = try JSONDecoder().decode(Found.self, from: Data(result.output.drop { $0 != "{" }.utf8))
        // Café Lune plays on August 2 (a Monday), a day this page's header does not link.
        #expect(found.results.contains { $0.contains("Mon, Aug 2 20:00–21:00") }, "\(found.results)")
    }

    @Test func aProgramOfTwoWeeksListsEveryDay() throws {
        let draft = Fixtures.draft(
            [Fixtures.performance("p_1", "2027-07-02T20:00:00+02:00", "2027-07-02T21:00:00+02:00")],
            event: Fixtures.event(start: "2027-07-01", end: "2027-07-14"))
        let site = try SiteFixture(draft)
        let day = try site.page("days/2027-07-02/index.html")
        #expect(day.count("//header//nav//a[@data-date]") == 14)
        #expect(day.strings("//header//nav//a[@aria-current='page']/@data-date") == ["2027-07-02"])
        #expect(day.count("//nav[@class='day-group']") == 0)
    }

    @Test func weeksStartOnTheLanguagesFirstWeekday() throws {
        let days = LocalDate(year: 2027, month: 7, day: 1).through(LocalDate(year: 2027, month: 7, day: 20))
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let german = try #require(
            DayGroups(days: days, format: EventTimeFormat(timeZone: berlin, locale: Locale(identifier: "de"))))
        // Monday in German: Thursday 1 to Sunday 4, then from Monday 5.
        #expect(german.groups.map { $0.days.first?.day } == [1, 5, 12, 19])
        #expect(german.groups.first?.short == "1.–4. Juli")
        let arabic = try #require(
            DayGroups(days: days, format: EventTimeFormat(timeZone: berlin, locale: Locale(identifier: "ar"))))
        // A range's title starts with a capital, as a day's title does ("Jueves, 1 de julio").
        let spanish = try #require(
            DayGroups(days: days, format: EventTimeFormat(timeZone: berlin, locale: Locale(identifier: "es"))))
        #expect(spanish.groups.first?.title.hasPrefix("Jueves, 1 de julio") == true, "\(spanish.groups[0].title)")
        #expect(spanish.groups.first?.title.contains("domingo") == true)
        // Saturday in Arabic: Thursday 1 and Friday 2, then from Saturday 3.
        #expect(arabic.groups.map { $0.days.first?.day } == [1, 3, 10, 17])
    }

    @Test func aSeasonOfNightsIsGroupedByMonth() throws {
        // Thirty nights, one every six days from January 1: 26 weeks, more than ten.
        let nights = (0..<30).map { LocalDate(year: 2027, month: 1, day: 1).adding(days: $0 * 6) }
        let format = EventTimeFormat(timeZone: TimeZone(identifier: "Europe/Berlin")!, locale: Locale(identifier: "en"))
        let groups = try #require(DayGroups(days: nights, format: format)).groups
        #expect(groups.map(\.short) == ["Jan 2027", "Feb 2027", "Mar 2027", "Apr 2027", "May 2027", "Jun 2027"])
        #expect(groups.map(\.days.count).reduce(0, +) == 30)
        #expect(groups.first?.title == "Friday, January 1\u{2009}–\u{2009}Sunday, January 31, 2027")
        #expect(DayGroups(days: Array(nights.prefix(14)), format: format) == nil)
    }
}
