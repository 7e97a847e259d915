import Foundation

/// What every renderer of one build reads besides the program, made once: the event's
/// clock, lookups by id, each performance's times and calendar UID, and digests of each
/// performance, artist, stage and of the event, which the renderers combine into their
/// files' digests. Made in parallel over the performances; read from any thread. A class:
/// each unit that keeps it (the 12,000 calendars at 20k among them) holds a reference, not a
/// copy of every field.
public final class RenderResources: Sendable {
    /// Each performance's times in the event's timezone, and its UID.
    public struct PerformanceFacts: Sendable {
        public var startISO: String
        public var endISO: String
        public var start: LocalTime
        public var end: LocalTime
        /// The calendar UID, also the set's id on pages (`StableUUID.performanceUID`).
        public var uid: String
        /// A short code for share links and the search index: the schedule number in base 36
        /// (stable across builds), or the program position's when the build has no numbers.
        public var code: String
        /// The picture the set shows (its artist's, else its activity's, else its flyer), when
        /// the store has a copy.
        public var image: LocalImage?
        /// The starts it had before it was moved (oldest first), from the change log: for
        /// structured data's `EventRescheduled` and `previousStartDate`.
        public var previousStarts: [Date]
        /// Its revision (SEQUENCE, LAST-MODIFIED), looked up once here rather than by id in a
        /// table of every set wherever a page or a calendar shows it.
        public var revision: RevisionStamp?
        /// Everything renderers show about the performance: its fields, its stage's and its
        /// artists' names and slugs, its revision (SEQUENCE, LAST-MODIFIED) and schedule number.
        public var digest: UnitDigest
    }

    public let program: Program
    public let context: BuildContext
    public let clock: EventClock
    public let index: ProgramIndex
    public let stagesByID: [String: Stage]
    public let artistsByID: [String: Artist]
    /// Each stage's and artist's place in the program's lists, by id: a set's model reads
    /// their names and slugs where they are rather than through copies.
    let stagePositions, artistPositions: [String: Int32]
    /// By the performance's position in `program.performances`.
    public let performances: [PerformanceFacts]
    /// By artist id: the artist's fields.
    public let artistDigests: [String: UnitDigest]
    /// Every set's facts (`PerformanceFacts.digest`), in program order: what the files
    /// listing the whole program show of its sets, made once for all of them.
    public let setsDigest: UnitDigest
    /// Every artist's fields (`artistDigest(of:)`), in program order.
    public let artistsDigest: UnitDigest
    /// The event's fields, the day start, the days, and the stages (names, slugs, order):
    /// what every page and feed shows around its own content, with the build of stagefeed
    /// (`identity`): a new binary renders everything once.
    public let programDigest: UnitDigest
    /// What the entries of the whole-program files show besides their performance: the
    /// event's id, names and timezone, the source, the public address and the build of
    /// stagefeed. Entries kept by a build with another are not used.
    public let entryContext: UnitDigest
    /// The entries of the whole-program files the last build kept, and this build's.
    public let kept: KeptEntries
    /// What units hand back besides their files.
    public let results = UnitResults()
    /// Each performance's entry in the feeds (`FeedJSON.performanceEntries`), made once for
    /// the feed files that list them (the program's, each stage's and each day's) and let go
    /// after the last of them (kept for the build when some are not made again).
    let feedEntries: SharedValue<[[UInt8]]>
    /// `feeds/program.json`'s data version, which the frab schedule gives too.
    let dataVersion = SharedValue<String>()

