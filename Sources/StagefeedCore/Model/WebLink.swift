import Foundation

/// The rule for URLs that come from the data (artist images, social links): only an
/// absolute `http` or `https` URL with a host is kept, so no `javascript:`, `data:` or
/// relative link from a source ever reaches a page.
enum WebLink {
    static func isSafe(_ text: String) -> Bool {
        guard
            !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }),
            let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return false }
        return true
    }
}
