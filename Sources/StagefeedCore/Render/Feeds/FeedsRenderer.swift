import Crypto
import Foundation

/// The JSON feeds: `feeds/program.json` (the whole normalized program, for websites, apps
/// and signage) and the light feeds screens poll, `feeds/stages/<slug>.json` (one stage,
/// every day) and `feeds/days/YYYY-MM-DD.json` (one festival day, every stage). Times are
/// ISO 8601 with the event's offset; keys are sorted; each feed's `version` is a hash of
/// its content, so it changes exactly when the content does. Each performance's entry is
/// written once per build and shared by the files that list it.
public struct FeedsRenderer: Renderer {
    /// Bumped on any incompatible change to the feeds' shape.
    public static let schemaVersion = 1
    /// Stands in for a version while it is computed: as long as a real one.
    static let blankVersion = String(repeating: "0", count: 16)

    public init() {}

    public func units(for resources: RenderResources) throws -> [RenderUnit] {
        let program = resources.program
        // The queue hands out the files listing the shared entries one after another.
        let batch = "feeds"
        var units: [RenderUnit] = []
        var whole = DigestBuilder("program feed")
        whole.add(resources.programDigest)
        whole.add(resources.setsDigest)
        whole.add(resources.artistsDigest)
        whole.add(program.warnings.map(\.description))
        units.append(
            RenderUnit(
                key: OutputPaths.programFeed, digest: whole.finish(), cost: program.performances.count * 1100,
                batch: batch
            ) { sink in
                try Self.listingEntries(resources) {
                    func emit() throws -> String {
                        var version = ""
                        try sink.emit(path: OutputPaths.programFeed) { append in
                            version = try Self.writeProgram(resources, to: append)
                        }
                        return version
                    }
                    // The version is made as the file is written: the frab schedule, asking for
                    // it meanwhile, waits rather than working it out again. Should the schedule
                    // have made it first, the file is written all the same.
                    var written = false
                    let version = try resources.dataVersion.value {
                        written = true
                        return try emit()
                    }
                    if !written { _ = try emit() }
                    resources.results[UnitResults.dataVersion] = version
                }
            })
        for stage in program.stages {
            let positions = resources.index.positions(onStage: stage.id)
            var digest = DigestBuilder("stage feed")
            digest.add(resources.programDigest)
            digest.add(stage.slug)
            for position in positions { digest.add(resources.performances[Int(position)].digest) }
            units.append(
                RenderUnit(
                    key: OutputPaths.stageFeed(stage.slug), digest: digest.finish(),
                    cost: 2000 + positions.count * 1000,
                    batch: batch
                ) { sink in
                    let contents = Self.listingEntries(resources) { Data(Self.stageFeed(stage, resources)) }
                    try sink.emit(OutputFile(path: OutputPaths.stageFeed(stage.slug), contents: contents))
                })
        }
        for day in program.days {
            let positions = resources.index.positions(on: day.date)
            var digest = DigestBuilder("day feed")
            digest.add(resources.programDigest)
            digest.add(day.date.description)
            for position in positions { digest.add(resources.performances[Int(position)].digest) }
            units.append(
                RenderUnit(
                    key: OutputPaths.dayFeed(day.date), digest: digest.finish(), cost: 2000 + positions.count * 1000,
                    batch: batch
                ) { sink in
                    let contents = Self.listingEntries(resources) { Data(Self.dayFeed(day, resources)) }
                    try sink.emit(OutputFile(path: OutputPaths.dayFeed(day.date), contents: contents))
                })
        }
        return units
    }

    /// The performances' shared entries, read while a feed file holds them
    /// (`listingEntries`), or by the data version, which the program feed's unit makes
    /// before it lets them go.
    static func entries(_ resources: RenderResources) -> [[UInt8]] {
        resources.feedEntries.value { FeedJSON.performanceEntries(resources) }
    }

    /// `body`, writing one of the files that list the shared entries: after the last of
    /// them, the entries are let go.
    private static func listingEntries<Result>(
        _ resources: RenderResources, _ body: () throws -> Result
    ) rethrows
        -> Result
    {
        try resources.feedEntries.use({ FeedJSON.performanceEntries(resources) }, { _ in try body() })
    }

    /// `program.json`'s version: the first 16 hex digits of the SHA-256 of the feed with the
    /// version blank (made once per build, by the program feed's unit as it writes the feed;
    /// the frab schedule gives it too).
    static func dataVersion(_ resources: RenderResources) -> String {
        resources.dataVersion.value { writeProgram(resources) { _ in } }
    }