    public init(
        program: Program, context: BuildContext, identity: String = "", kept: KeptEntries = KeptEntries(folder: nil)
    ) {
        self.program = program
        feedEntries = SharedValue(users: 1 + program.stages.count + program.days.count)
        self.context = context
        self.kept = kept
        let clock = EventClock(
            timeZone: program.event.timeZone,
            from: program.days.first?.start ?? program.performances.first?.start ?? Date(),
            to: program.days.last?.end ?? program.performances.last?.end ?? Date())
        self.clock = clock
        index = ProgramIndex(program)
        let stagesByID = Dictionary(program.stages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let artistsByID = Dictionary(program.artists.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.stagesByID = stagesByID
        self.artistsByID = artistsByID
        stagePositions = Self.positions(program.stages.map(\.id))
        artistPositions = Self.positions(program.artists.map(\.id))
        let moves = Self.previousStarts(context.changes)
        performances = ParallelWork.map(Array(program.performances.indices)) { position in
            let performance = program.performances[position]
            return Self.facts(
                of: performance, at: position, clock: clock, program: program, context: context,
                stages: stagesByID, artists: artistsByID, previousStarts: moves[performance.id] ?? [])
        }
        let artistDigests = ParallelWork.map(program.artists) { Self.digest(of: $0, images: context.images) }
        self.artistDigests = Dictionary(
            zip(program.artists.map(\.id), artistDigests), uniquingKeysWith: { first, _ in first })
        var sets = DigestBuilder("sets")
        for position in performances.indices { sets.add(performances[position].digest) }
        setsDigest = sets.finish()
        var artists = DigestBuilder("artists")
        for digest in artistDigests { artists.add(digest) }
        artistsDigest = artists.finish()
        programDigest = Self.digest(of: program, context: context, identity: identity)
        var entryContext = DigestBuilder("entries")
        entryContext.add([identity, StagefeedVersion.current, context.sourceName])
        let event = program.event
        entryContext.add([event.id, event.name, event.slug ?? "", event.timeZone.identifier])
        entryContext.add(context.siteURL?.absoluteString)
        self.entryContext = entryContext.finish()
    }

    /// The facts of `performance`, at `position` in the program (-1: a cancelled set, gone from it).
    static func facts(
        of performance: Performance, at position: Int = -1, clock: EventClock, program: Program, context: BuildContext,
        stages: [String: Stage], artists: [String: Artist], previousStarts: [Date] = []
    ) -> PerformanceFacts {
        var digest = DigestBuilder("performance")
        digest.add(performance.id)
        digest.add(performance.stageID)
        digest.add(performance.artistID)
        digest.add(performance.displayName)
        digest.add(performance.description)
        digest.add(performance.start)
        digest.add(performance.end)
        digest.add(performance.day.description)
        if let activity = performance.activity {
            digest.add([activity.id, activity.name, activity.description ?? "", activity.imageURL ?? ""])
        } else {
            digest.add(0)
        }
        digest.add(performance.lineup ?? [])
        if let details = performance.details {
            digest.add(details.genres)
            digest.add(details.minimumAge ?? -1)
            digest.add([details.dressCode ?? "", details.ticketURL ?? "", details.flyerURL ?? ""])
        } else {
            digest.add(0)
        }
        let stage = stages[performance.stageID]
        digest.add(stage?.name)
        digest.add(stage?.slug)
        // The set's own artist too, should a line-up leave it out: calendars and the frab
        // schedule show its page and bio.
        let listed = performance.artistIDs
        let shown = performance.artistID.map { listed.contains($0) ? listed : listed + [$0] } ?? listed
        for id in shown {
            let artist = artists[id]
            digest.add(artist?.name)
            digest.add(artist?.slug)
            // Calendars fall back on the bio for a set's description.
            digest.add(artist?.bio)
        }
        let stamp = context.revisions[performance.id]
        digest.add(stamp?.sequence ?? -1)
        digest.add(stamp.map { Int($0.lastModified.timeIntervalSince1970) } ?? 0)
        let number = context.scheduleNumbers.isEmpty ? position + 1 : context.scheduleNumbers[performance.id] ?? 0
        digest.add(number)
        let image = context.images.image(for: program.imageURL(of: performance, artists: artists))
        add(image, to: &digest)
        let moved = previousStarts.filter { $0 != performance.start }
        for start in moved { digest.add(start) }
        return PerformanceFacts(
            startISO: clock.iso8601(performance.start), endISO: clock.iso8601(performance.end),
            start: clock.local(performance.start), end: clock.local(performance.end),
            uid: StableUUID.performanceUID(performance.id, event: program.event.id, source: context.sourceName),
            code: String(number, radix: 36), image: image, previousStarts: moved, revision: stamp,
            digest: digest.finish())
    }

    /// Each id's place in `ids` (the first, should one repeat).
    private static func positions(_ ids: [String]) -> [String: Int32] {
        Dictionary(zip(ids, ids.indices.map { Int32($0) }), uniquingKeysWith: { first, _ in first })
    }

    /// The earlier starts of each moved performance, oldest first, from the change log
    /// (newest first), each once.
    static func previousStarts(_ changes: [ProgramChange]) -> [String: [Date]] {
        var starts: [String: [Date]] = [:]
        for change in changes.reversed() where change.kind == .moved {
            guard let previous = change.previousStart, starts[change.performanceID]?.contains(previous) != true else {
                continue
            }
            starts[change.performanceID, default: []].append(previous)
        }
        return starts
    }

    /// A picture's part of a digest: which copy, and its size.
    static func add(_ image: LocalImage?, to digest: inout DigestBuilder) {
        digest.add(image?.path)
        digest.add(image?.width ?? 0)
        digest.add(image?.height ?? 0)
    }

    static func digest(of artist: Artist, images: ImageCatalog) -> UnitDigest {
        var digest = DigestBuilder("artist")
        digest.add([artist.id, artist.name, artist.slug])
        digest.add(artist.bio)
        digest.add(artist.imageURL)
        add(images.image(for: artist.imageURL), to: &digest)
        for link in artist.links { digest.add([link.platform, link.url]) }
        return digest.finish()
    }

    /// What the artist shows, made once per build.
    public func artistDigest(of artist: Artist) -> UnitDigest {
        artistDigests[artist.id] ?? Self.digest(of: artist, images: context.images)
    }

    static func digest(of stage: Stage) -> UnitDigest {
        var digest = DigestBuilder("stage")
        digest.add([stage.id, stage.name, stage.slug])
        digest.add(stage.description)
        switch stage.capacity {
        case .people(let count)?: digest.add(count)
        case .unlimited?: digest.add(-2)
        case nil: digest.add(-1)
        }
        digest.add(stage.isListed)
        digest.add(stage.locality)
        return digest.finish()
    }

    static func digest(of program: Program, context: BuildContext, identity: String) -> UnitDigest {
        var digest = DigestBuilder("program")
        digest.add(identity)
        let event = program.event
        digest.add([event.id, event.name, event.slug ?? "", event.timeZone.identifier])
        digest.add(event.description)
        digest.add([event.startDate.description, event.endDate.description, program.dayStart.description])
        digest.add(event.updatedAt.map { Int($0.timeIntervalSince1970) } ?? 0)
        for day in program.days {
            digest.add(day.date.description)
            digest.add(day.start)
            digest.add(day.end)
            digest.add(day.performanceIDs.count)
        }
        for stage in program.stages { digest.add(Self.digest(of: stage)) }
        digest.add(context.sourceName)
        digest.add(context.siteURL?.absoluteString)
        digest.add(StagefeedVersion.current)
        return digest.finish()
    }

    /// The latest change among `performances` (their revisions), or nil.
    public func lastChange(of positions: [Int32]) -> Date? {
        return positions.lazy.compactMap { self.performances[Int($0)].revision?.lastModified }.max()
    }
}
