import Foundation
import Testing

@testable import StagefeedCore

/// The arithmetic and byte-level readings agree with Foundation's wherever they apply.
@Suite struct FastPathTests {
    @Test(arguments: [
        "2027-07-23T21:30:00+02:00", "2027-07-23T21:30:00Z", "2027-07-23T21:30:00.000Z",
        "2027-07-23T21:30:00.000+05:30",
        "2027-12-31T23:59:59-03:30", "2028-02-29T00:00:00Z", "1999-01-01T00:00:00+14:00", "2027-10-31T02:30:00+01:00",
        "2000-03-01T12:00:00-00:00",
    ])
    func instantsReadAsFoundationReadsThem(_ text: String) throws {
        let quick = try #require(ISO8601.quick(text))
        let foundation =
            (try? Date.ISO8601FormatStyle().parse(text))
            ?? (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
        #expect(quick == foundation, "\(text)")
    }

    @Test(arguments: [
        "2027-07-23T21:30:00.123Z", "2027-07-23 21:30:00Z", "2027-02-30T21:30:00Z", "2027-07-23T21:30:00+0200",
        " 2027-07-23T21:30:00Z", "2027-07-23T24:00:00Z", "2027-07-23T21:30Z",
    ])
    func otherShapesAreLeftToFoundation(_ text: String) {
        #expect(ISO8601.quick(text) == nil, "\(text)")
    }

    @Test func asciiNamesSlugAsFoldingDoes() {
        var random = SeededGenerator(seed: 7)
        let alphabet = Array("abcXYZ019 -_.,;:!?'\"&+/()[]#@*~`^%$=|<>\t")
        var names = [
            "Rosa & the Thorns", "AC/DC", "Guns N' Roses", "!!!", "", "  ", "a+b", "O'Malley's Reel", "--x--",
            String(repeating: "word ", count: 20), String(repeating: "x", count: 90), "Stage 10", "DJ  Hedgerow",
        ]
        for _ in 0..<400 {
            names.append(
                String((0..<Int(random.next() % 30)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            )
        }
        for name in names {
            #expect(Slug.make(from: name) == Slug.makeByFolding(name), "\(name.debugDescription)")
        }
    }

    @Test(arguments: [
        "Rosa", " Rosa", "Rosa ", "\tRosa\n", "", " ", "\u{A0}Rosa\u{A0}", "\u{85}x", "x\u{2028}", "\u{3000}全角\u{3000}",
        "Ñandú", "a b", "\r\n", "!", "~x~", "\u{200B}x",
    ])
    func trimmingAsFoundationDoes(_ text: String) {
        #expect(text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
    }
}
