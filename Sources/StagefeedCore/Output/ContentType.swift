/// Content types and cache lifetimes of the files stagefeed writes, for its own server and
/// for publishing.
enum ContentType {
    /// The media type of a file by its path; text types say `charset=utf-8`.
    static func of(_ path: String) -> String {
        if path.hasSuffix("feeds/changes.json") { return "application/feed+json; charset=utf-8" }
        if path.hasSuffix("feeds/changes.xml") { return "application/atom+xml; charset=utf-8" }
        let types = [
            "html": "text/html; charset=utf-8", "json": "application/json; charset=utf-8",
            "ics": "text/calendar; charset=utf-8", "xml": "application/xml; charset=utf-8",
            "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
            "svg": "image/svg+xml; charset=utf-8", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
            "webp": "image/webp", "gif": "image/gif", "avif": "image/avif", "ico": "image/x-icon",
            "woff2": "font/woff2", "woff": "font/woff", "zip": "application/zip",
            "webmanifest": "application/manifest+json; charset=utf-8", "txt": "text/plain; charset=utf-8",
        ]
        let suffix = path.split(separator: ".").last.map { String($0).lowercased() } ?? ""
        return types[suffix] ?? "application/octet-stream"
    }

    /// True for an asset whose name carries a hash of its content (`assets/site.3f2a9c1e.css`)
    /// and for a picture named by its hash (`images/<32 hex digits>.jpg`): its bytes never
    /// change under that name.
    static func isContentHashed(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let parts = name.split(separator: ".")
        if path.hasPrefix("images/") {
            return parts.count == 2 && parts[0].count == 32 && parts[0].allSatisfy(\.isHexDigit)
        }
        return path.hasPrefix("assets/") && parts.count >= 3 && parts[parts.count - 2].count >= 8
            && parts[parts.count - 2].allSatisfy(\.isHexDigit)
    }

    /// `no-cache` (always revalidate) for pages, feeds and calendars; a year for assets
    /// whose name carries a version; five minutes for the rest.
    static func cacheControl(_ path: String) -> String {
        if isContentHashed(path) { return "public, max-age=31536000, immutable" }
        switch path.split(separator: ".").last.map({ String($0).lowercased() }) {
        case "html", "json", "ics", "xml", "webmanifest": return "no-cache"
        default: return "public, max-age=300"
        }
    }
}
