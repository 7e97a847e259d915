import Foundation
import Testing

@testable import StagefeedCore

/// The fans' features used in headless Chromium as a fan would (Tests/tools/fans_check.py),
/// at 390×844 and 1280×900, on the hostile program with fans' names: search in several
/// scripts, filters across reloads, the now line and "Now" at `?now=`, the reminder in the
/// starred-sets calendar (read by Python icalendar), a friend's share link, the phone day
/// view's line breaks, and all of it offline after one visit. FANS_SHOTS=<folder> keeps
/// screenshots of the phone day view, the search results and friends' picks there;
/// FANS_KEEP=<folder> the built site and the plan.
@Suite struct FansBrowserTests {
    struct Found: Decodable {
        struct Result: Decodable {
            var name: String
            var detail: String
            var href: String
        }
        var shown: Bool
        var status: String
        var results: [Result]
    }
    struct Filters: Decodable {
        var checked: Bool
        var column: Bool
        var rows: Int
        var hiddenRows: Int
        var visibleRows: Int
        var status: String
    }
    struct Line: Decodable {
        var shown: Bool
        var center: Double?
        var expected: Double?
    }
    struct InView: Decodable {
        var inFrame: Bool
        var inWindow: Bool
        var focused: Bool
    }
    struct ListNow: Decodable {
        var focused: Bool
        var onNow: Bool?
        var inWindow: Bool?
    }
    struct Other: Decodable {
        var shown: Bool
        var href: String?
    }
    struct Now: Decodable {
        var button: Bool
        var gridHidden: Bool?
        var list: ListNow?
        var line: Line
        var lineAfter: InView
        var otherDay: Other
        var index: [String]
    }
    struct Schedule: Decodable {
        struct Row: Decodable {
            var code: String
            var friends: [String]
            var clash: String
            var mine: Bool
        }
        struct Friend: Decodable {
            var name: String
            var colour: String
        }
        var rows: [Row]
        var friends: [Friend]
        var sectionShown: Bool
        var hash: String
    }
    struct DayFriend: Decodable {
        var code: String
        var friends: [String]
        var clash: String
        var inGrid: Bool
    }
    struct Friends: Decodable {
        struct Full: Decodable {
            var note: Bool
            var disabled: Bool
        }
        var offered: Bool
        var added: Schedule
        var day: [DayFriend]
        var removed: Schedule
        var full: Full
    }
    struct Wraps: Decodable {
        struct Broken: Decodable {
            var word: String
        }
        struct Styles: Decodable {
            var overflowWrap: String
            var hyphens: String
        }
        var broken: [Broken]
        var clipped: [String]
        var overflow: Double
        var gridShown: Bool?
        var styles: Styles?
    }
    struct Enter: Decodable {
        var first: String
        var opened: String
    }
    struct Search: Decodable {
        var queries: [String: Found]
        var enter: Enter
    }
    struct Viewport: Decodable {
        var search: Search
        var filters: FiltersRun
        var now: Now
        var reminders: [String: String]
        var friends: Friends
        var wraps: [String: Wraps]?
    }
    struct FiltersRun: Decodable {
        var before: Filters
        var hidden: Filters
        var reloaded: Filters
        var kind: [String]?
        var restored: Filters
    }
    struct Offline: Decodable {
        var controlled: Bool
        var h1: String
        var search: Found
        var filter: Filters
        var shared: Int
        var manifest: Bool
    }

