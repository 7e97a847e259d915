import Foundation

/// What a page shows when its link is shared (Open Graph and Twitter cards) and where its
/// one address is (`<link rel="canonical">`), as the layout reads it under `meta`:
/// `canonical` (absolute with `site_url`, else `./`), `url` (absolute, or false),
/// `title`, `description` (a summary, or false), `locale` and `localeAlternates`
/// (`en_US`, `es_ES`), `image` (`{url, width, height, type, alt}`: the page's own picture,
/// else the theme's `assets/social.png`; false without `site_url`, since cards need an
/// absolute address) and `card` (`summary_large_image` for a wide picture, else `summary`).
struct SocialCard {
    /// A picture a card may show, with its place in the export.
    struct Picture: Sendable {
        var path: String
        var width: Int
        var height: Int
        var format: ImageFormat
        var alt: String
    }

    let value: TemplateValue

    init(path: String, title: String, description: String?, picture: Picture?, site: SiteContext) {
        let folder = site.locale.folder, siteURL = site.siteURL
        var fields: [String: TemplateValue] = [
            "canonical": .text(siteURL.map { PageAddress.page(folder + path, siteURL: $0) } ?? "./"),
            "url": siteURL.map { .text(PageAddress.page(folder + path, siteURL: $0)) } ?? .bool(false),
            "title": .text(title),
            "description": description.map(TemplateValue.text) ?? .bool(false),
            "locale": site.openGraph.locale,
            "localeAlternates": site.openGraph.alternates,
            "card": .text("summary"),
            "image": .bool(false),
        ]
        if let siteURL, let picture = picture ?? site.socialPicture {
            fields["image"] = .object(
                TemplateFields([
                    "url": .text(PageAddress.file(picture.path, siteURL: siteURL)),
                    "width": .number(picture.width), "height": .number(picture.height),
                    "type": .text(picture.format.mediaType), "alt": .text(picture.alt),
                ]))
            // A wide picture makes a large card; a square photo a small one beside the text.
            if picture.width * 10 >= picture.height * 15 { fields["card"] = .text("summary_large_image") }
        }
        value = .object(TemplateFields(fields))
    }

    /// The first sentence of a text's first paragraph, cut near 200 characters at a word;
    /// nil for no text.
    static func summary(_ text: String?) -> String? {
        Paragraphs.of(text).first.map(summary(paragraph:))
    }

    /// The first sentence of `paragraph`: up to `。`, `！` or `？`, or to `.`, `!` or `?`
    /// followed by a space (or the end) with at least 20 characters before it. When longer
    /// than 200 characters, its first 200 up to the last space among them, trimmed, and `…`.
    /// One pass over at most 201 characters (a mark always belongs to the character before
    /// it, so a stop with an accent is no stop), tracking their UTF-8 offsets to cut the
    /// bytes once.
    static func summary(paragraph: String) -> String {
        let bytes = paragraph.utf8
        // The scan reads at most 201 characters, and the length of the 201st does not count.
        // When the first 202 bytes are plain ASCII without a carriage return, each of the
        // first 201 is a character of its own (nothing after it joins it): read bytes.
        let scan =
            bytes.prefix(202).allSatisfy { $0 < 0x80 && $0 != 0x0D }
            ? Self.scan(
                bytes.lazy.map { byte in
                    Glyph(
                        length: 1, isSpace: byte == UInt8(ascii: " "),
                        stop: byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
                            ? .beforeSpace : .never)
                })
            : Self.scan(
                paragraph.lazy.map { character in
                    let utf8 = character.utf8, length = utf8.count
                    return Glyph(
                        length: length, isSpace: length == 1 && utf8.first == UInt8(ascii: " "),
                        stop: Self.stop(utf8, length: length))
                })
        guard scan.end.characters > 200 else { return String(Substring(bytes.prefix(scan.end.offset))) }
        var word = Substring(bytes.prefix(scan.lastSpace ?? scan.cutEnd)).unicodeScalars[...]
        while let scalar = word.first, CharacterSet.whitespaces.contains(scalar) { word.removeFirst() }
        while let scalar = word.last, CharacterSet.whitespaces.contains(scalar) { word.removeLast() }
        return String(word) + "…"
    }

    /// A character as the summary sees it.
    private struct Glyph {
        var length: Int
        var isSpace: Bool
        var stop: Stop
    }

    /// Where the first sentence ends (its UTF-8 offset and its characters), where the first
    /// 200 characters end, and the last space among them.
    private static func scan(
        _ glyphs: some Sequence<Glyph>
    ) -> (end: (offset: Int, characters: Int), cutEnd: Int, lastSpace: Int?) {
        var characters = 0, offset = 0
        var sentence: (offset: Int, characters: Int)?
        // A `.!?` that ends the sentence if a space follows.
        var pendingStop: (offset: Int, characters: Int)?
        var cutEnd = 0
        var lastSpace: Int?
        for glyph in glyphs {
            if let stop = pendingStop {
                if glyph.isSpace {
                    sentence = stop
                    break
                }
                pendingStop = nil
            }
            if characters < 200 {
                if glyph.isSpace { lastSpace = offset }
                cutEnd = offset + glyph.length
            }
            characters += 1
            offset += glyph.length
            if glyph.stop == .always {
                sentence = (offset, characters)
                break
            }
            if glyph.stop == .beforeSpace && characters > 20 { pendingStop = (offset, characters) }
            // Past 200 characters every end left to find is past them too: the cut it is.
            if characters > 200 { break }
        }
        return (sentence ?? pendingStop ?? (offset, characters), cutEnd, lastSpace)
    }

    /// How a character may end a sentence.
    private enum Stop {
        case never
        /// `.`, `!`, `?`: when a space follows.
        case beforeSpace
        /// `。`, `！`, `？`.
        case always
    }

    /// Whether the character (its UTF-8 bytes) is one of the stops, on its own.
    @inline(__always)
    private static func stop(_ utf8: Character.UTF8View, length: Int) -> Stop {
        var bytes = utf8.makeIterator()
        switch (length, bytes.next(), bytes.next(), bytes.next()) {
        case (1, UInt8(ascii: "."), _, _), (1, UInt8(ascii: "!"), _, _), (1, UInt8(ascii: "?"), _, _):
            return .beforeSpace
        case (3, 0xE3, 0x80, 0x82), (3, 0xEF, 0xBC, 0x81), (3, 0xEF, 0xBC, 0x9F):
            return .always
        default:
            return .never
        }
    }
}

extension SiteLocale {
    /// The Open Graph form of the tag: language and region with an underscore (`es_ES`),
    /// the region being the language's likeliest when the tag names none (`de` → `de_DE`).
    var openGraphLocale: String {
        if let region { return "\(language)_\(region)" }
        let likely = Locale.Language(identifier: tag).maximalIdentifier.split(separator: "-")
        if let last = likely.last, likely.count > 1, last.count == 2, last.allSatisfy(\.isUppercase) {
            return "\(language)_\(last)"
        }
        return language
    }
}
