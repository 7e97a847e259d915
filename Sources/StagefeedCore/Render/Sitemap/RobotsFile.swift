import Foundation

/// `robots.txt`: made by stagefeed only when `site_url` is the root of its host (crawlers
/// read `robots.txt` nowhere else), naming the sitemap and keeping crawlers off the
/// signage screens and "my schedule". A `robots.txt` in the output folder that stagefeed
/// did not write — not in its manifest, or one of its own with the first line taken away —
/// is the site owner's: never written over, never removed (see the README's Output layout).
public enum RobotsFile {
    public static let path = "robots.txt"
    /// The first line of every robots.txt stagefeed writes; a file without it is not stagefeed's.
    static let marker =
        "# Made by stagefeed from site_url. To keep a robots.txt of your own here, remove this line: stagefeed then leaves the file alone."

    /// The file for the site at `siteURL`, or nil when that is not the root of its host.
    static func text(siteURL: URL, locales: [SiteLocale]) -> String? {
        guard URLComponents(url: siteURL, resolvingAgainstBaseURL: false)?.path ?? "/" == "/" else { return nil }
        var lines = [marker, "User-agent: *"]
        for locale in locales {
            lines.append("Disallow: /\(locale.folder)signage/")
            lines.append("Disallow: /\(locale.folder)my/")
        }
        lines += ["Allow: /", "", "Sitemap: \(PageAddress.file(OutputPaths.sitemap, siteURL: siteURL))", ""]
        return lines.joined(separator: "\n")
    }

    /// Whether `robots.txt` in `folder` is stagefeed's to write: there is none, or there is
    /// one stagefeed wrote (in its `manifest`) that still begins with its first line. The
    /// manifest (every file of the export) is read only when there is such a file.
    public static func isStagefeeds(in folder: URL, manifest: @autoclosure () -> Set<String>) -> Bool {
        let file = folder.appendingPathComponent(path)
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            return !FileManager.default.fileExists(atPath: file.path)
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: marker.utf8.count)) ?? Data()
        return head == Data(marker.utf8) && manifest().contains(path)
    }
}
