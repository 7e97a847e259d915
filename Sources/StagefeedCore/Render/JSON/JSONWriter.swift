/// Writes JSON byte by byte, laid out exactly as JSONEncoder lays it out, so feeds keep
/// their bytes: as a feed file (`.feed`: pretty printed with two spaces, `" : "` between key
/// and value, sorted keys, slashes unescaped) or as data inside a page's `<script>`
/// (`.script`: compact, with `<`, `>`, `&`, U+2028 and U+2029 escaped so no text can end the
/// element). Objects are written member by member: the caller gives keys in sorted order
/// (`JSONKeys` sorts them the encoder's way). Large documents are handed on in pieces.
public struct JSONWriter {
    /// How the document is laid out.
    public enum Style: Sendable {
        case feed
        case script
    }

    public let style: Style
    /// The bytes written and not yet handed on.
    public private(set) var bytes: [UInt8] = []
    /// Per open container: whether it has a member yet.
    private var hasMembers: [Bool] = []
    /// A key was just written: the next value is its value, on the same line.
    private var afterKey = false
    private var indentation: [[UInt8]] = [[]]

    /// How deep the text written here will sit in its document (a fragment made to be
    /// placed into an array later): its lines are indented for that depth.
    private let baseDepth: Int

    public init(style: Style, capacity: Int = 4096, depth: Int = 0) {
        self.style = style
        baseDepth = depth
        bytes.reserveCapacity(capacity)
    }

