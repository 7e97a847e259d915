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
            "locale": .text(site.locale.openGraphLocale),
            "localeAlternates": .list(
                site.locales.filter { $0 != site.locale }.map { .text($0.openGraphLocale) }),
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
        guard let first = Paragraphs.of(text).first else { return nil }
        var sentence = first
        var index = first.startIndex
        while index < first.endIndex {
            let character = first[index]
            let next = first.index(after: index)
            if "。！？".contains(character)
                || (".!?".contains(character) && (next == first.endIndex || first[next] == " ")
                    && first.distance(from: first.startIndex, to: index) >= 20)
            {
                sentence = String(first[...index])
                break
            }
            index = next
        }
        guard sentence.count > 200 else { return sentence }
        let cut = sentence.prefix(200)
        let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return word.trimmingCharacters(in: .whitespaces) + "…"
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