    @Test func aFanFindsFiltersRemindsAndComparesOnAPhoneAndALaptopAndOffline() async throws {
        let folder = try TemporaryFolder()
        let draft = Fixtures.fans()
        try await FixtureBuild.run(draft, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let program = try ProgramNormalizer().normalize(draft)
        let output = folder.path("output")
        let codes = try Self.codes(output)
        func code(_ id: String) throws -> String {
            let performance = try #require(program.performances.first { $0.id == id })
            return try #require(codes[performance.displayName])
        }
        func uid(_ id: String) -> String {
            StableUUID.performance(id, event: program.event.id, source: "fixture").uuidString.lowercased()
        }
        let hidden = try #require(program.stage(id: "s_ar")?.slug)
        let kind = SetKinds.key(of: "Songwriting Workshop")
        let friendPicks = [try code("p_ja"), try code("p_bjork"), try code("p_nandu")]
        let queries = [
            "bjork", "nandu", "スカパラ", "ｽｶﾊﾟﾗ", "ГОСУДАРСТВЕННЫЙ", "συμφωνικη", "الوطنية", "הפילהרמונית", "songwriting",
            "blasmusik", "מסך", "zzqxj",
        ]
        let plan: [String: Any] = [
            "queries": queries, "enter": "bjork", "day": "days/2027-07-24/index.html",
            "otherDay": "days/2027-07-23/index.html", "hideStage": hidden, "kind": kind, "now": "2027-07-24T21:40",
            "nowCode": try code("p_ja"), "stars": [uid("p_he")],
            "friendLink": "#share=" + friendPicks.joined(separator: "."), "friendName": "Ana",
            "wrapPages": ["days/2027-07-23/index.html", "days/2027-07-24/index.html"], "offlineQuery": "bjork",
        ]
        try JSONSerialization.data(withJSONObject: plan).write(to: folder.path("plan.json"))
        // FANS_KEEP=<folder> keeps the built site and the plan there, to run the tool by hand.
        if let keep = ProcessInfo.processInfo.environment["FANS_KEEP"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: folder.url.path, toPath: keep)
        }
        var arguments = [Repository.tool("fans_check.py").path, output.path, folder.path("plan.json").path]
        if let shots = ProcessInfo.processInfo.environment["FANS_SHOTS"] { arguments += ["--shots", shots] }
        let result = try await ExternalTool.run("python3", arguments)
        #expect(result.status == 0, "\(result.output)")
        let json = result.output.drop { $0 != "{" }
        let report = try JSONDecoder().decode([String: ViewportOrOffline].self, from: Data(json.utf8))

        for size in ["390x844", "1280x900"] {
            let seen = try #require(report[size]?.viewport, "\(size) missing")
            try checkSearch(seen.search, size: size)
            try checkFilters(seen.filters, kind: kind, size: size)
            try checkNow(seen.now, phone: size.hasPrefix("390"), size: size)
            try await checkReminders(seen.reminders, size: size, program: program, uid: uid("p_he"))
            try checkFriends(seen.friends, friendPicks: friendPicks, clashingCode: try code("p_ja"), size: size)
            if let wraps = seen.wraps {
                for (page, found) in wraps {
                    #expect(found.broken.isEmpty, "\(page): words broken: \(found.broken.map(\.word))")
                    #expect(found.overflow <= 0, "\(page): the page is wider than the phone")
                    #expect(found.clipped.isEmpty, "\(page): runs off the screen: \(found.clipped)")
                    #expect(found.gridShown == false, "\(page): the phone opens the day as its list")
                    #expect(found.styles?.overflowWrap == "break-word" && found.styles?.hyphens == "manual")
                }
            } else {
                #expect(!size.hasPrefix("390"), "no line-break check at 390")
            }
        }
        let offline = try #require(report["offline"]?.offline)
        #expect(offline.controlled)
        #expect(offline.h1 == "Saturday, July 24, 2027")
        #expect(offline.search.results.first?.name == "Björk")
        #expect(offline.filter.column && offline.filter.hiddenRows == offline.filter.rows && offline.filter.rows > 0)
        #expect(offline.shared == 3)
        #expect(offline.manifest)
    }

