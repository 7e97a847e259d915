import Foundation

/// Writes an iCalendar stream (RFC 5545): content lines ending in CRLF, folded at 75 octets
/// without splitting a character, TEXT values escaped.
struct ICalendarBuilder {
    /// The lines written so far, as UTF-8.
    private(set) var output: [UInt8] = []

    mutating func begin(_ component: String) { line("BEGIN:\(component)") }

    /// Appends content lines another builder already wrote.
    mutating func append(rendered: [UInt8]) { output.append(contentsOf: rendered) }
    mutating func end(_ component: String) { line("END:\(component)") }

    /// The lines written so far, taken out (for a stream written in pieces).
    mutating func takeOutput() -> [UInt8] {
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }

    /// A property whose value is written as given (dates, numbers, URIs, enumerations).
    mutating func raw(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        var text = name
        for (key, parameter) in parameters {
            text += ";" + key + "=" + Self.parameterValue(parameter)
        }
        line(text + ":" + value)
    }

    /// A property of type TEXT: backslash, semicolon, comma and newlines escaped.
    mutating func text(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        raw(name, Self.escape(value), parameters: parameters)
    }

    /// A multi-valued TEXT property (CATEGORIES): each value escaped, joined by commas.
    mutating func textList(_ name: String, _ values: [String]) {
        raw(name, values.map(Self.escape).joined(separator: ","))
    }

    /// RFC 5545 TEXT escaping; CR LF and lone CR become `\n`. Byte by byte: every character
    /// it changes is ASCII, and no byte of a longer UTF-8 sequence is.
    static func escape(_ value: String) -> String {
        func special(_ byte: UInt8) -> Bool {
            byte < 0x20 && byte != UInt8(ascii: "\t") || byte == 0x7F || byte == UInt8(ascii: "\\")
                || byte == UInt8(ascii: ";")
                || byte == UInt8(ascii: ",")
        }
        guard value.utf8.contains(where: special) else { return value }
        var result: [UInt8] = []
        result.reserveCapacity(value.utf8.count + 16)
        var previousWasCR = false
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: ","):
                result.append(UInt8(ascii: "\\"))
                result.append(byte)
            case UInt8(ascii: "\r"): result.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\n"): if !previousWasCR { result.append(contentsOf: "\\n".utf8) }
            // Other control characters are not allowed in TEXT.
            case _ where special(byte): result.append(UInt8(ascii: " "))
            default: result.append(byte)
            }
            previousWasCR = byte == UInt8(ascii: "\r")
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// A parameter value, quoted when it holds `:`, `;` or `,`; quotes themselves are dropped.
    static func parameterValue(_ value: String) -> String {
        let clean = value.utf8.contains(UInt8(ascii: "\"")) ? value.filter { $0 != "\"" } : value
        let needsQuotes = clean.utf8.contains {
            $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ",")
        }
        return needsQuotes ? "\"\(clean)\"" : clean
    }

    /// Appends a content line, folded so that no physical line exceeds 75 octets: the first
    /// holds 75, each continuation a space and 74. A line is cut between characters (grapheme
    /// clusters), so a client that shows raw lines never shows half an accent or emoji.
    private mutating func line(_ content: String) {
        let limit = 75
        var content = content
        let folded = content.withUTF8 { utf8 -> Bool in
            if utf8.count <= limit {
                output.append(contentsOf: utf8)
                return true
            }
            guard !utf8.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "\r") }) else { return false }
            // Plain ASCII (CR aside, which pairs with LF into one character): every byte is a character.
            var start = 0, width = limit
            while start < utf8.count {
                let end = min(utf8.count, start + width)
                if start > 0 { output.append(contentsOf: [0x0D, 0x0A, 0x20]) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<end]))
                start = end
                width = limit - 1
            }
            return true
        }
        if !folded { foldByCharacter(content, limit: limit) }
        output.append(contentsOf: [0x0D, 0x0A])
    }

    /// Folding for text with characters longer than a byte: the line's pieces between folds
    /// are appended whole.
    private mutating func foldByCharacter(_ content: String, limit: Int) {
        var pieceStart = content.startIndex, index = content.startIndex
        var current = 0
        while index < content.endIndex {
            let next = content.index(after: index)
            let size = content.utf8.distance(from: index, to: next)
            if current + size > limit {
                output.append(contentsOf: content[pieceStart..<index].utf8)
                pieceStart = index
                if size > 74 {
                    // A single character longer than a line (a long emoji sequence): fold by scalar.
                    for scalar in content[index..<next].unicodeScalars {
                        let scalarSize = UTF8.width(scalar)
                        if current + scalarSize > limit {
                            output.append(contentsOf: [0x0D, 0x0A, 0x20])
                            current = 1
                        }
                        output.append(contentsOf: String(scalar).utf8)
                        current += scalarSize
                    }
                    pieceStart = next
                    index = next
                    continue
                }
                output.append(contentsOf: [0x0D, 0x0A, 0x20])
                current = 1
            }
            current += size
            index = next
        }
        output.append(contentsOf: content[pieceStart..<content.endIndex].utf8)
    }
}
