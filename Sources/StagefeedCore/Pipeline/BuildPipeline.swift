import Crypto
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
    /// Identifies the renderers' settings and theme (see `configurationDigest(theme:…)`);
    /// with it, a build whose source data is unchanged reuses the last build's output.
    /// Nil (custom renderers): every build renders.
    public var configurationDigest: String?
    /// Render and compare every file even when the last build's output can be reused.
    public var alwaysRender = false

    /// The renderers of a standard build: the site and the signage through `theme` in each
    /// language, feeds, calendars and the frab/c3voc schedule (their labels in the first).
    public static func standardRenderers(
        theme: Theme, clock: ClockStyle? = nil, locales: [SiteLocale] = [.english]
    ) -> [any Renderer] {
        let first = locales.first ?? .english
        let strings = theme.strings.strings(for: first).strings
        return [
            SiteRenderer(theme: theme, clock: clock, locales: locales),
            SignageRenderer(theme: theme, clock: clock, locales: locales),
            ProgramFeedRenderer(), SliceFeedRenderer(), CalendarRenderer(strings: strings, locale: first, clock: clock),
            FrabScheduleRenderer(), ChangeFeedRenderer(strings: strings, locale: first, clock: clock),
        ]
    }

    /// A build; without `renderers`, the standard ones with the default theme (and then a
    /// build with unchanged source data reuses the last one's output).
    public init(
        source: any ProgramSource, normalizer: ProgramNormalizer, renderers: [any Renderer]? = nil,
        writer: OutputWriter, store: ProgramStore, now: @escaping @Sendable () -> Date = Date.init
    ) throws {
        self.source = source
        self.revisionStore = store
        self.normalizer = normalizer
        if let renderers {
            self.renderers = renderers
        } else {
            let theme = try ThemeLoader.load(overriding: nil, languages: ["en"])
            self.renderers = Self.standardRenderers(theme: theme)
            configurationDigest = Self.configurationDigest(theme: theme, clock: nil, locales: [.english])
        }
        self.writer = writer
        self.now = now
    }

    /// The files a build of `program` would produce now, by path, without changing the store
    /// or the output (for `stagefeed check`).
    public func preview(_ program: Program) async throws -> [OutputFile] {
        let collector = OutputCollector()
        _ = try await render(
            program, context: context(for: program, freshness: .fresh, at: now(), saving: false), into: collector)
        return collector.files
    }

    /// Runs the renderers (see `RenderThreads`), each handing its files to `sink`; returns
    /// how long each took. Cancelling the calling task stops them at their next file, with
    /// `CancellationError`.
    private func render(
        _ program: Program, context: BuildContext, into sink: any OutputSink
    ) async throws -> [PhaseTimer.Lap] {
        let stoppable = StoppableSink(sink)
        return try await withTaskCancellationHandler {
            try await RenderThreads.run(renderers, program: program, context: context, into: stoppable)
        } onCancel: {
            stoppable.stop()
        }
    }

    /// Everything renderers need besides the program: revisions brought up to date, the
    /// change log, recently cancelled sets, schedule numbers. `saving` records them in the store.
    private func context(for program: Program, freshness: Freshness, at now: Date, saving: Bool) throws -> BuildContext
    {
        var context = BuildContext(now: now, sourceName: source.name, siteURL: siteURL, freshness: freshness)
        let (ledger, changed, changes) = try revisionStore.revisions(source: source.name).advanced(to: program, at: now)
        if saving { try revisionStore.saveRevisions(source: source.name, ledger: ledger, ids: changed) }
        context.changes = try revisionStore.logChanges(
            source: source.name, changes, limit: ChangeFeedRenderer.storedChanges, saving: saving)
        context.revisions = ledger.stamps
        context.cancelled = ledger.recentlyCancelled(at: now, retention: cancelledRetention)
        context.scheduleNumbers = try revisionStore.scheduleNumbers(
            source: source.name, ids: program.performances.map(\.id), saving: saving)
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
        // A watch stopped while the source was read ends here, before the store or output change.
        try Task.checkCancellation()
        if let current = try fingerprint(of: outcome), !alwaysRender,
            let record = try revisionStore.buildRecord(output: writer.location),
            let manifest = writer.manifestDigest(),
            record.covers(fingerprint: current, manifestDigest: manifest, at: started)
        {
            phases.lap("load")
            for warning in record.warnings {
                logger.warning("\(warning)")
            }
            logger.debug("the source data, settings and theme are those of the last build: nothing to render")
            var report = try reuse(record, freshness: outcome.freshness, at: started)
            phases.lap("status")
            report.duration = (ContinuousClock.now - clock).seconds
            report.phases = phases.laps
            return report
        }
        // From here the store's ledger and the output may change: until this build records
        // itself, no later build may reuse what the last one left.
        try revisionStore.saveBuildRecord(nil, output: writer.location)
        let program = try outcome.program()
        // The bodies' parsed trees are gone; their memory would otherwise stay with the process.
        ProcessMemory.releaseFreed()
        phases.lap("load")
        for warning in program.warnings {
            logger.warning("\(warning)")
        }
        let context = try context(for: program, freshness: outcome.freshness, at: started, saving: true)
        // The output reflects the ledger as this build left it.
        let renderedFingerprint = try fingerprint(of: outcome)
        ProcessMemory.releaseFreed()
        phases.lap("revisions")
        let session = try writer.begin()
        let write: WriteReport
        do {
            let laps = try await render(program, context: context, into: session)
            phases.lap("render")
            phases.add(laps.map { PhaseTimer.Lap(name: "render: \($0.name)", seconds: $0.seconds) })
            // A watch being stopped (SIGTERM) ends here rather than write a half-fetched result.
            try Task.checkCancellation()
            write = try session.commit()
        } catch {
            session.abandon()
            throw error
        }
        let files = write.written.count + write.unchanged
        try revisionStore.saveBuildRecord(
            renderedFingerprint.flatMap { record(fingerprint: $0, program: program, context: context, files: files) },
            output: writer.location)
        phases.lap("write")
        let elapsed = ContinuousClock.now - clock
        logger.debug(
            "phases: \(phases.laps.map { "\($0.name) \(String(format: "%.3f", $0.seconds)) s" }.joined(separator: ", "))"
        )
        var report = BuildReport(
            sourceName: source.name, freshness: outcome.freshness,
            performances: program.performances.count, warnings: program.warnings,
            write: write, duration: elapsed.seconds)
        report.phases = phases.laps
        report.bytesWritten = session.bytesStaged
        return report
    }

    /// The identity of everything a build's output depends on besides the clock: the source
    /// data, the store's revisions and change log (by their generation), the configuration,
    /// the day start, the public address, the retention of cancelled sets, and this build of
    /// stagefeed. Nil when the source or the configuration cannot tell.
    private func fingerprint(of outcome: SourceOutcome) throws -> String? {
        guard let digest = outcome.digest, let configurationDigest else { return nil }
        let parts = [
            source.name, digest, "ledger \(try revisionStore.ledgerGeneration(source: source.name))",
            configurationDigest,
            "\(normalizer.dayStart)", siteURL?.absoluteString ?? "-", "\(cancelledRetention)", Self.buildIdentity,
        ]
        return SHA256.hash(data: Data(parts.joined(separator: "\n").utf8)).hexadecimal
    }

    /// What a build that just wrote `files` leaves for the next: see `BuildRecord`.
    private func record(fingerprint: String, program: Program, context: BuildContext, files: Int) -> BuildRecord? {
        let statusPath = writer.folder.appendingPathComponent(StatusFeed.path).path
        guard let manifest = writer.manifestDigest(), let status = FileManager.default.contents(atPath: statusPath),
            let fields = try? StatusFeed.Status.fields(
                of: OutputFile(path: StatusFeed.path, contents: status),
                timeZone: program.event.timeZone)
        else { return nil }
        // The next moment time alone changes the output: a cancelled set leaving the calendars.
        let expiries = context.cancelled.compactMap { $0.removedAt?.addingTimeInterval(cancelledRetention) }
        return BuildRecord(
            fingerprint: fingerprint, manifestDigest: manifest, validUntil: expiries.filter { $0 > context.now }.min(),
            files: files, status: fields, warnings: program.warnings)
    }

    /// A build that reuses the last one's output: only `feeds/status.json` is brought up to
    /// date, and only when the source's state changed.
    private func reuse(_ record: BuildRecord, freshness: Freshness, at now: Date) throws -> BuildReport {
        writer.removeLeftoverStaging()
        let lastChecked = BuildContext(now: now, sourceName: source.name, freshness: freshness).lastChecked
        let status = record.status.with(freshness, lastChecked: lastChecked, at: now)
        var write = WriteReport(written: [], unchanged: record.files, removed: [])
        var bytes = 0
        if status.reportsOtherState(than: record.status) {
            let file = try status.file()
            write = try writer.update(file)
            write.unchanged = record.files - write.written.count
            bytes = write.written.isEmpty ? 0 : file.contents.count
            var updated = record
            updated.status = status
            try revisionStore.saveBuildRecord(updated, output: writer.location)
        }
        var report = BuildReport(
            sourceName: source.name, freshness: freshness, performances: record.status.performances,
            warnings: record.warnings, write: write, duration: 0)
        report.bytesWritten = bytes
        report.reused = true
        return report
    }

    /// This build of stagefeed: its version, its executable's size and modification time
    /// (a rebuilt binary never reuses output an older one rendered), and the system's time
    /// zone data (VTIMEZONE blocks and offsets come from it).
    static let buildIdentity: String = {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        let attributes = try? FileManager.default.attributesOfItem(atPath: executable)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(StagefeedVersion.current) \(executable) \(size) \(modified) tzdata \(TimeZone.timeZoneDataVersion)"
    }()
}
