/// A festival day as the screens' scripts read it: its `date` and the instants it runs
/// between (`start`, `end`, ISO 8601 with the festival's offset). The site's pages carry
/// the days in minutes instead (`MinuteDays`).
struct ScriptDay: Sendable {
    var date: String
    var start: String
    var end: String

    init(_ day: FestivalDay, clock: EventClock) {
        date = day.date.description
        start = clock.iso8601(day.start)
        end = clock.iso8601(day.end)
    }

    /// The days as a JSON array of `{date, end, start}` objects.
    static func write(_ days: [ScriptDay], into json: inout JSONWriter) {
        json.beginArray()
        for day in days {
            json.beginObject()
            json.key("date")
            json.string(day.date)
            json.key("end")
            json.string(day.end)
            json.key("start")
            json.string(day.start)
            json.endObject()
        }
        json.endArray()
    }
}
