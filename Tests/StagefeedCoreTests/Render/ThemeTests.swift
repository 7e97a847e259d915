import Foundation
import Testing

@testable import StagefeedCore

/// Themes: a theme overrides any subset of the default theme, and a broken template is
/// reported with its file and line before anything is built.
@Suite struct ThemeTests {
    private func theme(_ files: [String: String]) throws -> (TemporaryFolder, URL) {
        let folder = try TemporaryFolder()
        let root = folder.path("Themes/mine")
        for (path, text) in files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return (folder, root)
    }

    private let draft = Fixtures.draft([
        Fixtures.performance("p_1", "2027-07-23T20:00:00+02:00", "2027-07-23T21:00:00+02:00")
    ])

    @Test func theEmbeddedProgramIsEscapedWhereAThemeEscapesIt() throws {
        let hostile = "\" onmouseover=\"alert(1)"
        let (folder, root) = try theme([
            "templates/my.mustache":
                "<main data-raw=\"{{scheduleJSON}}\"><script type=\"application/json\">{{{scheduleJSON}}}</script></main>"
        ])
        _ = folder
        let site = try SiteFixture(
            Fixtures.draft([
                Fixtures.performance(
                    "p_1", "2027-07-23T20:00:00+02:00", "2027-07-23T21:00:00+02:00",
                    title: hostile)
            ]), theme: ThemeLoader.load(overriding: root))
        let page = String(decoding: try #require(site.files["my/index.html"]), as: UTF8.self)
        let attribute = try #require(
            page.components(separatedBy: "data-raw=\"").last?.components(separatedBy: "\"").first)
        let script = try #require(
            page.components(separatedBy: "application/json\">").last?.components(separatedBy: "</script>").first)
        // Double braces: the JSON HTML-escaped, so the name's quotes cannot end the attribute.
        #expect(!attribute.contains("onmouseover=\""))
        #expect(
            attribute.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&") == script)
        let data = try #require(try JSONSerialization.jsonObject(with: Data(script.utf8)) as? [String: Any])
        #expect((data["sets"] as? [[String: Any]])?.first?["name"] as? String == hostile)
        #expect(!page.contains("stagefeed-splice"))
    }

    @Test func everyNameTheDefaultTemplatesUseIsKnownToTheirPages() throws {
        let theme = try ThemeLoader.load(overriding: nil)
        let locales = [SiteLocale.english, SiteLocale(tag: "ar", isDefault: false)!]
        for draft in [Fixtures.hostileCrowded(), draft] {
            let program = try ProgramNormalizer().normalize(draft)
            let context = BuildContext(
                now: Fixtures.instant("2027-07-24T21:40:00+02:00"), sourceName: "test",
                siteURL: URL(string: "https://fest.example/"))
            for renderer in BuildPipeline.standardRenderers(theme: theme, clock: nil, locales: locales) {
                _ = try renderer.render(program, context: context)
            }
        }
        #expect(theme.misses.map(\.description) == [])
    }

    @Test func aNameNoPageHasIsListedWithItsFileLineAndColumn() throws {
        let (folder, root) = try theme([
            "templates/partials/set-row.mustache": "{{start}}\n  {{nme}} {{#site.update}}x{{/site.update}} {{t.lineup}}"
        ])
        _ = folder
        let theme = try ThemeLoader.load(overriding: root)
        _ = try SiteFixture(draft, theme: theme)
        let file = root.appendingPathComponent("templates/partials/set-row.mustache").path
        #expect(
            theme.misses.map(\.description) == [
                "\(file):2:3: {{nme}} names nothing its page has",
                "\(file):2:11: {{site.update}} names nothing its page has",
            ])
    }

    @Test func aThemeOverridesSomeFilesAndKeepsTheRest() throws {
        let (folder, root) = try theme([
            "templates/partials/set-row.mustache": "<span class=\"mine\">{{start}} {{name}}</span>",
            "assets/site.css": "body { color: #000; }",
            "assets/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ])
        _ = folder
        let loaded = try ThemeLoader.load(
            overriding: ThemeLoader.folder(
                for: "mine", relativeTo: root.deletingLastPathComponent().deletingLastPathComponent()))
        #expect(
            loaded.templateFiles["partials/set-row"]
                == root.appendingPathComponent("templates/partials/set-row.mustache").path)
        #expect(loaded.templateFiles["day"]?.hasPrefix(ThemeLoader.defaultFolder.standardizedFileURL.path) == true)
        let site = try SiteFixture(draft, theme: loaded)
        let day = try site.page("days/2027-07-23/index.html")
        #expect(day.text("//section[@id='list']//span[@class='mine']") == "20:00 Rosa & the Thorns")
        #expect(day.count("//div[@class='timetable']") == 1, "the default day template still renders the grid")
        let css = try #require(site.files.first { $0.key.hasPrefix("assets/site.") && $0.key.hasSuffix(".css") })
        #expect(String(decoding: css.value, as: UTF8.self) == "body { color: #000; }")
        #expect(day.text("//link[@rel='stylesheet']/@href") == "../../" + css.key)
        #expect(site.files["assets/logo.svg"] != nil && site.files["assets/site.js"] == nil)
        #expect(site.files.keys.contains { $0.hasPrefix("assets/site.") && $0.hasSuffix(".js") })
    }

    @Test func aSyntaxErrorNamesTheFileAndLine() throws {
        let (folder, root) = try theme([
            "templates/day.mustache":
                "{{<layout}}\n{{$main}}\n{{#sets}}<p>{{name}}</p>{{/set}}\n{{/main}}\n{{/layout}}\n"
        ])
        _ = folder
        let file = root.appendingPathComponent("templates/day.mustache").path
        #expect {
            try ThemeLoader.load(overriding: root)
        } throws: { error in
            guard case .syntax(let path, let line, _, _) = error as? ThemeError else { return false }
            return path == file && line == 3
        }
    }

    @Test func anUnknownPartialNamesTheFileAndLine() throws {
        let (folder, root) = try theme([
            "templates/stage.mustache": "{{<layout}}\n{{$main}}{{> partials/missing}}{{/main}}\n{{/layout}}\n"
        ])
        _ = folder
        #expect(
            throws: ThemeError.unknownPartial(
                file: root.appendingPathComponent("templates/stage.mustache").path, line: 2, name: "partials/missing")
        ) {
            try ThemeLoader.load(overriding: root)
        }
    }

    @Test func partialReferencesAreFoundWithTheirLines() throws {
        let text =
            "{{! a comment {{> partials/hidden}}\nover two lines }}\n<p>{{ >  partials/set-row }} {{name}}</p>\n"
            + "{{!closed by the tag's own {{>partials/inside}}\n{{#a}}{{>partials/ünï.code_1}}{{/a}}\n{{>*dynamic}}\n"
            + "{{<layout}}{{$main}}\n{{> partials/in-block}}{{/main}}{{/layout}}\n"
        var library = TemplateLibrary()
        try library.add("page", text: text)
        #expect(
            library.references(of: "page").map { "\($0.name)@\($0.line)" }
                == ["partials/set-row@3", "partials/ünï.code_1@5", "layout@7", "partials/in-block@8"])
    }

    @Test func aBuildReadsTheStringsOfItsLanguagesOnly() throws {
        let theme = try ThemeLoader.load(overriding: nil, languages: ["es"])
        #expect(theme.strings.strings(for: SiteLocale(tag: "es", isDefault: true)!).missing.isEmpty)
        #expect(
            theme.strings.strings(for: SiteLocale(tag: "de", isDefault: false)!).missing.count
                == theme.strings.strings(for: .english).strings.values.count, "German was not read")
        let all = try ThemeLoader.load(overriding: nil)
        #expect(all.strings.strings(for: SiteLocale(tag: "de", isDefault: false)!).missing.isEmpty)
    }

    @Test func aMissingThemeIsAConfigurationError() throws {
        let folder = try TemporaryFolder()
        let resolver = SettingsResolver(workingDirectory: folder.url)
        #expect {
            try resolver.resolve([SettingsLayer(origin: .flags, values: [.theme: "nope"])])
        } throws: { error in
            "\(error)".contains("--theme") && "\(error)".contains(folder.path("Themes/nope").path)
        }
        #expect(
            try resolver.resolve([SettingsLayer(origin: .flags, values: [.theme: "default", .timeFormat: "12h"])])
                .rendering.clock
                == .twelveHour)
        #expect(throws: ConfigurationError.self) {
            try resolver.resolve([SettingsLayer(origin: .flags, values: [.timeFormat: "25h"])])
        }
    }

    /// `stagefeed build` with a broken theme exits 2 naming the file, and writes nothing.
    @Test func theCommandRefusesABrokenTheme() async throws {
        let (folder, _) = try theme(["templates/index.mustache": "{{<layout}}{{$main}}{{#days}}{{/main}}{{/layout}}"])
        let result = try await CommandRunner.run(["build", "--theme", "mine"], in: folder.url)
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("Themes/mine/templates/index.mustache:1:"))
        #expect(!folder.files().contains { $0.hasPrefix("output/") && !$0.hasPrefix("output/.") })
    }

    /// The default theme's text colours against its backgrounds reach WCAG AA (4.5:1), in
    /// light and in dark mode.
    @Test func theDefaultThemeHasEnoughContrast() throws {
        let css = String(
            decoding: try Data(contentsOf: ThemeLoader.defaultFolder.appendingPathComponent("assets/site.css")),
            as: UTF8.self)
        func colours(after marker: String) throws -> [String: String] {
            let start = try #require(css.range(of: marker)).upperBound
            let block = css[start...].prefix { $0 != "}" }
            return Dictionary(
                block.matches(of: /--([a-z-]+):\s*#([0-9a-fA-F]{6})/).map { (String($0.1), String($0.2)) }
            ) { $1 }
        }
        func luminance(_ hex: String) -> Double {
            let channels = stride(from: 0, to: 6, by: 2).map { offset -> Double in
                let start = hex.index(hex.startIndex, offsetBy: offset)
                let value = Double(Int(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!) / 255
                return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
        }
        let pairs = [
            ("fg", "bg"), ("muted", "bg"), ("link", "bg"), ("bg", "link"), ("fg", "block"), ("muted", "block"),
            ("link", "block"), ("fg", "now"), ("muted", "now"), ("link", "now"), ("star", "bg"), ("star", "block"),
            ("star", "now"), ("now-edge", "bg"),
        ]
        for (mode, marker) in [("light", ":root {"), ("dark", "prefers-color-scheme: dark) {\n  :root {")] {
            let palette = try colours(after: marker)
            for (text, background) in pairs {
                let (a, b) = (luminance(try #require(palette[text])), luminance(try #require(palette[background])))
                let ratio = (max(a, b) + 0.05) / (min(a, b) + 0.05)
                #expect(ratio >= 4.5, "\(mode): --\(text) on --\(background) is \(ratio):1")
            }
        }
    }
}
