import Foundation

/// Writes an iCalendar stream (RFC 5545): content lines ending in CRLF, folded at 75 octets
/// without splitting a character, TEXT values escaped.
struct ICalendarBuilder {
    /// The lines written so far, as UTF-8.
    private(set) var output: [UInt8] = []
    /// The content line being written, unfolded.
    private var pending: [UInt8] = []

    mutating func begin(_ component: String) {
        pending.append(contentsOf: "BEGIN:".utf8)
        pending.append(contentsOf: component.utf8)
        finishLine()
    }

    /// Appends content lines another builder already wrote.
    mutating func append(rendered: [UInt8]) { output.append(contentsOf: rendered) }

    mutating func end(_ component: String) {
        pending.append(contentsOf: "END:".utf8)
        pending.append(contentsOf: component.utf8)
        finishLine()
    }

    /// Hands the lines written so far to `append` (a stream written in pieces), then writes
    /// on in the same buffer.
    mutating func handOutput(to append: ([UInt8]) throws -> Void) rethrows {
        try append(output)
        output.removeAll(keepingCapacity: true)
    }

    /// A property whose value is written as given (dates, numbers, URIs, enumerations).
    mutating func raw(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        startLine(name, parameters)
        pending.append(contentsOf: value.utf8)
        finishLine()
    }

    /// A property of type TEXT: backslash, semicolon, comma and newlines escaped.
    mutating func text(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        startLine(name, parameters)
        Self.appendEscaped(value, to: &pending)
        finishLine()
    }

    /// A multi-valued TEXT property (CATEGORIES): each value escaped, joined by commas.
    mutating func textList(_ name: String, _ values: [String]) {
        startLine(name, [])
        for (position, value) in values.enumerated() {
            if position > 0 { pending.append(UInt8(ascii: ",")) }
            Self.appendEscaped(value, to: &pending)
        }
        finishLine()
    }

    /// The property's name and parameters, and the colon before its value.
    private mutating func startLine(_ name: String, _ parameters: [(String, String)]) {
        pending.append(contentsOf: name.utf8)
        for (key, parameter) in parameters {
            pending.append(UInt8(ascii: ";"))
            pending.append(contentsOf: key.utf8)
            pending.append(UInt8(ascii: "="))
            pending.append(contentsOf: Self.parameterValue(parameter).utf8)
        }
        pending.append(UInt8(ascii: ":"))
    }

    /// RFC 5545 TEXT escaping; CR LF and lone CR become `\n`. Byte by byte: every character
    /// it changes is ASCII, and no byte of a longer UTF-8 sequence is.
    static func appendEscaped(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            var clean = 0
            var previousWasCR = false
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard
                    byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: ";")
                        || byte == UInt8(ascii: ",")
                else {
                    previousWasCR = false
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
                clean = index + 1
                switch byte {
                case UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: ","):
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(byte)
                case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\n"):
                    if !previousWasCR { bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")]) }
                case UInt8(ascii: "\t"): bytes.append(byte)
                // Other control characters are not allowed in TEXT.
                default: bytes.append(UInt8(ascii: " "))
                }
                previousWasCR = byte == UInt8(ascii: "\r")
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<utf8.count]))
        }
    }

    /// A parameter value, quoted when it holds `:`, `;` or `,`; quotes themselves are dropped.
    static func parameterValue(_ value: String) -> String {
        let clean = value.utf8.contains(UInt8(ascii: "\"")) ? value.filter { $0 != "\"" } : value
        let needsQuotes = clean.utf8.contains {
            $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ",")
        }
        return needsQuotes ? "\"\(clean)\"" : clean
    }

    /// Appends the pending content line, folded so that no physical line exceeds 75 octets:
    /// the first holds 75, each continuation a space and 74. A line is cut between characters
    /// (grapheme clusters), so a client that shows raw lines never shows half an accent or emoji.
    private mutating func finishLine() {
        defer { pending.removeAll(keepingCapacity: true) }
        let limit = 75
        if pending.count <= limit {
            output.append(contentsOf: pending)
        } else if !pending.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "\r") }) {
            // Plain ASCII (CR aside, which pairs with LF into one character): every byte is a character.
            appendFolded(at: Array(stride(from: limit, to: pending.count, by: limit - 1)))
        } else {
            let line = String(decoding: pending, as: UTF8.self)
            if let cuts = Self.characterCuts(in: line, limit: limit) {
                appendFolded(at: cuts)
            } else {
                appendFoldedByCharacter(line)
            }
        }
        output.append(contentsOf: [0x0D, 0x0A])
    }

    /// The pending line, with a fold (CR LF and a space) before each offset in `cuts`.
    private mutating func appendFolded(at cuts: [Int]) {
        var start = 0
        for cut in cuts {
            output.append(contentsOf: pending[start..<cut])
            output.append(contentsOf: [0x0D, 0x0A, 0x20])
            start = cut
        }
        output.append(contentsOf: pending[start...])
    }

    /// Where to fold `line` (UTF-8 offsets): as far along as a physical line allows, moved back
    /// to the start of a character. Only the folds are checked for character boundaries, not
    /// every character; nil when one character is longer than a line can hold.
    private static func characterCuts(in line: String, limit: Int) -> [Int]? {
        let utf8 = line.utf8
        var cuts: [Int] = []
        var start = 0, width = limit
        while utf8.count - start > width {
            var cut = start + width
            while cut > start {
                let position = utf8.index(utf8.startIndex, offsetBy: cut)
                if !UTF8.isContinuation(utf8[position]), String.Index(position, within: line) != nil { break }
                cut -= 1
            }
            guard cut > start else { return nil }
            cuts.append(cut)
            start = cut
            width = limit - 1
        }
        return cuts
    }

    /// Folding character by character, for a line with a character longer than a physical
    /// line (a long emoji sequence), which is folded between its scalars. (Every other line
    /// folds at the same places, found faster by `characterCuts`; a test holds them equal.)
    mutating func appendFoldedByCharacter(_ content: String) {
        let limit = 75
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
