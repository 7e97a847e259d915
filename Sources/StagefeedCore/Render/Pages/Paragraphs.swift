/// Paragraphs of a longer text: split on blank lines (`\n\n`, after `\r\n` and `\r` became
/// `\n`), the line breaks inside a paragraph kept as spaces, each line trimmed of white
/// space, empty paragraphs dropped. Read byte by byte; a character is looked at whole only
/// where a line's ends are not plain ASCII.
enum Paragraphs {
    static func of(_ value: String?) -> [String] {
        guard let value, !value.isEmpty else { return [] }
        let hasReturns = value.withUTF8Bytes { $0.contains(UInt8(ascii: "\r")) }
        var text = hasReturns ? value.replacing("\r\n", with: "\n").replacing("\r", with: "\n") : value
        return text.withUTF8 { bytes in
            var paragraphs: [String] = []
            var start = 0, index = 0
            // Each `\n\n` ends a paragraph (a third newline starts the next one with a line break).
            while index < bytes.count {
                if bytes[index] == 0x0A, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                    append(bytes, start..<index, to: &paragraphs)
                    index += 2
                    start = index
                    continue
                }
                index += 1
            }
            append(bytes, start..<bytes.count, to: &paragraphs)
            return paragraphs
        }
    }

    /// The paragraph's lines trimmed and joined by spaces, unless it is all white space.
    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to paragraphs: inout [String])
    {
        var joined: [UInt8] = []
        var lineStart = range.lowerBound, index = range.lowerBound
        var lines = 0
        func endLine(_ end: Int, next: Int) {
            defer { lineStart = next }
            // Empty lines are skipped; lines of white space count (as empty, after trimming).
            guard end > lineStart else { return }
            let trimmed = self.trimmed(bytes, lineStart..<end)
            if lines > 0 { joined.append(0x20) }
            joined.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[trimmed]))
            lines += 1
        }
        while index < range.upperBound {
            // Lines end at a newline: U+000A–U+000D, U+0085, U+2028, U+2029 (each a character of its own).
            let byte = bytes[index]
            if byte >= 0x0A && byte <= 0x0D {
                endLine(index, next: index + 1)
            } else if byte == 0xC2, index + 1 < range.upperBound, bytes[index + 1] == 0x85 {
                endLine(index, next: index + 2)
                index += 1
            } else if byte == 0xE2, index + 2 < range.upperBound, bytes[index + 1] == 0x80,
                bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
            {
                endLine(index, next: index + 3)
                index += 2
            }
            index += 1
        }
        endLine(range.upperBound, next: range.upperBound)
        let text = String(decoding: joined, as: UTF8.self)
        // A printable ASCII character is not white space: only a paragraph without one is
        // read character by character.
        guard joined.contains(where: { $0 > 0x20 && $0 < 0x80 }) || !text.allSatisfy(\.isWhitespace) else { return }
        paragraphs.append(text)
    }

    /// The line without the white-space characters at either end.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end {
            let byte = bytes[start]
            if byte < 0x80 && (start + 1 == end || bytes[start + 1] < 0x80) {
                // A plain ASCII character on its own (nothing combines with it).
                guard byte == 0x20 || byte == 0x09 else { break }
                start += 1
                continue
            }
            let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            guard let first = line.first, first.isWhitespace else { break }
            start += first.utf8.count
        }
        while end > start {
            let byte = bytes[end - 1]
            if byte < 0x80 {
                // The last byte is a character of its own: nothing after it to combine with.
                guard byte == 0x20 || byte == 0x09 else { break }
                end -= 1
                continue
            }
            let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            guard let last = line.last, last.isWhitespace else { break }
            end -= last.utf8.count
        }
        return start..<end
    }
}
