/// Where each page of the site lives in `output/` (DESIGN.md's layout), and the relative
/// prefix that leads from a page back to the root, so every link is relative and the
/// site works under any base path and from `file://`.
enum SitePath {
    static let index = "index.html"
    static let mySchedule = "my/index.html"
    static let serviceWorker = "sw.js"

    static func day(_ date: LocalDate) -> String { "days/\(date)/index.html" }
    static func stage(_ slug: String) -> String { "stages/\(slug)/index.html" }
    static func artist(_ slug: String) -> String { "artists/\(slug)/index.html" }

    /// `../../` for `days/2027-07-23/index.html`, empty for `index.html`.
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }
}
