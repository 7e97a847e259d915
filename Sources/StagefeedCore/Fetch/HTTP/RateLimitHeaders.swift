import Foundation

/// Reads the rate-limit headers APIs send: `X-RateLimit-Limit`, `-Remaining`, `-Reset`
/// and `Retry-After`, in the forms the contract says to accept.
public struct RateLimitHeaders: Sendable, Equatable {
    public var limit: Int?
    public var remaining: Int?
    /// When the window resets.
    public var reset: Date?
    /// When a 429 or 503 says to try again.
    public var retryAfter: Date?

    /// Parses the headers of a response received at `now`.
    public init(_ response: HTTPResponse, now: Date) {
        limit = response.header("x-ratelimit-limit").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        remaining = response.header("x-ratelimit-remaining").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        reset = response.header("x-ratelimit-reset").flatMap { Self.instant($0, now: now) }
        retryAfter = response.header("retry-after").flatMap { Self.instant($0, now: now) }
    }

    /// A time given as Unix epoch seconds, seconds from now (a small number), an HTTP-date
    /// or an ISO 8601 time.
    static func instant(_ text: String, now: Date) -> Date? {
        let value = text.trimmingCharacters(in: .whitespaces)
        if let number = Double(value), number >= 0 {
            return number > 1_000_000_000 ? Date(timeIntervalSince1970: number) : now.addingTimeInterval(number)
        }
        if let date = ISO8601.instant(from: value) { return date }
        return httpDate(value)
    }

    /// Parses an IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