    /// Takes the bytes written so far out of the writer.
    public mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// Hands the bytes written so far to `append` (a document written in pieces), then
    /// writes on in the same buffer.
    public mutating func handBytes(to append: ([UInt8]) throws -> Void) rethrows {
        try append(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func indent(_ depth: Int) {
        while indentation.count <= depth { indentation.append(indentation[indentation.count - 1] + [0x20, 0x20]) }
        bytes.append(contentsOf: indentation[depth])
    }

    /// Before a value in the current container: a comma after an earlier member, and in a
    /// feed the line break and indentation.
    private mutating func beforeElement() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = hasMembers.indices.last else { return }
        if hasMembers[last] { bytes.append(UInt8(ascii: ",")) }
        hasMembers[last] = true
        if style == .feed {
            bytes.append(UInt8(ascii: "\n"))
            indent(baseDepth + hasMembers.count)
        }
    }

    // MARK: Containers

    public mutating func beginObject() {
        beforeElement()
        bytes.append(UInt8(ascii: "{"))
        hasMembers.append(false)
    }

    public mutating func endObject() { end(UInt8(ascii: "}")) }

    public mutating func beginArray() {
        beforeElement()
        bytes.append(UInt8(ascii: "["))
        hasMembers.append(false)
    }

    public mutating func endArray() { end(UInt8(ascii: "]")) }

    private mutating func end(_ bracket: UInt8) {
        let hadMembers = hasMembers.removeLast()
        if style == .feed {
            // JSONEncoder leaves an empty line inside an empty container.
            bytes.append(UInt8(ascii: "\n"))
            if !hadMembers { bytes.append(UInt8(ascii: "\n")) }
            indent(baseDepth + hasMembers.count)
        }
        bytes.append(bracket)
    }

    /// A member's key; its value follows. Keys come in sorted order.
    public mutating func key(_ key: String) {
        beforeElement()
        quoted(key)
        if style == .feed {
            bytes.append(contentsOf: [0x20, 0x3A, 0x20])
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
        afterKey = true
    }

    /// A key whose text needs no escaping, as bytes made once (`JSONKeys`).
    public mutating func key(_ quoted: JSONKey) {
        beforeElement()
        bytes.append(contentsOf: style == .feed ? quoted.feed : quoted.script)
        afterKey = true
    }

    // MARK: Values

    public mutating func null() {
        beforeElement()
        bytes.append(contentsOf: "null".utf8)
    }

    public mutating func bool(_ value: Bool) {
        beforeElement()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func number(_ value: Int) {
        beforeElement()
        if value >= 0 && value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    public mutating func string(_ value: String) {
        beforeElement()
        quoted(value)
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// An array of strings.
    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// Bytes of JSON written before in the same style and at the same depth (a feed entry
    /// made once and shared by several files).
    public mutating func raw(_ json: [UInt8]) {
        beforeElement()
        bytes.append(contentsOf: json)
    }

    /// A string in JSONEncoder's escaping (`"` `\` and control characters, `\u00XX` in lower
    /// case for those without a short form), plus, for a script, `<` `>` `&` U+2028 U+2029.
    private mutating func quoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8Bytes { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The bytes of `utf8`, escaped as `quoted` says.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        let attention = style == .script ? Self.scriptAttention : Self.feedAttention
        var clean = 0
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            // Most bytes are written as they are: one bit of a mask, not the cases below.
            guard attention.contains(byte) else {
                index += 1
                continue
            }
            let escape: [UInt8]?
            switch byte {
            case UInt8(ascii: "\""): escape = Self.quote
            case UInt8(ascii: "\\"): escape = Self.backslash
            case 0x0A: escape = Self.newline
            case 0x0D: escape = Self.carriageReturn
            case 0x09: escape = Self.tab
            case 0x08: escape = Self.backspace
            case 0x0C: escape = Self.formFeed
            case 0x00...0x1F: escape = Self.unicode(byte)
            case UInt8(ascii: "<") where style == .script: escape = Self.lessThan
            case UInt8(ascii: ">") where style == .script: escape = Self.greaterThan
            case UInt8(ascii: "&") where style == .script: escape = Self.ampersand
            case 0xE2
            where style == .script && index + 2 < utf8.count && utf8[index + 1] == 0x80
                && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                escape = utf8[index + 2] == 0xA8 ? Self.lineSeparator : Self.paragraphSeparator
            default: escape = nil
            }
            guard let escape else {
                index += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
            bytes.append(contentsOf: escape)
            index += byte == 0xE2 ? 3 : 1
            clean = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<utf8.count]))
    }

    /// The bytes `quoted` must look at: control characters, `"` and `\`, and for a script
    /// also `<` `>` `&` and 0xE2 (the lead byte of U+2028 and U+2029).
    private static let feedAttention = ByteMask { byte in byte < 0x20 || byte == 0x22 || byte == 0x5C }
    private static let scriptAttention = ByteMask { byte in
        feedAttention.contains(byte) || byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2
    }

    private static let quote = Array(#"\""#.utf8), backslash = Array(#"\\"#.utf8)
    private static let newline = Array(#"\n"#.utf8), carriageReturn = Array(#"\r"#.utf8), tab = Array(#"\t"#.utf8)
    private static let backspace = Array(#"\b"#.utf8), formFeed = Array(#"\f"#.utf8)
    private static let lessThan = Array(#"\u003c"#.utf8), greaterThan = Array(#"\u003e"#.utf8)
    private static let ampersand = Array(#"\u0026"#.utf8)
    private static let lineSeparator = Array(#"\u2028"#.utf8), paragraphSeparator = Array(#"\u2029"#.utf8)

    private static func unicode(_ byte: UInt8) -> [UInt8] {
        Array(#"\u00"#.utf8) + [hexadecimalDigits[Int(byte >> 4)], hexadecimalDigits[Int(byte & 0x0F)]]
    }

    /// The final line break of a feed file.
    public mutating func finishFeed() {
        bytes.append(UInt8(ascii: "\n"))
    }
}

/// A fixed key, quoted once for both layouts.
public struct JSONKey: Sendable {
    let feed: [UInt8]
    let script: [UInt8]

    /// A key whose text needs no escaping (letters, digits, `_`, `$`).
    public init(_ name: String) {
        feed = Array("\"\(name)\" : ".utf8)
        script = Array("\"\(name)\":".utf8)
    }
}
