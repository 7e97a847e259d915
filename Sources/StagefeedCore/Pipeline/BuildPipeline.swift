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
    /// The theme the standard renderers use (nil for custom renderers): after `preview`, its
    /// `misses` name each tag whose name its page does not have.
    public var theme: Theme?
    /// Identifies the renderers' settings and theme (see `configurationDigest(theme:…)`);
    /// with it, a build whose source data is unchanged reuses the last build's output.
    /// Nil (custom renderers): every build renders.
    public var configurationDigest: String?
    /// Render and compare every file even when the last build's output can be reused.
    public var alwaysRender = false
    /// The writer of `feeds/announcements.json`, which every build writes from the store
    /// (a watch shares one with its announcement watcher and server).
    public var announcements: AnnouncementFile

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
            FeedsRenderer(), CalendarRenderer(strings: strings, locale: first, clock: clock),
            FrabScheduleRenderer(), ChangeFeedRenderer(strings: strings, locale: first, clock: clock),
            ImageRenderer(), SitemapRenderer(locales: locales),
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
        announcements = AnnouncementFile(store: store, folder: writer.folder)
    }

    /// The files a build of `program` would produce now, by path, without changing the store
    /// or the output (for `stagefeed check`).
    public func preview(_ program: Program) async throws -> [OutputFile] {
        let context = try context(for: program, freshness: .fresh, at: now(), saving: false)
        let collector = OutputCollector()
        let resources: RenderResources
        let units: [RenderUnit]
        (resources, units) = try await plan(program, context: context)
        _ = try await render(consume units, into: collector)
        try collector.emit(try status(of: resources, previous: nil).file())
        try collector.emit(try announcements.expected(at: now()))
        return collector.files
    }

    /// Everything the renderers make of `program`, as units with their digests (on a thread
    /// of its own: the models behind the digests are made here, the renderers side by side
    /// over every core).
    private func plan(
        _ program: Program, context: BuildContext, kept: KeptEntries = KeptEntries(folder: nil)
    ) async throws -> (RenderResources, [RenderUnit]) {
        let renderers = self.renderers
        return try await RenderThreads.perform {
            let resources = RenderResources(
                program: program, context: context, identity: Self.buildIdentity, kept: kept)
            return (resources, try ParallelWork.mapEach(renderers) { try $0.units(for: resources) }.flatMap { $0 })
        }
    }

    /// Runs `units` (see `RenderThreads`), each handing its files to `sink`. Cancelling the
    /// calling task stops them at their next file, with `CancellationError`.
    private func render(
        _ units: consuming [RenderUnit], into sink: any OutputSink
    ) async throws
        -> RenderThreads.Outcome
    {
        let stoppable = StoppableSink(sink)
        let queue = RenderThreads.Queue(units)
        return try await withTaskCancellationHandler {
            try await RenderThreads.run(queue, into: stoppable)
        } onCancel: {
            stoppable.stop()
        }
    }

    /// The build's status feed: its source's state, and the program feed's data version (as
    /// made now, as the last build gave it, or worked out).
    private func status(of resources: RenderResources, previous: BuildRecord?) throws -> StatusFeed.Status {
        let version =
            resources.results[UnitResults.dataVersion] ?? previous?.status.data_version
            ?? FeedsRenderer.dataVersion(resources)
        return StatusFeed.status(for: resources.program, context: resources.context, dataVersion: version)
    }

    /// Everything renderers need besides the program: revisions brought up to date, the
    /// change log, recently cancelled sets, schedule numbers. `saving` records them in the store.
    private func context(for program: Program, freshness: Freshness, at now: Date, saving: Bool) throws -> BuildContext
    {
        var context = BuildContext(now: now, sourceName: source.name, siteURL: siteURL, freshness: freshness)
        let store = revisionStore, sourceName = source.name
        let (ledger, changed, seen, changes) = try store.revisions(source: sourceName).advanced(to: program, at: now) {
            ids in try store.lastSeen(source: sourceName, ids: ids)
        }
        if saving { try store.saveRevisions(source: sourceName, ledger: ledger, ids: changed, seen: seen) }
        context.changes = try revisionStore.logChanges(
            source: source.name, changes, limit: ChangeFeedRenderer.storedChanges, saving: saving)
        context.revisions = ledger.stamps
        let cancelled = ledger.recentlyCancelled(at: now, retention: cancelledRetention)
        let lastSeen = try store.lastSeen(source: sourceName, ids: cancelled)
        context.cancelled = cancelled.compactMap { id in
            guard let state = ledger.states[id], let performance = lastSeen[id] else { return nil }
            return PerformanceRevision(state, lastSeen: performance)
        }
        .sorted { ($0.lastSeen.start, $0.performanceID) < ($1.lastSeen.start, $1.performanceID) }
        context.scheduleNumbers = try revisionStore.scheduleNumbers(
            source: source.name, ids: program.performances.map(\.id), saving: saving)
        if let access = source.imageAccess {
            context.images = try revisionStore.imageCatalog(source: access.storeKey)
        }
        context.writesRobots = RobotsFile.isStagefeeds(in: writer.folder, manifest: writer.manifestFiles())
        return context
    }

    /// Downloads the program's pictures, when the source has any to download.
    private func imageSync(logger: Logger) -> ImageSync? {
        source.imageAccess.map { ImageSync(access: $0, store: revisionStore, logger: logger, now: now) }
    }

    /// Which copy each picture URL has, for the fingerprint ("-" for a source without pictures).
    private func imagesDigest() throws -> String {
        guard let access = source.imageAccess else { return "-" }
        return try revisionStore.imageCatalog(source: access.storeKey).digest
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
        let freshness = outcome.freshness, sourceDigest = outcome.digest
        // A watch stopped while the source was read ends here, before the store or output change.
        try Task.checkCancellation()
        // A fresh read fetched, decoded and stored the program; a stored one is read with the load.
        if freshness == .fresh { phases.lap("fetch and store") }
        // Pictures are asked for after a fresh read: first those the last build showed.
        let pictures = freshness == .fresh ? imageSync(logger: logger) : nil
        var picturesAsked: Set<String> = []
        if let pictures {
            let known = try revisionStore.storedImages(source: pictures.access.storeKey).values
            picturesAsked = await pictures.run(
                known.map { ImageRequest(url: $0.url, owner: $0.owner) }.sorted { $0.url < $1.url })
            try Task.checkCancellation()
            phases.lap("pictures")
        }
        let previous = try revisionStore.buildRecord(output: writer.location)
        if let current = try fingerprint(of: sourceDigest), !alwaysRender, let record = previous,
            let manifest = writer.manifestDigest(),
            record.covers(fingerprint: current, manifestDigest: manifest, at: started)
        {
            phases.lap("load")
            for warning in record.warnings {
                logger.warning("\(warning)")
            }
            logger.debug("the source data, settings and theme are those of the last build: nothing to render")
            var report = try reuse(record, freshness: freshness, at: started)
            phases.lap("status")
            report.duration = (ContinuousClock.now - clock).seconds
            report.phases = phases.laps
            return report
        }
        // From here the store's ledger and the output may change: until this build records
        // itself, no later build may reuse what the last one left.
        try revisionStore.saveBuildRecord(nil, output: writer.location)
        let lastUnits = alwaysRender ? UnitRecords() : UnitRecords.read(for: writer.location)
        UnitRecords.forget(for: writer.location)
        // The outcome holds the source's bodies: they go once the program is made from them.
        let program = try (consume outcome).program()
        // The bodies and their parsed trees are gone; their memory would otherwise stay with the process.
        ProcessMemory.releaseFreed()
        phases.lap("load")
        for warning in program.warnings {
            logger.warning("\(warning)")
        }
        if let access = source.imageAccess {
            // Then the program's new pictures; those it no longer names are forgotten.
            let requests = program.imageRequests
            if let pictures {
                await pictures.run(requests, skipping: picturesAsked)
                try Task.checkCancellation()
            }
            try revisionStore.forgetImages(source: access.storeKey, keeping: Set(requests.map(\.url)))
            phases.lap("new pictures")
        }
        let context = try context(for: program, freshness: freshness, at: started, saving: true)
        if !context.writesRobots, let siteURL, RobotsFile.text(siteURL: siteURL, locales: []) != nil {
            logger.info(
                "\(writer.folder.path)/robots.txt is not stagefeed's: it stays as it is; name the sitemap in it (Sitemap: \(PageAddress.file(OutputPaths.sitemap, siteURL: siteURL)))"
            )
        }
        // The output reflects the ledger as this build left it.
        let renderedFingerprint = try fingerprint(of: sourceDigest)
        phases.lap("revisions")
        let keptEntries = KeptEntries(folder: writer.location.entriesFolder, readingLast: !alwaysRender)
        let resources: RenderResources
        var units: [RenderUnit]
        (resources, units) = try await plan(program, context: context, kept: keptEntries)
        // A unit whose digest is the last build's, and whose files are all there, is not made again.
        var kept: [String: UnitRecords.Entry] = [:]
        var dirty: [RenderUnit] = []
        let output = OutputFolderProbe(writer.folder), lastEntries = lastUnits.entries
        // Asked on every core: a moved set's build looks for the 25,000 files of the last one at 20k.
        let unchanged = ParallelWork.map(units) { unit -> UnitRecords.Entry? in
            guard let last = lastEntries[unit.key], last.digest == unit.digest, last.paths.allSatisfy(output.contains)
            else { return nil }
            return last
        }
        for (unit, last) in zip(units, unchanged) {
            if let last { kept[unit.key] = last } else { dirty.append(unit) }
        }
        // The units are let go as they run, and with them what only they hold.
        let unitCount = units.count
        units = []
        let made = dirty.map { (key: $0.key, digest: $0.digest) }
        phases.lap("plan")
        let session = try writer.begin()
        let write: WriteReport
        let status: StatusFeed.Status
        do {
            try session.keep(kept.values.flatMap(\.paths))
            // A robots.txt the site owner made their own stays theirs.
            if !context.writesRobots { session.leave(RobotsFile.path) }
            let rendered = try await render(consume dirty, into: session)
            phases.lap("render")
            phases.add(
                rendered.laps.sorted { $0.key < $1.key }.map {
                    PhaseTimer.Lap(name: "render: \($0.key)", seconds: $0.value)
                })
            phases.add([PhaseTimer.Lap(name: "render: staging whole files", seconds: session.secondsWritingWholeFiles)])
            status = try self.status(of: resources, previous: previous)
            try session.emit(try status.file())
            // A watch being stopped (SIGTERM) ends here rather than write a half-fetched result.
            try Task.checkCancellation()
            // The announcements as the store has them now, never replacing a newer file.
            write = try announcements.committing(at: now()) {
                try session.emit($0)
            } commit: {
                try session.commit()
            }
            var records = UnitRecords(entries: kept)
            for unit in made {
                records.entries[unit.key] = UnitRecords.Entry(
                    digest: unit.digest, paths: rendered.paths[unit.key] ?? [])
            }
            try records.write(for: writer.location)
            keptEntries.commit()
        } catch {
            session.abandon()
            keptEntries.abandon()
            throw error
        }
        let files = write.written.count + write.unchanged
        try revisionStore.saveBuildRecord(
            renderedFingerprint.flatMap {
                record(fingerprint: $0, program: program, context: context, files: files, status: status)
            },
            output: writer.location)
        phases.lap("write")
        let elapsed = ContinuousClock.now - clock
        logger.debug(
            "phases: \(phases.laps.map { "\($0.name) \(String(format: "%.3f", $0.seconds)) s" }.joined(separator: ", ")); \(made.count) of \(unitCount) units made"
        )
        var report = BuildReport(
            sourceName: source.name, freshness: freshness,
            performances: program.performances.count, warnings: program.warnings,
            write: write, duration: elapsed.seconds)
        report.phases = phases.laps
        report.bytesWritten = session.bytesStaged
        report.unitsMade = made.count
        report.units = unitCount
        (report.entriesReused, report.entriesMade) = keptEntries.counts
        return report
    }

    /// The identity of everything a build's output depends on besides the clock: the source
    /// data, the store's revisions and change log (by their generation), the configuration,
    /// the day start, the public address, the retention of cancelled sets, and this build of
    /// stagefeed. Nil when the source or the configuration cannot tell.
    private func fingerprint(of sourceDigest: String?) throws -> String? {
        guard let digest = sourceDigest, let configurationDigest else { return nil }
        let robots = RobotsFile.isStagefeeds(in: writer.folder, manifest: writer.manifestFiles())
        let parts = [
            source.name, digest, "ledger \(try revisionStore.ledgerGeneration(source: source.name))",
            "pictures \(try imagesDigest())", "robots \(robots)", configurationDigest,
            "\(normalizer.dayStart)", siteURL?.absoluteString ?? "-", "\(cancelledRetention)", Self.buildIdentity,
        ]
        return SHA256.hash(data: Data(parts.joined(separator: "\n").utf8)).hexadecimal
    }

    /// What a build that just wrote `files` with `status` leaves for the next: see `BuildRecord`.
    private func record(
        fingerprint: String, program: Program, context: BuildContext, files: Int, status: StatusFeed.Status
    ) -> BuildRecord? {
        guard let manifest = writer.manifestDigest() else { return nil }
        // The next moment time alone changes the output: a cancelled set leaving the calendars.
        let expiries = context.cancelled.compactMap { $0.removedAt?.addingTimeInterval(cancelledRetention) }
        return BuildRecord(
            fingerprint: fingerprint, manifestDigest: manifest, validUntil: expiries.filter { $0 > context.now }.min(),
            files: files, status: status, warnings: program.warnings)
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
        if try announcements.sync(at: now) {
            write.written = (write.written + [AnnouncementFeed.path]).sorted()
            write.unchanged -= 1
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
