/// XML written as bytes: markup as it is, text escaped for XML (and HTML) code point by
/// code point, as `Markup.escape` does.
struct XMLText {
    private(set) var bytes: [UInt8] = []

    /// Text with room for `capacity` bytes (a quarter megabyte: a piece of a document).
    init(capacity: Int = 1 << 18 + 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// Markup, as it is.
    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// XML written before (a kept event), as it is.
    mutating func raw(xml: [UInt8]) {
        bytes.append(contentsOf: xml)
    }

    /// Text from the data, escaped.
    mutating func escaped(_ text: String) {
        TemplateOutput.appendEscaped(text, to: &bytes)
    }

    /// `<name>value</name>` on a line of its own, `indent` levels of two spaces in.
    mutating func element(_ name: String, _ value: String, indent: Int) {
        for _ in 0..<indent { bytes.append(contentsOf: [0x20, 0x20]) }
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ">"))
        escaped(value)
        bytes.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: [UInt8(ascii: ">"), 0x0A])
    }

    /// Hands the bytes written so far to `append` (a document written in pieces), then
    /// writes on in the same buffer.
    mutating func handBytes(to append: ([UInt8]) throws -> Void) rethrows {
        try append(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
