import Crypto
import Foundation

/// The website: the index, a page per festival day, stage and artist, the "my schedule"
/// page and the web app manifest, all through the theme's templates, in each language (the
/// first at the root, the others in `<tag>/`); the theme's assets, the search index and the
/// service worker. Each page is a unit of its own, with the digest of the typed page model
/// it renders.
public struct SiteRenderer: Renderer {
    /// The templates, strings and assets pages are rendered through.
    public var theme: Theme
    /// 24- or 12-hour times; nil: each language's habit.
    public var clock: ClockStyle?
    /// The languages, the first at the root of the output, the others in `<tag>/`.
    public var locales: [SiteLocale]
    /// The most artist pages (all languages together) the service worker fetches when the
    /// site is first loaded; with more, each is kept when it is read. The other pages always
    /// are: a festival of 20,000 sets would otherwise send a phone 220 MB on its first visit.
    public var precachedArtistPages: Int
    /// From this estimated size (its unit's cost, in bytes), a page is handed to the writer
    /// in pieces as it is made, not held whole and then copied: a day estimated at 1,500
    /// bytes a set passes it at about 700 sets (a day of 2,000 is 4 MB). "My schedule",
    /// which carries the whole program, always is.
    public var streamedPageSize = 1 << 20

    /// A renderer through `theme`, in English unless told otherwise.
    public init(
        theme: Theme, clock: ClockStyle? = nil, locales: [SiteLocale] = [.english], precachedArtistPages: Int = 3000
    ) {
        self.theme = theme
        self.clock = clock
        self.locales = locales
        self.precachedArtistPages = precachedArtistPages
    }

    public func units(for resources: RenderResources) throws -> [RenderUnit] {
        let (assetFiles, assetNames) = assets()
        let themeDigest = theme.digest
        var units: [RenderUnit] = []
        for locale in locales {
            let strings = theme.strings.strings(for: locale).strings
            let site = SiteContext(
                resources: resources, locale: locale, locales: locales, strings: strings,
                clock: clock, assets: assetNames, themeDigest: themeDigest,
                socialPicture: socialPicture(alt: resources.program.event.name))
            units += pageUnits(site)
            units.append(
                WebAppManifest.unit(
                    theme: theme, locale: locale, strings: site.strings, event: resources.program.event,
                    assets: assetNames))
        }
        units.append(SearchIndex.unit(for: resources))
        for file in assetFiles {
            var digest = DigestBuilder("asset")
            digest.add(Array(file.contents))
            units.append(
                RenderUnit(key: file.path, digest: digest.finish(), cost: file.contents.count) { sink in
                    try sink.emit(file)
                })
        }
        units.append(try serviceWorker(caching: units, images: resources.context.images.distinct.map(\.path)))
        return units
    }

    /// The theme's picture for shared links, `assets/social.png` (or `.jpg`, `.webp`), with
    /// the size its header gives.
    private func socialPicture(alt: String) -> SocialCard.Picture? {
        for name in ["social.png", "social.jpg", "social.webp"] {
            guard let data = theme.assets[name], let header = ImageHeader.read([UInt8](data)) else { continue }
            return SocialCard.Picture(
                path: OutputPaths.asset(name), width: header.width, height: header.height, format: header.format,
                alt: alt)
        }
        return nil
    }

    /// The pages of one language.
    private func pageUnits(_ site: SiteContext) -> [RenderUnit] {
        let program = site.resources.program, folder = site.locale.folder, streamedPageSize = streamedPageSize
        var units: [RenderUnit] = []
        func page(
            _ path: String, _ template: String, digest: UnitDigest, cost: Int,
            make: @escaping @Sendable () -> any TemplateObject
        ) {
            let depth = OutputPaths.depth(of: path)
            units.append(
                RenderUnit(key: folder + path, digest: digest, cost: cost) { [theme] sink in
                    try theme.render(
                        template, page: make(), frame: site.frame(depth: depth), fragments: site.fragments[depth],
                        path: folder + path, streamed: template == "my" || cost >= streamedPageSize, into: sink)
                })
        }
        page(OutputPaths.index, "index", digest: IndexPage.digest(site: site), cost: 4000 + program.artists.count * 80)
        {
            IndexPage(site: site)
        }
        for day in program.days {
            page(
                OutputPaths.day(day.date), "day", digest: DayPage.digest(day, site: site),
                cost: 4000 + day.performanceIDs.count * 1500
            ) {
                DayPage(day, site: site)
            }
        }
        for stage in program.stages {
            let count = site.resources.index.positions(onStage: stage.id).count
            page(
                OutputPaths.stage(stage.slug), "stage", digest: StagePage.digest(stage, site: site),
                cost: 4000 + count * 900
            ) {
                StagePage(stage, site: site)
            }
        }
        for artist in program.artists {
            let count = site.resources.index.positions(byArtist: artist.id).count
            page(
                OutputPaths.artist(artist.slug), "artist", digest: ArtistPage.digest(artist, site: site),
                cost: 4000 + count * 900
            ) {
                ArtistPage(artist, site: site)
            }
        }
        page(
            OutputPaths.mySchedule, "my", digest: MySchedulePage.digest(site: site),
            cost: program.performances.count * 300
        ) {
            MySchedulePage(site: site)
        }
        return units
    }

