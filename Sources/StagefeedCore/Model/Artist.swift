/// A performer, with what fans want to know about them.
public struct Artist: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var slug: String
    /// Plain text; paragraphs separated by blank lines. Never HTML.
    public var bio: String?
    public var imageURL: String?
    public var links: [SocialLink]
}
