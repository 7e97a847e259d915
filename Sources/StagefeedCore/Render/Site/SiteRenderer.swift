import Crypto
import Foundation

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

    public func render(_ program: Program, context: BuildContext) throws -> [OutputFile] {
        let (assetFiles, assetNames) = assets()
        var files: [OutputFile] = []
        for locale in locales {
            let values = SiteValues(program: program, context: context, locale: locale, locales: locales,
                                    strings: theme.strings.strings(for: locale).strings, clock: clock, assets: assetNames)
            let pages = SitePages(values: values)
            func page(_ path: String, _ template: String, _ pageValues: [String: Any]) throws {
                files.append(OutputFile(path: locale.folder + path, text: try theme.render(template, pageValues)))
            }
            try page(SitePath.index, "index", pages.index())
            for day in program.days {
                try page(SitePath.day(day.date), "day", pages.day(day))
            }
            for stage in program.stages {
                try page(SitePath.stage(stage.slug), "stage", pages.stage(stage))
            }
            for artist in program.artists {
                try page(SitePath.artist(artist.slug), "artist", pages.artist(artist))
            }
            try page(SitePath.mySchedule, "my", pages.mySchedule())
        }
        files += assetFiles
        files.append(try serviceWorker(caching: files))
        return files
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
                let hash = SHA256.hash(data: data).prefix(4).map { String(format: "%02x", $0) }.joined()
                path = "assets/" + (name as NSString).deletingPathExtension + ".\(hash).\(suffix)"
            }
            files.append(OutputFile(path: path, contents: data))
            names[String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })] = path
        }
        return (files, names)
    }

    /// `sw.js`: precaches every page and asset under a version that changes whenever any
    /// of them does, so a phone that loaded the site once keeps it offline.
    private func serviceWorker(caching files: [OutputFile]) throws -> OutputFile {
        var digest = SHA256()
        for file in files {
            digest.update(data: Data(file.path.utf8))
            digest.update(data: file.contents)
        }
        let version = digest.finalize().prefix(8).map { String(format: "%02x", $0) }.joined()
        let precache = files.map(\.path) + ["feeds/program.json", "feeds/status.json"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let list = String(decoding: try encoder.encode(precache), as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c")
        let folders = String(decoding: try encoder.encode(locales.map(\.folder).filter { !$0.isEmpty }), as: UTF8.self)
        let text = try theme.render("service-worker", ["version": version, "precache": list, "folders": folders])
        return OutputFile(path: SitePath.serviceWorker, text: text)
    }
}
