import Foundation

/// Where a program comes from: the bundled demo, Stagecraft, Fourvenues. A source owns its
/// HTTP, caching, rate limits and store, and yields one normalized program or an error.
public protocol ProgramSource: Sendable {
    /// How summaries and messages name the source, e.g. `demo` or `stagecraft`.
    var name: String { get }

    /// The shortest interval at which watching may ask the source again.
    var pollingFloor: Duration { get }

    /// The program, fetched or read from the store, normalized with `normalizer`.
    func load(normalizer: ProgramNormalizer) async throws -> SourceOutcome

    /// Asks the source now (whatever the refresh age) without changing the store's data,
    /// to verify settings and key: for `stagefeed check`.
    func inspect(normalizer: ProgramNormalizer) async throws -> SourceInspection
}

/// A source's program and how current it is.
public struct SourceOutcome: Sendable {
    public var program: Program
    public var freshness: Freshness

    public init(program: Program, freshness: Freshness) {
        self.program = program
        self.freshness = freshness
    }
}

/// How current a program is.
public enum Freshness: Sendable, Equatable, CustomStringConvertible {
    /// Read from the source just now (or bundled with stagefeed).
    case fresh
    /// Not asked again: the last fetch is younger than the minimum refresh age.
    case cached(since: Date)
    /// The source failed; the program is the last good one from the store.
    case stale(reason: String, since: Date)

    public var description: String {
        switch self {
        case .fresh: return "fresh"
        case .cached: return "cached"
        case .stale: return "stale"
        }
    }

    /// Whether the program could not be refreshed.
    public var isStale: Bool {
        if case .stale = self { return true }
        return false
    }
}
