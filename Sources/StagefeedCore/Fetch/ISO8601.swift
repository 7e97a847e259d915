import Foundation

/// Parses the ISO 8601 instants APIs send: with or without fractional seconds, with `Z`
/// or a numeric offset.
enum ISO8601 {
    private static let plain = Date.ISO8601FormatStyle()
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func instant(from text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? plain.parse(trimmed) { return date }
        return try? fractional.parse(trimmed)
    }
}
