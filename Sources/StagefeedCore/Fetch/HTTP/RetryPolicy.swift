import Foundation

/// How often and how patiently a failed request is tried again: exponential backoff with
/// jitter, a bounded number of attempts, and a bound on the total time spent waiting.
public struct RetryPolicy: Sendable {
    /// Attempts for one request, the first included.
    public var maximumAttempts: Int
    /// The wait before the first retry; doubled for each further one.
    public var baseDelay: Duration
    /// No single wait is longer (a longer Retry-After ends the retries).
    public var maximumDelay: Duration
    /// All waits of one build together stay under this.
    public var totalBudget: Duration

    public init(
        maximumAttempts: Int = 4, baseDelay: Duration = .milliseconds(500),
        maximumDelay: Duration = .seconds(30), totalBudget: Duration = .seconds(90)
    ) {
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.totalBudget = totalBudget
    }

    /// The wait before retry number `retry` (1 for the first): base × 2^(retry−1), ±25%.
    public func backoff(retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let exponential = baseDelay * (1 << min(retry - 1, 20))
        let capped = min(exponential, maximumDelay)
        return capped * Double.random(in: 0.75...1.25, using: &generator)
    }
}
