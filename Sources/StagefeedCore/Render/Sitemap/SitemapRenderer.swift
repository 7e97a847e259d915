import Foundation

/// `sitemap.xml` (sitemaps.org 0.9) and `robots.txt`, made only when `site_url` gives the
/// public address. The sitemap lists every page of every language once (the index, the
/// days, stages and artists; not "my schedule", which is empty without the reader's stars,
/// nor the signage screens), each with `xhtml:link` alternates to its versions in the
/// other languages (and `x-default`: the first) and a `lastmod` from the revision ledger:
/// when what the page shows last changed, never the build time. Past 20,000 pages it is
/// an index of `sitemaps/<n>.xml` files of 20,000 each, below the format's limits of
/// 50,000 addresses and 50 MB a file.
public struct SitemapRenderer: Renderer {
    public var locales: [SiteLocale]
    /// Pages per sitemap file.
    var pagesPerFile = 20_000

    public init(locales: [SiteLocale] = [.english]) {
        self.locales = locales
    }

    /// One page of one language.
    struct Entry: Equatable {
        var location: String
        var lastModified: String?
        /// `(hreflang, href)`, when there is more than one language.
        var alternates: [(String, String)]

        static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.location == rhs.location && lhs.lastModified == rhs.lastModified
                && lhs.alternates.map(\.0) == rhs.alternates.map(\.0)
                && lhs.alternates.map(\.1) == rhs.alternates.map(\.1)
        }
    }

    public func units(for resources: RenderResources) throws -> [RenderUnit] {
        guard let siteURL = resources.context.siteURL else { return [] }
        let entries = self.entries(resources, siteURL: siteURL)
        let files = Self.files(entries, siteURL: siteURL, pagesPerFile: pagesPerFile)
        var units = files.map { file in
            var digest = DigestBuilder("sitemap")
            digest.add(file.bytes)
            return RenderUnit(key: file.path, digest: digest.finish(), cost: file.bytes.count) { sink in
                try sink.emit(OutputFile(path: file.path, contents: Data(file.bytes)))
            }
        }
        if resources.context.writesRobots, let robots = RobotsFile.text(siteURL: siteURL, locales: locales) {
            var digest = DigestBuilder("robots")
            digest.add(robots)
            units.append(
                RenderUnit(key: RobotsFile.path, digest: digest.finish(), cost: robots.utf8.count) { sink in
                    try sink.emit(OutputFile(path: RobotsFile.path, text: robots))
                })
        }
        return units
    }

    /// Every page of every language, in language order, then index, days, stages, artists.
    func entries(_ resources: RenderResources, siteURL: URL) -> [Entry] {
        let program = resources.program, index = resources.index
        func updated(_ positions: [Int32]) -> String? {
            [resources.lastChange(of: positions), program.event.updatedAt].compactMap { $0 }.max()
                .map { resources.clock.iso8601($0) }
        }
        var pages: [(path: String, lastModified: String?)] = [(OutputPaths.index, updated([]))]
        pages += program.days.map { (OutputPaths.day($0.date), updated(index.positions(on: $0.date))) }
        pages += program.stages.map { (OutputPaths.stage($0.slug), updated(index.positions(onStage: $0.id))) }
        pages += program.artists.map { (OutputPaths.artist($0.slug), updated(index.positions(byArtist: $0.id))) }
        var entries: [Entry] = []
        entries.reserveCapacity(pages.count * locales.count)
        for locale in locales {
            for page in pages {
                var alternates: [(String, String)] = []
                if locales.count > 1 {
                    alternates = locales.map { ($0.tag, PageAddress.page($0.folder + page.path, siteURL: siteURL)) }
                    alternates.append(("x-default", PageAddress.page(locales[0].folder + page.path, siteURL: siteURL)))
                }
                entries.append(
                    Entry(
                        location: PageAddress.page(locale.folder + page.path, siteURL: siteURL),
                        lastModified: page.lastModified, alternates: alternates))
            }
        }
        return entries
    }

    /// `sitemap.xml`, or an index of it and the files it lists.
    static func files(_ entries: [Entry], siteURL: URL, pagesPerFile: Int) -> [(path: String, bytes: [UInt8])] {
        guard entries.count > pagesPerFile else { return [(OutputPaths.sitemap, urlSet(entries[...]))] }
        var files: [(path: String, bytes: [UInt8])] = []
        var index = XMLText()
        index.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        index.raw("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        for (number, start) in stride(from: 0, to: entries.count, by: pagesPerFile).enumerated() {
            let part = entries[start..<min(entries.count, start + pagesPerFile)]
            let path = OutputPaths.sitemapPart(number + 1)
            files.append((path, urlSet(part)))
            index.raw("  <sitemap>\n")
            index.element("loc", PageAddress.file(path, siteURL: siteURL), indent: 2)
            if let latest = part.compactMap(\.lastModified).max() { index.element("lastmod", latest, indent: 2) }
            index.raw("  </sitemap>\n")
        }
        index.raw("</sitemapindex>\n")
        return [(OutputPaths.sitemap, index.bytes)] + files
    }

    /// A `urlset` of `entries`.
    private static func urlSet(_ entries: ArraySlice<Entry>) -> [UInt8] {
        var xml = XMLText()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.raw(
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        )
        for entry in entries {
            xml.raw("  <url>\n")
            xml.element("loc", entry.location, indent: 2)
            if let lastModified = entry.lastModified { xml.element("lastmod", lastModified, indent: 2) }
            for (language, href) in entry.alternates {
                xml.raw("    <xhtml:link rel=\"alternate\" hreflang=\"")
                xml.escaped(language)
                xml.raw("\" href=\"")
                xml.escaped(href)
                xml.raw("\"/>\n")
            }
            xml.raw("  </url>\n")
        }
        xml.raw("</urlset>\n")
        return xml.bytes
    }
}
