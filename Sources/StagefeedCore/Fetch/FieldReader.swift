import Foundation

/// Reads the fields of one JSON object the tolerant way the API contracts ask for:
/// `snake_case` and `camelCase` spellings alike, unknown fields ignored, and an error that
/// names the endpoint, the item and the field when a required one is missing or malformed.
public struct FieldReader: Sendable {
    /// Where the object sits, e.g. `GET /program` and `item 12 (id p_113)`.
    public let endpoint: String
    public let item: String
    private let fields: [String: JSONValue]

    /// Reads `value` as an object, or fails naming the endpoint and item.
    public init(_ value: JSONValue, endpoint: String, item: String) throws(SourceError) {
        guard case .object(let object) = value else {
            throw .invalidField(
                endpoint: endpoint, item: item, field: "(item)", expected: "an object", found: value.typeName)
        }
        var fields: [String: JSONValue] = [:]
        for (key, value) in object {
            let normalized = FieldReader.normalize(key)
            if fields[normalized] == nil || key == normalized { fields[normalized] = value }
        }
        self.endpoint = endpoint
        self.item = item
        self.fields = fields
    }

    /// A field's value by its snake_case name, nil when absent or null.
    public func value(_ name: String) -> JSONValue? {
        switch fields[FieldReader.normalize(name)] {
        case .none, .null?: return nil
        case let value?: return value
        }
    }

    /// A required, non-empty string.
    public func string(_ name: String) throws(SourceError) -> String {
        guard let text = try optionalString(name), !text.trimmed.isEmpty else {
            throw missing(name)
        }
        return text
    }

    /// An optional string; numbers are accepted and written out (ids are sometimes numeric).
    public func optionalString(_ name: String) throws(SourceError) -> String? {
        switch value(name) {
        case nil: return nil
        case .string(let text)?: return text
        case .number(let number)? where number == number.rounded() && abs(number) < 1e15: return String(Int64(number))
        case let other?: throw invalid(name, expected: "a string", found: other.typeName)
        }
    }

    /// An optional integer; a string holding one is accepted.
    public func optionalInt(_ name: String) throws(SourceError) -> Int? {
        switch value(name) {
        case nil: return nil
        case .number(let number)? where number == number.rounded() && abs(number) < 1e15: return Int(number)
        case .string(let text)? where Int(text) != nil: return Int(text)
        case let other?: throw invalid(name, expected: "an integer", found: other.typeName)
        }
    }

    /// A required ISO 8601 instant.
    public func instant(_ name: String) throws(SourceError) -> Date {
        guard let date = try optionalInstant(name) else { throw missing(name) }
        return date
    }

    /// An optional ISO 8601 instant (fractional seconds optional, `Z` or an offset).
    public func optionalInstant(_ name: String) throws(SourceError) -> Date? {
        guard let text = try optionalString(name) else { return nil }
        guard let date = ISO8601.instant(from: text) else {
            throw invalid(name, expected: "an ISO 8601 time with Z or an offset", found: "\"\(text)\"")
        }
        return date
    }

    /// A required local date `YYYY-MM-DD` (a full ISO 8601 time is cut to its date part).
    public func localDate(_ name: String) throws(SourceError) -> LocalDate {
        let text = try string(name)
        guard let date = LocalDate(iso: String(text.prefix(10))) else {
            throw invalid(name, expected: "a date YYYY-MM-DD", found: "\"\(text)\"")
        }
        return date
    }

    /// A nested object, or nil when absent or null.
    public func optionalObject(_ name: String) throws(SourceError) -> FieldReader? {
        guard let nested = value(name) else { return nil }
        guard case .object = nested else { throw invalid(name, expected: "an object", found: nested.typeName) }
        return try FieldReader(nested, endpoint: endpoint, item: "\(item), field \(name)")
    }

    /// The error for a required field that is absent, null or empty.
    public func missing(_ name: String) -> SourceError {
        .missingField(endpoint: endpoint, item: item, field: name)
    }

    /// The error for a field of the wrong type or form.
    public func invalid(_ name: String, expected: String, found: String) -> SourceError {
        .invalidField(endpoint: endpoint, item: item, field: name, expected: expected, found: found)
    }

    /// `start_time`, `startTime` and `StartTime` all become `starttime`.
    private static func normalize(_ key: String) -> String {
        // ASCII keys (all of them, in practice) byte by byte; others through Unicode case mapping.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(key.utf8.count)
        for byte in key.utf8 {
            if byte >= 0x80 {
                return key.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "")
            }
            if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") { continue }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
