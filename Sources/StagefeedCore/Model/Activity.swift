/// Something on a stage that is not an artist's set: a workshop, a ceremony, a talk.
public struct Activity: Sendable, Equatable, Hashable, Codable {
    public var id: String
    public var name: String
    public var description: String?
    public var imageURL: String?

    public init(id: String, name: String, description: String? = nil, imageURL: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.imageURL = imageURL
    }

    enum CodingKeys: String, CodingKey {
        case id, name, description
        case imageURL = "image_url"
    }
}
