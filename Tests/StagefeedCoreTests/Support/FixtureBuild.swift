import Foundation
import Logging
@testable import StagefeedCore

/// Builds a program draft (or the demo) into `<folder>/output` with a store in
/// `<folder>/cache`, at a given time, the way `stagefeed build` does.
enum FixtureBuild {
    @discardableResult
    static func run(_ draft: ProgramDraft?, in folder: TemporaryFolder, at now: Date, retention: TimeInterval = 7 * 86_400,
                    siteURL: URL? = nil) async throws -> BuildReport {
        let source: any ProgramSource = draft.map { FixedSource(draft: $0) } ?? DemoSource()
        var pipeline = try BuildPipeline(source: source, normalizer: ProgramNormalizer(),
                                     writer: OutputWriter(folder: folder.path("output")),
                                     store: try ProgramStore(folder: folder.path("cache")), now: { now })
        pipeline.cancelledRetention = retention
        pipeline.siteURL = siteURL
        return try await pipeline.run(logger: Logger(label: "test"))
    }
}
