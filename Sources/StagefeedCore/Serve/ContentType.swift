/// Content types and cache lifetimes of the files stagefeed writes.
enum ContentType {
    /// The media type of a file by its path.
    static func of(_ path: String) -> String {
        if path.hasSuffix("feeds/changes.json") { return "application/feed+json" }
        if path.hasSuffix("feeds/changes.xml") { return "application/atom+xml" }
        let types = [
            "html": "text/html; charset=utf-8", "json": "application/json", "ics": "text/calendar; charset=utf-8",
            "xml": "application/xml", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
            "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp",
            "ico": "image/x-icon", "woff2": "font/woff2", "zip": "application/zip", "webmanifest": "application/manifest+json",
            "txt": "text/plain; charset=utf-8",
        ]
        let suffix = path.split(separator: ".").last.map { String($0).lowercased() } ?? ""
        return types[suffix] ?? "application/octet-stream"
    }

    /// `no-cache` (always revalidate) for pages, feeds and calendars; a year for assets
    /// whose name carries a version (`app.3f2a9c1e.css`); five minutes for the rest.
    static func cacheControl(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let parts = name.split(separator: ".")
        if path.hasPrefix("assets/"), parts.count >= 3, parts[parts.count - 2].count >= 8,
           parts[parts.count - 2].allSatisfy(\.isHexDigit) {
            return "public, max-age=31536000, immutable"
        }
        switch parts.last.map({ String($0).lowercased() }) {
        case "html", "json", "ics", "xml": return "no-cache"
        default: return "public, max-age=300"
        }
    }
}