    /// Writes `program.json` in pieces of about a quarter megabyte, and gives its version.
    /// The version is the last member but `warnings`: the pieces before it are hashed as they
    /// go, and the few lines from it on are hashed with the version blank, then handed on
    /// with the version in its place. Each artist's entry is taken from the last build's
    /// table or made, and let go once written (about 11 MB of them at 20,000 sets).
    static func writeProgram(_ resources: RenderResources, to append: ([UInt8]) throws -> Void) rethrows -> String {
        let program = resources.program, entries = entries(resources)
        var hash = SHA256()
        var json = JSONWriter(style: .feed, capacity: 1 << 18)
        func flushIfFull() throws {
            if json.bytes.count >= 1 << 18 { try flush() }
        }
        func flush() throws {
            hash.update(data: json.bytes)
            try json.handBytes(to: append)
        }
        json.beginObject()
        json.key("artists")
        json.beginArray()
        try FeedJSON.forEachArtistEntry(resources) { artist in
            json.raw(artist)
            try flushIfFull()
        }
        json.endArray()
        json.key("day_starts")
        json.string(program.dayStart.description)
        json.key("days")
        json.beginArray()
        for day in program.days { FeedJSON.day(day, clock: resources.clock, into: &json) }
        json.endArray()
        json.key("event")
        FeedJSON.event(program.event, into: &json)
        json.key("performances")
        json.beginArray()
        for entry in entries {
            json.raw(entry)
            try flushIfFull()
        }
        json.endArray()
        json.key("schema_version")
        json.number(schemaVersion)
        json.key("stages")
        json.beginArray()
        for stage in program.stages { FeedJSON.stage(stage, into: &json) }
        json.endArray()
        try flush()
        json.key("version")
        let blank = json.bytes.count
        json.string(blankVersion)
        json.key("warnings")
        json.beginArray()
        for warning in program.warnings { json.string(warning.description) }
        json.endArray()
        json.endObject()
        json.finishFeed()
        var tail = json.bytes
        hash.update(data: tail)
        let version = hash.finalize().prefix(8).hexadecimal
        // The blank follows the key, its separator and the string's opening quote.
        let start = tail[blank...].firstIndex(of: UInt8(ascii: "0"))!
        tail.replaceSubrange(start..<start + version.utf8.count, with: version.utf8)
        try append(tail)
        return version
    }

    /// `feeds/stages/<slug>.json`: the stage, every day (each listing the stage's own sets)
    /// and the stage's performances, with the version of that content.
    static func stageFeed(_ stage: Stage, _ resources: RenderResources) -> [UInt8] {
        let program = resources.program, entries = entries(resources)
        let positions = resources.index.positions(onStage: stage.id)
        var json = JSONWriter(style: .feed, capacity: 4096 + positions.count * 1100)
        json.beginObject()
        json.key("day_starts")
        json.string(program.dayStart.description)
        json.key("days")
        json.beginArray()
        for day in program.days {
            // Its days list the stage's own sets: a set elsewhere leaves this feed (and its version) alone.
            let ids = resources.index.positions(onStage: stage.id, on: day.date).map {
                program.performances[Int($0)].id
            }
            FeedJSON.day(day, clock: resources.clock, performances: ids, into: &json)
        }
        json.endArray()
        json.key("event")
        FeedJSON.event(program.event, into: &json)
        json.key("performances")
        json.beginArray()
        for position in positions { json.raw(entries[Int(position)]) }
        json.endArray()
        json.key("schema_version")
        json.number(schemaVersion)
        json.key("stage")
        FeedJSON.stage(stage, into: &json)
        return versioned(&json)
    }

    /// `feeds/days/YYYY-MM-DD.json`: the day, every stage and the day's performances.
    static func dayFeed(_ day: FestivalDay, _ resources: RenderResources) -> [UInt8] {
        let program = resources.program, entries = entries(resources)
        let positions = resources.index.positions(on: day.date)
        var json = JSONWriter(style: .feed, capacity: 4096 + positions.count * 1100)
        json.beginObject()
        json.key("day")
        FeedJSON.day(day, clock: resources.clock, into: &json)
        json.key("day_starts")
        json.string(program.dayStart.description)
        json.key("event")
        FeedJSON.event(program.event, into: &json)
        json.key("performances")
        json.beginArray()
        for position in positions { json.raw(entries[Int(position)]) }
        json.endArray()
        json.key("schema_version")
        json.number(schemaVersion)
        json.key("stages")
        json.beginArray()
        for stage in program.stages { FeedJSON.stage(stage, into: &json) }
        json.endArray()
        return versioned(&json)
    }

    /// Ends a feed whose last key is `version`: the hash of the whole with the version blank,
    /// written over the blank.
    private static func versioned(_ json: inout JSONWriter) -> [UInt8] {
        json.key("version")
        let start = json.bytes.count + 1
        json.string(blankVersion)
        json.endObject()
        json.finishFeed()
        var bytes = json.take()
        let version = Array(SHA256.hash(data: bytes).prefix(8).hexadecimal.utf8)
        bytes.replaceSubrange(start..<(start + version.count), with: version)
        return bytes
    }
}
