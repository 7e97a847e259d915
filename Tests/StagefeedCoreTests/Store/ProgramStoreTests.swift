import Foundation
import GRDB
import Testing

@testable import StagefeedCore

@Suite struct ProgramStoreTests {
    private func demoProgram() async throws -> Program {
        try await DemoSource().load(normalizer: ProgramNormalizer()).program()
    }

    @Test func roundTripsResponsesProgramSlugsAndState() async throws {
        let folder = try TemporaryFolder()
        let store = try ProgramStore(folder: folder.url)
        let program = try await demoProgram()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let response = StoredResponse(
            endpoint: "event", body: Data("{}".utf8), etag: "\"abc\"", lastModified: nil, fetchedAt: now)
        try store.commit(
            source: "fourvenues:demo", responses: [], program: program, keepingProgram: true, changed: true,
            rate: nil, at: now)
        try store.commit(
            source: "stagecraft", responses: [response], program: program, changed: true, rate: nil, at: now)

        let reopened = try ProgramStore(folder: folder.url)
        #expect(try reopened.responses(source: "stagecraft") == ["event": response])
        #expect(try reopened.program(source: "fourvenues:demo") == program)
        #expect(try reopened.program(source: "stagecraft") == nil, "made again from the bodies, not kept")
        #expect(try reopened.state(source: "stagecraft")?.checkedAt == now)
        #expect(try reopened.slugs()["artist"]?.count == program.artists.count)
        #expect(try reopened.responses(source: "fourvenues").isEmpty)
    }

