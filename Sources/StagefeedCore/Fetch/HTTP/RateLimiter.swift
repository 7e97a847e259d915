import Foundation

/// Keeps the requests sent with one key under the API's limit (60 a minute for Stagecraft),
/// counting every process that shares the store, and holds off while the server says the
/// budget is spent (`X-RateLimit-Remaining: 0`, a 429's `Retry-After`). The count, the
/// holds and any lower limit the API announced all live in the store, so the next cron run
/// or watch cycle honours them too.
public actor RateLimiter {
    private let store: ProgramStore
    private let source: String
    private let limit: Int
    private let window: Duration

    /// The most recent rate-limit headers the server sent.
    public private(set) var lastHeaders: RateLimitHeaders?

    public init(store: ProgramStore, source: String, limit: Int, window: Duration = .seconds(60)) {
        self.store = store
        self.source = source
        self.limit = limit
        self.window = window
    }

    /// Waits until a request may be sent without passing the limit, then records it and
    /// returns its entry for `settle`. Throws `RateLimitWait` when that would mean waiting
    /// past `deadline`.
    public func acquire(before deadline: Date) async throws -> Int64 {
        while true {
            switch try store.reserveRequest(source: source, limit: limit, window: window.seconds, at: Date()) {
            case .granted(let entry):
                return entry
            case .wait(let until):
                guard until <= deadline else { throw RateLimitWait(until: until) }
                try await Task.sleep(for: .seconds(max(0, until.timeIntervalSinceNow)))
            }
        }
    }

    /// Dates a request by when its answer came, so the next window is counted from the
    /// latest moment the server can have seen it.
    public func settle(_ entry: Int64) {
        try? store.settleRequest(entry, at: Date())
    }

    /// Takes in what a response said of the budget: a lower limit, or a spent budget.
    public func observe(_ headers: RateLimitHeaders) {
        lastHeaders = headers
        let lower = headers.limit.flatMap { $0 > 0 && $0 < limit ? $0 : nil }
        let spent = headers.remaining == 0 ? headers.reset : nil
        if lower != nil || spent != nil {
            try? store.recordRateHold(source: source, until: spent, limit: lower)
        }
    }

    /// Sends nothing before `instant` (a 429's Retry-After).
    public func hold(until instant: Date) {
        try? store.recordRateHold(source: source, until: instant, limit: nil)
    }
}

/// The rate limit would make a request wait past the build's time budget.
public struct RateLimitWait: Error {
    public let until: Date
}
