import Crypto
import Foundation

/// Encodes feeds the same way every time (sorted keys, no escaped slashes, final newline)
/// and names a content's version by its hash, so bytes change only when data does.
enum FeedEncoding {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value) + Data("\n".utf8)
    }

    /// The first 16 hex digits of the SHA-256 of the value's encoding.
    static func version(of value: some Encodable) throws -> String {
        SHA256.hash(data: try encode(value)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}

/// A feed's content together with its version (the hash of that content).
struct Versioned<Content: Encodable>: Encodable {
    let content: Content
    let version: String

    init(_ content: Content) throws {
        self.content = content
        self.version = try FeedEncoding.version(of: content)
    }

    func encode(to encoder: Encoder) throws {
        try content.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
    }

    enum CodingKeys: String, CodingKey { case version }
}
