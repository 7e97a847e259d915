/// How many people a stage holds: a number, or no limit.
public enum Capacity: Sendable, Equatable, Hashable, Codable {
    case people(Int)
    case unlimited

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let count = try? container.decode(Int.self) {
            self = .people(count)
        } else {
            self = .unlimited
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .people(let count): try container.encode(count)
        case .unlimited: try container.encode("unlimited")
        }
    }
}
