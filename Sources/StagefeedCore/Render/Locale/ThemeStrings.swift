import Foundation
import Yams

/// A theme's interface strings by language, from `i18n/<tag>.yml` files (flat `key: text`
/// mappings; a theme overrides any subset of keys), looked up region first, then language,
/// then English: `es-AR` → `es` → `en`.
public struct ThemeStrings: Sendable {
    /// Keys by file name in lowercase (`en`, `es`, `es-ar`).
    let tables: [String: [String: String]]

    /// Reads `i18n/*.yml` from each folder in order; later folders override keys. With
    /// `languages`, only their files and English are read (a build needs no others).
    static func load(folders: [URL], languages: Set<String>? = nil) throws(ThemeError) -> ThemeStrings {
        var tables: [String: [String: String]] = [:]
        let wanted = languages.map { Set($0.map { $0.lowercased() }).union(["en"]) }
        for folder in folders {
            let i18n = folder.appendingPathComponent("i18n")
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: i18n.path) else { continue }
            for name in names.sorted() where name.hasSuffix(".yml") && !name.hasPrefix(".") {
                let language = String(name.dropLast(4).split(separator: "-").first ?? "").lowercased()
                if let wanted, !wanted.contains(language) { continue }
                let file = i18n.appendingPathComponent(name)
                let table = try read(file)
                tables[String(name.dropLast(4)).lowercased(), default: [:]].merge(table) { $1 }
            }
        }
        return ThemeStrings(tables: tables)
    }

    /// The strings for a language, and the English keys it lacks (filled in from English).
    public func strings(for locale: SiteLocale) -> (strings: Strings, missing: [String]) {
        let english = tables["en"] ?? [:]
        var own = tables[locale.language] ?? [:]
        if let region = locale.region {
            own.merge(tables["\(locale.language)-\(region)".lowercased()] ?? [:]) { $1 }
        }
        let missing = english.keys.filter { own[$0] == nil }.sorted()
        return (Strings(language: locale.language, values: english.merging(own) { $1 }), missing)
    }

    private static func read(_ file: URL) throws(ThemeError) -> [String: String] {
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw .unreadable(file: file.path, reason: error.localizedDescription)
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw .syntax(file: file.path, line: 1, column: 1, reason: "not YAML: \(error)")
        }
        guard let mapping = node?.mapping else {
            if node == nil { return [:] }
            throw .syntax(file: file.path, line: 1, column: 1, reason: "an i18n file is a mapping of keys to texts")
        }
        var table: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string, let string = value.scalar?.string else {
                let line = (key.mark?.line ?? 0)
                throw .syntax(file: file.path, line: line, column: 1, reason: "each entry is `key: text`")
            }
            table[name] = string
        }
        return table
    }
}