    /// Theme assets under `assets/`; stylesheets and scripts get a content hash in their
    /// name (`site.1a2b3c4d.css`) so browsers may keep them for good. Template names
    /// replace every non-alphanumeric character with `_` (`site.css` → `site_css`).
    func assets() -> (files: [OutputFile], names: [String: String]) {
        var files: [OutputFile] = []
        var names: [String: String] = [:]
        for (name, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
            var path = OutputPaths.asset(name)
            let suffix = (name as NSString).pathExtension
            if suffix == "css" || suffix == "js" {
                let hash = SHA256.hash(data: data).prefix(4).hexadecimal
                path = OutputPaths.asset((name as NSString).deletingPathExtension + ".\(hash).\(suffix)")
            }
            files.append(OutputFile(path: path, contents: data))
            names[String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })] = path
        }
        return (files, names)
    }

    /// `sw.js`: precaches the pages and assets (the artist pages up to `precachedArtistPages`)
    /// under a version that changes whenever any of their digests does, so a phone that
    /// loaded the site once keeps it offline. Each page goes with its revision (the start of
    /// its unit's digest): a new version takes over the copies whose revision it shares, so a
    /// changed set downloads only the pages that show it. Keeps the pictures a reader saw
    /// (`images`: those still in the export) in a cache of their own.
    private func serviceWorker(caching units: [RenderUnit], images: [String]) throws -> RenderUnit {
        let entries = units.sorted { $0.key < $1.key }
        var digest = DigestBuilder("service worker")
        for unit in entries {
            digest.add(unit.key)
            digest.add(unit.digest)
        }
        let version = String(digest.finish().description.prefix(16))
        let artistFolders = locales.map { $0.folder + "artists/" }
        func isArtistPage(_ unit: RenderUnit) -> Bool { artistFolders.contains { unit.key.hasPrefix($0) } }
        let keepsArtists = entries.count(where: isArtistPage) <= precachedArtistPages
        // The status and the program feed are not units of the site: fetched afresh each time.
        let precache =
            entries.filter { keepsArtists || !isArtistPage($0) }.map {
                [$0.key, String($0.digest.description.prefix(12))]
            }
            + [[OutputPaths.programFeed, ""], [OutputPaths.status, ""]]
        let folders = locales.map(\.folder).filter { !$0.isEmpty }
        var whole = DigestBuilder("sw.js")
        whole.add(version)
        whole.add(theme.digest)
        whole.add(folders)
        whole.add(images)
        whole.add(precachedArtistPages)
        return RenderUnit(key: OutputPaths.serviceWorker, digest: whole.finish(), cost: precache.count * 40) {
            [theme] sink in
            func list(_ items: [String]) -> String {
                var json = JSONWriter(style: .script)
                json.beginArray()
                for item in items { json.string(item) }
                json.endArray()
                return String(decoding: json.bytes, as: UTF8.self)
            }
            func pairs(_ items: [[String]]) -> String {
                var json = JSONWriter(style: .script)
                json.beginArray()
                for item in items {
                    json.beginArray()
                    for part in item { json.string(part) }
                    json.endArray()
                }
                json.endArray()
                return String(decoding: json.bytes, as: UTF8.self)
            }
            let values = TemplateDictionary([
                "version": .text(version), "precache": .text(pairs(precache)), "folders": .text(list(folders)),
                "images": .text(list(images)),
            ])
            var output = TemplateOutput()
            try theme.render(
                "service-worker", page: values, frame: nil, fragments: nil, into: &output)
            try sink.emit(OutputFile(path: OutputPaths.serviceWorker, contents: Data(output.bytes)))
        }
    }
}
