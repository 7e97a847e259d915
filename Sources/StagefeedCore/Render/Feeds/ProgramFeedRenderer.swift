import Foundation

/// `feeds/program.json`: the whole normalized program, for websites, apps and signage.
/// Times are ISO 8601 with the event's offset; keys are sorted and `version` is a hash of
/// the content, so the bytes and the version change only when the program does. Also
/// `feeds/status.json` (see `StatusFeed`), which gives that version.
public struct ProgramFeedRenderer: Renderer {
    /// Bumped on any incompatible change to the feed's shape.
    public static let schemaVersion = 1

    public init() {}

    public func render(_ program: Program, context: BuildContext, into sink: any OutputSink) throws {
        let (data, version) = try FeedEncoding.versioned(Feed(program))
        try sink.emit(OutputFile(path: "feeds/program.json", contents: data))
        try sink.emit(try StatusFeed.file(for: program, context: context, dataVersion: version))
    }

    /// The program's data version, as `program.json` and `status.json` give it.
    static func dataVersion(of program: Program) throws -> String {
        try FeedEncoding.versioned(Feed(program)).version
    }

    struct Feed: Encodable {
        let schema_version = ProgramFeedRenderer.schemaVersion
        let event: FeedEntry.Event
        let day_starts: String
        let days: [FeedEntry.Day]
        let stages: [FeedEntry.Stage]
        let artists: [FeedEntry.Artist]
        let performances: [FeedEntry.Performance]
        let warnings: [String]

        init(_ program: Program) {
            let format = EventTimeFormat(timeZone: program.event.timeZone)
            let artists = Dictionary(uniqueKeysWithValues: program.artists.map { ($0.id, $0) })
            event = FeedEntry.Event(program.event)
            day_starts = program.dayStart.description
            days = program.days.map { FeedEntry.Day($0, format: format) }
            stages = program.stages.map(FeedEntry.Stage.init)
            self.artists = program.artists.map(FeedEntry.Artist.init)
            performances = program.performances.map {
                FeedEntry.Performance($0, artist: $0.artistID.flatMap { artists[$0] }, format: format)
            }
            warnings = program.warnings.map(\.description)
        }
    }
}
