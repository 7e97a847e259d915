import Foundation

/// A JSON document written piece by piece, laid out byte for byte as the whole would be:
/// as `FeedEncoding.encode` lays out a feed (JSONEncoder: pretty printed, sorted keys,
/// slashes unescaped, final newline), or as `ScriptJSON.encode` lays out data embedded in
/// a page. Long arrays are encoded one element at a time, so only one element is ever
/// held encoded.
indirect enum JSONStream {
    /// A value encoded whole.
    case value(any Encodable)
    /// An object; its members are written in JSONEncoder's sorted-key order.
    case object([String: JSONStream])
    /// An array of `count` elements, each made when it is written.
    case array(count: Int, element: (Int) throws -> JSONStream)

    /// How the document is laid out.
    enum Style {
        /// As a feed file: pretty printed, with a final newline (`FeedEncoding.encode`).
        case feed
        /// As data inside a page's `<script>`: compact, with `<`, `>`, `&` escaped (`ScriptJSON.encode`).
        case script
    }

    /// Writes the document to `append` in pieces of about `chunkSize` bytes.
    func write(style: Style = .feed, to append: (Data) throws -> Void) throws {
        try withoutActuallyEscaping(append) { append in
            switch style {
            case .feed:
                var writer = Writer(append: append)
                try writer.write(self, depth: 0)
                writer.buffer.append(UInt8(ascii: "\n"))
                try append(writer.buffer)
            case .script:
                var writer = CompactWriter(append: append)
                try writer.write(self)
                try append(writer.buffer)
            }
        }
    }

    /// Bytes gathered before a piece is handed on (the XML and iCalendar streams use it too).
    static let chunkSize = 1 << 18

    /// The script layout: no white space, each value as `ScriptJSON` encodes it.
    private struct CompactWriter {
        let append: (Data) throws -> Void
        let encoder = ScriptJSON.encoder()
        var buffer = Data()

        mutating func write(_ node: JSONStream) throws {
            switch node {
            case .value(let value):
                buffer.append(ScriptJSON.safe(try encoder.encode(value)))
            case .object(let members):
                buffer.append(UInt8(ascii: "{"))
                for (position, key) in try JSONStream.sortedKeys(members.keys).enumerated() {
                    if position > 0 { buffer.append(UInt8(ascii: ",")) }
                    buffer.append(ScriptJSON.safe(try encoder.encode(key)))
                    buffer.append(UInt8(ascii: ":"))
                    try write(members[key]!)
                }
                buffer.append(UInt8(ascii: "}"))
            case .array(let count, let element):
                buffer.append(UInt8(ascii: "["))
                for index in 0..<count {
                    if index > 0 { buffer.append(UInt8(ascii: ",")) }
                    try write(element(index))
                    if buffer.count >= JSONStream.chunkSize {
                        try append(buffer)
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                buffer.append(UInt8(ascii: "]"))
            }
        }
    }

    private struct Writer {
        let append: (Data) throws -> Void
        let encoder = FeedEncoding.encoder()
        var buffer = Data()
        /// Two spaces per level, by level.
        var indentation: [Data] = []

        mutating func write(_ node: JSONStream, depth: Int) throws {
            switch node {
            case .value(let value):
                try put(encoder.encode(value), depth: depth)
            case .object(let members) where members.isEmpty:
                try put(encoder.encode([String: Int]()), depth: depth)
            case .object(let members):
                buffer.append(contentsOf: "{\n".utf8)
                let keys = try JSONStream.sortedKeys(members.keys)
                for (position, key) in keys.enumerated() {
                    indent(depth + 1)
                    try put(encoder.encode(key), depth: depth + 1)
                    buffer.append(contentsOf: " : ".utf8)
                    try write(members[key]!, depth: depth + 1)
                    buffer.append(contentsOf: (position < keys.count - 1 ? ",\n" : "\n").utf8)
                }
                indent(depth)
                buffer.append(UInt8(ascii: "}"))
            case .array(let count, _) where count == 0:
                try put(encoder.encode([Int]()), depth: depth)
            case .array(let count, let element):
                buffer.append(contentsOf: "[\n".utf8)
                for index in 0..<count {
                    indent(depth + 1)
                    try write(element(index), depth: depth + 1)
                    buffer.append(contentsOf: (index < count - 1 ? ",\n" : "\n").utf8)
                    if buffer.count >= JSONStream.chunkSize {
                        try append(buffer)
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                indent(depth)
                buffer.append(UInt8(ascii: "]"))
            }
        }

        /// An encoding made at the top level, its lines after the first indented to `depth`
        /// (a line break is always structure: inside strings it is escaped); an empty line,
        /// as in an empty array, stays empty.
        private mutating func put(_ encoded: Data, depth: Int) {
            guard depth > 0 else {
                buffer.append(encoded)
                return
            }
            let newline = UInt8(ascii: "\n")
            encoded.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                var start = 0
                for index in bytes.indices where bytes[index] == newline {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...index]))
                    if index + 1 < bytes.count, bytes[index + 1] != newline { indent(depth) }
                    start = index + 1
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            }
        }

        private mutating func indent(_ depth: Int) {
            while indentation.count <= depth {
                indentation.append(Data(repeating: UInt8(ascii: " "), count: 2 * indentation.count))
            }
            buffer.append(indentation[depth])
        }
    }

    /// The keys in the order JSONEncoder's `sortedKeys` writes them, learnt from
    /// JSONEncoder itself: an object of the keys, each with its position, encoded compactly.
    fileprivate static func sortedKeys(_ keys: Dictionary<String, JSONStream>.Keys) throws -> [String] {
        let list = Array(keys)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let encoded = try encoder.encode(Dictionary(uniqueKeysWithValues: list.enumerated().map { ($1, $0) }))
        var order: [String] = []
        var inString = false, escaped = false, number: Int?
        for byte in encoded {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                number = (number ?? 0) * 10 + Int(byte - UInt8(ascii: "0"))
            } else if let position = number {
                order.append(list[position])
                number = nil
            }
        }
        return order
    }
}
