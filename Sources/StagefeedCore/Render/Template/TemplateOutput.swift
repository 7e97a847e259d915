/// The bytes a template renders into. Text from the data is escaped for HTML code point by
/// code point (`&`, `<`, `>`, `"`, `'` as references; characters HTML and XML may not hold
/// dropped), so no grapheme cluster can carry a quote or `<` past it. Indentation of
/// standalone partials and blocks is added at the start of each line of template text.
/// A large output is handed on in pieces (`flush`) as it grows.
public struct TemplateOutput {
    /// What is rendered and not yet handed on.
    public private(set) var bytes: [UInt8] = []
    /// Receives the bytes each time they pass `pieceSize`; nil: everything stays in `bytes`.
    private let flush: ((_ piece: [UInt8]) throws -> Void)?
    private let pieceSize: Int
    /// The indentation added at each line start of template text, and whether the next
    /// output starts a line.
    var indentation: [UInt8] = []
    var atLineStart = false
    /// The last byte written, for blocks that must end their line.
    private(set) var lastByte: UInt8?

    /// An output kept whole.
    public init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
        flush = nil
        pieceSize = .max
    }

    /// An output kept whole for a fragment made in the middle of `output`: it starts where
    /// `output` stands (at a line's start or not, after its last byte), unindented.
    init(continuing output: TemplateOutput) {
        self.init(capacity: 1024)
        atLineStart = output.atLineStart
        lastByte = output.lastByte
    }

    /// An output handed to `flush` in pieces of about `pieceSize` bytes; call `finish()` at the end.
    public init(pieceSize: Int, flush: @escaping (_ piece: [UInt8]) throws -> Void) {
        bytes.reserveCapacity(pieceSize + 4096)
        self.flush = flush
        self.pieceSize = pieceSize
    }

    /// Hands what is left to `flush`.
    public mutating func finish() throws {
        guard let flush, !bytes.isEmpty else { return }
        try flush(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func flushIfFull() throws {
        if let last = bytes.last { lastByte = last }
        if bytes.count >= pieceSize, let flush {
            try flush(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    private mutating func indentIfAtLineStart() {
        if atLineStart {
            atLineStart = false
            bytes.append(contentsOf: indentation)
        }
    }

    /// Template text: indented after each line break when an indentation is in force.
    mutating func appendTemplateText(_ text: [UInt8]) throws {
        guard !text.isEmpty else { return }
        if indentation.isEmpty {
            atLineStart = text.last == UInt8(ascii: "\n")
            bytes.append(contentsOf: text)
        } else {
            var start = 0
            for index in text.indices where text[index] == UInt8(ascii: "\n") {
                indentIfAtLineStart()
                bytes.append(contentsOf: text[start...index])
                atLineStart = true
                start = index + 1
            }
            if start < text.count {
                indentIfAtLineStart()
                bytes.append(contentsOf: text[start...])
            }
        }
        try flushIfFull()
    }

    /// Bytes rendered before (a fragment made now, or one kept), as they are.
    mutating func appendRendered<Bytes: Collection<UInt8>>(_ rendered: Bytes) throws {
        guard !rendered.isEmpty else { return }
        indentIfAtLineStart()
        bytes.append(contentsOf: rendered)
        try flushIfFull()
    }

    /// A value's text: escaped for HTML, or as it is.
    mutating func appendValue(_ text: String, escaped: Bool) throws {
        indentIfAtLineStart()
        if escaped {
            Self.appendEscaped(text, to: &bytes)
        } else {
            bytes.append(contentsOf: text.utf8)
        }
        try flushIfFull()
    }

    /// A stream's pieces, escaped or as they are.
    mutating func appendStream(_ stream: TemplateStream, escaped: Bool) throws {
        indentIfAtLineStart()
        try stream.write { piece in
            if escaped {
                Self.appendEscaped(String(decoding: piece, as: UTF8.self), to: &bytes)
            } else {
                bytes.append(contentsOf: piece)
            }
            try flushIfFull()
        }
    }

    /// `text` escaped for HTML (see the type's description), appended to `bytes`.
    static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        text.withUTF8Bytes { appendEscaped($0, to: &bytes) }
    }

    /// The bytes of `utf8`, escaped as `appendEscaped(_:to:)` says.
    private static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var clean = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0xC2 && !needsWork(byte) {
                index += 1
                continue
            }
            if byte >= 0xC2 {
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if !isDisallowedSequence(utf8, at: index, length: length) {
                    index += length
                    continue
                }
            }
            // Something to replace or drop at `index`.
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
            let length = byte >= 0xC2 ? (byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2) : 1
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
            default: break  // a character HTML may not hold: dropped
            }
            index += length
            clean = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<utf8.count]))
    }

    /// An ASCII byte to replace (`& < > " '`) or drop (control characters but tab and line
    /// ends, DEL). Continuation bytes (0x80–0xC1) never start a character in valid UTF-8.
    @inline(__always)
    private static func needsWork(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): return true
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F: return true
        default: return false
        }
    }

    /// Whether the UTF-8 sequence at `index` encodes a character HTML and XML may not hold:
    /// a C1 control (U+0080–U+009F) or a noncharacter (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF).
    @inline(__always)
    private static func isDisallowedSequence(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Bool {
        guard index + length <= utf8.count else { return false }
        switch length {
        case 2:
            return utf8[index] == 0xC2 && utf8[index + 1] < 0xA0
        case 3:
            guard utf8[index] == 0xEF else { return false }
            let second = utf8[index + 1], third = utf8[index + 2]
            if second == 0xB7 && third >= 0x90 && third <= 0xAF { return true }
            return second == 0xBF && (third == 0xBE || third == 0xBF)
        default:
            // U+xFFFE / U+xFFFF in planes 1–16: F0–F4, then a byte whose low 4 bits are 1111, BF, BE/BF.
            return utf8[index + 1] & 0x0F == 0x0F && utf8[index + 2] == 0xBF
                && (utf8[index + 3] == 0xBE || utf8[index + 3] == 0xBF)
        }
    }
}
