import Testing

@testable import StagefeedCore

/// Texts split into paragraphs exactly as the straightforward character-by-character
/// reading does (blank lines split, line breaks become spaces, lines trimmed).
@Suite struct ParagraphsTests {
    /// The reading `Paragraphs` must agree with, written the plain way.
    static func reference(_ value: String) -> [String] {
        let normalized = value.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        return normalized.split(separator: "\n\n", omittingEmptySubsequences: false).map { paragraph in
            paragraph.split(whereSeparator: \.isNewline).map { line in
                var start = line.startIndex, end = line.endIndex
                while start < end, line[start].isWhitespace { start = line.index(after: start) }
                while end > start, line[line.index(before: end)].isWhitespace { end = line.index(before: end) }
                return line[start..<end]
            }.joined(separator: " ")
        }.filter { !$0.allSatisfy(\.isWhitespace) }
    }

    @Test(arguments: [
        "", "one", "one\ntwo", "one\n\ntwo", "one\n\n\ntwo", "one\n\n\n\ntwo", "  padded  \n\t tabs\t", "a\n   \nb",
        "a\r\nb\r\n\r\nc", "a\rb", "line\u{2028}sep\u{2029}para\u{85}nel", "\u{A0}nbsp\u{A0}",
        " \u{301}combining \u{301}",
        "emoji 🎻\n\n🎸 second", "ελληνικά\nκαι\n\nعربى", "\n\n\n", "   \n\n   ", "trailing\n", "\u{B}vt\u{C}ff",
        "Café\u{301}\n\n e\u{301}", "\u{A0}\u{2003}\u{3000}\n\nword", "\u{7F}\n\n\u{A0} \u{301}", "x\r\n\r\n\u{2003}",
    ])
    func splitsAsTheCharacterReadingDoes(_ text: String) {
        #expect(Paragraphs.of(text) == Self.reference(text), "\(text.debugDescription)")
    }
}
