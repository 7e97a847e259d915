/// A performer, with what fans want to know about them.
public struct Artist: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var slug: String
    /// Plain text; paragraphs separated by blank lines. Never HTML.
    public var bio: String?
    public var imageURL: String?
    public var links: [SocialLink]

    /// The bio split into paragraphs, blank lines dropped.
    public var bioParagraphs: [String] {
        guard let bio else { return [] }
        return bio.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }
}
