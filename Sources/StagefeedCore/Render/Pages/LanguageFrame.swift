/// What every page and screen of one language shares, for the site and the signage alike:
/// `lang`, `dir`, the interface strings `t` and the `generator`. One instance per language
/// and build; the frames of both kinds of page hold it.
final class LanguageFrame: TemplateObject {
    let locale: SiteLocale
    let strings: Strings
    private let t: TemplateValue

    init(locale: SiteLocale, strings: Strings) {
        self.locale = locale
        self.strings = strings
        t = .object(StringTable(strings.values))
    }

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "lang": return .text(locale.tag)
        case "dir": return .text(locale.isRightToLeft ? "rtl" : "ltr")
        case "t": return t
        case "generator": return .text("stagefeed \(StagefeedVersion.current)")
        default: return nil
        }
    }
}

/// The interface strings of a language, by key (`{{t.now}}`).
struct StringTable: TemplateObject {
    let values: [String: String]

    init(_ values: [String: String]) {
        self.values = values
    }

    func value(forKey key: String) -> TemplateValue? { values[key].map(TemplateValue.text) }
}

/// An ad-hoc object of a few named values (a link pair, a navigation entry's extra flag).
struct TemplateFields: TemplateObject {
    let fields: [String: TemplateValue]

    init(_ fields: [String: TemplateValue]) {
        self.fields = fields
    }

    func value(forKey key: String) -> TemplateValue? { fields[key] }
}
