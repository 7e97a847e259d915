import Foundation
import Synchronization
import Testing

@testable import StagefeedCore

/// Announcing while `stagefeed watch` holds the output folder and rebuilds every second:
/// no command refused, no announcement lost, and no reader ever sees a torn file.
@Suite struct AnnounceWhileWatchingTests {
    private func waitUntil(_ seconds: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    @Test func nothingIsRefusedLostOrTorn() async throws {
        let folder = try TemporaryFolder()
        let watcher = try CommandRunner.start(["watch", "--interval", "1s"], in: folder.url)
        let path = folder.path("output/feeds/announcements.json").path
        #expect(await waitUntil(30) { FileManager.default.fileExists(atPath: path) }, "\(watcher.stderrSoFar)")

        // A reader polling the file as a web server would, all through.
        let reading = Reads()
        let reader = Task.detached {
            while !Task.isCancelled {
                if let data = FileManager.default.contents(atPath: path) { reading.note(data) }
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        // Twelve announcements, three at a time, while builds come and go.
        let texts = (1...12).map { "Announcement number \($0)" }
        var results: [CommandRunner.Result] = []
        let directory = folder.url
        for batch in stride(from: 0, to: texts.count, by: 3) {
            let readsBefore = reading.seen.reads
            try await withThrowingTaskGroup(of: CommandRunner.Result.self) { group in
                for text in texts[batch..<batch + 3] {
                    group.addTask { try await CommandRunner.run(["announce", text, "--for", "1h"], in: directory) }
                }
                for try await result in group { results.append(result) }
            }
            // However busy the machine, the reader reads on between one batch and the next.
            #expect(await waitUntil(10) { reading.seen.reads > readsBefore }, "the reader kept reading")
        }
        for result in results {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("stagefeed watch holds"), "handed to the watch: \(result.stdout)")
        }
        let everyOne = await waitUntil(10) {
            let file = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
            return texts.allSatisfy { file.contains("\"\($0)\"") }
        }
        #expect(
            everyOne,
            "lost: \(FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? "")")
        let cleared = try await CommandRunner.run(["announce", "--clear", "--all"], in: folder.url)
        #expect(cleared.status == 0 && cleared.stdout.contains("12 announcement(s) cleared"), "\(cleared.stdout)")
        #expect(
            await waitUntil(10) {
                !(FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? "")
                    .contains("Announcement number")
            })
        reader.cancel()
        _ = await reader.value
        let torn = reading.seen.torn
        #expect(torn.isEmpty, "torn: \(torn.prefix(2))")
        // The watch builds on after the announcements, and stops cleanly.
        #expect(
            await waitUntil(30) { watcher.stdoutSoFar.split(separator: "\n").count >= 2 }, "\(watcher.stdoutSoFar)")
        watcher.send(SIGTERM)
        let ended = await watcher.finish()
        #expect(ended.status == 0, "\(ended.stderr)")
        #expect(!ended.stderr.contains("error"), "\(ended.stderr)")
    }
}

/// What a reader of the file saw: how many reads, and any that was not whole JSON.
final class Reads: Sendable {
    private let state = Mutex((reads: 0, torn: [String]()))

    func note(_ data: Data) {
        let whole = (try? JSONSerialization.jsonObject(with: data)) != nil
        state.withLock {
            $0.reads += 1
            if !whole { $0.torn.append(String(decoding: data, as: UTF8.self)) }
        }
    }

    var seen: (reads: Int, torn: [String]) { state.withLock { ($0.reads, $0.torn) } }
}
