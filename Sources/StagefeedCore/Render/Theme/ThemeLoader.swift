import Foundation

/// Finds and loads a theme: the bundled default theme, with the chosen theme's templates
/// and assets laid over it, every template parsed and every partial checked to exist.
public enum ThemeLoader {
    /// The default theme shipped inside stagefeed (a copy of `Themes/default/`).
    public static var defaultFolder: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Themes/default", isDirectory: true)
    }

    /// The folder a `--theme` / `theme:` value names, or nil for the default theme (no
    /// value, or `default`): a value with a slash (or a leading dot or tilde) is a folder
    /// path from `base`; a bare name is the folder `Themes/NAME` under `base`.
    public static func folder(for choice: String?, relativeTo base: URL) throws(ThemeError) -> URL? {
        guard let choice, !choice.isEmpty, choice != "default" else { return nil }
        let isPath = choice.contains("/") || choice.hasPrefix(".") || choice.hasPrefix("~")
        let expanded = (choice as NSString).expandingTildeInPath
        let folder =
            (expanded.hasPrefix("/")
            ? URL(fileURLWithPath: expanded, isDirectory: true)
            : base.appendingPathComponent(isPath ? expanded : "Themes/\(choice)", isDirectory: true))
            .standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw .notFound(theme: choice, looked: [folder.path])
        }
        return folder
    }

    /// The default theme with `folder`'s files (if any) laid over it; with `languages`, the
    /// strings of those languages (and English) only.
    public static func load(overriding folder: URL?, languages: Set<String>? = nil) throws(ThemeError) -> Theme {
        try load(folders: [defaultFolder] + (folder.map { [$0] } ?? []), languages: languages)
    }

    /// A theme from folders in order, each overriding the files of those before it.
    public static func load(folders: [URL], languages: Set<String>? = nil) throws(ThemeError) -> Theme {
        var sources: [String: (file: String, text: String)] = [:]
        var assets: [String: Data] = [:]
        for folder in folders {
            for (name, file) in try files(in: folder.appendingPathComponent("templates"), suffix: ".mustache") {
                sources[name] = (file.path, String(decoding: try read(file), as: UTF8.self))
            }
            for (name, file) in try files(in: folder.appendingPathComponent("assets"), suffix: "") {
                assets[name] = try read(file)
            }
        }
        var library = TemplateLibrary()
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                try library.add(name, text: source.text)
            } catch {
                throw .syntax(file: source.file, line: error.line, column: error.column, reason: error.reason)
            }
        }
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            for reference in library.references(of: name) where sources[reference.name] == nil {
                throw .unknownPartial(file: source.file, line: reference.line, name: reference.name)
            }
        }
        for name in Theme.pageTemplates where sources[name] == nil {
            throw .missingTemplate(name: name, theme: folders.last?.path ?? "")
        }
        return Theme(
            library: library, templateFiles: sources.mapValues(\.file), templateSources: sources.mapValues(\.text),
            strings: try ThemeStrings.load(folders: folders, languages: languages), assets: assets)
    }

    /// Regular, non-hidden files under `folder` by path relative to it, without `suffix`.
    private static func files(in folder: URL, suffix: String) throws(ThemeError) -> [(String, URL)] {
        guard
            let walker = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles])
        else { return [] }
        var found: [(String, URL)] = []
        let prefix = folder.standardizedFileURL.path + "/"
        for case let file as URL in walker {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                file.lastPathComponent.hasSuffix(suffix)
            else { continue }
            var name = String(file.standardizedFileURL.path.dropFirst(prefix.count))
            name.removeLast(suffix.count)
            found.append((name, file))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    private static func read(_ file: URL) throws(ThemeError) -> Data {
        do { return try Data(contentsOf: file) } catch {
            throw .unreadable(file: file.path, reason: error.localizedDescription)
        }
    }
}
