/// A link to an artist's presence elsewhere: website, Bandcamp, Instagram…
public struct SocialLink: Sendable, Equatable, Hashable, Codable {
    /// The platform in lowercase as the source names it ("website", "spotify"…).
    public var platform: String
    public var url: String

    public init(platform: String, url: String) {
        self.platform = platform
        self.url = url
    }
}
