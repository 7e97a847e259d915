import Foundation
import Logging
import Testing

@testable import StagefeedCore

/// Watch mode end to end: the loop against the loopback API, and the command as a process
/// (signals, the output lock).
@Suite struct WatchTests {
    /// Collects what each cycle reported.
    actor Reports {
        var results: [Result<BuildReport, any Error>] = []
        func add(_ result: Result<BuildReport, any Error>) { results.append(result) }
        var count: Int { results.count }
        var freshness: [String] { results.map { (try? $0.get().freshness.description) ?? "error" } }
    }

    private func waitUntil(_ seconds: Double, _ condition: () async -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return await condition()
    }

    private func modificationDate(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }

    @Test func changesShowUpWithinACycleAndOutagesAreRiddenOut() async throws {
        try await StagecraftHarness.run { harness in
            let configuration = await harness.configuration()
            let output = harness.output, cache = harness.cache
            let loop = WatchLoop(interval: .seconds(1)) {
                try BuildPipeline(
                    source: StagecraftSource(configuration: configuration, logger: Logger(label: "test")),
                    normalizer: ProgramNormalizer(), writer: OutputWriter(folder: output, cache: cache),
                    store: try ProgramStore(folder: cache))
            }
            let reports = Reports()
            let task = Task {
                await loop.run(logger: Logger(label: "test")) { result in Task { await reports.add(result) } }
                return Date()
            }

            #expect(await waitUntil(60) { await reports.count >= 2 })
            let index = output.appendingPathComponent("index.html"),
                status = output.appendingPathComponent("feeds/status.json")
            let indexDate = modificationDate(index), statusDate = modificationDate(status)
            let seen = await reports.count
            #expect(await waitUntil(60) { await reports.count >= seen + 2 })
            #expect(modificationDate(index) == indexDate, "a cycle without change rewrote index.html")
            #expect(modificationDate(status) != statusDate, "status.json is written every cycle")

            // A program change shows up within a cycle or two.
            var program = String(decoding: await harness.server.state.bodies["program"]!, as: UTF8.self)
            program = program.replacingOccurrences(of: "\"Secret Set\"", with: "\"Watched Set\"")
            await harness.server.state.setBody("program", Data(program.utf8))
            let day = output.appendingPathComponent("days/2027-07-23/index.html")
            #expect(
                await waitUntil(60) { (try? String(contentsOf: day, encoding: .utf8))?.contains("Watched Set") == true }
            )

            // An outage over several cycles: stale, output intact, then recovery. The snapshot
            // waits for a whole cycle after the change, so no write is in progress.
            let changed = await reports.count
            #expect(await waitUntil(60) { await reports.count >= changed + 1 })
            let before = harness.snapshot().filter { $0.key != "feeds/status.json" }
            await harness.server.state.inject(
                "program", Array(repeating: .status(503), count: 12), conditionalOnly: true)
            #expect(await waitUntil(40) { await reports.freshness.suffix(2) == ["stale", "stale"] })
            #expect(harness.snapshot().filter { $0.key != "feeds/status.json" } == before)
            let recovered = await waitUntil(60) { await reports.freshness.last == "fresh" }
            let history = await reports.freshness
            #expect(recovered, "no recovery: \(history)")

            let stopping = Date()
            task.cancel()
            let ended = await task.value
            // A bound on liveness (an interval is 1 s), not a benchmark: the machine may be busy.
            #expect(ended.timeIntervalSince(stopping) < 4)
        }
    }

    @Test func aSecondWatcherOrBuildOnTheSameOutputRefusesToStart() async throws {
        let folder = try TemporaryFolder()
        let watcher = try CommandRunner.start(["watch", "--interval", "1s"], in: folder.url)
        #expect(await waitUntil(20) { folder.read("output/index.html") != nil })
        // Each cycle's summary shows as it ends, though stdout is a file here (as under
        // journald), not when the watch exits.
        #expect(
            await waitUntil(20) { watcher.stdoutSoFar.contains("demo · fresh ·") },
            "no summary yet: \(watcher.stdoutSoFar)")
        let second = try await CommandRunner.run(["watch", "--once"], in: folder.url)
        #expect(second.status == 1)
        #expect(second.stderr.contains("is being written by pid \(watcher.process.processIdentifier), stagefeed watch"))
        let build = try await CommandRunner.run(["build"], in: folder.url)
        #expect(build.status == 1)
        #expect(build.stderr.contains("stagefeed watch"))
        // The lock is the output folder's, whatever store a writer uses.
        let otherStore = try await CommandRunner.run(["build", "--cache", "other-cache"], in: folder.url)
        #expect(otherStore.status == 1)
        #expect(
            otherStore.stderr.contains("is being written by pid \(watcher.process.processIdentifier), stagefeed watch"))
        // The output folder holds the export alone: no lock, manifest or staging folder.
        let listing = try FileManager.default.contentsOfDirectory(atPath: folder.path("output").path)
        #expect(!listing.contains { $0.hasPrefix(".") }, "\(listing)")
        watcher.send(SIGTERM)
        let result = await watcher.finish()
        #expect(result.status == 0, "\(result.stderr)")
        // Once it is gone, a build runs.
        #expect(try await CommandRunner.run(["build", "--quiet"], in: folder.url).status == 0)
    }

    /// SIGTERM while a cycle waits on a slow API: exit 0 within two seconds, no partial file.
    @Test func sigtermMidCycleExitsCleanlyWithinTwoSeconds() async throws {
        let key = "fk_live_watch_test"
        let server = try await StagecraftTestServer.start(apiKey: key)
        let folder = try TemporaryFolder()
        let arguments = [
            "watch", "--source", "stagecraft", "--base-url", server.baseURL.absoluteString, "--cache", "cache",
            "--interval", "60s",
        ]
        let first = try await CommandRunner.run(
            [
                "build", "--source", "stagecraft", "--base-url", server.baseURL.absoluteString,
                "--cache", "cache", "--quiet",
            ], in: folder.url, environment: ["STAGEFEED_API_KEY": key])
        #expect(first.status == 0)
        let written = { folder.files().filter { $0.hasPrefix("output/") && !$0.hasSuffix("status.json") } }
        let before = written().map { ($0, folder.read($0)) }

        await server.state.inject("*", [.slow(seconds: 5)])
        let watcher = try CommandRunner.start(
            arguments + ["--refresh"], in: folder.url, environment: ["STAGEFEED_API_KEY": key])
        #expect(await waitUntil(10) { await server.state.log.count >= 5 }, "the watch never asked the API")
        try await Task.sleep(for: .milliseconds(300))
        let stopping = Date()
        watcher.send(SIGTERM)
        let result = await watcher.finish()
        #expect(result.status == 0, "\(result.stderr)")
        // A bound on liveness (the API would take 5 s more), not a benchmark: the machine may be
        // busy. Measured to the process's end, not to when this task resumes: other tests'
        // renderers may hold the test process's threads for seconds.
        let took = try #require(result.endedAt).timeIntervalSince(stopping)
        #expect(took < 4, "took \(took) s to stop")
        // Stopped, not failed: no retry of the cancelled request, no fallback to the stored
        // program (which would render it all before noticing).
        #expect(result.stderr.contains("stopping"), "\(result.stderr)")
        for sign in ["retrying", "could not connect", "stale", "offline", "keeping the last good output"] {
            #expect(!result.stderr.contains(sign), "\(sign): \(result.stderr)")
        }
        let after = written().map { ($0, folder.read($0)) }
        #expect(after.map(\.0) == before.map(\.0))
        #expect(after.map(\.1) == before.map(\.1))
        #expect(!folder.files().contains { $0.hasSuffix(".tmp") })
        await server.stop()
    }
}
