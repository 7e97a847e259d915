import Mustache

/// The content type of every theme template: `{{name}}` is escaped by `Markup.escape`,
/// code point by code point, so no grapheme cluster can carry a quote or `<` past it
/// (swift-mustache's own HTML type compares whole characters), and characters HTML may
/// not hold are dropped. `ThemeLoader` selects it with a pragma before each template.
struct MarkupContentType: MustacheContentType {
    /// The name the pragma refers to.
    static let name = "STAGEFEED_MARKUP"
    /// The pragma selecting this type, on a line of its own (a standalone tag: it leaves
    /// nothing in the output).
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    /// Registers the type with swift-mustache; the parser looks it up by name.
    static let registration: Void = MustacheContentTypes.register(MarkupContentType(), named: name)

    func escapeText(_ text: String) -> String {
        Markup.escape(text)
    }
}
