import Foundation
import Logging

@testable import StagefeedCore

/// Builds a program draft (or the demo) into `<folder>/output` with a store in
/// `<folder>/cache`, at a given time, the way `stagefeed build` does.
enum FixtureBuild {
    @discardableResult
    /// Pages in English on a 24-hour clock unless told otherwise.
    /// `source` stands in for the draft's own when given; `output` names the output folder.
    static func run(
        _ draft: ProgramDraft?, in folder: TemporaryFolder, at now: Date, retention: TimeInterval = 7 * 86_400,
        siteURL: URL? = nil, locales: [SiteLocale] = [.english], clock: ClockStyle? = .twentyFourHour,
        source: (any ProgramSource)? = nil, alwaysRender: Bool = false, output: String = "output"
    ) async throws -> BuildReport {
        let source: any ProgramSource = source ?? draft.map { FixedSource(draft: $0) } ?? DemoSource()
        let theme = try ThemeLoader.load(overriding: nil)
        let renderers = BuildPipeline.standardRenderers(theme: theme, clock: clock, locales: locales)
        var pipeline = try BuildPipeline(
            source: source, normalizer: ProgramNormalizer(), renderers: renderers,
            writer: OutputWriter(folder: folder.path(output), cache: folder.path("cache")),
            store: try ProgramStore(folder: folder.path("cache")), now: { now })
        pipeline.cancelledRetention = retention
        pipeline.siteURL = siteURL
        pipeline.configurationDigest = BuildPipeline.configurationDigest(theme: theme, clock: clock, locales: locales)
        pipeline.alwaysRender = alwaysRender
        return try await pipeline.run(logger: Logger(label: "test"))
    }
}
