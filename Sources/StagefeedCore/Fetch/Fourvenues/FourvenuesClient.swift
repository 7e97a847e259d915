import Foundation
import Logging

/// Reads the Fourvenues Integrations API the way its vendor asks: the key in `X-Api-Key`,
/// at most 10 requests a second per key (counted across processes through the store),
/// exponential backoff on 429, one retry on a 5xx (or no answer) and then a clear failure
/// (`RetryingRequest`), and 401 / 403 / 404 / 422 reported at once with what to do.
struct FourvenuesClient: Sendable {
    let baseURL: URL
    let apiKey: APIKey
    let request: RetryingRequest

    /// Fourvenues' retries: backoff on 429 as `retry` says; a failing server gets one retry.
    static func rules(_ retry: RetryPolicy) -> RetryingRequest.Rules {
        RetryingRequest.Rules(policy: retry, overloadAttempts: retry.maximumAttempts, failureAttempts: 2)
    }

    /// The body of `GET <base>/<path>?<query>`; waits stop at `deadline`.
    func get(_ path: String, query: [(String, String)] = [], deadline: Date) async throws(SourceError) -> Data {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if components?.path.hasSuffix("/") == false { components?.path += "/" }
        if !query.isEmpty { components?.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        let label =
            "GET /\(path)/" + (query.isEmpty ? "" : "?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&"))
        guard let url = components?.url else { throw .unreachable(endpoint: label, detail: "not a valid address") }
        return try await request.get(url, headers: [("X-Api-Key", apiKey.value)], label: label, deadline: deadline) {
            (response: HTTPResponse) throws(SourceError) -> RetryingRequest.Verdict<Data> in
            switch response.status {
            case 200:
                return .done(response.body)
            case 401:
                return .refused(
                    .refused(
                        endpoint: label, status: 401,
                        advice:
                            "the API key was refused (missing, wrong or expired: Fourvenues keys expire and are rotated); check STAGEFEED_API_KEY or --api-key-file, and that it belongs to --environment"
                    ))
            case 403:
                return .refused(
                    .refused(
                        endpoint: label, status: 403,
                        advice:
                            "the key lacks scope for /\(path)/ (keys grant only the endpoints asked for); ask Fourvenues (integrations@fourvenues.com) to extend it"
                    ))
            case 404:
                return .refused(
                    .refused(
                        endpoint: label, status: 404,
                        advice:
                            "not found: the resource does not exist or belongs to another account; check --environment and --base-url"
                    ))
            case 422:
                return .refused(
                    .refused(
                        endpoint: label, status: 422,
                        advice: "the API refused a parameter (\(Self.message(response.body)))"))
            case 429:
                return .overloaded(retryAfter: RateLimitHeaders(response, now: Date()).retryAfter)
            case 500...599:
                return .failed(status: response.status, retryAfter: nil)
            default:
                return .refused(.unexpectedStatus(endpoint: label, status: response.status))
            }
        }
    }

    /// The `error` or `message` of a failure body, for 422s.
    private static func message(_ body: Data) -> String {
        guard case .object(let fields)? = JSONValue.parse(body) else { return "no message" }
        for key in ["error", "message"] {
            if case .string(let text)? = fields[key] { return String(text.prefix(200)) }
        }
        return "no message"
    }
}
