import Foundation

/// Data too large to hold in a page, left out of the template's rendering and written in
/// its place afterwards, piece by piece (the program embedded in "my schedule"): the
/// template gets `placeholder` instead of the data, and `write` hands on the text around
/// each placeholder with the data's pieces in between.
enum Splice {
    /// A random token: no data contains it.
    private static let token = "stagefeed-splice-\(UUID().uuidString)"
    /// What a template gets in place of the data: the token between private-use characters.
    /// Its apostrophe tells how the template put it: as it is (triple braces) or escaped
    /// (double braces, `&#39;`), and the data is written the same way.
    static let placeholder = "\u{E000}\(token)'\u{E001}"
    private static let raw = Data(placeholder.utf8)
    private static let escaped = Data(Markup.escape(placeholder).utf8)
    private static let tokenBytes = Data(token.utf8)

    /// Writes `text` to `append` with `data` (as JSON for a script element) wherever the
    /// template put the placeholder, escaped for HTML where the template escaped it.
    /// Matched byte for byte, so nothing next to it changes the match; a placeholder the
    /// template changed (through a lambda) is an error naming `file` and `value`.
    static func write(
        _ text: String, data: JSONStream, file: String, value: String, to append: (Data) throws -> Void
    ) throws {
        let bytes = Data(text.utf8)
        var position = bytes.startIndex
        while true {
            let found = [(raw, false), (escaped, true)]
                .compactMap { marker, isEscaped in
                    bytes.range(of: marker, in: position..<bytes.endIndex).map { ($0, isEscaped) }
                }
                .min { $0.0.lowerBound < $1.0.lowerBound }
            let end = found?.0.lowerBound ?? bytes.endIndex
            let before = bytes[position..<end]
            if before.range(of: tokenBytes) != nil { throw ThemeError.valueChanged(file: file, name: value) }
            if !before.isEmpty { try append(Data(before)) }
            guard let (range, isEscaped) = found else { return }
            if isEscaped {
                try data.write(style: .script) { json in
                    try append(Data(Markup.escape(String(decoding: json, as: UTF8.self)).utf8))
                }
            } else {
                try data.write(style: .script, to: append)
            }
            position = range.upperBound
        }
    }
}
