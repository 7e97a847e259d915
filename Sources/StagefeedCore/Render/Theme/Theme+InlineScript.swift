import Foundation

extension Theme {
    /// The festival clock script (`assets/clock.js`) the site's pages load and the signage
    /// screens carry inline, so both work out "now" the same way.
    static let clockScript = "clock.js"

    /// The text of the script asset `name`, safe inside an inline `<script>` element (a
    /// `</` is written `<\/`, which means the same in JavaScript strings, regular
    /// expressions and comments), or empty when the theme has no such asset.
    func inlineScript(_ name: String) -> String {
        guard let data = assets[name] else { return "" }
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/")
    }
}
