import Foundation
@testable import StagefeedCore

/// A source that hands over a program draft built in the test.
struct FixedSource: ProgramSource {
    var name = "fixture"
    var pollingFloor: Duration = .seconds(1)
    var draft: ProgramDraft

    func load(normalizer: ProgramNormalizer) async throws -> SourceOutcome {
        SourceOutcome(program: try normalizer.normalize(draft), freshness: .fresh)
    }

    func inspect(normalizer: ProgramNormalizer) async throws -> SourceInspection {
        SourceInspection(program: try normalizer.normalize(draft))
    }
}