    private func checkSearch(_ search: Search, size: String) throws {
        func first(_ query: String) -> Found.Result? { search.queries[query]?.results.first }
        #expect(first("bjork")?.name == "Björk", "\(size)")
        #expect(
            first("bjork")?.detail.contains("20:00–21:00 · מסך ראשי") == true,
            "\(size): \(first("bjork")?.detail ?? "")")
        #expect(first("bjork")?.href.hasSuffix("artists/bjork/index.html") == true)
        #expect(first("nandu")?.name == "Ñandú Trío", "\(size)")
        #expect(first("スカパラ")?.name == "東京スカパラダイスオーケストラとゆかいななかまたちの真夏の夜の夢", "\(size)")
        #expect(first("ｽｶﾊﾟﾗ")?.name == first("スカパラ")?.name, "\(size): half-width kana")
        #expect(
            first("ГОСУДАРСТВЕННЫЙ")?.name == "Государственный академический симфонический оркестр имени Светланова")
        #expect(first("συμφωνικη")?.name == "Συμφωνική Ορχήστρα της Ελληνικής Ραδιοφωνίας Τηλεόρασης", "\(size)")
        #expect(first("الوطنية")?.name == "الفرقة الوطنية للموسيقى العربية بقيادة المايسترو سليم سحاب")
        #expect(first("הפילהרמונית")?.name == "התזמורת הפילהרמונית הישראלית והמקהלה הקאמרית")
        let workshop = try #require(first("songwriting"))
        #expect(workshop.name == "Songwriting Workshop" && workshop.detail.hasSuffix("14:00–15:30 · \(Self.longStage)"))
        #expect(workshop.href.hasSuffix("days/2027-07-24/index.html#set-" + workshop.href.split(separator: "-").last!))
        // A genre finds the line-up night it names.
        #expect(
            first("blasmusik")?.name
                == "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft")
        #expect(first("מסך")?.href.contains("stages/") == true, "\(size): a stage's name finds the stage first")
        #expect(search.queries["zzqxj"]?.results.isEmpty == true && search.queries["zzqxj"]?.status == "0 results")
        #expect(search.queries["bjork"]?.status == "1 result")
        #expect(search.enter.opened == search.enter.first && search.enter.opened.hasSuffix("artists/bjork/index.html"))
    }

    static let longStage = "Hauptbühnenbeleuchtungsanlagenwartungsunternehmensgemeinschaftszelt"

    private func checkFilters(_ run: FiltersRun, kind: String, size: String) throws {
        #expect(run.before.checked && !run.before.column && run.before.rows > 0 && run.before.hiddenRows == 0)
        #expect(run.before.status.isEmpty)
        #expect(!run.hidden.checked && run.hidden.column && run.hidden.hiddenRows == run.hidden.rows, "\(size)")
        #expect(run.hidden.status == "Showing \(run.hidden.visibleRows) of \(run.before.visibleRows) sets.")
        #expect(!run.reloaded.checked && run.reloaded.column && run.reloaded.hiddenRows == run.reloaded.rows, "\(size)")
        #expect(run.kind == [kind], "\(size): the workshop filter leaves the workshop")
        #expect(run.restored.checked && !run.restored.column && run.restored.hiddenRows == 0, "\(size)")
        #expect(run.restored.visibleRows == run.before.visibleRows)
    }

    private func checkNow(_ now: Now, phone: Bool, size: String) throws {
        #expect(now.button, "\(size): the Now button shows while the festival runs")
        #expect(now.line.shown, "\(size): no now line")
        let center = try #require(now.line.center), expected = try #require(now.line.expected)
        #expect(abs(center - expected) <= 1, "\(size): the now line is at \(center), 21:40 is at \(expected)")
        #expect(now.lineAfter.inFrame && now.lineAfter.inWindow && now.lineAfter.focused, "\(size): Now scrolled")
        if phone {
            #expect(now.gridHidden == true)
            #expect(now.list?.focused == true && now.list?.onNow == true && now.list?.inWindow == true, "\(size)")
        }
        #expect(now.otherDay.shown && now.otherDay.href?.contains("2027-07-24/index.html?now=") == true)
        #expect(now.index.contains { $0.contains("東京スカパラダイスオーケストラ") && $0.contains("22:00") }, "\(now.index)")
    }

    private func checkReminders(_ calendars: [String: String], size: String, program: Program, uid: String) async throws
    {
        let folder = try TemporaryFolder()
        for (name, text) in calendars where name != "remembered" {
            try Data(text.utf8).write(to: folder.path("\(name).ics"))
        }
        let read = try await CalendarReader.read(folder.url)
        let expected = ["default": [-900], "30": [-1800], "none": [], "5": [-300]]
        for (name, triggers) in expected {
            let calendar = try #require(read["\(name).ics"], "\(size): \(name)")
            #expect(calendar.events.map(\.uid) == [uid])
            for event in calendar.events {
                #expect(event.alarms.map(\.trigger) == triggers, "\(size) \(name)")
                #expect(event.alarms.allSatisfy { $0.action == "DISPLAY" && $0.description.contains("starts soon") })
            }
        }
        #expect(calendars["remembered"] == "5", "\(size): the choice is remembered")
    }

    private func checkFriends(_ friends: Friends, friendPicks: [String], clashingCode: String, size: String) throws {
        #expect(friends.offered)
        let added = friends.added
        #expect(added.friends.map(\.name) == ["Ana"] && added.friends.first?.colour.contains("friend-3") == true)
        #expect(added.sectionShown && added.hash.isEmpty)
        for code in friendPicks {
            #expect(added.rows.contains { $0.code == code && $0.friends == ["Ana"] && !$0.mine }, "\(size): \(code)")
        }
        #expect(added.rows.contains { $0.mine && $0.friends.isEmpty })
        let clashing = try #require(added.rows.first { $0.code == clashingCode })
        #expect(clashing.clash == "Clashes with your pick: התזמורת הפילהרמונית הישראלית והמקהלה הקאמרית")
        #expect(Set(friends.day.map(\.code)) == Set(friendPicks), "\(size)")
        let onDay = try #require(friends.day.first { $0.code == clashingCode })
        #expect(onDay.clash.hasPrefix("Clashes with your pick:") && onDay.friends == ["Ana"])
        #expect(onDay.inGrid)
        #expect(friends.removed.friends.isEmpty && !friends.removed.sectionShown)
        #expect(friends.removed.rows.allSatisfy { $0.mine })
        #expect(friends.full.note && friends.full.disabled)
    }

    /// Each set's share code by its display name, read from the search index.
    static func codes(_ output: URL) throws -> [String: String] {
        struct Index: Decodable {
            var artists: [[String]]
            var sets: [[JSONValue]]
        }
        let index = try JSONDecoder().decode(
            Index.self, from: Data(contentsOf: output.appendingPathComponent(OutputPaths.searchIndex)))
        var codes: [String: String] = [:]
        for row in index.sets {
            guard case .string(let code) = row[0], case .number(let artist) = row[2] else { continue }
            switch row[1] {
            case .string(let title): codes[title] = code
            default: if artist >= 0 { codes[index.artists[Int(artist)][0]] = code }
            }
        }
        return codes
    }

    /// A report entry: one viewport's findings or the offline visit's.
    struct ViewportOrOffline: Decodable {
        var viewport: Viewport?
        var offline: Offline?
        init(from decoder: any Decoder) throws {
            viewport = try? Viewport(from: decoder)
            offline = viewport == nil ? try Offline(from: decoder) : nil
        }
    }
}
