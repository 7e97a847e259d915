import Foundation
import Logging

/// One API request the way both APIs ask to be read: a rate-limit slot first, then the
/// request; an overloaded server (429) and a failing or silent one (5xx, no answer) tried
/// again with exponential backoff, each within its own number of attempts, waiting at least
/// as long as `Retry-After` says and never past the build's deadline; a cancelled request
/// (a watch being stopped) ends at once. What an answer means is the API's to say
/// (`judge`): a value, a retry, or an error reported at once.
struct RetryingRequest: Sendable {
    /// What an API makes of one answer.
    enum Verdict<Value> {
        /// The answer is the value asked for.
        case done(Value)
        /// The server is overloaded (429): try again after the backoff or `retryAfter`.
        case overloaded(retryAfter: Date?)
        /// The server failed (5xx): try again after the backoff or `retryAfter`.
        case failed(status: Int, retryAfter: Date?)
        /// Reported at once, never retried.
        case refused(SourceError)
    }

    /// How many attempts each kind of trouble gets, and the shape of the waits.
    struct Rules: Sendable {
        /// Backoff between attempts (`RetryPolicy.backoff`).
        var policy: RetryPolicy
        /// Attempts while the server answers 429.
        var overloadAttempts: Int
        /// Attempts while the server fails (5xx) or does not answer.
        var failureAttempts: Int
    }

    let fetcher: HTTPFetcher
    let limiter: RateLimiter
    let rules: Rules
    let logger: Logger

    /// GETs `url` until `judge` has a value or an error, or the attempts or time run out.
    /// `label` names the request in messages (`GET /program`).
    func get<Value>(
        _ url: URL, headers: [(String, String)], label: String, deadline: Date,
        judge: (HTTPResponse) throws(SourceError) -> Verdict<Value>
    ) async throws(SourceError) -> Value {
        var generator = SystemRandomNumberGenerator()
        var overloads = 0, failures = 0
        while true {
            let entry: Int64
            do {
                entry = try await limiter.acquire(before: deadline)
            } catch let wait as RateLimitWait {
                throw .rateLimited(
                    endpoint: label,
                    detail:
                        "the rate limit allows the next request at \(Self.clock(wait.until)), past this build's time budget"
                )
            } catch {
                throw .storeFailed(detail: "\(error)")
            }
            logger.debug("\(label) (attempt \(overloads + failures + 1))")
            let result: Result<HTTPResponse, HTTPFetcher.Failure>
            do { result = .success(try await fetcher.get(url, headers: headers)) } catch { result = .failure(error) }
            await limiter.settle(entry)
            let verdict: Verdict<Value>
            switch result {
            case .success(let response):
                let rate = RateLimitHeaders(response, now: Date())
                await limiter.observe(rate)
                verdict = try judge(response)
                if case .overloaded(let retryAfter?) = verdict { await limiter.hold(until: retryAfter) }
            case .failure(.tooLarge(let limit)):
                throw .tooLarge(endpoint: label, limit: limit)
            case .failure(.cancelled):
                throw .cancelled(endpoint: label)
            case .failure(let failure):
                failures += 1
                var reason = SourceError.timedOut(endpoint: label, attempts: failures)
                if case .unreachable(let detail) = failure { reason = .unreachable(endpoint: label, detail: detail) }
                guard failures < rules.failureAttempts else { throw reason }
                logger.info("\(reason), retrying")
                try await pause(retry: failures, retryAfter: nil, deadline: deadline, giving: reason, &generator)
                continue
            }
            switch verdict {
            case .done(let value):
                return value
            case .refused(let error):
                throw error
            case .overloaded(let retryAfter):
                overloads += 1
                let reason = SourceError.rateLimited(
                    endpoint: label, detail: "still answered 429 after \(overloads) attempts")
                guard overloads < rules.overloadAttempts else { throw reason }
                logger.info("\(label): 429 too many requests, backing off")
                try await pause(
                    retry: overloads, retryAfter: retryAfter, deadline: deadline, giving: reason, &generator)
            case .failed(let status, let retryAfter):
                failures += 1
                let reason = SourceError.serverError(endpoint: label, status: status, attempts: failures)
                guard failures < rules.failureAttempts else { throw reason }
                logger.info("\(label): HTTP \(status), retrying")
                try await pause(retry: failures, retryAfter: retryAfter, deadline: deadline, giving: reason, &generator)
            }
        }
    }

    /// Waits before retry number `retry` of its kind: the backoff, or longer when the server
    /// said so; throws `reason` when the wait would end past the deadline.
    private func pause(
        retry: Int, retryAfter: Date?, deadline: Date, giving reason: SourceError,
        _ generator: inout SystemRandomNumberGenerator
    ) async throws(SourceError) {
        var wait = rules.policy.backoff(retry: retry, using: &generator)
        if let retryAfter { wait = max(wait, .seconds(max(0, retryAfter.timeIntervalSinceNow))) }
        guard Date().addingTimeInterval(wait.seconds) < deadline else { throw reason }
        do { try await Task.sleep(for: wait) } catch { throw reason }
    }

    private static func clock(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle().time(includingFractionalSeconds: false))
    }
}
