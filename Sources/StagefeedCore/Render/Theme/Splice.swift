import Foundation

/// Data too large to hold in a page, left out of the template's rendering and written in
/// its place afterwards, piece by piece (the program embedded in "my schedule"): the
/// template gets `placeholder` instead of the data, and `write` hands on the text around
/// each placeholder with the data's pieces in between.
enum Splice {
    /// What a template gets in place of the data: a random token between private-use
    /// characters, which escaping leaves alone and no data contains.
    static let placeholder = "\u{E000}stagefeed-splice-\(UUID().uuidString)\u{E001}"

    /// Writes `text` to `append` with `data` (as JSON for a script element) wherever the
    /// template put the placeholder.
    static func write(_ text: String, data: JSONStream, to append: (Data) throws -> Void) throws {
        for (position, part) in text.components(separatedBy: placeholder).enumerated() {
            if position > 0 { try data.write(style: .script, to: append) }
            if !part.isEmpty { try append(Data(part.utf8)) }
        }
    }
}
