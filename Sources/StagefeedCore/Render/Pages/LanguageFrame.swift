/// What every page and screen of one language shares, for the site and the signage alike:
/// `lang`, `dir`, the interface strings `t` and the `generator`. One instance per language
/// and build; the frames of both kinds of page take its names into their own.
final class LanguageFrame: Sendable {
    let locale: SiteLocale
    let strings: Strings
    /// Its names and values: the frames that hold it take them into their own table, so a
    /// name is one look-up.
    let fields: [String: TemplateValue]

    init(locale: SiteLocale, strings: Strings) {
        self.locale = locale
        self.strings = strings
        fields = [
            "lang": .text(locale.tag),
            "dir": .text(locale.isRightToLeft ? "rtl" : "ltr"),
            "t": .object(StringTable(strings.values)),
            "generator": .text("stagefeed \(StagefeedVersion.current)"),
        ]
    }

    /// `own` with the language's names added where `own` has none.
    func adding(to own: [String: TemplateValue]) -> [String: TemplateValue] {
        own.merging(fields) { own, _ in own }
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
