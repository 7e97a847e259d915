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

    /// `localhost`, `::1`, or an IPv4 literal in 127.0.0.0/8 (never a name that merely
    /// starts with "127.").
    private static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" { return true }
        var address = in_addr()
        return inet_pton(AF_INET, bare, &address) == 1 && bare.hasPrefix("127.")
    }
}
