import Crypto
import Foundation

/// Encodes feeds the same way every time (sorted keys, no escaped slashes, final newline)
/// and names a content's version by its hash, so bytes change only when data does.
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

    /// A document too large to hold, with a top-level `version` worked out as `versioned`
    /// does: the document is written once with the version blank to a hash, then again
    /// with the version to `path`. Returns the version.
    static func streamVersioned(
        path: String, into sink: any OutputSink, _ document: (_ version: String) -> JSONStream
    ) throws -> String {
        let version = try self.version(of: document)
        try sink.emit(path: path) { append in try document(version).write(to: append) }
        return version
    }

    /// The version `streamVersioned` gives a document, without writing it.
    static func version(of document: (_ version: String) -> JSONStream) throws -> String {
        var hash = SHA256()
        try document(blank).write { hash.update(data: $0) }
        return hash.finalize().prefix(8).hexadecimal
    }

    /// The content's encoding with a top-level `version`: the first 16 hex digits of the
    /// SHA-256 of that same encoding with the version blank. Encoded once: the version is
    /// written over the blank.
    static func versioned(_ content: some Encodable) throws -> (data: Data, version: String) {
        var data = try encode(Versioned(content: content, version: blank))
        // Pretty printing puts top-level keys alone on a line indented by two spaces; a
        // newline inside a string is always escaped, so this marks the top-level key only.
        let marker = Data("\n  \"version\" : \"\(blank)\"".utf8)
        guard let range = data.range(of: marker) else {
            throw EncodingError.invalidValue(content, .init(codingPath: [], debugDescription: "no version key"))
        }
        let version = SHA256.hash(data: data).prefix(8).hexadecimal
        let start = range.upperBound - blank.utf8.count - 1
        data.replaceSubrange(start..<(start + blank.utf8.count), with: Data(version.utf8))
        return (data, version)
    }

    /// Stands in for the version while it is computed: as long as a real one.
    private static let blank = String(repeating: "0", count: 16)
}

/// A feed's content together with its version.
private struct Versioned<Content: Encodable>: Encodable {
    let content: Content
    let version: String

    func encode(to encoder: Encoder) throws {
        try content.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
    }

    enum CodingKeys: String, CodingKey { case version }
}
