import Foundation

/// The light feeds signage and apps poll: `feeds/stages/<slug>.json` (one stage, every
/// day) and `feeds/days/YYYY-MM-DD.json` (one festival day, every stage). Each carries
/// its own content version, so a screen's feed changes only when its slice does.
public struct SliceFeedRenderer: Renderer {
    public init() {}

    public func render(_ program: Program, context: BuildContext, into sink: any OutputSink) throws {
        let artists = Dictionary(uniqueKeysWithValues: program.artists.map { ($0.id, $0) })
        let event = FeedEntry.Event(program.event)
        let index = ProgramIndex(program)
        let slices: [Slice] = program.stages.map(Slice.stage) + program.days.map(Slice.day)
        // Spread over the cores, each worker with its own time formats.
        try ParallelWork.forEach(slices, prepare: EventTimeFormat(timeZone: program.event.timeZone)) {
            format, slice in
            func entries(_ performances: [Performance]) -> [FeedEntry.Performance] {
                performances.map {
                    FeedEntry.Performance($0, artist: $0.artistID.flatMap { artists[$0] }, format: format)
                }
            }
            switch slice {
            case .stage(let stage):
                // Its days list the stage's own sets: a set elsewhere leaves this feed (and its version) alone.
                let days = program.days.map { day in
                    FeedEntry.Day(
                        day, format: format, performances: index.performances(onStage: stage.id, on: day.date).map(\.id)
                    )
                }
                let feed = StageFeed(
                    event: event, day_starts: program.dayStart.description, days: days,
                    stage: FeedEntry.Stage(stage), performances: entries(index.performances(onStage: stage.id)))
                try sink.emit(
                    OutputFile(path: "feeds/stages/\(stage.slug).json", contents: try FeedEncoding.versioned(feed).data)
                )
            case .day(let day):
                let feed = DayFeed(
                    event: event, day_starts: program.dayStart.description, day: FeedEntry.Day(day, format: format),
                    stages: program.stages.map(FeedEntry.Stage.init),
                    performances: entries(index.performances(on: day.date)))
                try sink.emit(
                    OutputFile(path: "feeds/days/\(day.date).json", contents: try FeedEncoding.versioned(feed).data))
            }
        }
    }

    /// One feed: a stage's or a day's.
    private enum Slice: Sendable {
        case stage(Stage)
        case day(FestivalDay)
    }

    struct StageFeed: Encodable {
        let schema_version = ProgramFeedRenderer.schemaVersion
        let event: FeedEntry.Event
        let day_starts: String
        let days: [FeedEntry.Day]
        let stage: FeedEntry.Stage
        let performances: [FeedEntry.Performance]
    }

    struct DayFeed: Encodable {
        let schema_version = ProgramFeedRenderer.schemaVersion
        let event: FeedEntry.Event
        let day_starts: String
        let day: FeedEntry.Day
        let stages: [FeedEntry.Stage]
        let performances: [FeedEntry.Performance]
    }
}
