/// A stage, room or venue area, in display order.
public struct Stage: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var slug: String
    public var description: String?
    public var capacity: Capacity?
    /// False for a stand-in made for performances that name a stage the source did not list.
    public var isListed: Bool
    /// The town or city it is in, when the source says (a Fourvenues night's `location_town`).
    public var locality: String?
}
