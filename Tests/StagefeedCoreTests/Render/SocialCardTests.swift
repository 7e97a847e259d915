import Foundation
import Testing

@testable import StagefeedCore

/// The card a link shows when shared (Open Graph, Twitter) and the canonical link, read
/// back from the pages in Chromium, laid out as a chat app previews a link and captured as
/// screenshots (kept in `STAGEFEED_CARD_SCREENSHOTS` when set, to look at them).
@Suite struct SocialCardTests {
    struct Card: Decodable {
        var title: String?
        var description: String?
        var siteName: String?
        var url: String?
        var image: String?
        var imageWidth: String?
        var imageHeight: String?
        var imageType: String?
        var imageAlt: String?
        var locale: String?
        var alternates: [String]
        var card: String?
        var metaDescription: String?
        var canonical: String?
        var preview: String
        var pictureShown: Bool
    }

    static let site = "https://riverbend.example/"

    @Test func aSummaryIsTheFirstSentenceOrTheFirst200CharactersCutAtAWord() {
        #expect(SocialCard.summary(paragraph: "Short. Then more") == "Short. Then more")
        #expect(
            SocialCard.summary(paragraph: "A sentence long enough to end. And a second one.")
                == "A sentence long enough to end.")
        // A stop with a mark on it ends nothing; the ideographic full stop always ends.
        #expect(
            SocialCard.summary(paragraph: "A sentence that ends here.\u{301} and goes on")
                == "A sentence that ends here.\u{301} and goes on")
        #expect(SocialCard.summary(paragraph: "東京の夜。次の文") == "東京の夜。")
        // Longer than 200 characters: the words that fit, spaces trimmed, then an ellipsis.
        let words = String(repeating: "Ñandú ", count: 40)
        let summary = SocialCard.summary(paragraph: words)
        #expect(summary == String(repeating: "Ñandú ", count: 33).trimmingCharacters(in: .whitespaces) + "…")
        #expect(summary.count <= 201)
        // Plain ASCII is read byte by byte: the same cut as character by character.
        let ascii = String(repeating: "Word, ", count: 40) + "end."
        #expect(SocialCard.summary(paragraph: ascii) == String(repeating: "Word, ", count: 33).dropLast() + "…")
        #expect(
            SocialCard.summary(paragraph: "Too short? Goes on. Long enough now! Rest")
                == "Too short? Goes on. Long enough now!")
        // A sentence of exactly 200 characters is whole; one of 201 is cut.
        let long = String(repeating: "é", count: 199)
        #expect(SocialCard.summary(paragraph: long + ". More") == long + ".")
        #expect(SocialCard.summary(paragraph: long + "é. More") == long + "é…")
        // A carriage return and line feed are one character: the 200th, kept whole.
        #expect(
            SocialCard.summary(paragraph: String(repeating: "x", count: 199) + "\r\n" + "yy")
                == String(repeating: "x", count: 199) + "\r\n…")
    }

    /// The summary's rule read straight off an array of the paragraph's characters: the
    /// first sentence (through `。！？`, or through `.!?` past the 20th character when a space
    /// or the end follows), else the first 200 characters up to their last space, trimmed,
    /// and `…`.
    static func summaryReadingEveryCharacter(_ paragraph: String) -> String {
        let characters = Array(paragraph)
        var end = characters.count
        for index in characters.indices {
            let character = characters[index]
            if ["。", "！", "？"].contains(character)
                || ([".", "!", "?"].contains(character) && index >= 20
                    && (index + 1 == characters.count || characters[index + 1] == " "))
            {
                end = index + 1
                break
            }
        }
        if end <= 200 { return String(characters[..<end]) }
        let first = characters[..<200]
        let words = first.lastIndex(of: " ").map { first[..<$0] } ?? first
        return String(words).trimmingCharacters(in: .whitespaces) + "…"
    }

    @Test func theSummaryAgreesWithReadingEveryCharacter() {
        // Pieces that meet at the 200th character: marks joining a letter, a stop or a space,
        // CR LF, wide stops, and plain ASCII runs.
        let pieces = [
            "x", "word", " ", ".", "!", "?", "é", "e\u{301}", "\u{301}", ".\u{301}", " \u{301}", "\r\n", "\r",
            "。", "東", "Ñandú", ", ", String(repeating: "a", count: 60), String(repeating: "b ", count: 30),
        ]
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        // A mark joining the 200th character, and a space that a mark joins right after a stop there.
        for paragraph in [
            String(repeating: "x", count: 200) + "\u{301}yy", String(repeating: "x", count: 199) + ". \u{301}rest",
        ] {
            #expect(SocialCard.summary(paragraph: paragraph) == Self.summaryReadingEveryCharacter(paragraph))
        }
        for _ in 0..<3000 {
            var paragraph = ""
            let target = 150 + next(120)
            while paragraph.count < target { paragraph += pieces[next(pieces.count)] }
            #expect(
                SocialCard.summary(paragraph: paragraph) == Self.summaryReadingEveryCharacter(paragraph),
                "\(paragraph.debugDescription)")
        }
    }

    @Test func sharedLinksShowTitleDescriptionAndPicture() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(
            nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"), siteURL: URL(string: Self.site),
            locales: [SiteLocale(tag: "en", isDefault: true)!, SiteLocale(tag: "de", isDefault: false)!])
        let program = try ProgramNormalizer().normalize(StagecraftDecoder.draft(bodies: DemoSource.bodies()))
        let rosa = try #require(program.artists.first { $0.id == "a_001" })
        let quiet = try #require(program.artists.first { $0.imageURL == nil })
        let pages = [
            "index.html", "artists/\(rosa.slug)/index.html", "de/days/2027-07-24/index.html",
            "artists/\(quiet.slug)/index.html",
        ]
        let shots =
            ProcessInfo.processInfo.environment["STAGEFEED_CARD_SCREENSHOTS"].map(URL.init(fileURLWithPath:))
            ?? folder.path("cards")
        let result = try await ExternalTool.run(
            "python3",
            [Repository.tool("card_check.py").path, folder.path("output").path, Self.site, shots.path] + pages)
        let line = try #require(result.output.split(separator: "\n").last, "\(result.output)")
        let cards = try JSONDecoder().decode([String: Card].self, from: Data(line.utf8))

        let index = try #require(cards["index.html"])
        #expect(index.title == "Riverbend Folk & Roots Festival 2027")
        #expect(index.description?.hasPrefix("Three days of folk, roots and traditional music") == true)
        #expect(index.description?.hasSuffix("old mill.") == true)
        #expect(index.image?.hasPrefix(Self.site + "assets/social.png") == true)
        #expect(index.imageWidth == "1200" && index.imageHeight == "630")
        #expect(index.card == "summary_large_image")
        #expect(index.canonical == Self.site && index.url == Self.site)
        #expect(index.locale == "en_US" && index.alternates == ["de_DE"])

        let artist = try #require(cards["artists/\(rosa.slug)/index.html"])
        #expect(artist.title == "Rosa & the Thorns · Riverbend Folk & Roots Festival 2027")
        #expect(
            artist.description
                == "Rosa Lindqvist grew up in Leipzig above her father's piano-repair shop, which explains both the battered upright that opens every set and her habit of retuning guitars by ear in the middle of a song."
        )
        #expect(artist.image?.hasPrefix(Self.site + "images/") == true)
        #expect(artist.imageWidth == "480" && artist.imageHeight == "480" && artist.imageType == "image/jpeg")
        #expect(artist.card == "summary")
        #expect(artist.imageAlt?.contains("Rosa & the Thorns") == true)
        #expect(artist.canonical == Self.site + "artists/\(rosa.slug)/")

        let day = try #require(cards["de/days/2027-07-24/index.html"])
        #expect(day.locale == "de_DE" && day.alternates == ["en_US"])
        #expect(day.canonical == Self.site + "de/days/2027-07-24/")
        #expect(day.description?.hasPrefix("Samstag, 24. Juli 2027: ") == true)
        #expect(day.metaDescription == day.description)

        // An artist without a photo: the theme's picture.
        #expect(cards["artists/\(quiet.slug)/index.html"]?.image?.hasPrefix(Self.site + "assets/social.png") == true)

        for (page, card) in cards {
            #expect(card.pictureShown, "\(page): the card's picture did not load from the export")
            let shot = try Data(contentsOf: URL(fileURLWithPath: card.preview))
            #expect(shot.starts(with: [0x89, 0x50, 0x4E, 0x47]) && shot.count > 5000, "\(page)")
        }
    }
}
