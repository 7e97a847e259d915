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
        let document = Self.document(program)
        let version = try FeedEncoding.streamVersioned(path: "feeds/program.json", into: sink, document)
        try sink.emit(try StatusFeed.file(for: program, context: context, dataVersion: version))
    }

    /// The program's data version, as `program.json` and `status.json` give it.
    static func dataVersion(of program: Program) throws -> String {
        try FeedEncoding.version(of: document(program))
    }

    /// The feed with a given version, each performance and artist encoded when written.
    private static func document(_ program: Program) -> (_ version: String) -> JSONStream {
        let format = EventTimeFormat(timeZone: program.event.timeZone)
        let artists = Dictionary(program.artists.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return { version in
            .object([
                "schema_version": .value(schemaVersion),
                "event": .value(FeedEntry.Event(program.event)),
                "day_starts": .value(program.dayStart.description),
                "days": .value(program.days.map { FeedEntry.Day($0, format: format) }),
                "stages": .value(program.stages.map(FeedEntry.Stage.init)),
                "artists": .array(count: program.artists.count) { .value(FeedEntry.Artist(program.artists[$0])) },
                "performances": .array(count: program.performances.count) { index in
                    let performance = program.performances[index]
                    return .value(
                        FeedEntry.Performance(
                            performance, artist: performance.artistID.flatMap { artists[$0] }, format: format))
                },
                "warnings": .value(program.warnings.map(\.description)),
                "version": .value(version),
            ])
        }
    }
}
