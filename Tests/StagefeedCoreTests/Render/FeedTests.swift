import Crypto
import Foundation
import Testing

@testable import StagefeedCore

/// The JSON feeds, the frab/c3voc schedule and the change feeds, checked by real validators.
@Suite struct FeedTests {
    private static let repository = Repository.root
    private static let formats = Repository.fixture("c3voc-schedule")
    private let first = Date(timeIntervalSince1970: 1_800_000_000)

    private func validate(_ schema: String, _ arguments: [String]) async throws {
        let script = Self.repository.appendingPathComponent("Tests/tools/validate_json.py").path
        let result = try await ExternalTool.run("python3", [script, schema] + arguments)
        #expect(result.status == 0, "\(result.output)")
    }

    private func json(_ folder: TemporaryFolder, _ path: String) throws -> [String: Any] {
        let text = try #require(folder.read(path))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func everyFeedOfTheDemoValidates() async throws {
        try #require(
            FileManager.default.fileExists(atPath: Self.formats.appendingPathComponent("schedule.xml.xsd").path),
            "the c3voc schemas are in Tests/Fixtures/c3voc-schedule")
        for site in [nil, URL(string: "https://riverbend.example/timetable/")] {
            let folder = try TemporaryFolder()
            try await FixtureBuild.run(nil, in: folder, at: first, siteURL: site)
            let output = folder.path("output")
            let schema = Self.repository.appendingPathComponent("schemas/program.schema.json").path
            try await validate(schema, [output.appendingPathComponent("feeds/program.json").path])
            try await validate(
                schema,
                ["--def", "stageFeed"]
                    + folder.files().filter { $0.hasPrefix("output/feeds/stages/") }.map { folder.path($0).path })
            try await validate(
                schema,
                ["--def", "dayFeed"]
                    + folder.files().filter { $0.hasPrefix("output/feeds/days/") }.map { folder.path($0).path })
            try await validate(schema, ["--def", "status", output.appendingPathComponent("feeds/status.json").path])
            try await validate(
                Self.repository.appendingPathComponent("schemas/jsonfeed-1.1.schema.json").path,
                [output.appendingPathComponent("feeds/changes.json").path])
            try await validate(
                Self.formats.appendingPathComponent("schema.json").path,
                [output.appendingPathComponent("schedule.json").path])
            let xsd = try await ExternalTool.run(
                "xmllint",
                [
                    "--noout", "--schema", Self.formats.appendingPathComponent("schedule.xml.xsd").path,
                    output.appendingPathComponent("schedule.xml").path,
                ])
            #expect(xsd.status == 0, "\(xsd.output)")
            let atom = try await ExternalTool.run(
                "xmllint", ["--noout", output.appendingPathComponent("feeds/changes.xml").path])
            #expect(atom.status == 0, "\(atom.output)")
        }
    }

    @Test func scheduleIDsAndInstantsMatchTheSourceAndStayPut() async throws {
        let folder = try TemporaryFolder()
        var draft = Fixtures.draft([
            Fixtures.performance("p_b", "2027-07-23T20:00:00+02:00", "2027-07-23T21:30:00+02:00"),
            Fixtures.performance(
                "p_a", stage: "s_tent", "2027-07-24T01:30:00+02:00", "2027-07-24T02:15:00+02:00", title: "Late & <loud>"
            ),
        ])
        try await FixtureBuild.run(draft, in: folder, at: first)
        let schedule = try json(folder, "output/schedule.json")["schedule"] as? [String: Any]
        let conference = try #require(schedule?["conference"] as? [String: Any])
        #expect(conference["acronym"] as? String == "testfest")
        let days = try #require(conference["days"] as? [[String: Any]])
        #expect(days.first?["day_start"] as? String == "2027-07-23T06:00:00+02:00")
        let events = days.flatMap { ($0["rooms"] as? [String: [[String: Any]]])?.values.flatMap { $0 } ?? [] }
        let byGUID = Dictionary(uniqueKeysWithValues: events.map { ($0["guid"] as! String, $0) })
        for id in ["p_a", "p_b"] {
            let record = try #require(draft.performances.first { $0.id == id })
            let event = try #require(
                byGUID[StableUUID.performance(id, event: "evt", source: "fixture").uuidString.lowercased()])
            #expect(ISO8601.instant(from: event["date"] as! String) == record.start)
            #expect(ISO8601.instant(from: event["end"] as! String) == record.end)
        }
        let late = try #require(
            byGUID[StableUUID.performance("p_a", event: "evt", source: "fixture").uuidString.lowercased()])
        #expect(late["start"] as? String == "01:30")
        #expect(late["duration"] as? String == "0:45")
        #expect(late["title"] as? String == "Late & <loud>")
        #expect(
            days.first.flatMap { ($0["rooms"] as? [String: [[String: Any]]])?["Tent"]?.count } == 1,
            "a 01:30 set sits on the day before")
        let firstIDs = Dictionary(uniqueKeysWithValues: events.map { ($0["guid"] as! String, $0["id"] as! Int) })
        #expect(Set(firstIDs.values) == [1, 2])

        // A new, earlier performance gets a new number; the others keep theirs.
        draft.performances.insert(
            Fixtures.performance("p_0", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00"), at: 0)
        try await FixtureBuild.run(draft, in: folder, at: first.addingTimeInterval(60))
        let again =
            (try json(folder, "output/schedule.json")["schedule"] as? [String: Any])?["conference"] as? [String: Any]
        let againEvents = (again?["days"] as? [[String: Any]] ?? []).flatMap {
            ($0["rooms"] as? [String: [[String: Any]]])?.values.flatMap { $0 } ?? []
        }
        for event in againEvents where firstIDs[event["guid"] as! String] != nil {
            #expect(event["id"] as? Int == firstIDs[event["guid"] as! String])
        }
        #expect(againEvents.map { $0["id"] as! Int }.sorted() == [1, 2, 3])
    }

    @Test func anUnchangedRebuildChangesOnlyTheStatus() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: first)
        let before = Dictionary(uniqueKeysWithValues: folder.files().map { ($0, folder.read($0)) })
        let report = try await FixtureBuild.run(nil, in: folder, at: first.addingTimeInterval(300))
        #expect(report.write.written == ["feeds/status.json"])
        for (path, text) in before where !path.hasSuffix("status.json") && path.hasPrefix("output/") {
            #expect(folder.read(path) == text, "\(path) changed")
        }
        let status = try json(folder, "output/feeds/status.json")
        #expect(status["state"] as? String == "fresh")
        #expect(status["last_check"] as? String == "2027-01-15T09:05:00+01:00")
        #expect(status["last_change"] as? String == "2027-01-15T09:00:00+01:00")
        #expect(
            status["data_version"] as? String == (try json(folder, "output/feeds/program.json"))["version"] as? String)
    }

    @Test func theProgramFeedsVersionIsTheHashOfItsContentAndTheScheduleGivesIt() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: first)
        let text = try #require(folder.read("output/feeds/program.json"))
        let version = try #require(try json(folder, "output/feeds/program.json")["version"] as? String)
        #expect(version.count == 16 && version != FeedsRenderer.blankVersion)
        // The version is the first 16 hex digits of the SHA-256 of the feed with it blank.
        let member = "\"version\" : \"\(version)\""
        #expect(text.components(separatedBy: member).count == 2, "one version member")
        let blank = text.replacingOccurrences(of: member, with: "\"version\" : \"\(FeedsRenderer.blankVersion)\"")
        #expect(SHA256.hash(data: Data(blank.utf8)).prefix(8).hexadecimal == version)
        #expect(try #require(folder.read("output/schedule.xml")).contains("<version>\(version)</version>"))
        let scheduleText = try #require(folder.read("output/schedule.json"))
        let schedule = try #require(try JSONSerialization.jsonObject(with: Data(scheduleText.utf8)) as? [String: Any])
        #expect((schedule["schedule"] as? [String: Any])?["version"] as? String == version)
        #expect((try json(folder, "output/feeds/status.json"))["data_version"] as? String == version)
    }

    @Test func aStageFeedChangesOnlyWithItsOwnStage() async throws {
        let folder = try TemporaryFolder()
        let main = Fixtures.performance("p_1", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00")
        let tent = Fixtures.performance(
            "p_2", stage: "s_tent", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00")
        try await FixtureBuild.run(Fixtures.draft([main, tent]), in: folder, at: first)
        let before = try #require(folder.read("output/feeds/stages/main-stage.json"))
        let days = try #require(try json(folder, "output/feeds/stages/main-stage.json")["days"] as? [[String: Any]])
        #expect(days.map { $0["performances"] as? [String] } == [["p_1"], [], []])
        // A set added on another stage: the tent's feed changes, the main stage's stays byte for byte.
        let added = Fixtures.performance(
            "p_3", stage: "s_tent", "2027-07-23T14:00:00+02:00", "2027-07-23T15:00:00+02:00")
        let report = try await FixtureBuild.run(
            Fixtures.draft([main, tent, added]), in: folder, at: first.addingTimeInterval(300))
        #expect(folder.read("output/feeds/stages/main-stage.json") == before)
        #expect(report.write.written.contains("feeds/stages/tent.json"))
        #expect(!report.write.written.contains("feeds/stages/main-stage.json"))
        #expect(
            try json(folder, "output/feeds/days/2027-07-23.json")["performances"].map { ($0 as? [Any])?.count } == 3)
    }

    @Test func theSharedEntriesAreLetGoAfterTheLastFeedThatListsThem() throws {
        let program = try ProgramNormalizer().normalize(
            Fixtures.draft([
                Fixtures.performance("p_1", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00"),
                Fixtures.performance("p_2", stage: "s_tent", "2027-07-24T12:00:00+02:00", "2027-07-24T13:00:00+02:00"),
            ]))
        let resources = RenderResources(program: program, context: BuildContext(now: first, sourceName: "test"))
        let units = try FeedsRenderer().units(for: resources)
        #expect(units.count == 1 + program.stages.count + program.days.count)
        #expect(Set(units.map(\.batch)) == ["feeds"])
        var made = 0
        let remake = { () -> [[UInt8]] in
            made += 1
            return []
        }
        let collector = OutputCollector()
        for (index, unit) in units.enumerated() {
            try unit.make(collector)
            if index < units.count - 1 {
                // Still held for the files to come: asking for it does not make it again.
                _ = resources.feedEntries.value(remake)
                #expect(made == 0, "after \(unit.key)")
            }
        }
        // The last feed let it go: asking for it now makes it again.
        _ = resources.feedEntries.value(remake)
        #expect(made == 1)
        #expect(collector.files.count == units.count)
    }

    @Test func theProgramFeedIsTheSameWhenTheScheduleAskedForItsVersionFirst() throws {
        let program = try ProgramNormalizer().normalize(
            Fixtures.draft([
                Fixtures.performance("p_1", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00"),
                Fixtures.performance("p_2", stage: "s_tent", "2027-07-24T12:00:00+02:00", "2027-07-24T13:00:00+02:00"),
            ]))
        /// `program.json` as its unit writes it, and the version the build is given.
        func programFeed(versionAskedFirst: Bool) throws -> (contents: Data, version: String?) {
            let resources = RenderResources(program: program, context: BuildContext(now: first, sourceName: "test"))
            // As the frab schedule does, when it runs before the program feed.
            let early = versionAskedFirst ? FeedsRenderer.dataVersion(resources) : nil
            let unit = try #require(
                try FeedsRenderer().units(for: resources).first { $0.key == OutputPaths.programFeed })
            let collector = OutputCollector()
            try unit.make(collector)
            let version = resources.results[UnitResults.dataVersion]
            if let early { #expect(version == early) }
            return (try #require(collector.files.first).contents, version)
        }
        let written = try programFeed(versionAskedFirst: false)
        let afterTheSchedule = try programFeed(versionAskedFirst: true)
        #expect(written.contents == afterTheSchedule.contents)
        #expect(written.version == afterTheSchedule.version)
        let feed = try #require(try JSONSerialization.jsonObject(with: written.contents) as? [String: Any])
        #expect(feed["version"] as? String == written.version)
    }

    @Test func aChangeItemLinksItsArtistsPageOnThePublicSite() async throws {
        let folder = try TemporaryFolder()
        let site = try #require(URL(string: "https://riverbend.example/timetable/"))
        let original = Fixtures.draft([
            Fixtures.performance("p_artist", "2027-07-23T22:30:00+02:00", "2027-07-23T23:30:00+02:00"),
            Fixtures.performance(
                "p_open", artist: nil, "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00", title: "Open Mic"),
            Fixtures.performance("p_still", artist: "a_2", "2027-07-24T14:00:00+02:00", "2027-07-24T15:00:00+02:00"),
        ])
        try await FixtureBuild.run(original, in: folder, at: first, siteURL: site)
        var edited = original
        for moved in 0..<2 {
            edited.performances[moved].start = edited.performances[moved].start.addingTimeInterval(3600)
            edited.performances[moved].end = edited.performances[moved].end.addingTimeInterval(3600)
        }
        try await FixtureBuild.run(edited, in: folder, at: first.addingTimeInterval(3600), siteURL: site)

        let artists = try #require(try json(folder, "output/feeds/program.json")["artists"] as? [[String: Any]])
        let slug = try #require(artists.first { $0["id"] as? String == "a_1" }?["slug"] as? String)
        let items = try #require(try json(folder, "output/feeds/changes.json")["items"] as? [[String: Any]])
        let urls = Dictionary(
            uniqueKeysWithValues: items.compactMap { item -> (String, String?)? in
                guard let id = (item["_stagefeed"] as? [String: Any])?["performance_id"] as? String else { return nil }
                return (id, item["url"] as? String)
            })
        #expect(urls.count == 2, "the two moved sets, not the one left alone: \(urls)")
        #expect(urls["p_artist"] == .some("https://riverbend.example/timetable/artists/\(slug)/"))
        #expect(urls["p_open"] == .some(nil), "a set without an artist links no page")
    }

    @Test func anEditedProgramGivesExactlyTheRightChangeItems() async throws {
        let folder = try TemporaryFolder()
        let original = Fixtures.draft([
            Fixtures.performance("p_same", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00"),
            Fixtures.performance("p_moved", "2027-07-23T22:30:00+02:00", "2027-07-23T23:30:00+02:00"),
            Fixtures.performance(
                "p_renamed", stage: "s_tent", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00",
                title: "Old name"),
            Fixtures.performance(
                "p_restaged", stage: "s_tent", "2027-07-23T15:00:00+02:00", "2027-07-23T16:00:00+02:00"),
            Fixtures.performance("p_gone", stage: "s_tent", "2027-07-23T18:00:00+02:00", "2027-07-23T19:00:00+02:00"),
        ])
        try await FixtureBuild.run(original, in: folder, at: first)
        #expect(
            (try json(folder, "output/feeds/changes.json")["items"] as? [Any])?.isEmpty == true,
            "a first import is not news")

        var edited = original
        edited.performances[1].start = Fixtures.instant("2027-07-23T23:30:00+02:00")
        edited.performances[1].end = Fixtures.instant("2027-07-24T00:30:00+02:00")
        edited.performances[2].title = "New name"
        edited.performances[3].stageID = "s_main"
        edited.performances.remove(at: 4)
        edited.performances.append(
            Fixtures.performance("p_new", artist: "a_2", "2027-07-24T14:00:00+02:00", "2027-07-24T15:00:00+02:00"))
        try await FixtureBuild.run(edited, in: folder, at: first.addingTimeInterval(3600))

        let items = try #require(try json(folder, "output/feeds/changes.json")["items"] as? [[String: Any]])
        let sentences = Set(items.compactMap { $0["content_text"] as? String })
        #expect(
            sentences == [
                "Moved: Rosa & the Thorns now Fri 23:30 on Main Stage (was 22:30)",
                "Renamed: New name (was Old name), Fri 12:00 on Tent",
                "New stage: Rosa & the Thorns now on Main Stage (was Tent), Fri 15:00",
                "Cancelled: Rosa & the Thorns, Fri 18:00 on Tent",
                "Added: Café Lune, Sat 14:00 on Main Stage",
            ])
        let kinds = items.compactMap { ($0["_stagefeed"] as? [String: Any])?["kind"] as? String }.sorted()
        #expect(kinds == ["added", "cancelled", "moved", "renamed", "restaged"])
        let ids = items.compactMap { $0["id"] as? String }

        // The same program again adds nothing; ids of earlier items stay the same.
        try await FixtureBuild.run(edited, in: folder, at: first.addingTimeInterval(7200))
        let again = try #require(try json(folder, "output/feeds/changes.json")["items"] as? [[String: Any]])
        #expect(again.compactMap { $0["id"] as? String } == ids)
        let atom = try #require(folder.read("output/feeds/changes.xml"))
        #expect(atom.contains("Moved: Rosa &amp; the Thorns now Fri 23:30 on Main Stage (was 22:30)"))
        #expect(atom.components(separatedBy: "<entry>").count == 6)
    }
}
