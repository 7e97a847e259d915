/// Paragraphs of a longer text: split on blank lines (`\n\n`, after `\r\n` and `\r` became
/// `\n`), the line breaks inside a paragraph kept as spaces, each line trimmed, empty
/// paragraphs dropped.
enum Paragraphs {
    static func of(_ value: String?) -> [String] {
        guard let value, !value.isEmpty else { return [] }
        let text =
            value.utf8.contains(UInt8(ascii: "\r"))
            ? value.replacing("\r\n", with: "\n").replacing("\r", with: "\n") : value
        var paragraphs: [String] = []
        let utf8 = text.utf8
        var start = utf8.startIndex, index = utf8.startIndex
        // Each `\n\n` ends a paragraph (a third newline starts the next one with a line break).
        while index < utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == UInt8(ascii: "\n"), next < utf8.endIndex, utf8[next] == UInt8(ascii: "\n") {
                append(text[start..<index], to: &paragraphs)
                start = utf8.index(after: next)
                index = start
                continue
            }
            index = next
        }
        append(text[start..<utf8.endIndex], to: &paragraphs)
        return paragraphs
    }

    /// The paragraph's lines trimmed and joined by spaces, unless it is all white space.
    private static func append(_ paragraph: Substring, to paragraphs: inout [String]) {
        // Lines end at a newline scalar: each is a character of its own (controls never join others).
        var lines: [Substring] = []
        let scalars = paragraph.unicodeScalars
        var start = scalars.startIndex
        for index in scalars.indices where isNewline(scalars[index]) {
            lines.append(Substring(scalars[start..<index]))
            start = scalars.index(after: index)
        }
        lines.append(Substring(scalars[start..<scalars.endIndex]))
        let text = lines.filter { !$0.isEmpty }.map(trimmed).joined(separator: " ")
        guard !text.allSatisfy(\.isWhitespace) else { return }
        paragraphs.append(text)
    }

    /// The scalars `Character.isNewline` holds for (`\r\n` became `\n` before).
    private static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// A line without the white space around it.
    private static func trimmed(_ line: Substring) -> Substring {
        var start = line.startIndex, end = line.endIndex
        while start < end, line[start].isWhitespace { start = line.index(after: start) }
        while end > start, line[line.index(before: end)].isWhitespace { end = line.index(before: end) }
        return line[start..<end]
    }
}
