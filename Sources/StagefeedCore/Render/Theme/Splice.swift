import Foundation

/// Data too large to hold in a page, left out of the template's rendering and written in
/// its place afterwards, piece by piece (the program embedded in "my schedule"): the
/// template gets `placeholder` instead of the data, and `write` hands on the text around
/// each placeholder with the data's pieces in between.
enum Splice {
    /// What a template gets in place of the data: a random token between private-use
    /// characters, which no data contains. Its apostrophe tells how the template put it:
    /// as it is (triple braces) or escaped (double braces, `&#39;`), and the data is
    /// written the same way.
    static let placeholder = "\u{E000}stagefeed-splice-\(UUID().uuidString)'\u{E001}"
    private static let escapedPlaceholder = Markup.escape(placeholder)

    /// Writes `text` to `append` with `data` (as JSON for a script element) wherever the
    /// template put the placeholder, escaped for HTML where the template escaped it.
    static func write(_ text: String, data: JSONStream, to append: (Data) throws -> Void) throws {
        for (position, part) in text.components(separatedBy: placeholder).enumerated() {
            if position > 0 { try data.write(style: .script, to: append) }
            for (inner, piece) in part.components(separatedBy: escapedPlaceholder).enumerated() {
                if inner > 0 {
                    try data.write(style: .script) { json in try append(Data(Markup.escape(String(decoding: json, as: UTF8.self)).utf8)) }
                }
                if !piece.isEmpty { try append(Data(piece.utf8)) }
            }
        }
    }
}
