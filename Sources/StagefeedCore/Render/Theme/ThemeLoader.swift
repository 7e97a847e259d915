import Foundation
import Mustache

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
        var library = MustacheLibrary()
        MarkupContentType.registration
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                library.register(try MustacheTemplate(string: MarkupContentType.pragma + source.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                // Line 1 is the pragma.
                throw .syntax(
                    file: source.file, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber,
                    reason: reason(error.error))
            } catch {
                throw .syntax(file: source.file, line: 1, column: 1, reason: "\(error)")
            }
        }
        for (_, source) in sources.sorted(by: { $0.key < $1.key }) {
            for reference in references(in: source.text) where sources[reference.name] == nil {
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

    /// Partials (`{{> name}}`) and parents (`{{< name}}`) a template names, with their
    /// lines; comments (`{{! … }}`) are skipped.
    static func references(in text: String) -> [(name: String, line: Int)] {
        // Over the UTF-8 bytes: the tags are ASCII, and a theme is read on every build.
        let bytes = Array(text.utf8)
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
        func isNameByte(_ byte: UInt8) -> Bool {
            // Letters and digits (any non-ASCII byte belongs to a letter of a UTF-8 name), `._/-`.
            byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: "-")
        }
        var found: [(String, Int)] = []
        var line = 1
        var index = 0
        while index < bytes.count {
            guard bytes[index] == open, index + 1 < bytes.count, bytes[index + 1] == open else {
                if bytes[index] == newline { line += 1 }
                index += 1
                continue
            }
            if index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "!") {
                // A comment: skipped whole (with its newlines counted) when it is closed.
                var end = index + 3
                var lines = 0
                while end + 1 < bytes.count, !(bytes[end] == close && bytes[end + 1] == close) {
                    if bytes[end] == newline { lines += 1 }
                    end += 1
                }
                if end + 1 < bytes.count {
                    line += lines
                    index = end + 2
                    continue
                }
            }
            var cursor = index + 2
            while cursor < bytes.count, bytes[cursor] == space { cursor += 1 }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ">") || bytes[cursor] == UInt8(ascii: "<") {
                cursor += 1
                while cursor < bytes.count, bytes[cursor] == space { cursor += 1 }
                var end = cursor
                while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
                if end > cursor { found.append((String(decoding: bytes[cursor..<end], as: UTF8.self), line)) }
            }
            index += 1
        }
        return found
    }

    private static func reason(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not finished (missing }})"
        case .expectedSectionEnd: return "a section is never closed ({{/name}} missing)"
        case .invalidSetDelimiter: return "badly formed set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inherited section"
        case .illegalTokenInsideInheritSection: return "only {{$block}} definitions may sit inside {{<parent}}"
        case .textInsideInheritSection: return "text inside {{<parent}} must sit in a {{$block}}"
        case .invalidConfigVariableSyntax: return "badly formed {{% pragma}}"
        case .unrecognisedConfigVariable: return "unknown {{% pragma}}"
        }
    }
}
