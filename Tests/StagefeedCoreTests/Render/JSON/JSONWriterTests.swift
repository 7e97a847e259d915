import Foundation
import Testing

@testable import StagefeedCore

/// `JSONWriter` writes the bytes JSONEncoder writes (the feeds kept their bytes when they
/// stopped going through it): layout, empty containers, escaping, key order, fragments
/// placed at depth, and the script style's extra escapes.
@Suite struct JSONWriterTests {
    /// A JSON value both writers can write.
    indirect enum Value: Encodable {
        case text(String)
        case number(Int)
        case flag(Bool)
        case null
        case list([Value])
        case object([String: Value])

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .number(let number): try container.encode(number)
            case .flag(let flag): try container.encode(flag)
            case .null: try container.encodeNil()
            case .list(let items): try container.encode(items)
            case .object(let members): try container.encode(members)
            }
        }

        func write(to json: inout JSONWriter) {
            switch self {
            case .text(let text): json.string(text)
            case .number(let number): json.number(number)
            case .flag(let flag): json.bool(flag)
            case .null: json.null()
            case .list(let items):
                json.beginArray()
                for item in items { item.write(to: &json) }
                json.endArray()
            case .object(let members):
                json.beginObject()
                for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                    json.key(key)
                    members[key]?.write(to: &json)
                }
                json.endObject()
            }
        }
    }

    static let texts = [
        "", "plain", "quote \" and \\ backslash", "slash / stays", "line\nbreak\r\tand\u{8}\u{C}",
        "\u{0}\u{1}\u{1F}\u{7F}",
        "Café Lune 🎻 שלום ä", "e\u{301}", "</script><!--", "a&b<c>d", "\u{2028}\u{2029}", "tab\tend",
    ]
    static let keys = [
        "Stage 10", "Stage 9", "stage 2", "Äpfel", "apfel", "Zelt", "_under", "$schema", "10", "9", "é", "e\u{301}x",
        "a b",
        "a_b", "ab", "ß", "ss",
    ]

    /// A document of every kind of value, nested, from a seed.
    static func document(_ seed: Int) -> Value {
        var random = seed
        func next(_ bound: Int) -> Int {
            random = (random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407) & 0x7FFF_FFFF_FFFF
            return (random >> 16) % bound
        }
        func value(_ depth: Int) -> Value {
            switch depth > 3 ? next(4) : next(6) {
            case 0: return .text(texts[next(texts.count)])
            case 1: return .number(next(3) == 0 ? -next(1000) : next(100_000))
            case 2: return .flag(next(2) == 0)
            case 3: return .null
            case 4: return .list((0..<next(4)).map { _ in value(depth + 1) })
            default:
                return .object(
                    Dictionary(
                        (0..<next(5)).map { _ in (keys[next(keys.count)], value(depth + 1)) },
                        uniquingKeysWith: { a, _ in a }))
            }
        }
        return .object(Dictionary(uniqueKeysWithValues: keys.map { ($0, value(0)) }))
    }

    @Test(arguments: 0..<40)
    func aFeedIsWrittenAsJSONEncoderWritesIt(seed: Int) throws {
        let document = Self.document(seed)
        var json = JSONWriter(style: .feed)
        document.write(to: &json)
        json.finishFeed()
        #expect(
            String(decoding: json.bytes, as: UTF8.self)
                == String(decoding: try FeedEncoding.encode(document), as: UTF8.self))
    }

    @Test(arguments: 0..<40)
    func scriptDataIsWrittenAsScriptJSONWritesIt(seed: Int) throws {
        let document = Self.document(seed)
        var json = JSONWriter(style: .script)
        document.write(to: &json)
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(text == (try ScriptJSON.encode(document)))
        #expect(!text.contains("<") && !text.contains(">") && !text.contains("\u{2028}"))
    }

    /// Every ASCII character, alone and between letters, and a few beyond: each byte the
    /// writer must escape in either style, and each it must pass as it is.
    @Test func everyCharacterIsEscapedAsTheEncodersEscapeIt() throws {
        let characters =
            (0..<0x80).map { String(UnicodeScalar(UInt8($0))) } + ["\u{80}", "é", "€", "\u{2028}", "\u{2029}", "😀"]
        for character in characters {
            let document = Value.list([.text(character), .text("a\(character)b")])
            var feed = JSONWriter(style: .feed)
            document.write(to: &feed)
            feed.finishFeed()
            #expect(feed.bytes == Array(try FeedEncoding.encode(document)), "\(character.unicodeScalars.map(\.value))")
            var script = JSONWriter(style: .script)
            document.write(to: &script)
            #expect(
                String(decoding: script.bytes, as: UTF8.self) == (try ScriptJSON.encode(document)),
                "\(character.unicodeScalars.map(\.value))")
        }
    }

    /// An entry made alone at depth 2 reads as it does written in place.
    @Test func aFragmentPlacedAtItsDepthReadsAsWrittenInPlace() throws {
        let entries = (0..<5).map { Self.document($0) }
        var fragments: [[UInt8]] = []
        for entry in entries {
            var fragment = JSONWriter(style: .feed, depth: 2)
            entry.write(to: &fragment)
            fragments.append(fragment.bytes)
        }
        var json = JSONWriter(style: .feed)
        json.beginObject()
        json.key("entries")
        json.beginArray()
        for fragment in fragments { json.raw(fragment) }
        json.endArray()
        json.endObject()
        json.finishFeed()
        let expected = try FeedEncoding.encode(Value.object(["entries": .list(entries)]))
        #expect(String(decoding: json.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }
}
