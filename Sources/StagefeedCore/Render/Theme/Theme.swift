import Crypto
import Foundation

/// A site theme, loaded and checked: its Mustache templates (by name, e.g. `day` or
/// `partials/set`), where each came from, and its asset files (by path under `assets/`).
/// Built from the default theme with a chosen theme's files laid over it.
public struct Theme: Sendable {
    /// Templates every theme must provide (the default theme provides them all).
    public static let pageTemplates = [
        "layout", "index", "day", "stage", "artist", "my", "service-worker",
        "signage-stage", "signage-board",
    ]

    /// The parsed templates, ready to render; partials resolve within this library.
    let library: TemplateLibrary
    /// The file each template was read from, for error messages and the README.
    public let templateFiles: [String: String]
    /// The text of each template, by name.
    let templateSources: [String: String]
    /// Interface strings by language (`i18n/<tag>.yml`).
    public let strings: ThemeStrings
    /// Asset files by path relative to the theme's `assets/` folder (`site.css`, `img/logo.svg`).
    public let assets: [String: Data]

    init(
        library: TemplateLibrary, templateFiles: [String: String], templateSources: [String: String],
        strings: ThemeStrings, assets: [String: Data]
    ) {
        self.library = library
        self.strings = strings
        self.templateFiles = templateFiles
        self.templateSources = templateSources
        self.assets = assets
    }

    /// A short hash of the templates whose names start with `prefix` (`signage` covers
    /// `signage-stage` and `signage/style`): it changes exactly when their code does.
    func version(ofTemplatesWithPrefix prefix: String) -> String {
        var digest = SHA256()
        for (name, text) in templateSources.sorted(by: { $0.key < $1.key }) where name.hasPrefix(prefix) {
            digest.update(data: Data("\(name)\n\(text)\n".utf8))
        }
        return digest.finalize().prefix(6).hexadecimal
    }

    /// A hash of everything in the theme (templates, strings, assets): equal digests render
    /// equal output.
    public var digest: String {
        var digest = SHA256()
        for (name, text) in templateSources.sorted(by: { $0.key < $1.key }) {
            digest.update(data: Data("template \(name) \(text.utf8.count)\n\(text)\n".utf8))
        }
        for (language, table) in strings.tables.sorted(by: { $0.key < $1.key }) {
            for (key, text) in table.sorted(by: { $0.key < $1.key }) {
                digest.update(data: Data("string \(language) \(key) \(text.utf8.count)\n\(text)\n".utf8))
            }
        }
        for (path, data) in assets.sorted(by: { $0.key < $1.key }) {
            digest.update(data: Data("asset \(path) \(data.count)\n".utf8))
            digest.update(data: data)
        }
        return digest.finalize().hexadecimal
    }

    /// The text of template `name` rendered with `values`.
    func render(_ name: String, _ values: [String: Any]) throws(ThemeError) -> String {
        guard library.contains(name) else {
            throw .missingTemplate(
                name: name,
                theme: templateFiles["layout"].map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? "")
        }
        do {
            return try library.render(name, Self.templateValue(values))
        } catch {
            throw .syntax(file: templateFiles[name] ?? name, line: 1, column: 1, reason: "\(error)")
        }
    }

    /// Values as templates see them.
    static func templateValue(_ value: Any) -> TemplateValue {
        switch value {
        case let text as String: return .text(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .number(number)
        case let items as [Any]: return .list(items.map(templateValue))
        case let object as [String: Any]: return .object(TemplateDictionary(object.mapValues(templateValue)))
        default: return .null
        }
    }
}
