import Foundation
import Logging

/// Reads the Fourvenues Integrations API the way its vendor asks: the key in `X-Api-Key`,
/// at most 10 requests a second per key (counted across processes through the store),
/// exponential backoff on 429, one retry on a 5xx (or no answer) and then a clear failure,
/// and 401 / 403 / 404 / 422 reported at once with what to do.
struct FourvenuesClient: Sendable {
    let baseURL: URL
    let apiKey: APIKey
    let fetcher: HTTPFetcher
    let limiter: RateLimiter
    /// For 429s: attempts and backoff.
    let retry: RetryPolicy
    let logger: Logger

    /// The body of `GET <base>/<path>?<query>`; waits stop at `deadline`.
    func get(_ path: String, query: [(String, String)] = [], deadline: Date) async throws(SourceError) -> Data {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        if !components.path.hasSuffix("/") { components.path += "/" }
        if !query.isEmpty { components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        let url = components.url!
        let label =
            "GET /\(path)/" + (query.isEmpty ? "" : "?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&"))
        var generator = SystemRandomNumberGenerator()
        var tooMany = 0, failures = 0
        while true {
            let entry: Int64
            do {
                entry = try await limiter.acquire(before: deadline)
            } catch let wait as RateLimitWait {
                throw .rateLimited(
                    endpoint: label,
                    detail: "the next request is allowed only after this build's time budget (\(wait.until))")
            } catch {
                throw .storeFailed(detail: "\(error)")
            }
            logger.debug("\(label)")
            let result: Result<HTTPResponse, HTTPFetcher.Failure>
            do { result = .success(try await fetcher.get(url, headers: [("X-Api-Key", apiKey.value)])) } catch {
                result = .failure(error)
            }
            await limiter.settle(entry)
            let response: HTTPResponse
            switch result {
            case .success(let answer):
                response = answer
            case .failure(.tooLarge(let limit)):
                throw .tooLarge(endpoint: label, limit: limit)
            case .failure(.cancelled):
                throw .cancelled(endpoint: label)
            case .failure(let failure):
                failures += 1
                let reason: SourceError =
                    failure == .timedOut
                    ? .timedOut(endpoint: label, attempts: failures)
                    : .unreachable(endpoint: label, detail: "\(failure)")
                guard failures < 2 else { throw reason }
                logger.info("\(reason), retrying once")
                try await pause(retry.backoff(retry: 1, using: &generator), deadline: deadline, giving: reason)
                continue
            }
            switch response.status {
            case 200:
                return response.body
            case 401:
                throw .refused(
                    endpoint: label, status: 401,
                    advice:
                        "the API key was refused (missing, wrong or expired: Fourvenues keys expire and are rotated); check STAGEFEED_API_KEY or --api-key-file, and that it belongs to --environment"
                )
            case 403:
                throw .refused(
                    endpoint: label, status: 403,
                    advice:
                        "the key lacks scope for /\(path)/ (keys grant only the endpoints asked for); ask Fourvenues (integrations@fourvenues.com) to extend it"
                )
            case 404:
                throw .refused(
                    endpoint: label, status: 404,
                    advice:
                        "not found: the resource does not exist or belongs to another account; check --environment and --base-url"
                )
            case 422:
                throw .refused(
                    endpoint: label, status: 422, advice: "the API refused a parameter (\(Self.message(response.body)))"
                )
            case 429:
                tooMany += 1
                let reason = SourceError.rateLimited(
                    endpoint: label, detail: "still answered 429 after \(tooMany) attempts")
                guard tooMany < retry.maximumAttempts else { throw reason }
                var wait = retry.backoff(retry: tooMany, using: &generator)
                if let after = RateLimitHeaders(response, now: Date()).retryAfter {
                    wait = max(wait, .seconds(after.timeIntervalSinceNow))
                }
                logger.info("\(label): 429 too many requests, backing off \(String(format: "%.1f", wait.seconds)) s")
                try await pause(wait, deadline: deadline, giving: reason)
            case 500...599:
                failures += 1
                let reason = SourceError.serverError(endpoint: label, status: response.status, attempts: failures)
                guard failures < 2 else { throw reason }
                logger.info("\(label): HTTP \(response.status), retrying once")
                try await pause(retry.backoff(retry: 1, using: &generator), deadline: deadline, giving: reason)
            default:
                throw .unexpectedStatus(endpoint: label, status: response.status)
            }
        }
    }

    private func pause(_ wait: Duration, deadline: Date, giving reason: SourceError) async throws(SourceError) {
        guard Date().addingTimeInterval(wait.seconds) < deadline else { throw reason }
        do { try await Task.sleep(for: wait) } catch { throw reason }
    }

    /// The `error` or `message` of a failure body, for 422s.
    private static func message(_ body: Data) -> String {
        guard case .object(let fields)? = JSONValue.parse(body) else { return "no message" }
        for key in ["error", "message"] { if case .string(let text)? = fields[key] { return String(text.prefix(200)) } }
        return "no message"
    }
}
