import Foundation

/// How long a downloaded picture may be used without asking its server again, by the
/// server's caching headers (RFC 9111): `Cache-Control: max-age`, else `Expires`, else a
/// tenth of the time since `Last-Modified` (at most a day); `no-cache` and `no-store` mean
/// ask every build. Without any of these, every build asks (conditionally).
enum ImageCaching {
    static func freshUntil(_ response: HTTPResponse, at now: Date) -> Date {
        if let control = response.header("cache-control")?.lowercased() {
            let directives = control.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if directives.contains(where: { $0 == "no-cache" || $0 == "no-store" || $0.hasPrefix("no-cache=") }) {
                return now
            }
            for directive in directives where directive.hasPrefix("max-age=") {
                let value = directive.dropFirst("max-age=".count).trimmingCharacters(
                    in: CharacterSet(charactersIn: "\""))
                if let seconds = Int(value), seconds >= 0 {
                    return now.addingTimeInterval(Double(min(seconds, 365 * 86_400)))
                }
            }
        }
        if let expires = response.header("expires") {
            // An unreadable Expires (such as "0") means already stale.
            guard let date = RateLimitHeaders.httpDate(expires) else { return now }
            let served = response.header("date").flatMap(RateLimitHeaders.httpDate) ?? now
            return now.addingTimeInterval(max(0, min(date.timeIntervalSince(served), 365 * 86_400)))
        }
        if let modified = response.header("last-modified").flatMap(RateLimitHeaders.httpDate) {
            let served = response.header("date").flatMap(RateLimitHeaders.httpDate) ?? now
            return now.addingTimeInterval(max(0, min(served.timeIntervalSince(modified) / 10, 86_400)))
        }
        return now
    }
}
