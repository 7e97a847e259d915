import Foundation

@testable import StagefeedCore

/// The site rendered in memory from a draft, page by page, for assertions on parsed HTML.
struct SiteFixture {
    let program: Program
    let files: [String: Data]

    init(
        _ draft: ProgramDraft, clock: ClockStyle = .twentyFourHour, siteURL: URL? = nil,
        theme: Theme? = nil, locales: [SiteLocale] = [.english]
    ) throws {
        program = try ProgramNormalizer().normalize(draft)
        var context = BuildContext(now: Fixtures.instant("2027-07-01T12:00:00Z"), sourceName: "test")
        context.siteURL = siteURL
        let renderer = SiteRenderer(
            theme: try theme ?? ThemeLoader.load(overriding: nil), clock: clock, locales: locales)
        files = Dictionary(
            uniqueKeysWithValues: try renderer.render(program, context: context).map { ($0.path, $0.contents) })
    }

    /// The page at `path`, parsed; fails the test when there is none.
    func page(_ path: String) throws -> HTMLDocument {
        guard let data = files[path] else { throw Missing(path: path, have: files.keys.sorted()) }
        return try HTMLDocument(data, name: path)
    }

    struct Missing: Error {
        var path: String
        var have: [String]
    }
}
