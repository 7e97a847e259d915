import Foundation
import Testing

@testable import StagefeedCore

/// From `stagefeed announce` to the screens in headless Chromium: a stage's screen, another
/// stage's and the board, served by `stagefeed watch --serve` (pushed over `/events`; the
/// target is 2 s) or by a plain web server (their 15 s conditional polls; the target is
/// 20 s). The bounds are generous against a busy machine; the measured times are in the
/// messages. Targeting one stage changes that stage's screens alone.
@Suite struct AnnouncementLatencyTests {
    struct Report: Decodable {
        struct Command: Decodable {
            var seconds: Double
            var said: String
        }
        var emergency: [String: Double?]
        var emergency_command: Command
        var cleared: [String: Double?]
        var targeted: [String: Double?]
        var others_received: [String: Double?]
        var others_showing: [String: String]
        var poll_statuses: [String: Int]?
    }

    private func measure(_ mode: String, _ target: String, in folder: TemporaryFolder) async throws -> Report {
        let result = try await ExternalTool.run(
            "python3",
            [Repository.tool("announce_latency.py").path, mode, target, CommandRunner.executable.path, folder.url.path])
        guard result.status == 0, let last = result.output.split(separator: "\n").last else {
            throw AnnouncementScreenTests.VisitFailure(output: result.output)
        }
        return try JSONDecoder().decode(Report.self, from: Data(last.utf8))
    }

    private func expectWithin(_ seconds: Double, _ times: [String: Double?], _ what: String) {
        for (screen, time) in times.sorted(by: { $0.key < $1.key }) {
            #expect(time != nil && time! <= seconds, "\(what) on \(screen): \(time.map { "\($0) s" } ?? "never")")
        }
    }

    @Test func pushedByTheWatchsServerWithinSeconds() async throws {
        let folder = try TemporaryFolder()
        let watch = try CommandRunner.start(["watch", "--serve", "0", "--interval", "10m"], in: folder.url)
        var base: String?
        let deadline = Date().addingTimeInterval(60)
        while base == nil && Date() < deadline {
            if let range = watch.stderrSoFar.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression),
                FileManager.default.fileExists(atPath: folder.path("output/signage/board.html").path)
            {
                base = String(watch.stderrSoFar[range])
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let served = try #require(base, "the watch never served: \(watch.stderrSoFar)")
        let report = try await measure("pushed", served, in: folder)
        watch.send(SIGTERM)
        let ended = await watch.finish()
        #expect(ended.status == 0, "\(ended.stderr)")
        #expect(report.emergency_command.said.contains("stagefeed watch holds"), "\(report.emergency_command.said)")
        expectWithin(5, report.emergency, "the emergency (command \(report.emergency_command.seconds) s)")
        expectWithin(5, report.cleared, "the program again after --clear")
        expectWithin(5, report.targeted, "the warning for main-stage")
        expectWithin(5, report.others_received, "the warning's arrival")
        #expect(
            report.others_showing == ["big-top": "none", "board": "none"],
            "targeting main-stage changes only its screens")
    }

    @Test func polledFromAPlainWebServerWithinTwentySeconds() async throws {
        let folder = try TemporaryFolder()
        #expect(try await CommandRunner.run(["build", "--quiet"], in: folder.url).status == 0)
        let report = try await measure("polled", folder.path("output").path, in: folder)
        #expect(report.emergency_command.said.contains("output/feeds/announcements.json written"))
        expectWithin(25, report.emergency, "the emergency")
        expectWithin(25, report.cleared, "the program again after --clear")
        expectWithin(25, report.targeted, "the warning for main-stage")
        expectWithin(25, report.others_received, "the warning's arrival")
        #expect(
            report.others_showing == ["big-top": "none", "board": "none"],
            "targeting main-stage changes only its screens")
        #expect((report.poll_statuses?["304"] ?? 0) > 0, "conditional polls: \(report.poll_statuses ?? [:])")
    }
}
