import Foundation
import Synchronization

@testable import StagefeedCore

/// A source that hands over a program draft built in the test. With a `digest`, it says
/// which data the program comes from (as the Stagecraft source does) and counts how often
/// the program is actually decoded.
struct FixedSource: ProgramSource {
    var name = "fixture"
    var pollingFloor: Duration = .seconds(1)
    var draft: ProgramDraft
    var digest: String?
    var freshness: Freshness = .fresh
    var decodes = DecodeCounter()

    func load(normalizer: ProgramNormalizer) async throws -> SourceOutcome {
        let draft = draft
        let decodes = decodes
        return SourceOutcome(freshness: freshness, digest: digest) {
            decodes.increment()
            return try normalizer.normalize(draft)
        }
    }

    func inspect(normalizer: ProgramNormalizer) async throws -> SourceInspection {
        SourceInspection(program: try normalizer.normalize(draft))
    }
}

/// How many times a program was decoded.
final class DecodeCounter: Sendable {
    private let value = Mutex(0)

    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
