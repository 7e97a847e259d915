import Foundation
import Testing

@testable import StagefeedCore

/// A screen served over HTTP polls its feed: a newer feed shows up and is kept; when the
/// feed is unreachable the screen keeps showing the last good data with an offline mark.
@Suite struct SignageOfflineTests {
    struct Report: Decodable {
        struct Screen: Decodable {
            var now: String
            var next: String
            var status: String
        }
        var online: Screen
        var offline: Screen
    }

    @Test func aScreenKeepsItsLastGoodDataWhenTheFeedIsUnreachable() async throws {
        let folder = try await SignageScreenTests.demo()
        let output = folder.path("output")
        let feed = "feeds/stages/main-stage.json"
        // The program changed after this page was built: the feed renames the act on now.
        let renamed = String(decoding: try Data(contentsOf: output.appendingPathComponent(feed)), as: UTF8.self)
            .replacingOccurrences(
                of: "\"title\" : \"Juniper Vale\"", with: "\"title\" : \"Juniper Vale (extended set)\"")
        try Data(renamed.utf8).write(to: output.appendingPathComponent(feed))

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tools/signage_offline.py")
        let result = try await ExternalTool.run(
            "python3",
            [
                script.path, output.path, "signage/stages/main-stage.html?now=2027-07-23T15:30",
                feed, "Juniper Vale (extended set)",
            ])
        #expect(result.status == 0, "\(result.output)")
        let report = try JSONDecoder().decode(Report.self, from: Data(result.output.utf8))
        #expect(report.online.now == "Juniper Vale (extended set)", "the polled feed replaces the built-in data")
        #expect(report.online.status == "")
        #expect(report.offline.now == "Juniper Vale (extended set)", "the last good data, from the browser's storage")
        #expect(report.offline.next == "Fennick Road")
        // Offline since the last good fetch, by the device's real clock (the frozen `now` is
        // only for what is on stage).
        let format = EventTimeFormat(timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let around = [-120.0, -60, 0, 60].map { "offline since " + format.clockTime(Date().addingTimeInterval($0)) }
        #expect(around.contains(report.offline.status), "\(report.offline.status) is not about now: \(around)")
    }
}
