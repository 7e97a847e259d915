import Foundation
import Testing

@testable import StagefeedCore

/// `JSONParser` reads what JSONDecoder reads, into the same values, and refuses what it
/// refuses: generated documents of every kind of value, and the edge cases one by one.
@Suite struct JSONParserTests {
    /// JSONDecoder's reading of a document into `JSONValue` (its own `Decodable` conformance).
    private func decoded(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test(arguments: [
        "\"\\ud800\"", "\"a\u{1}b\"", "01", "1e400", "[1,]", "{\"a\":1,\"a\":2}", "\u{FEFF}[1]", "  [1]  x", "-0",
        "1.5e3",
        "\"\\u00e9\\ud83c\\udfb8\"", "[1 2]", "\"\\x\"", "tru", "[\"a\tb\"]", "1E2", "-", ".5", "[-01]", "\"\u{7F}\"",
        "{\"a\":}", "{\"a\" 1}", "[", "{", "\"", "", " ", "null", "true ", "[[],{}]", "{\"\":0}",
        "12345678901234567890",
        "-1.5E-3", "0.0", "1.", "[1,,2]", "{,}", "[,]", "\"\\/\\b\\f\\n\\r\\t\\\\\\\"\"", "\"\\u0000\"", "\"\\udc00\"",
        "\"\\ud800\\u0041\"", "{\"a\":1,}", "\"é\u{2028}🎻\"",
    ])
    func readsEdgeCasesAsJSONDecoderDoes(_ text: String) {
        #expect(JSONValue.parse(Data(text.utf8)) == decoded(text), "\(text.debugDescription)")
    }

    @Test(arguments: 0..<30)
    func readsGeneratedDocumentsAsJSONDecoderDoes(seed: Int) throws {
        var random = seed &+ 1
        func next(_ bound: Int) -> Int {
            random = (random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407) & 0x7FFF_FFFF_FFFF
            return (random >> 16) % bound
        }
        let texts = [
            "", "plain", "quote \" back \\ slash /", "line\nbreak\t", "Café 🎻 שלום", "\u{0}\u{1F}", "e\u{301}",
        ]
        func value(_ depth: Int) -> Any {
            switch depth > 4 ? next(4) : next(6) {
            case 0: return texts[next(texts.count)]
            case 1: return next(2) == 0 ? next(1_000_000) - 500_000 : Double(next(100_000)) / 7
            case 2: return next(2) == 0
            case 3: return NSNull()
            case 4: return (0..<next(5)).map { _ in value(depth + 1) }
            default:
                return Dictionary(
                    (0..<next(5)).map { _ in (texts[next(texts.count)] + "\(next(3))", value(depth + 1)) },
                    uniquingKeysWith: { a, _ in a })
            }
        }
        let document = (0..<20).map { _ in value(0) }
        let data = try JSONSerialization.data(withJSONObject: document, options: next(2) == 0 ? [.prettyPrinted] : [])
        let parsed = try #require(JSONValue.parse(data))
        #expect(parsed == (try JSONDecoder().decode(JSONValue.self, from: data)))
    }

    @Test func refusesNestingDeeperThanTheLimit() {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(JSONValue.parse(Data(deep.utf8)) == nil)
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(JSONValue.parse(Data(fine.utf8)) != nil)
        let quoted = "[\"" + String(repeating: "[", count: 100) + "\"]"
        #expect(JSONValue.parse(Data(quoted.utf8)) == .array([.string(String(repeating: "[", count: 100))]))
    }
}
