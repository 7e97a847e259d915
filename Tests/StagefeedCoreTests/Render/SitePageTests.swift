import Foundation
import Testing

@testable import StagefeedCore

/// The site's pages, read back through an HTML parser.
@Suite struct SitePageTests {
    @Test func aSetAfterMidnightEndsThePreviousFestivalDay() throws {
        let site = try SiteFixture(
            Fixtures.draft([
                Fixtures.performance("p_late", "2027-07-24T01:30:00+02:00", "2027-07-24T02:15:00+02:00"),
                Fixtures.performance(
                    "p_early", stage: "s_tent", artist: "a_2", "2027-07-23T20:00:00+02:00", "2027-07-23T21:00:00+02:00"),
            ]))
        let friday = try site.page("days/2027-07-23/index.html")
        #expect(friday.text("//h1") == "Friday, July 23, 2027")
        // In the list, in time order: 20:00 first, the 01:30 set last, never as 25:30.
        #expect(
            friday.strings("//section[@id='list']//li//span[@class='time']").map { $0.filter { !$0.isWhitespace } }
                == ["20:00–21:00", "01:30–02:15"])
        // In the grid, the late set sits in the Main Stage column, below the 01:00 mark.
        let main = "//div[@class='column'][h3//bdi='Main Stage']"
        #expect(friday.text("\(main)//li//p[@class='time']") == "01:30–02:15")
        #expect(
            friday.strings("//div[@class='hour-marks']/span") == [
                "20:00", "21:00", "22:00", "23:00", "00:00", "01:00", "02:00",
            ])
        let saturday = try site.page("days/2027-07-24/index.html")
        #expect(saturday.count("//li[@data-start]") == 0)
        #expect(saturday.text("//section[@id='list']/p") == "Nothing is scheduled on this day.")
    }

    @Test func blocksAreSizedByDuration() throws {
        let site = try SiteFixture(
            Fixtures.draft([
                Fixtures.performance("p_1", "2027-07-23T20:00:00+02:00", "2027-07-23T20:45:00+02:00"),
                Fixtures.performance("p_2", "2027-07-23T21:00:00+02:00", "2027-07-23T22:30:00+02:00"),
            ]))
        let day = try site.page("days/2027-07-23/index.html")
        #expect(day.strings("//li[contains(@class,'block')]/@style") == ["--row:1;--span:9", "--row:13;--span:18"])
        #expect(day.text("//div[@class='timetable']/@style") == "--rows:36;--stages:2")
    }

    @Test func timesAreFestivalTimeWhateverTheInputOffsetAndCanBeTwelveHour() throws {
        let draft = Fixtures.draft([Fixtures.performance("p_1", "2027-07-23T22:30:00Z", "2027-07-23T23:15:00Z")])
        let day24 = try SiteFixture(draft).page("days/2027-07-23/index.html")
        #expect(day24.text("//section[@id='list']//span[@class='time']")?.filter { !$0.isWhitespace } == "00:30–01:15")
        let day12 = try SiteFixture(draft, clock: .twelveHour).page("days/2027-07-23/index.html")
        #expect(day12.text("//section[@id='list']//span[@class='time']") == "12:30 AM–1:15 AM")
        // Hour marks on a 12-hour clock are hours alone (CLDR puts a narrow no-break space before AM/PM).
        #expect(day12.strings("//div[@class='hour-marks']/span") == ["12\u{202F}AM", "1\u{202F}AM"])
        #expect(day12.strings("//time/@datetime").contains("2027-07-24T00:30:00+02:00"))
    }

    @Test func theNightTheClocksGoBackHasTheHourTwice() throws {
        let event = Fixtures.event(start: "2027-10-30", end: "2027-10-31")
        let site = try SiteFixture(
            Fixtures.draft(
                [
                    Fixtures.performance("p_1", "2027-10-31T01:30:00+02:00", "2027-10-31T03:30:00+01:00")
                ], event: event))
        let day = try site.page("days/2027-10-30/index.html")
        #expect(day.strings("//div[@class='hour-marks']/span") == ["01:00", "02:00", "02:00", "03:00"])
        // Three real hours long: 36 five-minute rows.
        #expect(day.text("//li[contains(@class,'block')]/@style") == "--row:7;--span:36")
        #expect(day.text("//section[@id='list']//span[@class='time']")?.filter { !$0.isWhitespace } == "01:30–03:30")
    }

    /// The night the clocks go forward: 02:00 does not exist, the grid's hours skip it.
    @Test func theNightTheClocksGoForwardSkipsAnHour() throws {
        let event = Fixtures.event(start: "2027-03-27", end: "2027-03-28")
        let site = try SiteFixture(
            Fixtures.draft(
                [
                    Fixtures.performance("p_1", "2027-03-28T01:30:00+01:00", "2027-03-28T03:30:00+02:00")
                ], event: event))
        let day = try site.page("days/2027-03-27/index.html")
        #expect(day.strings("//div[@class='hour-marks']/span") == ["01:00", "03:00"])
        // One real hour long: 12 five-minute rows.
        #expect(day.text("//li[contains(@class,'block')]/@style") == "--row:7;--span:12")
    }

    @Test func theIndexListsDaysStagesArtistsAndFeeds() throws {
        var draft = Fixtures.draft([
            Fixtures.performance("p_1", "2027-07-23T20:00:00+02:00", "2027-07-23T21:00:00+02:00"),
            Fixtures.performance(
                "p_2", stage: "s_tent", artist: "a_2", "2027-07-24T20:00:00+02:00", "2027-07-24T21:00:00+02:00"),
        ])
        draft.artists.append(ArtistRecord(id: "a_3", name: "渡り鳥"))
        let index = try SiteFixture(draft, siteURL: URL(string: "https://fest.example/timetable/")).page("index.html")
        #expect(
            index.strings("//main//section[@aria-labelledby='days-heading']//a") == [
                "Friday, July 23, 2027", "Saturday, July 24, 2027", "Sunday, July 25, 2027",
            ])
        #expect(
            index.strings("//main//section[@aria-labelledby='days-heading']//a/@href").first
                == "days/2027-07-23/index.html")
        #expect(index.strings("//main//section[@aria-labelledby='stages-heading']//a") == ["Main Stage", "Tent"])
        #expect(index.strings("//main//section[@aria-labelledby='artists-heading']/h3") == ["C", "R", "渡"])
        #expect(
            index.strings("//ul[@class='artists']//a/@href") == [
                "artists/cafe-lune/index.html", "artists/rosa-and-the-thorns/index.html",
                "artists/wataridori/index.html",
            ] || index.count("//ul[@class='artists']//a") == 3)
        #expect(
            index.strings("//section[@id='feeds']//a/@href").contains(
                "webcal://fest.example/timetable/calendar/program.ics"))
        #expect(index.strings("//head/link[@rel='alternate']/@href") == ["feeds/changes.json", "feeds/changes.xml"])
        #expect(index.text("/html/@lang") == "en")
        #expect(
            index.count("//header") == 1 && index.count("//main") == 1 && index.count("//footer") == 1
                && index.count("//h1") == 1)
    }

    @Test func anArtistPageHasBioLinksAndEverySet() throws {
        var draft = Fixtures.draft([
            Fixtures.performance("p_1", "2027-07-23T20:00:00+02:00", "2027-07-23T21:00:00+02:00"),
            Fixtures.performance("p_2", stage: "s_tent", "2027-07-24T23:30:00+02:00", "2027-07-25T00:30:00+02:00"),
        ])
        draft.artists[0].bio = "First paragraph\nstill first.\n\nSecond paragraph."
        draft.artists[0].imageURL = "https://img.example/rosa.jpg"
        draft.artists[0].links = [
            SocialLink(platform: "bandcamp", url: "https://rosa.bandcamp.example/"),
            SocialLink(platform: "website", url: "javascript:alert(1)"),
        ]
        let site = try SiteFixture(draft)
        #expect(site.program.warnings.contains(.unsafeLink(kind: "artist", id: "a_1", field: "website link")))
        let page = try site.page("artists/rosa-and-the-thorns/index.html")
        #expect(page.text("//h1") == "Rosa & the Thorns")
        #expect(page.strings("//div[@class='bio']/p") == ["First paragraph still first.", "Second paragraph."])
        // Without a copy in the store (none here) no photo shows: a page never links the source's host.
        #expect(page.count("//img") == 0)
        #expect(!page.strings("//@src | //@href | //@content").contains { $0.contains("img.example") })
        #expect(page.strings("//ul[@class='links']//a/@href") == ["https://rosa.bandcamp.example/"])
        #expect(
            page.strings("//ol[@class='sets']/li//span[@class='where']").map {
                $0.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
                == ["Fri · Main Stage", "Sat · Tent"])
        #expect(page.strings("//a/@href").contains("../../calendar/artists/rosa-and-the-thorns.ics"))
        #expect(page.strings("//a/@href").contains("../../days/2027-07-24/index.html"))
    }

    @Test func aStagePageCoversEveryDay() throws {
        let site = try SiteFixture(
            Fixtures.draft([
                Fixtures.performance("p_1", "2027-07-23T20:00:00+02:00", "2027-07-23T21:00:00+02:00"),
                Fixtures.performance("p_2", "2027-07-25T18:00:00+02:00", "2027-07-25T19:00:00+02:00"),
                Fixtures.performance("p_3", stage: "s_tent", "2027-07-24T18:00:00+02:00", "2027-07-24T19:00:00+02:00"),
            ]))
        let stage = try site.page("stages/main-stage/index.html")
        #expect(stage.strings("//main//h2") == ["Friday, July 23, 2027", "Sunday, July 25, 2027"])
        #expect(stage.count("//ol[@class='sets']/li") == 2)
        #expect(stage.strings("//a/@href").contains("../../calendar/stages/main-stage.ics"))
    }

    @Test func myScheduleEmbedsEverySetAndNothingCanEndItsScript() throws {
        let hostile = "</script><script>alert(1)</script> & \u{2028}Ünïcode"
        let start = Fixtures.instant("2027-07-23T12:00:00+02:00")
        let iso = ISO8601DateFormatter()
        // Enough sets that the embedded program is written in several pieces.
        var many: [PerformanceRecord] = []
        for index in 0..<3_000 {
            let begins = start.addingTimeInterval(Double(index / 2) * 60)
            let stage = index % 2 == 0 ? "s_main" : "s_tent"
            many.append(
                Fixtures.performance(
                    "p_\(index)", stage: stage, iso.string(from: begins),
                    iso.string(from: begins.addingTimeInterval(50)), title: "Set \(index)"))
        }
        let site = try SiteFixture(
            Fixtures.draft(
                many + [
                    Fixtures.performance(
                        "p_x", "2027-07-24T12:00:00+02:00", "2027-07-24T13:00:00+02:00", title: hostile)
                ]))
        let page = String(decoding: try #require(site.files["my/index.html"]), as: UTF8.self)
        #expect(page.utf8.count > 2 << 18, "larger than the pieces it is written in")
        let opening = "<script type=\"application/json\" id=\"schedule-data\">"
        let json = try #require(page.components(separatedBy: opening).last?.components(separatedBy: "</script>").first)
        #expect(!json.contains("<") && !json.contains("\u{2028}"))
        let data = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sets = try #require(data["sets"] as? [[String: Any]])
        #expect(sets.count == 3_001)
        #expect(sets.contains { $0["name"] as? String == hostile })
        #expect(data["timeZone"] as? String == "Europe/Berlin")
        // Still one document a browser parses.
        #expect(try site.page("my/index.html").count("//script[@id='schedule-data']") == 1)
    }

    @Test func escapesQuotesEvenWithCombiningMarks() throws {
        #expect(Markup.escape("\"\u{301}x'\u{301}") == "&quot;\u{301}x&#39;\u{301}")
        #expect(Markup.escape("x\u{1}y\u{85}z\u{FFFE}") == "xyz")
        let plain = "Café Lune 🎻 שלום"
        #expect(Markup.escape(plain) == plain)
        // Through a theme: clusters that hide a special character (a prepended sign, a
        // following letter that attaches, an emoji modifier, a combining mark after the
        // special) are escaped code point by code point.
        let theme = try ThemeLoader.load(overriding: nil, languages: ["en"])
        for hidden in ["\u{600}<", "\"\u{E33}", "\"\u{1F3FB}", "<\u{301}", "\u{110BD}'", "&\u{20DD}"] {
            let html = try theme.library.render(
                "layout", .object(TemplateDictionary(["title": .text("x\(hidden)y\u{1}"), "lang": .text("en")])))
            let title = html.components(separatedBy: "<title>")[1].components(separatedBy: "</title>")[0]
            let label = "\(hidden.unicodeScalars.map { String($0.value, radix: 16) })"
            #expect(!title.unicodeScalars.contains { "<>\"'\u{1}".unicodeScalars.contains($0) }, "\(label)")
            let references = title.replacingOccurrences(
                of: "&(amp|lt|gt|quot|#39);", with: "", options: .regularExpression)
            #expect(!references.contains("&"), "\(label)")
            #expect(title.hasPrefix("x") && title.hasSuffix("y"), "\(label)")
        }
    }
}
