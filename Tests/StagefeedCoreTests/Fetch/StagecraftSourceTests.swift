import Foundation
import Testing

@testable import StagefeedCore

/// The Stagecraft source end to end against a loopback server: caching, conditional
/// requests, and every fault ending stale with the last good output untouched.
@Suite struct StagecraftSourceTests {
    @Test func buildsThenMakesNoRequestInsideTheRefreshAge() async throws {
        try await StagecraftHarness.run { harness in
            let configuration = await harness.configuration(refreshAge: .seconds(60))

            let first = try await harness.build(configuration)
            #expect(first.freshness == .fresh)
            #expect(first.performances == 59)
            let log = await harness.server.state.log
            #expect(Set(log.map(\.endpoint)) == ["event", "stages", "artists", "program"])
            #expect(log.allSatisfy { $0.apiKey == harness.server.state.apiKey })

            let second = try await harness.build(configuration)
            guard case .cached = second.freshness else {
                Issue.record("expected cached, got \(second.freshness)")
                return
            }
            #expect(await harness.server.state.log.count == 4, "a build inside the refresh age makes no request")
            #expect(!second.write.changedMoreThanStatus)
        }
    }

    @Test func conditionalRequestsAnswered304RewriteNothing() async throws {
        try await StagecraftHarness.run { harness in
            let configuration = await harness.configuration()
            _ = try await harness.build(configuration)
            let before = harness.snapshot()

            let firstRound = await harness.server.state.log.count
            let again = try await harness.build(configuration)
            let secondRound = await harness.server.state.log.dropFirst(firstRound)
            #expect(Set(secondRound.map(\.endpoint)) == ["event", "stages", "artists", "program"])
            #expect(secondRound.allSatisfy { $0.ifNoneMatch != nil }, "the second round is conditional")
            #expect(again.freshness == .fresh)
            #expect(again.reused, "304s everywhere: the program is neither decoded nor rendered")
            #expect(!again.write.changedMoreThanStatus)
            #expect(
                harness.snapshot().filter { $0.key != "feeds/status.json" }
                    == before.filter { $0.key != "feeds/status.json" })
        }
    }

    @Test func refreshAsksInsideTheRefreshAgeAndChangesAreWritten() async throws {
        try await StagecraftHarness.run { harness in
            var configuration = await harness.configuration(refreshAge: .seconds(3600))
            _ = try await harness.build(configuration)
            var program = String(decoding: await harness.server.state.bodies["program"]!, as: UTF8.self)
            program = program.replacingOccurrences(
                of: "\"title\": \"Secret Set\"", with: "\"title\": \"Very Secret Set\"")
            await harness.server.state.setBody("program", Data(program.utf8))

            configuration.refresh = true
            let report = try await harness.build(configuration)
            #expect(report.freshness == .fresh)
            #expect(!report.reused)
            let written = Set(report.write.written)
            #expect(
                written.isSuperset(of: [
                    "calendar/artists/rosa-and-the-thorns.ics", "calendar/days/2027-07-23.ics",
                    "calendar/program.ics", "calendar/stages/late-night-barn.ics", "feeds/program.json",
                    "feeds/days/2027-07-23.json", "feeds/changes.json", "schedule.xml",
                    "days/2027-07-23/index.html", "stages/late-night-barn/index.html",
                    "signage/stages/late-night-barn.html", "signage/board.html",
                ]))
            #expect(
                written.isDisjoint(with: [
                    "calendar/stages/main-stage.ics", "calendar/days/2027-07-24.ics",
                    "feeds/days/2027-07-24.json", "feeds/stages/main-stage.json", "index.html",
                    "days/2027-07-24/index.html", "stages/main-stage/index.html",
                    "signage/stages/main-stage.html",
                ]), "unrelated files were rewritten")
            #expect(
                String(decoding: harness.snapshot()["days/2027-07-23/index.html"]!, as: UTF8.self).contains(
                    "Very Secret Set"))
        }
    }

    @Test func worksWithoutValidatorsToo() async throws {
        try await StagecraftHarness.run { harness in
            await harness.server.state.setSendValidators(false)
            let configuration = await harness.configuration()
            _ = try await harness.build(configuration)
            let again = try await harness.build(configuration)
            #expect(await harness.server.state.log.allSatisfy { $0.ifNoneMatch == nil })
            #expect(!again.write.changedMoreThanStatus)
        }
    }

    /// Faults that outlast the retries: stale with the output unchanged byte for byte, or a
    /// thrown error when nothing is stored yet.
    @Test(arguments: [
        ("401", "program", [StagecraftTestServer.Fault.status(401)], "401 unauthorized"),
        ("403", "artists", [.status(403)], "revoked"),
        ("404 event", "event", [.status(404)], "no active event"),
        ("404 program", "program", [.status(404)], "404 not found"),
        ("500 storm", "stages", Array(repeating: .status(500), count: 6), "HTTP 500 (4 attempts)"),
        (
            "502 storm", "program", Array(repeating: .status(502, body: "<html>Bad Gateway</html>"), count: 6),
            "HTTP 502"
        ),
        ("503 storm", "program", Array(repeating: .status(503), count: 6), "HTTP 503"),
        ("hang", "program", Array(repeating: .hang, count: 6), "no complete answer in time"),
        ("not JSON", "artists", [.body("<html>oops</html>")], "not valid JSON"),
        ("truncated", "program", [.body(#"{"success": true, "data": [{"id": "p_1", "stage_"#)], "not valid JSON"),
        (
            "success false", "program", [.body(#"{"success": false, "error": "Maintenance"}"#)],
            "success: false (Maintenance)"
        ),
        ("wrong shape", "stages", [.body(#"{"success": true, "data": {"id": "s"}}"#)], "expected data to be an array"),
        (
            "missing field", "program", [.body(#"{"success": true, "data": [{"id": "p_9", "stage_id": "s_main"}]}"#)],
            "p_9"
        ),
        (
            "ends before start", "program",
            [
                .body(
                    #"{"success": true, "data": [{"id": "p_bad", "stage_id": "s_main", "start_time": "2027-07-23T13:00:00+02:00", "end_time": "2027-07-23T12:00:00+02:00"}]}"#
                )
            ], "p_bad"
        ),
        ("data null", "event", [.body(#"{"success": true, "data": null}"#)], "no active event"),
    ])
    func faultsKeepTheLastGoodOutput(
        name: String, endpoint: String, faults: [StagecraftTestServer.Fault], message: String
    ) async throws {
        try await StagecraftHarness.run { harness in
            let hangs = faults.contains { if case .hang = $0 { true } else { false } }
            // Only the faulty build waits briefly: on a busy machine a healthy answer may take a second.
            let patient = await harness.configuration(readTimeout: .seconds(15))
            let configuration = hangs ? await harness.configuration(readTimeout: .seconds(1)) : patient
            _ = try await harness.build(patient)
            let before = harness.snapshot()

            await harness.server.state.inject(endpoint, faults, conditionalOnly: true)
            let report = try await harness.build(configuration)
            guard case .stale(let reason, _) = report.freshness else {
                Issue.record("\(name): expected stale, got \(report.freshness)")
                return
            }
            #expect(reason.contains(message), "\(name): \(reason)")
            #expect(report.write.written == ["feeds/status.json"])
            #expect(
                harness.snapshot().filter { $0.key != "feeds/status.json" }
                    == before.filter { $0.key != "feeds/status.json" },
                "\(name): the output changed")
            let status = String(decoding: harness.snapshot()["feeds/status.json"] ?? Data(), as: UTF8.self)
            #expect(status.contains("\"state\" : \"stale\""), "\(name): status.json does not say stale")

            // The store still holds the good data: the next healthy build is fresh and writes nothing.
            await harness.server.state.inject(endpoint, [])
            let healed = try await harness.build(patient)
            #expect(healed.freshness == .fresh, "\(name): \(healed.freshness)")
            #expect(!healed.write.changedMoreThanStatus)
        }
    }

    @Test func withNothingStoredAFailureIsAnErrorAndWritesNothing() async throws {
        try await StagecraftHarness.run { harness in
            await harness.server.state.inject("artists", [.status(403)])
            await #expect(throws: SourceError.revoked(endpoint: "GET /artists")) {
                try await harness.build(await harness.configuration())
            }
            #expect(!FileManager.default.fileExists(atPath: harness.output.path))
        }
    }

    @Test func transientFaultsAreRiddenOut() async throws {
        try await StagecraftHarness.run { harness in
            await harness.server.state.inject("program", [.status(503), .status(502), .slow(seconds: 0.3)])
            await harness.server.state.inject("event", [.hang])
            // The read timeout cuts the hang; it leaves room for a machine busy with other tests.
            let report = try await harness.build(await harness.configuration(readTimeout: .seconds(3)))
            #expect(report.freshness == .fresh)
            #expect(
                await harness.server.state.log.filter { $0.endpoint == "program" }.count >= 3,
                "503, 502, then a slow answer")
        }
    }

    @Test func anOversizedResponseIsRefused() async throws {
        try await StagecraftHarness.run { harness in
            await harness.server.state.inject("program", [.body(String(repeating: " ", count: 2 << 20) + "{}")])
            await #expect(throws: SourceError.tooLarge(endpoint: "GET /program", limit: 1 << 20)) {
                try await harness.build(await harness.configuration())
            }
        }
    }

    @Test func offlineRendersFromTheStoreWithoutRequests() async throws {
        try await StagecraftHarness.run { harness in
            var configuration = await harness.configuration()
            configuration.offline = true
            await #expect(throws: StoreError.empty(source: "stagecraft")) { try await harness.build(configuration) }
            configuration.offline = false
            _ = try await harness.build(configuration)
            configuration.offline = true
            let report = try await harness.build(configuration)
            guard case .cached = report.freshness else {
                Issue.record("offline gave \(report.freshness)")
                return
            }
            #expect(await harness.server.state.log.count == 4)
            #expect(
                report.reused && report.write.written == ["feeds/status.json"], "only the state changed: fresh → cached"
            )
            let again = try await harness.build(configuration)
            #expect(again.reused && again.write.written.isEmpty && again.write.unchanged == report.write.unchanged + 1)
            let forced = try await harness.build(configuration, alwaysRender: true)
            #expect(
                !forced.reused && Set(forced.write.written).isSubset(of: ["feeds/status.json"]),
                "only status.json may change (its generated_at)")
        }
    }
}
