import Crypto
import Foundation

/// A site theme, loaded and checked: its Mustache templates (by name, e.g. `day` or
/// `partials/set`), where each came from, and its asset files (by path under `assets/`).
/// Built from the default theme with a chosen theme's files laid over it.
public struct Theme: Sendable {
    /// Templates every theme must provide (the default theme provides them all).
    public static let pageTemplates = [
        "layout", "index", "day", "stage", "artist", "my", "service-worker", "manifest",
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
        var library = library
        library.misses = TemplateMisses()
        self.library = library
        self.strings = strings
        self.templateFiles = templateFiles
        self.templateSources = templateSources
        self.assets = assets
    }

    /// The names templates asked for that their pages did not have, in every render so far,
    /// each with the file it is written in.
    public var misses: [TemplateMiss] {
        (library.misses?.all ?? []).map { miss in
            var located = miss
            located.template = templateFiles[miss.template] ?? miss.template
            return located
        }
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

    /// Template `name` rendered for `page` (with `frame` shared by the pages `fragments`
    /// serves) into `output`. A template's error is the theme's (`ThemeError`); an error of
    /// the writer `output` hands its pieces to (a stopped build, a full disk) goes on as it is.
    func render(
        _ name: String, page: any TemplateObject, frame: (any TemplateObject)?, fragments: TemplateFragments?,
        into output: inout TemplateOutput
    ) throws {
        var frames = [TemplateFrame(.object(page))]
        if let frame { frames.append(TemplateFrame(.object(frame), shared: true)) }
        do {
            try library.render(name, frames: frames, fragments: fragments, into: &output)
        } catch let error as TemplateLibrary.RenderError {
            switch error {
            case .missingTemplate(let name):
                throw ThemeError.missingTemplate(name: name, theme: folder)
            case .tooDeep(let partial):
                throw ThemeError.syntax(
                    file: templateFiles[partial] ?? partial, line: 1, column: 1,
                    reason:
                        "partials nest more than \(TemplateLibrary.maximumDepth) deep (does a partial include itself?)")
            }
        }
    }

    /// Template `name` rendered for `page` as the file `path`, handed to `sink`: whole, or,
    /// when `streamed`, in pieces as it is made (a large page, or one carrying the whole
    /// program).
    func render(
        _ name: String, page: any TemplateObject, frame: (any TemplateObject)?, fragments: TemplateFragments?,
        path: String, streamed: Bool = false, into sink: any OutputSink
    ) throws {
        if streamed {
            try sink.emit(path: path) { append in
                try withoutActuallyEscaping(append) { append in
                    var output = TemplateOutput(pieceSize: 1 << 18) { try append($0) }
                    try render(name, page: page, frame: frame, fragments: fragments, into: &output)
                    try output.finish()
                }
            }
        } else {
            var output = TemplateOutput(capacity: 16 << 10)
            try render(name, page: page, frame: frame, fragments: fragments, into: &output)
            try sink.emit(OutputFile(path: path, contents: Data(output.bytes)))
        }
    }

    /// The theme's folder, for messages.
    private var folder: String {
        templateFiles["layout"].map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? ""
    }
}
