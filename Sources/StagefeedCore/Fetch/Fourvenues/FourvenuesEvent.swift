import Foundation

/// One event (a night) of the Fourvenues Integrations API, decoded tolerantly: Unix
/// seconds or ISO 8601 times, genres as a string or a list, a line-up of names or of
/// `{name, image_url}` objects.
public struct FourvenuesEvent: Sendable, Equatable {
    /// A line-up entry.
    public struct Artist: Sendable, Equatable {
        public var name: String
        public var imageURL: String?
    }

    public var id: String
    public var name: String
    public var url: String?
    public var start: Date
    public var end: Date
    public var flyer: String?
    public var description: String?
    public var minimumAge: Int?
    public var genres: [String]
    public var outfit: String?
    public var town: String?
    public var artists: [Artist]

    /// Decodes one event; errors name the endpoint, the item and the field.
    init(_ reader: FieldReader) throws(SourceError) {
        id = try reader.string("_id")
        name = try reader.string("name").trimmingCharacters(in: .whitespacesAndNewlines)
        url = try reader.optionalString("url")
        start = try Self.instant(reader, "start")
        end = try Self.instant(reader, "end")
        guard end > start else {
            throw reader.invalid(
                "end", expected: "a time after start",
                found: "\(Int(end.timeIntervalSince1970)) (start \(Int(start.timeIntervalSince1970)))")
        }
        flyer = try reader.optionalString("flyer")
        description = try reader.optionalString("description")
        minimumAge = try reader.optionalInt("age").flatMap { $0 > 0 ? $0 : nil }
        switch reader.value("music_genres") {
        case nil: genres = []
        case .string(let text)?:
            genres = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .array(let items)?:
            genres = items.compactMap {
                if case .string(let text) = $0 { return text.trimmingCharacters(in: .whitespaces) } else { return nil }
            }
            .filter { !$0.isEmpty }
        case let other?:
            throw reader.invalid("music_genres", expected: "a string or a list of strings", found: other.typeName)
        }
        outfit = try reader.optionalString("outfit")
        town = try reader.optionalString("location_town")
        var artists: [Artist] = []
        switch reader.value("artists") {
        case nil: break
        case .array(let items)?:
            for (index, item) in items.enumerated() {
                switch item {
                case .string(let name): artists.append(Artist(name: name))
                case .object:
                    let entry = try FieldReader(
                        item, endpoint: reader.endpoint, item: "\(reader.item) artists[\(index)]")
                    artists.append(
                        Artist(name: try entry.string("name"), imageURL: try entry.optionalString("image_url")))
                default:
                    throw reader.invalid(
                        "artists[\(index)]", expected: "a name or {name, image_url}", found: item.typeName)
                }
            }
        case let other?: throw reader.invalid("artists", expected: "a list", found: other.typeName)
        }
        self.artists = artists.filter { !$0.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// A required time: Unix seconds (a number or a numeric string) or ISO 8601.
    private static func instant(_ reader: FieldReader, _ name: String) throws(SourceError) -> Date {
        switch reader.value(name) {
        case nil: throw reader.missing(name)
        case .number(let seconds)? where seconds > 0: return Date(timeIntervalSince1970: seconds)
        case .string(let text)?:
            if let seconds = Double(text), seconds > 0 { return Date(timeIntervalSince1970: seconds) }
            if let date = ISO8601.instant(from: text) { return date }
            throw reader.invalid(name, expected: "Unix seconds or an ISO 8601 time", found: "\"\(text.prefix(40))\"")
        case let other?: throw reader.invalid(name, expected: "Unix seconds", found: other.typeName)
        }
    }
}
