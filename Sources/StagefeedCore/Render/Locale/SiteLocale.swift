import Foundation

/// One language the export is written in, from a BCP 47 tag such as `es-ES`, `de` or
/// `pt-BR`: Foundation's locale for dates and times, the folder its pages go to (none for
/// the first language, else the lowercase tag: `en/`), and its writing direction.
public struct SiteLocale: Sendable, Equatable, CustomStringConvertible {
    /// The tag in canonical case: `es-ES`, `zh-Hant-TW`.
    public let tag: String
    /// The language subtag: `es`.
    public let language: String
    /// The region subtag, if any: `ES`.
    public let region: String?
    /// Where the pages go under `output/`: `""` or `en/`.
    public let folder: String

    public static let english = SiteLocale(tag: "en", isDefault: true)!

    /// Nil when the tag is malformed or names no language Foundation knows.
    public init?(tag text: String, isDefault: Bool) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }),
            Locale.LanguageCode(first.lowercased()).isISOLanguage
        else { return nil }
        var canonical = [first.lowercased()]
        var region: String?
        for (index, part) in parts.dropFirst().enumerated() {
            if index == 0, part.count == 4, part.allSatisfy({ $0.isASCII && $0.isLetter }) {
                canonical.append(part.prefix(1).uppercased() + part.dropFirst().lowercased())
            } else if region == nil,
                (part.count == 2 && part.allSatisfy({ $0.isASCII && $0.isLetter }))
                    || (part.count == 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber))
            {
                region = part.uppercased()
                canonical.append(region!)
            } else {
                return nil
            }
        }
        tag = canonical.joined(separator: "-")
        language = canonical[0]
        self.region = region
        folder = isDefault ? "" : tag.lowercased() + "/"
    }

    public var locale: Locale { Locale(identifier: tag) }

    /// Arabic, Hebrew, Persian…: pages get `dir="rtl"`.
    public var isRightToLeft: Bool { Locale.Language(identifier: tag).characterDirection == .rightToLeft }

    /// The language's own name for itself, for the language switcher: `Español`, `Deutsch`.
    public var autonym: String {
        let name = locale.localizedString(forIdentifier: tag) ?? tag
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    public var description: String { tag }
}
