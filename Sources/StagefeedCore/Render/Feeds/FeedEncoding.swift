import Foundation

/// Encodes the small feeds (status, changes) the same way every time: sorted keys, no
/// escaped slashes, final newline. The large ones are written by `JSONWriter` in the same
/// layout.
enum FeedEncoding {
    static func encode(_ value: some Encodable) throws -> Data {
        try encoder().encode(value) + Data("\n".utf8)
    }

    /// The encoder behind every feed.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
