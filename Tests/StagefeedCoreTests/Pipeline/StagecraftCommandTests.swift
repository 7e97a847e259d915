import Foundation
import Testing

@testable import StagefeedCore

/// `stagefeed build --source stagecraft` as a process against the loopback API: exit
/// statuses, stale output kept, and the API key kept out of everything written.
@Suite struct StagecraftCommandTests {
    static let key = "fk_live_SECRET_7d1c9e5a0b3f"

    private func build(
        _ server: StagecraftTestServer, in folder: TemporaryFolder, _ extra: [String] = [],
        key: String = StagecraftCommandTests.key
    ) async throws -> CommandRunner.Result {
        try await CommandRunner.run(
            [
                "build", "--source", "stagecraft", "--base-url", server.baseURL.absoluteString,
                "--cache", "cache", "--min-refresh", "60s",
            ] + extra,
            in: folder.url, environment: ["STAGEFEED_API_KEY": key])
    }

    /// Every byte stagefeed left on disk, plus what it printed.
    private func everything(_ folder: TemporaryFolder, _ results: [CommandRunner.Result]) -> [(String, Data)] {
        folder.files().map { ($0, FileManager.default.contents(atPath: folder.path($0).path) ?? Data()) }
            + results.flatMap { [("stdout", Data($0.stdout.utf8)), ("stderr", Data($0.stderr.utf8))] }
    }

    @Test func freshThenCachedThenStaleThenFailed() async throws {
        let server = try await StagecraftTestServer.start(apiKey: Self.key)
        let folder = try TemporaryFolder()
        var results: [CommandRunner.Result] = []

        let fresh = try await build(server, in: folder)
        results.append(fresh)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stdout.contains("stagecraft · fresh · 59 performances"))

        let cached = try await build(server, in: folder)
        results.append(cached)
        #expect(cached.status == 0)
        #expect(cached.stdout.contains("stagecraft · cached ·"))
        #expect(await server.state.log.count == 4)

        let pages = {
            folder.files().filter { $0.hasPrefix("output/") && !$0.hasSuffix("status.json") }.map { folder.read($0) }
        }
        let before = pages()
        await server.state.inject("program", Array(repeating: .status(503), count: 10), conditionalOnly: true)
        let stale = try await build(server, in: folder, ["--refresh"])
        results.append(stale)
        #expect(stale.status == 3, "\(stale.stderr)")
        #expect(stale.stderr.contains("stale"))
        #expect(stale.stderr.contains("GET /program"))
        #expect(stale.stdout.contains("stagecraft · stale ·"))
        #expect(pages() == before)
        #expect(folder.read("output/feeds/status.json")?.contains("\"stale\" : true") == true)

        let refused = try await build(server, in: folder, ["--refresh"], key: "fk_live_WRONG_0000")
        results.append(refused)
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("401"))

        for (name, bytes) in everything(folder, results) {
            #expect(bytes.range(of: Data(Self.key.utf8)) == nil, "the API key leaked into \(name)")
            #expect(bytes.range(of: Data("fk_live_WRONG_0000".utf8)) == nil, "the API key leaked into \(name)")
        }
        #expect(folder.files().contains("cache/store.sqlite"))
        await server.stop()
    }

    @Test func aFailureWithNothingStoredExitsOneAndWritesNoOutput() async throws {
        let server = try await StagecraftTestServer.start(apiKey: Self.key)
        let folder = try TemporaryFolder()
        let result = try await build(server, in: folder, [], key: "fk_live_WRONG_0000")
        #expect(result.status == 1)
        #expect(result.stderr.contains("401 unauthorized"))
        #expect(result.stderr.contains("X-API-Key"))
        #expect(folder.files().filter { $0.hasPrefix("output/") }.isEmpty, "nothing, not even a lock file")
        await server.stop()
    }

    @Test(arguments: [
        (["--base-url", "http://festival.example.com/api/v1"], ["STAGEFEED_API_KEY": key], "https"),
        ([], ["STAGEFEED_API_KEY": key], "base_url"),
        (["--base-url", "https://festival.example.com/api/v1"], [:], "STAGEFEED_API_KEY"),
        (
            ["--base-url", "https://festival.example.com/api/v1", "--min-refresh", "10s"], ["STAGEFEED_API_KEY": key],
            "--min-refresh"
        ),
    ])
    func misconfigurationExitsTwo(arguments: [String], environment: [String: String], message: String) async throws {
        let folder = try TemporaryFolder()
        let result = try await CommandRunner.run(
            ["build", "--source", "stagecraft"] + arguments, in: folder.url, environment: environment)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message))
        #expect(!result.stderr.contains(Self.key))
        #expect(folder.files().isEmpty)
    }

    @Test func checkVerifiesTheKeyAndReportsWithoutWriting() async throws {
        let server = try await StagecraftTestServer.start(apiKey: Self.key)
        await server.state.setRateHeaders([
            "X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "57", "X-RateLimit-Reset": "42",
        ])
        let folder = try TemporaryFolder()
        let arguments = [
            "check", "--source", "stagecraft", "--base-url", server.baseURL.absoluteString, "--cache", "cache",
        ]
        let check = try await CommandRunner.run(arguments, in: folder.url, environment: ["STAGEFEED_API_KEY": Self.key])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("Riverbend Folk & Roots Festival 2027"))
        #expect(check.stdout.contains("Europe/Berlin"))
        #expect(check.stdout.contains("4 stages, 47 artists, 59 performances, 3 festival days"))
        #expect(check.stdout.contains("57 of 60 requests left"))
        #expect(check.stdout.contains("empty (the first build fills it)"))
        #expect(check.stdout.contains(/a build would write [1-9][0-9]*, keep 0, remove 0 files/))
        #expect(!folder.files().contains { $0.hasPrefix("output") })
        #expect(!check.stdout.contains(Self.key))

        // After a build, check sees that a build would change nothing (status.json aside).
        let build = try await CommandRunner.run(
            [
                "build", "--source", "stagecraft", "--base-url", server.baseURL.absoluteString,
                "--cache", "cache", "--quiet",
            ], in: folder.url, environment: ["STAGEFEED_API_KEY": Self.key])
        #expect(build.status == 0)
        let again = try await CommandRunner.run(arguments, in: folder.url, environment: ["STAGEFEED_API_KEY": Self.key])
        #expect(again.stdout.contains(/a build would write 0, keep [1-9][0-9]*, remove 0 files/), "\(again.stdout)")
        #expect(again.stdout.contains("last checked"))

        let refused = try await CommandRunner.run(
            arguments, in: folder.url, environment: ["STAGEFEED_API_KEY": "fk_live_WRONG_0000"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("401 unauthorized"))
        await server.stop()
    }

    @Test func theKeyFileIsReadAndTrimmed() async throws {
        let server = try await StagecraftTestServer.start(apiKey: Self.key)
        let folder = try TemporaryFolder()
        try folder.write("key", Self.key + "\n")
        let result = try await CommandRunner.run(
            [
                "build", "--source", "stagecraft", "--base-url", server.baseURL.absoluteString,
                "--api-key-file", "key", "--cache", "cache",
            ], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        await server.stop()
    }
}
