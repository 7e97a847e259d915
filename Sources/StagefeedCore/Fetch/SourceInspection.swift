import Foundation

/// What `stagefeed check` learns from a source: the program it would build, the rate-limit
/// budget the API announced, and the state of the local store.
public struct SourceInspection: Sendable {
    public var program: Program
    public var rateLimit: RateLimitHeaders?
    /// Path of the store and what it knows, when the source uses one.
    public var storePath: String?
    public var storeState: SourceState?

    public init(
        program: Program, rateLimit: RateLimitHeaders? = nil, storePath: String? = nil, storeState: SourceState? = nil
    ) {
        self.program = program
        self.rateLimit = rateLimit
        self.storePath = storePath
        self.storeState = storeState
    }
}
