import Foundation
import Logging

/// Reads one Stagecraft endpoint the way the API asks: the key in `X-API-Key`, conditional
/// requests when a stored copy has validators, the rate limit kept, 429 and 5xx retried
/// with backoff within a time budget, and 401 / 403 / 404 reported at once.
struct StagecraftClient: Sendable {
    /// What reading an endpoint gave.
    enum Outcome: Sendable {
        case modified(StoredResponse)
        case notModified
    }

    let baseURL: URL
    let apiKey: APIKey
    let fetcher: HTTPFetcher
    let limiter: RateLimiter
    let retry: RetryPolicy
    let logger: Logger

    /// Reads an endpoint; `stored` supplies the validators. Waits stop at `deadline`.
    func fetch(
        _ endpoint: StagecraftEndpoint, stored: StoredResponse?, deadline: Date
    ) async throws(SourceError) -> Outcome {
        let url = baseURL.appendingPathComponent(String(endpoint.path.dropFirst()))
        var headers = [("X-API-Key", apiKey.value)]
        if let stored {
            if let etag = stored.etag { headers.append(("If-None-Match", etag)) }
            if let lastModified = stored.lastModified { headers.append(("If-Modified-Since", lastModified)) }
        }
        var generator = SystemRandomNumberGenerator()
        var attempt = 0
        while true {
            attempt += 1
            let entry: Int64
            do {
                entry = try await limiter.acquire(before: deadline)
            } catch let wait as RateLimitWait {
                throw .rateLimited(
                    endpoint: endpoint.label,
                    detail:
                        "the rate limit allows the next request at \(Self.clock(wait.until)), past this build's time budget"
                )
            } catch {
                throw .storeFailed(detail: "\(error)")
            }
            logger.debug("\(endpoint.label) (attempt \(attempt))")
            let result: Result<HTTPResponse, HTTPFetcher.Failure>
            do {
                result = .success(try await fetcher.get(url, headers: headers))
            } catch {
                result = .failure(error)
            }
            await limiter.settle(entry)
            let response: HTTPResponse
            switch result {
            case .success(let answer):
                response = answer
            case .failure(let error):
                let reason: SourceError
                switch error {
                case .timedOut: reason = .timedOut(endpoint: endpoint.label, attempts: attempt)
                case .tooLarge(let limit): throw .tooLarge(endpoint: endpoint.label, limit: limit)
                case .unreachable(let detail): reason = .unreachable(endpoint: endpoint.label, detail: detail)
                case .cancelled: throw .cancelled(endpoint: endpoint.label)
                }
                logger.info("\(reason), retrying")
                try await pause(
                    before: attempt + 1, retryAfter: nil, deadline: deadline, giving: reason, using: &generator)
                continue
            }
            let rate = RateLimitHeaders(response, now: Date())
            await limiter.observe(rate)
            switch response.status {
            case 200:
                return .modified(
                    StoredResponse(
                        endpoint: endpoint.rawValue, body: response.body, etag: response.header("etag"),
                        lastModified: response.header("last-modified"), fetchedAt: Date()))
            case 304 where stored != nil:
                return .notModified
            case 401:
                throw .unauthorized(endpoint: endpoint.label)
            case 403:
                throw .revoked(endpoint: endpoint.label)
            case 404:
                throw endpoint == .event
                    ? .noActiveEvent(endpoint: endpoint.label) : .notFound(endpoint: endpoint.label)
            case 429:
                if let retryAfter = rate.retryAfter { await limiter.hold(until: retryAfter) }
                logger.info("\(endpoint.label): 429 too many requests, backing off")
                try await pause(
                    before: attempt + 1, retryAfter: rate.retryAfter, deadline: deadline,
                    giving: .rateLimited(
                        endpoint: endpoint.label, detail: "still answered 429 after \(attempt) attempts"),
                    using: &generator)
            case 500...599:
                logger.info("\(endpoint.label): HTTP \(response.status), retrying")
                try await pause(
                    before: attempt + 1, retryAfter: response.status == 503 ? rate.retryAfter : nil, deadline: deadline,
                    giving: .serverError(endpoint: endpoint.label, status: response.status, attempts: attempt),
                    using: &generator)
            default:
                throw .unexpectedStatus(endpoint: endpoint.label, status: response.status)
            }
        }
    }

    /// Waits before the next attempt, or throws `reason` when attempts or time are used up.
    private func pause(
        before nextAttempt: Int, retryAfter: Date?, deadline: Date, giving reason: SourceError,
        using generator: inout SystemRandomNumberGenerator
    ) async throws(SourceError) {
        guard nextAttempt <= retry.maximumAttempts else { throw reason }
        var wait = retry.backoff(retry: nextAttempt - 1, using: &generator)
        if let retryAfter {
            // The server's word goes, as long as it fits in this build's time budget.
            wait = .seconds(max(0, retryAfter.timeIntervalSinceNow))
        }
        guard Date().addingTimeInterval(wait.seconds) < deadline else {
            throw reason
        }
        do { try await Task.sleep(for: wait) } catch { throw reason }
    }

    private static func clock(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle().time(includingFractionalSeconds: false))
    }
}
