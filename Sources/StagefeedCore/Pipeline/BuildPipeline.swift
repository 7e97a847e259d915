import Foundation
import Logging

/// One build: source → program → renderers → writer. Everything between the two ends is
/// pure; a failure before the write leaves the output folder exactly as it was.
public struct BuildPipeline: Sendable {
    public var source: any ProgramSource
    public var normalizer: ProgramNormalizer
    public var renderers: [any Renderer]
    public var writer: OutputWriter
    /// The clock, injected so builds are reproducible in tests.
    public var now: @Sendable () -> Date
    /// Where performance revisions are kept across builds (for calendars' SEQUENCE).
    public var revisionStore: ProgramStore
    public var siteURL: URL?
    /// How long a performance removed from the program stays in calendars as cancelled.
    public var cancelledRetention: TimeInterval = 7 * 86_400
    /// Problems with the theme worth a warning on every build (strings missing in a language).
    public var themeWarnings: [String] = []

    /// The renderers of a standard build: the site and the signage through `theme` in each
    /// language, feeds, calendars and the frab/c3voc schedule (their labels in the first).
    public static func standardRenderers(theme: Theme, clock: ClockStyle? = nil, locales: [SiteLocale] = [.english]) -> [any Renderer] {
        let first = locales.first ?? .english
        let strings = theme.strings.strings(for: first).strings
        return [SiteRenderer(theme: theme, clock: clock, locales: locales), SignageRenderer(theme: theme, clock: clock, locales: locales),
                ProgramFeedRenderer(), SliceFeedRenderer(), StatusFeedRenderer(), CalendarRenderer(strings: strings, locale: first, clock: clock),
                FrabScheduleRenderer(), ChangeFeedRenderer(strings: strings, locale: first, clock: clock)]
    }

    /// A build; without `renderers`, the standard ones with the default theme.
    public init(source: any ProgramSource, normalizer: ProgramNormalizer, renderers: [any Renderer]? = nil,
                writer: OutputWriter, store: ProgramStore, now: @escaping @Sendable () -> Date = Date.init) throws {
        self.source = source
        self.revisionStore = store
        self.normalizer = normalizer
        self.renderers = try renderers ?? Self.standardRenderers(theme: ThemeLoader.load(overriding: nil))
        self.writer = writer
        self.now = now
    }

    /// Every file the renderers produce for a program, in renderer order.
    public static func render(_ program: Program, with renderers: [any Renderer], context: BuildContext) throws -> [OutputFile] {
        var files: [OutputFile] = []
        for renderer in renderers {
            files += try renderer.render(program, context: context)
        }
        return files
    }

    /// The files a build of `program` would produce now, without changing the store or the
    /// output (for `stagefeed check`).
    public func preview(_ program: Program) throws -> [OutputFile] {
        try Self.render(program, with: renderers, context: context(for: program, freshness: .fresh, at: now(), saving: false))
    }

    /// Everything renderers need besides the program: revisions brought up to date, the
    /// change log, recently cancelled sets, schedule numbers. `saving` records them in the store.
    private func context(for program: Program, freshness: Freshness, at now: Date, saving: Bool) throws -> BuildContext {
        var context = BuildContext(now: now, sourceName: source.name, siteURL: siteURL, freshness: freshness)
        let (ledger, changed, changes) = try revisionStore.revisions(source: source.name).advanced(to: program, at: now)
        if saving { try revisionStore.saveRevisions(source: source.name, ledger: ledger, ids: changed) }
        context.changes = try revisionStore.logChanges(source: source.name, changes, limit: ChangeFeedRenderer.storedChanges, saving: saving)
        context.revisions = ledger
        context.cancelled = ledger.recentlyCancelled(at: now, retention: cancelledRetention)
        context.scheduleNumbers = try revisionStore.scheduleNumbers(source: source.name, ids: program.performances.map(\.id), saving: saving)
        return context
    }

    /// Runs the build and reports what it did; throws when no program could be had or the
    /// output could not be written.
    public func run(logger: Logger) async throws -> BuildReport {
        let started = now()
        let clock = ContinuousClock.now
        for warning in themeWarnings {
            logger.warning("\(warning)")
        }
        var phases = PhaseTimer()
        let outcome = try await source.load(normalizer: normalizer)
        phases.lap("load")
        for warning in outcome.program.warnings {
            logger.warning("\(warning)")
        }
        let context = try context(for: outcome.program, freshness: outcome.freshness, at: started, saving: true)
        phases.lap("revisions")
        var files: [OutputFile] = []
        for renderer in renderers {
            files += try renderer.render(outcome.program, context: context)
            phases.lap(String(describing: type(of: renderer)))
        }
        // A watch being stopped (SIGTERM) ends here rather than write a half-fetched result.
        try Task.checkCancellation()
        let write = try writer.write(files)
        phases.lap("write")
        let elapsed = ContinuousClock.now - clock
        logger.debug("phases: \(phases.laps.map { "\($0.name) \(String(format: "%.3f", $0.seconds)) s" }.joined(separator: ", "))")
        var report = BuildReport(
            sourceName: source.name, freshness: outcome.freshness,
            performances: outcome.program.performances.count, warnings: outcome.program.warnings,
            write: write, duration: elapsed.seconds)
        report.phases = phases.laps
        let written = Set(write.written)
        report.bytesWritten = files.reduce(0) { $0 + (written.contains($1.path) ? $1.contents.count : 0) }
        return report
    }
}
