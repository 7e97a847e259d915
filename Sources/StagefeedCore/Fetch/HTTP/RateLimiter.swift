import Foundation

/// Keeps the requests sent with one key under the API's limit (60 a minute for Stagecraft),
/// counting every process that shares the store, and holds off while the server says the
/// budget is spent (`X-RateLimit-Remaining: 0`, a 429's `Retry-After`).
public actor RateLimiter {
    private let store: ProgramStore
    private let source: String
    private var limit: Int
    private let window: Duration
    private var blockedUntil: Date?

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
            let now = Date()
            var ready = now
            if let blockedUntil, blockedUntil > ready { ready = blockedUntil }
            let windowSeconds = window.seconds
            let recent = try store.requests(source: source, since: now.addingTimeInterval(-windowSeconds))
            if recent.count >= limit {
                let freed = recent[recent.count - limit].addingTimeInterval(windowSeconds + 0.01)
                if freed > ready { ready = freed }
            }
            if ready <= now {
                return try store.recordRequest(source: source, at: now)
            }
            guard ready <= deadline else { throw RateLimitWait(until: ready) }
            try await Task.sleep(for: .seconds(ready.timeIntervalSince(now)))
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
        if let announced = headers.limit, announced > 0, announced < limit { limit = announced }
        if headers.remaining == 0, let reset = headers.reset { hold(until: reset) }
    }

    /// Sends nothing before `instant` (a 429's Retry-After).
    public func hold(until instant: Date) {
        if blockedUntil.map({ instant > $0 }) ?? true { blockedUntil = instant }
    }
}

/// The rate limit would make a request wait past the build's time budget.
public struct RateLimitWait: Error {
    public let until: Date
}
