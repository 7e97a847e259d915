import Foundation

/// The program as the "my schedule" page's script reads it: embedded in the page as JSON
/// (so it works from `file://` and offline).
struct ScheduleData: Encodable {
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

    var event: String
    var timeZone: String
    var sets: [Entry]

    init(values: SiteValues, home: String) {
        event = values.program.event.name
        timeZone = values.program.event.timeZone.identifier
        let format = values.format
        sets = values.program.performances.map { performance in
            let page = performance.artistID.flatMap(values.artist(id:)).map { SitePath.artist($0.slug) } ?? SitePath.day(performance.day)
            return Entry(id: values.uid(of: performance), uid: values.uid(of: performance), name: performance.displayName,
                         stage: values.stage(id: performance.stageID)?.name ?? performance.stageID,
                         day: performance.day.description, dayTitle: format.dayTitle(performance.day),
                         start: format.iso8601(performance.start), end: format.iso8601(performance.end),
                         time: format.displayTime(performance.start) + "–" + format.displayTime(performance.end),
                         href: home + page)
        }
    }

    /// The JSON text, safe inside `<script type="application/json">`.
    func scriptText() throws -> String {
        try ScriptJSON.encode(self)
    }
}
