import Foundation
import Testing

@testable import StagefeedCore

@Suite struct RateLimitTests {
    /// The most requests the server saw in any window of `seconds`.
    private func busiestWindow(_ log: [StagecraftTestServer.Request], seconds: Double) -> Int {
        let times = log.map(\.at).sorted()
        var busiest = 0
        for (index, start) in times.enumerated() {
            busiest = max(busiest, times[index...].prefix { $0.timeIntervalSince(start) < seconds }.count)
        }
        return busiest
    }

    @Test func aStormOf429sIsRiddenOutWithoutPassingTheLimit() async throws {
        try await StagecraftHarness.run { harness in
            var configuration = await harness.configuration()
            configuration.rateLimit = 5
            configuration.rateWindow = .seconds(2)
            configuration.retry.maximumAttempts = 6
            await harness.server.state.inject(
                "*",
                [
                    .tooManyRequests(retryAfter: "1"), .tooManyRequests(retryAfter: nil),
                    .tooManyRequests(retryAfter: "1"),
                ])
            for _ in 0..<3 {
                let report = try await harness.build(configuration)
                #expect(report.freshness == .fresh)
            }
            let log = await harness.server.state.log
            #expect(log.count == 15, "3 builds × 4 endpoints + 3 answered 429")
            #expect(busiestWindow(log, seconds: 2) <= 5, "more than 5 requests in 2 s")
        }
    }

    @Test func retryAfterIsHonoured() async throws {
        try await StagecraftHarness.run { harness in
            await harness.server.state.inject("event", [.tooManyRequests(retryAfter: "2")])
            let report = try await harness.build(await harness.configuration())
            #expect(report.freshness == .fresh)
            let events = await harness.server.state.log.filter { $0.endpoint == "event" }
            #expect(events.count == 2)
            #expect(events[1].at.timeIntervalSince(events[0].at) >= 1.9)
        }
    }

    @Test func aSpentBudgetIsWaitedOut() async throws {
        try await StagecraftHarness.run { harness in
            await harness.server.state.setRateHeaders([
                "X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1",
            ])
            let report = try await harness.build(await harness.configuration())
            #expect(report.freshness == .fresh)
            let log = await harness.server.state.log
            for (earlier, later) in zip(log, log.dropFirst()) {
                #expect(later.at.timeIntervalSince(earlier.at) >= 0.9, "sent before the announced reset")
            }
        }
    }

    @Test func aRetryAfterBeyondTheBudgetEndsStaleRatherThanWaiting() async throws {
        try await StagecraftHarness.run { harness in
            let configuration = await harness.configuration()
            _ = try await harness.build(configuration)
            await harness.server.state.inject("event", [.tooManyRequests(retryAfter: "3600")], conditionalOnly: true)
            let started = Date()
            let report = try await harness.build(configuration)
            #expect(report.freshness.isStale)
            #expect(Date().timeIntervalSince(started) < 30, "it did not wait the hour")
        }
    }

    @Test(arguments: [
        ("1795460983", 1_795_460_983.0),
        ("30", 1_000_030.0),
        ("Thu, 01 Jan 1970 00:01:40 GMT", 100.0),
        ("1970-01-01T00:02:00Z", 120.0),
    ])
    func readsResetTimesInEveryForm(text: String, expected: Double) {
        let response = HTTPResponse(
            status: 200, headers: ["x-ratelimit-reset": text, "retry-after": text], body: Data())
        let headers = RateLimitHeaders(response, now: Date(timeIntervalSince1970: 1_000_000))
        #expect(headers.reset?.timeIntervalSince1970 == expected)
        #expect(headers.retryAfter?.timeIntervalSince1970 == expected)
    }

    @Test func backoffGrowsAndStaysCapped() {
        let policy = RetryPolicy(
            maximumAttempts: 10, baseDelay: .seconds(1), maximumDelay: .seconds(8), totalBudget: .seconds(60))
        var generator = SeededGenerator(seed: 7)
        let delays = (1...6).map { policy.backoff(retry: $0, using: &generator).seconds }
        #expect((0.75...1.25).contains(delays[0]))
        #expect((1.5...2.5).contains(delays[1]))
        #expect(delays.allSatisfy { $0 <= 10 })
    }
}