    @Test func aCommitKeepsNewAndChangedSlugsAndLeavesTheOthers() async throws {
        let folder = try TemporaryFolder()
        let store = try ProgramStore(folder: folder.url)
        var program = try await demoProgram()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try store.commit(source: "stagecraft", responses: [], program: program, changed: true, rate: nil, at: now)
        program.artists[0].slug = "renamed-by-hand"
        program.stages[1].slug = "other-stage"
        program.artists.append(Artist(id: "newcomer", name: "Newcomer", slug: "newcomer", links: []))
        try store.commit(source: "stagecraft", responses: [], program: program, changed: true, rate: nil, at: now)
        let slugs = try store.slugs()
        #expect(slugs["artist"]?.count == program.artists.count && slugs["stage"]?.count == program.stages.count)
        for artist in program.artists { #expect(slugs["artist"]?[artist.id] == artist.slug) }
        for stage in program.stages { #expect(slugs["stage"]?[stage.id] == stage.slug) }
    }

    @Test func digestsOfBodiesAreKeptAndWorkedOutForOlderRows() async throws {
        let folder = try TemporaryFolder()
        let store = try ProgramStore(folder: folder.url)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let bodies = ["event": "{\"data\": {}}", "program": "{\"data\": []}"]
        let responses = bodies.map {
            StoredResponse(endpoint: $0.key, body: Data($0.value.utf8), etag: nil, lastModified: nil, fetchedAt: now)
        }
        try store.commit(source: "stagecraft", responses: responses, program: nil, changed: true, rate: nil, at: now)
        // SHA-256 of the bodies, worked out independently of the store.
        var expected: [String: String] = [:]
        for (endpoint, body) in bodies {
            let digest = try await ExternalTool.run(
                "python3", ["-c", "import hashlib,sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())", body])
            expected[endpoint] = digest.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try store.responseDigests(source: "stagecraft") == expected)
        // Rows stored before digests were kept have none: the digest is worked out from the body.
        try store.write { db in try db.execute(sql: "UPDATE endpoint_response SET digest = NULL") }
        #expect(try store.responseDigests(source: "stagecraft") == expected)
        #expect(try store.responseDigests(source: "fourvenues").isEmpty)
    }

    @Test func aCheckWithoutChangesKeepsTheChangeTime() async throws {
        let folder = try TemporaryFolder()
        let store = try ProgramStore(folder: folder.url)
        let program = try await demoProgram()
        let first = Date(timeIntervalSince1970: 1_800_000_000), later = first.addingTimeInterval(600)
        try store.commit(source: "stagecraft", responses: [], program: program, changed: true, rate: nil, at: first)
        try store.commit(source: "stagecraft", responses: [], program: program, changed: false, rate: nil, at: later)
        let state = try #require(try store.state(source: "stagecraft"))
        #expect(state.checkedAt == later)
        #expect(state.changedAt == first)
    }

    @Test func usesWriteAheadLogging() throws {
        let folder = try TemporaryFolder()
        _ = try ProgramStore(folder: folder.url)
        let mode = try DatabaseQueue(path: folder.path(ProgramStore.fileName).path).read { db in
            try String.fetchOne(db, sql: "PRAGMA journal_mode")
        }
        #expect(mode == "wal")
    }

    @Test func reservationsKeepTheLimitAndHonourHoldsAcrossStores() throws {
        let folder = try TemporaryFolder()
        let store = try ProgramStore(folder: folder.url), other = try ProgramStore(folder: folder.url)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var entries: [Int64] = []
        for offset in [-50.0, -40, -30] {
            guard
                case .granted(let entry) = try store.reserveRequest(
                    source: "stagecraft", limit: 3, window: 60, at: now.addingTimeInterval(offset))
            else {
                Issue.record("refused under the limit")
                return
            }
            entries.append(entry)
        }
        // A second process sharing the store sees the same budget.
        #expect(
            try other.reserveRequest(source: "stagecraft", limit: 3, window: 60, at: now)
                == .wait(until: now.addingTimeInterval(10.01)))
        // Settling dates a request by its answer, pushing the window on.
        try store.settleRequest(entries[0], at: now.addingTimeInterval(-45))
        #expect(
            try other.reserveRequest(source: "stagecraft", limit: 3, window: 60, at: now)
                == .wait(until: now.addingTimeInterval(15.01)))
        // Another source has its own budget.
        guard case .granted = try other.reserveRequest(source: "fourvenues", limit: 3, window: 60, at: now) else {
            Issue.record("shared budget")
            return
        }

        // A hold (Retry-After, Remaining: 0) and a lower announced limit apply to everyone.
        try store.recordRateHold(source: "stagecraft", until: now.addingTimeInterval(300), limit: nil)
        #expect(
            try other.reserveRequest(source: "stagecraft", limit: 3, window: 60, at: now.addingTimeInterval(100))
                == .wait(until: now.addingTimeInterval(300)))
        try store.recordRateHold(source: "stagecraft", until: nil, limit: 1)
        guard
            case .granted = try other.reserveRequest(
                source: "stagecraft", limit: 3, window: 60, at: now.addingTimeInterval(400))
        else {
            Issue.record("refused after the hold")
            return
        }
        if case .granted = try other.reserveRequest(
            source: "stagecraft", limit: 3, window: 60, at: now.addingTimeInterval(401))
        {
            Issue.record("the lower announced limit of 1 was not kept")
        }
    }

    @Test func aCorruptStoreIsReportedWithWhatToDo() throws {
        let folder = try TemporaryFolder()
        try folder.write(ProgramStore.fileName, String(repeating: "not a database ", count: 200))
        let error = #expect(throws: StoreError.self) { try ProgramStore(folder: folder.url) }
        #expect(error?.description.contains("move the cache folder away") == true)
    }

    /// Builds killed with SIGKILL at many points leave a store that opens, passes SQLite's
    /// integrity check and holds one consistent program, and output files that are whole.
    @Test func killedBuildsLeaveAConsistentStore() async throws {
        let key = "fk_live_kill_test"
        let server = try await StagecraftTestServer.start(apiKey: key)
        let folder = try TemporaryFolder()
        let arguments = [
            "build", "--source", "stagecraft", "--base-url", server.baseURL.absoluteString, "--cache", "cache",
            "--refresh", "--quiet",
        ]
        let original = await server.state.bodies["program"]!
        for round in 0..<12 {
            // Alternate two versions of the program so builds really change data.
            let title = round % 2 == 0 ? "Secret Set" : "Secret Set (moved)"
            let body = String(decoding: original, as: UTF8.self).replacingOccurrences(
                of: "\"Secret Set\"", with: "\"\(title)\"")
            await server.state.setBody("program", Data(body.utf8))
            await server.state.inject(
                "*", [.slow(seconds: 0.05), .slow(seconds: 0.05), .slow(seconds: 0.05), .slow(seconds: 0.05)])
            try await CommandRunner.runAndKill(
                arguments, in: folder.url, environment: ["STAGEFEED_API_KEY": key],
                after: .milliseconds(100 + 60 * round))

            let store = try ProgramStore(folder: folder.path("cache"))
            let check = try await DatabaseQueue(path: folder.path("cache/\(ProgramStore.fileName)").path).read { db in
                try String.fetchOne(db, sql: "PRAGMA integrity_check")
            }
            #expect(check == "ok")
            let responses = try store.responses(source: "stagecraft")
            if !responses.isEmpty {
                var bodies: [StagecraftEndpoint: Data] = [:]
                for (name, response) in responses { bodies[StagecraftEndpoint(rawValue: name)!] = response.body }
                let slugs = try store.slugs()
                let rebuilt = try ProgramNormalizer(previousSlugs: slugs).normalize(
                    StagecraftDecoder.draft(bodies: bodies))
                // The slugs were stored with the bodies: every artist and stage has its own.
                #expect(
                    rebuilt.artists.allSatisfy { slugs["artist"]?[$0.id] == $0.slug }
                        && rebuilt.stages.allSatisfy { slugs["stage"]?[$0.id] == $0.slug },
                    "round \(round): the stored bodies and slugs disagree")
            }
            if let index = folder.read("output/index.html") {
                #expect(index.hasSuffix("</html>\n"), "round \(round): index.html is torn")
            }
        }
        // After all that, a normal build works and is consistent.
        let final = try await CommandRunner.run(arguments, in: folder.url, environment: ["STAGEFEED_API_KEY": key])
        #expect(final.status == 0, "\(final.stderr)")
        await server.stop()
    }
}
