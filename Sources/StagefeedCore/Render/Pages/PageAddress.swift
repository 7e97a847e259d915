import Foundation

/// The public addresses of the export's files, from `site_url` (which always ends with a
/// slash): a page's canonical address drops its `index.html` (`…/days/2027-07-23/`).
enum PageAddress {
    /// `days/2027-07-23/` for `days/2027-07-23/index.html`; empty for `index.html`.
    static func canonicalPath(_ path: String) -> String {
        path == OutputPaths.index
            ? "" : path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path
    }

    /// The absolute address of the page at `path` (its language folder included).
    static func page(_ path: String, siteURL: URL) -> String {
        siteURL.absoluteString + canonicalPath(path)
    }

    /// The absolute address of any other file of the export (a picture, the sitemap).
    static func file(_ path: String, siteURL: URL) -> String {
        siteURL.absoluteString + path
    }
}
