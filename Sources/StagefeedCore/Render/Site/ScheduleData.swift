import Foundation

/// The program as the "my schedule" page's script reads it: embedded in the page as JSON
/// (so it works from `file://` and offline), written set by set (`JSONStream`, script
/// style): at 20,000 sets it is several megabytes.
enum ScheduleData {
    /// One set.
    struct Entry: Encodable {
        var id: String
        var uid: String
        var name: String
        var stage: String
        var day: String
        var dayTitle: String
        var start: String
        var end: String
        var time: String
        var href: String
    }

    /// The document: `event`, `timeZone` and the `sets`, each made when it is written.
    static func document(values: SiteValues, home: String) -> JSONStream {
        let program = values.program, format = values.format
        return .object([
            "event": .value(program.event.name),
            "timeZone": .value(program.event.timeZone.identifier),
            "sets": .array(count: program.performances.count) { position in
                let performance = program.performances[position]
                let page =
                    performance.artistID.flatMap(values.artist(id:)).map { SitePath.artist($0.slug) }
                    ?? SitePath.day(performance.day)
                return .value(
                    Entry(
                        id: values.uid(of: performance), uid: values.uid(of: performance),
                        name: performance.displayName,
                        stage: values.stage(id: performance.stageID)?.name ?? performance.stageID,
                        day: performance.day.description, dayTitle: format.dayTitle(performance.day),
                        start: format.iso8601(performance.start), end: format.iso8601(performance.end),
                        time: format.displayTime(performance.start) + "–" + format.displayTime(performance.end),
                        href: home + page))
            },
        ])
    }
}
