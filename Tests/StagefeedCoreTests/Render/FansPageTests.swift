import Foundation
import Testing

@testable import StagefeedCore

/// What the fans' features are made of, read from the rendered files: the search index,
/// the web app manifest and its icons, the day page's filters and hooks, the page frame's
/// scripts and data, the festival clock the signage shares, the strings in every language,
/// and the units' digests.
@Suite struct FansPageTests {
    struct Index: Decodable {
        var v: Int
        var zone: String
        var base: Int
        var days: [[JSONValue]]
        var stages: [[String]]
        var artists: [[String]]
        var kinds: [String]
        var sets: [[JSONValue]]
    }

    @Test func theSearchIndexHoldsEverySetCompactly() throws {
        let site = try SiteFixture(Fixtures.fans())
        let index = try JSONDecoder().decode(Index.self, from: try #require(site.files[OutputPaths.searchIndex]))
        let program = site.program
        #expect(index.v == 1 && index.zone == "Europe/Berlin")
        #expect(index.stages.map { $0[0] } == program.stages.map(\.name))
        #expect(index.artists.map { $0[1] } == program.artists.map(\.slug))
        #expect(index.days.map { $0[0] } == program.days.map { .string($0.date.description) })
        #expect(index.sets.count == program.performances.count)
        let codes = index.sets.compactMap { row -> String? in
            guard case .string(let code) = row[0] else { return nil }
            return code
        }
        #expect(Set(codes).count == index.sets.count, "share codes are unique")
        #expect(index.kinds.contains("Songwriting Workshop") && index.kinds.contains("Blasmusik"))
        for (row, performance) in zip(index.sets, program.performances) {
            guard case .number(let artist) = row[2], case .number(let start) = row[5], case .number(let length) = row[6]
            else {
                Issue.record("malformed row \(row)")
                continue
            }
            // The title is left out (0) where it is the artist's name.
            if artist >= 0, index.artists[Int(artist)][0] == performance.displayName {
                #expect(row[1] == .number(0))
            } else {
                #expect(row[1] == .string(performance.displayName))
            }
            let startSeconds = (Double(index.base) + start) * 60
            #expect(startSeconds == performance.start.timeIntervalSince1970.rounded(.down))
            #expect(length * 60 == performance.duration)
        }
        let lineup = try #require(program.performances.firstIndex { $0.id == "p_lineup" })
        #expect(index.sets[lineup].count == 9, "kinds and line-up ride along")
    }

    @Test func theManifestListsTheThemesIconsPerLanguage() throws {
        let site = try SiteFixture(
            Fixtures.fans(), locales: [.english, try #require(SiteLocale(tag: "es", isDefault: false))])
        for (path, root, lang, start) in [
            ("manifest.webmanifest", "", "en", "index.html"), ("es/manifest.webmanifest", "../", "es", "index.html"),
        ] {
            let data = try #require(site.files[path], "\(path) missing")
            let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(manifest["name"] as? String == site.program.event.name && manifest["lang"] as? String == lang)
            #expect(manifest["start_url"] as? String == start && manifest["display"] as? String == "standalone")
            let icons = try #require(manifest["icons"] as? [[String: String]])
            #expect(icons.map { $0["sizes"] ?? "" } == ["any", "any", "192x192", "512x512", "512x512"])
            #expect(icons.map { $0["purpose"] ?? "" } == ["any", "maskable", "any", "any", "maskable"])
            for icon in icons {
                let source = try #require(icon["src"])
                #expect(source.hasPrefix(root + "assets/"))
                #expect(site.files[String(source.dropFirst(root.count))] != nil, "\(source) is not in the export")
            }
        }
        let page = try site.page("es/days/2027-07-24/index.html")
        #expect(page.text("//link[@rel='manifest']/@href") == "../../../es/manifest.webmanifest")
        #expect(page.text("//link[@rel='apple-touch-icon']/@href") == "../../../assets/apple-touch-icon.png")
    }

    @Test func thePngIconsAreTheSizesTheirNamesSay() throws {
        for (name, size) in [
            ("icon-192.png", 192), ("icon-512.png", 512), ("icon-maskable-512.png", 512), ("apple-touch-icon.png", 180),
        ] {
            let data = try Data(
                contentsOf: ThemeLoader.defaultFolder.appendingPathComponent("assets").appendingPathComponent(name))
            #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(name) is no PNG")
            let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) },
                height = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == size && height == size, "\(name) is \(width)×\(height)")
        }
    }

