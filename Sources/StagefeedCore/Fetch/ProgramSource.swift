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

    /// How the program's pictures are downloaded into the store (after a fresh read of the
    /// source); nil: they are not, and pages show none.
    var imageAccess: ImageAccess? { get }
}

extension ProgramSource {
    public var imageAccess: ImageAccess? { nil }
}

/// A source's program and how current it is. The program is decoded on first use, so a
/// build that finds the same `digest` as the last one can skip decoding altogether.
public struct SourceOutcome: Sendable {
    public var freshness: Freshness
    /// Identifies the source data and source settings the program is built from: equal
    /// digests give equal programs. Nil when the source cannot tell cheaply.
    public var digest: String?
    private let decode: @Sendable () throws -> Program

    /// An outcome whose program is decoded when first asked for.
    public init(freshness: Freshness, digest: String?, program: @escaping @Sendable () throws -> Program) {
        self.freshness = freshness
        self.digest = digest
        self.decode = program
    }

    /// An outcome with a program already at hand and no digest.
    public init(program: Program, freshness: Freshness) {
        self.init(freshness: freshness, digest: nil) { program }
    }

    /// The normalized program (decoded now, at each call, when it was not at hand).
    public func program() throws -> Program {
        try decode()
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
