/// Where every file of the export lives in `output/` (DESIGN.md's layout, stable across
/// versions), in one place, and the relative way back from a page to the root, so every
/// link is relative and the export works under any base path and from `file://`.
public enum OutputPaths {
    // Pages (under a further language's folder too).
    public static let index = "index.html"
    public static let mySchedule = "my/index.html"
    public static func day(_ date: LocalDate) -> String { "days/\(date)/index.html" }
    public static func stage(_ slug: String) -> String { "stages/\(slug)/index.html" }
    public static func artist(_ slug: String) -> String { "artists/\(slug)/index.html" }
    /// The web app manifest of a language's pages (its `start_url` is the language's home).
    public static let manifest = "manifest.webmanifest"

    // Signage (under a further language's folder too).
    public static func signageStage(_ slug: String) -> String { "signage/stages/\(slug).html" }
    public static let signageBoard = "signage/board.html"
    public static func signageStagePackage(_ slug: String) -> String { "signage/packages/stages/\(slug).zip" }
    public static let signageBoardPackage = "signage/packages/board.zip"
    public static let signageVersion = "signage/version.json"

    // Once for all languages.
    public static let serviceWorker = "sw.js"
    /// What the site's search looks through (one file for every language).
    public static let searchIndex = "search/index.json"
    public static let programFeed = "feeds/program.json"
    public static func stageFeed(_ slug: String) -> String { "feeds/stages/\(slug).json" }
    public static func dayFeed(_ date: LocalDate) -> String { "feeds/days/\(date).json" }
    /// The folder of the day feeds, which the signage board reads a day at a time.
    public static let dayFeeds = "feeds/days/"
    public static let status = "feeds/status.json"
    public static let changes = "feeds/changes.json"
    public static let changesAtom = "feeds/changes.xml"
    public static let announcements = "feeds/announcements.json"
    public static let programCalendar = "calendar/program.ics"
    public static func stageCalendar(_ slug: String) -> String { "calendar/stages/\(slug).ics" }
    public static func dayCalendar(_ date: LocalDate) -> String { "calendar/days/\(date).ics" }
    public static func artistCalendar(_ slug: String) -> String { "calendar/artists/\(slug).ics" }
    public static let scheduleXML = "schedule.xml"
    public static let scheduleJSON = "schedule.json"
    public static func asset(_ name: String) -> String { "assets/\(name)" }
    /// The sitemap (or, for a very large site, the index of `sitemaps/<n>.xml`).
    public static let sitemap = "sitemap.xml"
    public static func sitemapPart(_ number: Int) -> String { "sitemaps/\(number).xml" }

    /// `../../` for `days/2027-07-23/index.html`, empty for `index.html`.
    public static func root(of path: String) -> String {
        String(repeating: "../", count: depth(of: path))
    }

    /// How many folders down `path` is: 2 for `days/2027-07-23/index.html`, 0 for
    /// `index.html` (its names between slashes, empty ones not counted, less one). Counted
    /// in its bytes: every page asks.
    public static func depth(of path: String) -> Int {
        var names = 0, inName = false
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                inName = false
            } else if !inName {
                inName = true
                names += 1
            }
        }
        return max(names, 1) - 1
    }
}
