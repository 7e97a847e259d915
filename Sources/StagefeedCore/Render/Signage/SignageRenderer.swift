import Foundation

/// The signage screens: `signage/stages/<slug>.html` (one stage: now, next, later) and
/// `signage/board.html` (every stage's now and next), each self-contained (inline style,
/// script, data and strings) so a player can show it from a web server or from disk; the
/// same pages as HTML packages in `signage/packages/` (`stages/<slug>.zip`, `board.zip`), which
/// poll the public feeds when the site's address is known; one set per language (the
/// first at `signage/`, the others at `<tag>/signage/`); and `signage/version.json`, the
/// version of the signage code, which open screens poll to reload themselves.
public struct SignageRenderer: Renderer {
    /// The templates the pages are rendered through (`signage-stage`, `signage-board`, `signage/…`).
    public var theme: Theme
    /// 24- or 12-hour times; nil: each language's habit.
    public var clock: ClockStyle?
    /// The languages, the first at the root of the output.
    public var locales: [SiteLocale]

    /// A renderer through `theme`, in English unless told otherwise.
    public init(theme: Theme, clock: ClockStyle? = nil, locales: [SiteLocale] = [.english]) {
        self.theme = theme
        self.clock = clock
        self.locales = locales
    }

    /// The strings the signage script says, embedded in each page.
    static let scriptKeys = [
        "now", "next", "later", "today", "first_on_stage", "nothing_today", "changeover", "all_done",
        "full_program", "offline_since", "check_clock", "not_started", "done_today",
    ]

    public func render(_ program: Program, context: BuildContext, into sink: any OutputSink) throws {
        // The signage code: its templates, the strings it says and the clock it shows.
        var code = theme.version(ofTemplatesWithPrefix: "signage") + (clock?.rawValue ?? "")
        for locale in locales {
            code += try ScriptJSON.encode(theme.strings.strings(for: locale).strings.values)
        }
        let version = Slug.token(for: code)
        for locale in locales {
            try render(program, context: context, locale: locale, version: version, into: sink)
        }
        try sink.emit(OutputFile(path: "signage/version.json", text: "{\"version\":\"\(version)\"}\n"))
    }

    private func render(
        _ program: Program, context: BuildContext, locale: SiteLocale, version: String, into sink: any OutputSink
    ) throws {
        let format = EventTimeFormat(timeZone: program.event.timeZone, locale: locale.locale, clock: clock)
        let strings = theme.strings.strings(for: locale).strings
        let scriptStrings = try ScriptJSON.encode(
            Dictionary(uniqueKeysWithValues: Self.scriptKeys.map { ($0, strings[$0]) }))
        let lastChanged = context.lastChange(of: program)
        func values(title: String, extra: [String: Any]) -> [String: Any] {
            var values: [String: Any] = [
                "lang": locale.tag, "dir": locale.isRightToLeft ? "rtl" : "ltr", "t": strings.values,
                "title": title, "version": version, "clock": clock?.rawValue ?? "",
                "event": program.event.name, "timeZone": program.event.timeZone.identifier,
                "generator": "stagefeed \(StagefeedVersion.current)", "stringsJSON": scriptStrings,
            ]
            values.merge(extra) { $1 }
            return values
        }
        func stageValue(_ stage: Stage) -> SignageData.Stage {
            SignageData.Stage(id: stage.id, name: stage.name, slug: stage.slug)
        }
        /// The stage's whole program as plain lists, shown until the script takes over.
        let index = ProgramIndex(program)
        func fallback(_ stage: Stage) -> [[String: Any]] {
            program.days.compactMap { day in
                let sets = index.performances(onStage: stage.id, on: day.date)
                guard !sets.isEmpty else { return nil }
                return [
                    "title": format.dayTitle(day.date),
                    "sets": sets.map { set in
                        ["start": format.displayTime(set.start), "name": set.displayName] as [String: Any]
                    },
                ]
            }
        }
        /// Feed and version addresses: relative on the site; in a package, absolute on the
        /// public site when its address is known, else none (the package shows its own data).
        func links(feed: String, page: String?) -> [String: Any] {
            if let page {
                let root = SitePath.root(of: page)
                return ["feed": root + feed, "versionURL": root + "signage/version.json"]
            }
            guard let site = context.siteURL else { return ["feed": "", "versionURL": ""] }
            // The site's address always ends with a slash (see SettingsResolver).
            return ["feed": site.absoluteString + feed, "versionURL": site.absoluteString + "signage/version.json"]
        }

        let folder = locale.folder + "signage/"
        for stage in program.stages {
            let performances = index.performances(onStage: stage.id)
            let data = SignageData(
                program: program, stages: [stageValue(stage)], performances: performances, updated: lastChanged)
            let page = values(
                title: "\(stage.name) · \(program.event.name)",
                extra: [
                    "stage": ["name": stage.name, "slug": stage.slug] as [String: Any],
                    "dataJSON": try ScriptJSON.encode(data),
                    "fallback": fallback(stage),
                ])
            let feed = "feeds/stages/\(stage.slug).json"
            let path = folder + "stages/\(stage.slug).html"
            try sink.emit(
                OutputFile(
                    path: path,
                    text: try theme.render("signage-stage", page.merging(links(feed: feed, page: path)) { $1 })))
            let packaged = try theme.render("signage-stage", page.merging(links(feed: feed, page: nil)) { $1 })
            try sink.emit(
                OutputFile(
                    path: folder + "packages/stages/\(stage.slug).zip", contents: try SignagePackage.zip(page: packaged)
                ))
        }
        let data = SignageData(
            program: program, stages: program.stages.map(stageValue), performances: program.performances,
            updated: lastChanged)
        let board = values(
            title: "\(strings["now_and_next"]) · \(program.event.name)",
            extra: [
                "stages": program.stages.map { ["name": $0.name, "slug": $0.slug] as [String: Any] },
                "dataJSON": try ScriptJSON.encode(data),
            ])
        let path = folder + "board.html"
        try sink.emit(
            OutputFile(
                path: path,
                text: try theme.render("signage-board", board.merging(links(feed: "feeds/days/", page: path)) { $1 })))
        let packagedBoard = try theme.render(
            "signage-board", board.merging(links(feed: "feeds/days/", page: nil)) { $1 })
        try sink.emit(
            OutputFile(path: folder + "packages/board.zip", contents: try SignagePackage.zip(page: packagedBoard)))
    }
}
