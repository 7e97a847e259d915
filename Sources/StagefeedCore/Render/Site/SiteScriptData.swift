/// What the site's scripts need to know of the festival on every page, as JSON for a
/// script element (`<script type="application/json" id="site-data">`): the festival days
/// (`base` and `days`, in minutes as `MinuteDays` writes them), the way to the language's
/// pages (`home`) and to the export's root (`root`), the search index (`search`) and the
/// time zone (`zone`).
enum SiteScriptData {
    static func json(days: MinuteDays, home: String, root: String, zone: String) -> String {
        var json = JSONWriter(style: .script, capacity: 256 + days.count * 28)
        json.beginObject()
        days.write(into: &json)
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
