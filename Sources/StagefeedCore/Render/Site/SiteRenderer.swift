import Crypto
import Foundation
import Synchronization

/// The website: the index, a page per festival day, stage and artist, the "my schedule"
/// page, the theme's assets and the service worker, all through the theme's templates.
public struct SiteRenderer: Renderer {
    /// The templates, strings and assets pages are rendered through.
    public var theme: Theme
    /// 24- or 12-hour times; nil: each language's habit.
    public var clock: ClockStyle?
    /// The languages, the first at the root of the output, the others in `<tag>/`.
    public var locales: [SiteLocale]

    /// A renderer through `theme`, in English unless told otherwise.
    public init(theme: Theme, clock: ClockStyle? = nil, locales: [SiteLocale] = [.english]) {
        self.theme = theme
        self.clock = clock
        self.locales = locales
    }

    public func render(_ program: Program, context: BuildContext, into sink: any OutputSink) throws {
        let (assetFiles, assetNames) = assets()
        let cached = PrecacheList(sink)
        for locale in locales {
            let strings = theme.strings.strings(for: locale).strings
            let pages: [SitePage] =
                [.index] + program.days.map(SitePage.day) + program.stages.map(SitePage.stage)
                + program.artists.map(SitePage.artist) + [.mySchedule]
            // Each worker builds its own values (and with them its own date formatters).
            try ParallelWork.forEach(
                pages,
                prepare: SitePages(
                    values: SiteValues(
                        program: program, context: context, locale: locale, locales: locales,
                        strings: strings, clock: clock, assets: assetNames))
            ) { builder, page in
                let (path, template, values, embedded) = try page.render(with: builder)
                let text = try theme.render(template, values)
                if let embedded {
                    try cached.emit(path: locale.folder + path) { append in
                        try Splice.write(
                            text, data: embedded, file: theme.templateFiles[template] ?? template,
                            value: "scheduleJSON", to: append)
                    }
                } else {
                    try cached.emit(OutputFile(path: locale.folder + path, text: text))
                }
            }
        }
        for file in assetFiles {
            try cached.emit(file)
        }
        try sink.emit(try serviceWorker(caching: cached.entries))
    }

    /// Theme assets under `assets/`; stylesheets and scripts get a content hash in their
    /// name (`site.1a2b3c4d.css`) so browsers may keep them for good. Template names
    /// replace every non-alphanumeric character with `_` (`site.css` → `site_css`).
    func assets() -> (files: [OutputFile], names: [String: String]) {
        var files: [OutputFile] = []
        var names: [String: String] = [:]
        for (name, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
            var path = "assets/" + name
            let suffix = (name as NSString).pathExtension
            if suffix == "css" || suffix == "js" {
                let hash = SHA256.hash(data: data).prefix(4).hexadecimal
                path = "assets/" + (name as NSString).deletingPathExtension + ".\(hash).\(suffix)"
            }
            files.append(OutputFile(path: path, contents: data))
            names[String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })] = path
        }
        return (files, names)
    }

    /// `sw.js`: precaches every page and asset under a version that changes whenever any
    /// of them does, so a phone that loaded the site once keeps it offline.
    private func serviceWorker(caching entries: [(path: String, digest: SHA256Digest)]) throws -> OutputFile {
        var digest = SHA256()
        for entry in entries {
            digest.update(data: Data(entry.path.utf8))
            digest.update(data: Data(entry.digest))
        }
        let version = digest.finalize().prefix(8).hexadecimal
        let precache = entries.map(\.path) + ["feeds/program.json", "feeds/status.json"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let list = String(decoding: try encoder.encode(precache), as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c")
        let folders = String(decoding: try encoder.encode(locales.map(\.folder).filter { !$0.isEmpty }), as: UTF8.self)
        let text = try theme.render("service-worker", ["version": version, "precache": list, "folders": folders])
        return OutputFile(path: SitePath.serviceWorker, text: text)
    }
}

/// One page of the site in one language.
private enum SitePage {
    case index
    case day(FestivalDay)
    case stage(Stage)
    case artist(Artist)
    case mySchedule

    /// Its path among the language's pages, its template, its values, and the data written
    /// where the values hold `Splice.placeholder` (the program "my schedule" embeds).
    func render(
        with pages: SitePages
    ) throws -> (path: String, template: String, values: [String: Any], embedded: JSONStream?) {
        switch self {
        case .index: return (SitePath.index, "index", pages.index(), nil)
        case .day(let day): return (SitePath.day(day.date), "day", pages.day(day), nil)
        case .stage(let stage): return (SitePath.stage(stage.slug), "stage", pages.stage(stage), nil)
        case .artist(let artist): return (SitePath.artist(artist.slug), "artist", pages.artist(artist), nil)
        case .mySchedule:
            let (values, data) = pages.mySchedule()
            return (SitePath.mySchedule, "my", values, data)
        }
    }
}

/// Passes files on and remembers each one's path and hash, for the service worker.
private final class PrecacheList: OutputSink, Sendable {
    private let sink: any OutputSink
    private let seen = Mutex<[(path: String, digest: SHA256Digest)]>([])

    init(_ sink: any OutputSink) {
        self.sink = sink
    }

    func emit(_ file: OutputFile) throws {
        let digest = SHA256.hash(data: file.contents)
        try sink.emit(file)
        seen.withLock { $0.append((file.path, digest)) }
    }

    func emit(path: String, writing write: (_ append: (Data) throws -> Void) throws -> Void) throws {
        var hash = SHA256()
        try sink.emit(path: path, writing: write) { hash.update(data: $0) }
        let digest = hash.finalize()
        seen.withLock { $0.append((path, digest)) }
    }

    /// Every file passed on, by path.
    var entries: [(path: String, digest: SHA256Digest)] {
        seen.withLock { $0.sorted { $0.path < $1.path } }
    }
}
