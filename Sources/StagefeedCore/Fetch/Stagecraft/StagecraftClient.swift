import Foundation
import Logging

/// Reads one Stagecraft endpoint the way the API asks: the key in `X-API-Key`, conditional
/// requests when a stored copy has validators, the rate limit kept, 429 and 5xx retried
/// with backoff within a time budget (`RetryingRequest`), and 401 / 403 / 404 reported at once.
struct StagecraftClient: Sendable {
    /// What reading an endpoint gave.
    enum Outcome: Sendable {
        case modified(StoredResponse)
        case notModified
    }

    let baseURL: URL
    let apiKey: APIKey
    let request: RetryingRequest

    /// Stagecraft's retries: as many attempts for a 429 as for a failing server.
    static func rules(_ retry: RetryPolicy) -> RetryingRequest.Rules {
        RetryingRequest.Rules(
            policy: retry, overloadAttempts: retry.maximumAttempts, failureAttempts: retry.maximumAttempts)
    }

    /// Reads an endpoint; `stored` supplies the validators. Waits stop at `deadline`.
    func fetch(
        _ endpoint: StagecraftEndpoint, stored: StoredResponse?, deadline: Date
    ) async throws(SourceError)
        -> Outcome
    {
        let url = baseURL.appendingPathComponent(String(endpoint.path.dropFirst()))
        var headers = [("X-API-Key", apiKey.value)]
        if let stored {
            if let etag = stored.etag { headers.append(("If-None-Match", etag)) }
            if let lastModified = stored.lastModified { headers.append(("If-Modified-Since", lastModified)) }
        }
        return try await request.get(url, headers: headers, label: endpoint.label, deadline: deadline) {
            (response: HTTPResponse) throws(SourceError) -> RetryingRequest.Verdict<Outcome> in
            switch response.status {
            case 200:
                return .done(
                    .modified(
                        StoredResponse(
                            endpoint: endpoint.rawValue, body: response.body, etag: response.header("etag"),
                            lastModified: response.header("last-modified"), fetchedAt: Date())))
            case 304 where stored != nil:
                return .done(.notModified)
            case 401:
                return .refused(.unauthorized(endpoint: endpoint.label))
            case 403:
                return .refused(.revoked(endpoint: endpoint.label))
            case 404:
                return .refused(
                    endpoint == .event ? .noActiveEvent(endpoint: endpoint.label) : .notFound(endpoint: endpoint.label))
            case 429:
                return .overloaded(retryAfter: RateLimitHeaders(response, now: Date()).retryAfter)
            case 500...599:
                let retryAfter = response.status == 503 ? RateLimitHeaders(response, now: Date()).retryAfter : nil
                return .failed(status: response.status, retryAfter: retryAfter)
            default:
                return .refused(.unexpectedStatus(endpoint: endpoint.label, status: response.status))
            }
        }
    }
}
