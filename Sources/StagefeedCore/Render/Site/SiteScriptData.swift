/// What the site's scripts need to know of the festival on every page, as JSON for a
/// script element (`<script type="application/json" id="site-data">`): the festival days
/// (`date`, `start`, `end` as ISO 8601 instants), the way to the language's pages (`home`)
/// and to the export's root (`root`), the search index (`search`) and the time zone (`zone`).
enum SiteScriptData {
    /// A festival day and the instants it runs between.
    struct Day: Sendable {
        var date: String
        var start: String
        var end: String
    }

    static func json(days: [Day], home: String, root: String, zone: String) -> String {
        var json = JSONWriter(style: .script, capacity: 256 + days.count * 80)
        json.beginObject()
        json.key("days")
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
        json.key("home")
        json.string(home)
        json.key("root")
        json.string(root)
        json.key("search")
        json.string(root + OutputPaths.searchIndex)
        json.key("zone")
        json.string(zone)
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
