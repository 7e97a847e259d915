import Foundation

/// A pure function from the program to files: HTML pages, feeds, calendars, signage.
/// Renderers do no I/O: they describe their files as units of work, each with the digest
/// of what it shows (so a build makes only the files whose digest changed), and each unit
/// hands its files to a sink when it runs, from any thread.
public protocol Renderer: Sendable {
    /// The units that make this renderer's files of the program in `resources`.
    func units(for resources: RenderResources) throws -> [RenderUnit]
}

/// A renderer that makes all its files in one go, whenever anything in the program or the
/// build's context changed.
public protocol WholeRenderer: Renderer {
    /// Names its one unit from build to build (by default, the renderer's type).
    var unitName: String { get }

    func render(_ program: Program, context: BuildContext, into sink: any OutputSink) throws
}

extension WholeRenderer {
    public var unitName: String { String(describing: Self.self) }

    public func units(for resources: RenderResources) throws -> [RenderUnit] {
        var digest = DigestBuilder(unitName)
        digest.add(resources.programDigest)
        digest.add(resources.setsDigest)
        digest.add(resources.artistsDigest)
        digest.add(resources.context.changes.map(\.id))
        for revision in resources.context.cancelled {
            digest.add(revision.lastSeen.id)
            digest.add(revision.stamp.sequence)
        }
        let program = resources.program, context = resources.context
        return [
            RenderUnit(key: unitName, digest: digest.finish(), cost: program.performances.count * 1000) { sink in
                try render(program, context: context, into: sink)
            }
        ]
    }
}

extension Renderer {
    /// Every file the renderer makes, by path (for tests and `stagefeed check`).
    public func render(_ program: Program, context: BuildContext) throws -> [OutputFile] {
        let collector = OutputCollector()
        for unit in try units(for: RenderResources(program: program, context: context)) { try unit.make(collector) }
        return collector.files
    }
}

/// What renderers may know about the build besides the program. The same program and
/// context always give the same bytes.
public struct BuildContext: Sendable {
    /// The build's clock reading; only `feeds/status.json` may depend on it.
    public var now: Date
    /// The source's name, e.g. `demo`.
    public var sourceName: String
    /// The public address `output/` is served at, when configured (for absolute links in
    /// calendars and `webcal://` subscriptions).
    public var siteURL: URL?
    /// The revision of every performance shown so far (SEQUENCE, LAST-MODIFIED), by id.
    public var revisions: [String: RevisionStamp]
    /// Performances removed from the program recently, still listed as cancelled.
    public var cancelled: [PerformanceRevision]
    /// How current the program is (fresh, cached or stale), for `feeds/status.json`.
    public var freshness: Freshness
    /// Stable positive numbers for performances, by id (frab/c3voc `id`).
    public var scheduleNumbers: [String: Int]
    /// Program changes noticed by recent builds, newest first.
    public var changes: [ProgramChange] = []
    /// The pictures with a good copy in the store, by the URL the source gave.
    public var images: ImageCatalog = .empty
    /// Whether `robots.txt` is stagefeed's to write (see `RobotsFile`).
    public var writesRobots = true

    public init(
        now: Date, sourceName: String, siteURL: URL? = nil, revisions: [String: RevisionStamp] = [:],
        cancelled: [PerformanceRevision] = [], freshness: Freshness = .fresh, scheduleNumbers: [String: Int] = [:]
    ) {
        self.now = now
        self.sourceName = sourceName
        self.siteURL = siteURL
        self.revisions = revisions
        self.cancelled = cancelled
        self.freshness = freshness
        self.scheduleNumbers = scheduleNumbers
    }

    /// When the source last answered: now for a fresh program, else the stored check's time.
    public var lastChecked: Date {
        switch freshness {
        case .fresh: return now
        case .cached(let since), .stale(_, let since): return since
        }
    }

    /// When the program's data last changed, by the revision history or the event's own
    /// date; nil when neither is known. Pages use this, never the clock, so they stay
    /// byte-identical from build to build.
    public func lastChange(of program: Program) -> Date? {
        ([revisions.values.lazy.map(\.lastModified).max(), program.event.updatedAt].compactMap { $0 }).max()
    }

    /// When the program's data last changed, by the revision history.
    public var lastChanged: Date {
        revisions.values.lazy.map(\.lastModified).max() ?? now
    }
}
