/// What a club night carries beyond its time and place (Fourvenues): the music, who may
/// come in, what to wear, where the tickets are, the flyer.
public struct NightDetails: Sendable, Equatable, Codable {
    public var genres: [String]
    public var minimumAge: Int?
    public var dressCode: String?
    /// Absolute http(s) URLs only (the normalizer drops others with a warning).
    public var ticketURL: String?
    public var flyerURL: String?

    public init(
        genres: [String] = [], minimumAge: Int? = nil, dressCode: String? = nil, ticketURL: String? = nil,
        flyerURL: String? = nil
    ) {
        self.genres = genres
        self.minimumAge = minimumAge
        self.dressCode = dressCode
        self.ticketURL = ticketURL
        self.flyerURL = flyerURL
    }
}
