import Foundation

/// The rule for API base URLs: HTTPS, except plain HTTP to this machine (tests, a local proxy).
public enum URLPolicy {
    /// Whether an API key may be sent to this URL.
    public static func isAllowed(_ url: URL) -> Bool {
        switch url.scheme?.lowercased() {
        case "https": return url.host != nil
        case "http": return isLoopback(url.host ?? "")
        default: return false
        }
    }

    private static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }
}
