import Foundation

/// JSON to embed in a page inside `<script type="application/json">`: `<`, `>` and `&`
/// are written as `\u003c`… so no text from the data can end the script element.
enum ScriptJSON {
    static func encode<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: safe(try encoder().encode(value)), as: UTF8.self)
    }

    /// The encoder behind embedded data: compact, sorted keys, slashes unescaped.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// JSON text with the characters that could end a script element (or a line, for old
    /// parsers: U+2028, U+2029) written as escapes. They only occur inside strings, where
    /// the escape means the same character.
    static func safe(_ json: Data) -> Data {
        guard
            json.contains(where: {
                $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") || $0 == 0xE2
            })
        else {
            return json
        }
        var result = Data()
        result.reserveCapacity(json.count + 64)
        json.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "<"): result.append(contentsOf: "\\u003c".utf8)
                case UInt8(ascii: ">"): result.append(contentsOf: "\\u003e".utf8)
                case UInt8(ascii: "&"): result.append(contentsOf: "\\u0026".utf8)
                case 0xE2
                where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    result.append(contentsOf: (bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    index += 2
                default: result.append(byte)
                }
                index += 1
            }
        }
        return result
    }
}