    @Test func aDayPageCarriesItsFiltersAndTheHooksOfNow() throws {
        let site = try SiteFixture(Fixtures.fans())
        let day = try site.page("days/2027-07-24/index.html")
        let program = site.program
        #expect(day.strings("//div[@id='day-tools']//input[@name='stage']/@value") == program.stages.map(\.slug))
        #expect(
            day.strings("//select[@id='filter-kind']/option/@value")
                == [
                    "", SetKinds.key(of: "Blasmusik"), SetKinds.key(of: "Elektronik"),
                    SetKinds.key(of: "Songwriting Workshop"),
                ])
        #expect(day.text("//div[@id='day-tools']/@data-day") == "2027-07-24")
        let rows = day.count("//section[@id='list']//li[@data-code]")
        #expect(rows == program.performances(on: LocalDate(iso: "2027-07-24")!).count)
        #expect(day.count("//section[@id='list']//li[starts-with(@id, 'set-')][@data-stage][@data-kinds]") == rows)
        #expect(day.count("//div[@class='timetable']//li[@data-code][@data-stage]") == rows)
        #expect(day.text("//div[@class='timetable']/@data-grid-start") == "2027-07-24T12:00:00+02:00")
        #expect(day.text("//div[@class='timetable']/@data-slot") == "300")
        #expect(day.count("//section[@id='grid']") == 1 && day.count("//a[@href='#grid']") == 1)
        // The day before has no kinds: no kind filter.
        #expect(try site.page("days/2027-07-23/index.html").count("//select[@id='filter-kind']") == 0)
    }

    @Test func everyPageLoadsTheScriptsInOrderWithTheFestivalsData() throws {
        let site = try SiteFixture(Fixtures.fans())
        let page = try site.page("stages/\(try #require(site.program.stage(id: "s_rtl")?.slug))/index.html")
        let scripts = page.strings("//script/@src").map { $0.split(separator: "/").last.map(String.init) ?? "" }
        #expect(
            scripts.map { $0.split(separator: ".").first.map(String.init) ?? "" } == [
                "clock", "site", "search", "timetable",
            ])
        #expect(page.count("//form[@role='search']//input[@type='search']") == 1)
        #expect(page.text("//meta[@name='theme-color']/@content") == "#0b57a3")
        let text = try #require(page.text("//script[@id='site-data']"))
        let data = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(data["zone"] as? String == "Europe/Berlin" && data["search"] as? String == "../../search/index.json")
        #expect(data["home"] as? String == "../../")
        // The days in minutes from `base`, the first day's start (06:00 in Berlin's summer time).
        let base = try #require(data["base"] as? Int)
        let firstStart = try #require(ISO8601DateFormatter().date(from: "2027-07-23T04:00:00Z"))
        #expect(base * 60 == Int(firstStart.timeIntervalSince1970))
        let days = try #require(data["days"] as? [[Any]])
        #expect(days.map { $0.first as? String } == ["2027-07-23", "2027-07-24", "2027-07-25"])
        #expect(days.map { $0.dropFirst().compactMap { $0 as? Int } } == [[0, 1440], [1440, 2880], [2880, 4320]])
        #expect(page.strings("//nav//a/@data-date") == ["2027-07-23", "2027-07-24", "2027-07-25"])
        let strings = try #require(page.text("//script[@id='site-strings']"))
        #expect(strings.contains("\"search_count_other\":\"{count} results\""))
    }

    @Test func theSignageCarriesTheSitesFestivalClockInline() throws {
        let theme = try ThemeLoader.load(overriding: nil)
        let program = try ProgramNormalizer().normalize(Fixtures.fans())
        let files = try SignageRenderer(theme: theme).render(
            program, context: BuildContext(now: Fixtures.instant("2027-07-01T12:00:00Z"), sourceName: "test"))
        let page = String(
            decoding: try #require(files.first { $0.path == "signage/board.html" }).contents, as: UTF8.self)
        let clock = String(decoding: try #require(theme.assets["clock.js"]), as: UTF8.self)
        #expect(page.contains(clock.replacingOccurrences(of: "</", with: "<\\/")))
        #expect(page.contains("StagefeedClock.create(zone, clockSearch)"))
        // A change to the shared clock is a new signage version: open screens reload.
        var assets = theme.assets
        assets["clock.js"] = Data((clock + "\n// changed\n").utf8)
        let changed = Theme(
            library: theme.library, templateFiles: theme.templateFiles, templateSources: theme.templateSources,
            strings: theme.strings, assets: assets)
        let before = try #require(files.first { $0.path == OutputPaths.signageVersion }).contents
        let after = try #require(
            try SignageRenderer(theme: changed).render(
                program, context: BuildContext(now: Fixtures.instant("2027-07-01T12:00:00Z"), sourceName: "test")
            ).first { $0.path == OutputPaths.signageVersion }
        ).contents
        #expect(before != after)
    }

    @Test func everyShippedLanguageHasEveryString() throws {
        let folder = ThemeLoader.defaultFolder.appendingPathComponent("i18n")
        func keys(_ language: String) throws -> Set<String> {
            let text = try String(contentsOf: folder.appendingPathComponent("\(language).yml"), encoding: .utf8)
            return Set(
                text.split(separator: "\n").compactMap { line in
                    line.first.map { $0 == "#" || $0 == " " } == false
                        ? line.split(separator: ":").first.map(String.init) : nil
                })
        }
        let english = try keys("en")
        #expect(english.isSuperset(of: ["search_label", "filters", "go_to_now", "reminder", "friends", "colour_teal"]))
        for language in ["ca", "de", "es", "fr", "it", "nl", "pt"] {
            #expect(try keys(language) == english, "\(language).yml")
        }
    }

    @Test func theSearchIndexAndManifestChangeExactlyWhenWhatTheyHoldDoes() throws {
        let theme = try ThemeLoader.load(overriding: nil)
        let context = BuildContext(now: Fixtures.instant("2027-07-01T12:00:00Z"), sourceName: "test")
        func digests(_ draft: ProgramDraft) throws -> [String: UnitDigest] {
            let resources = RenderResources(program: try ProgramNormalizer().normalize(draft), context: context)
            let units = try SiteRenderer(theme: theme).units(for: resources)
            return Dictionary(units.map { ($0.key, $0.digest) }, uniquingKeysWith: { first, _ in first })
        }
        let original = try digests(Fixtures.fans())
        #expect(try digests(Fixtures.fans()) == original)
        var renamed = Fixtures.fans()
        renamed.artists[renamed.artists.firstIndex { $0.id == "a_bjork" }!].name = "Björk Guðmundsdóttir"
        let afterRename = try digests(renamed)
        #expect(afterRename[OutputPaths.searchIndex] != original[OutputPaths.searchIndex])
        #expect(afterRename[OutputPaths.manifest] == original[OutputPaths.manifest])
        var retitled = Fixtures.fans()
        retitled.event.name = "Another Fest"
        #expect(try digests(retitled)[OutputPaths.manifest] != original[OutputPaths.manifest])
    }
}
