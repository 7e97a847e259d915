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
        "full_program", "offline_since", "check_clock", "not_started", "done_today", "announcement_info",
        "announcement_warning", "announcement_emergency", "announcement_moved", "announcement_restaged",
        "announcement_cancelled",
    ]

    public func units(for resources: RenderResources) throws -> [RenderUnit] {
        // The signage code: its templates, the festival clock it shares with the site, the
        // strings it says and the clock it shows.
        var code =
            theme.version(ofTemplatesWithPrefix: "signage") + theme.inlineScript(Theme.clockScript)
            + (clock?.rawValue ?? "")
        for locale in locales {
            code += try ScriptJSON.encode(theme.strings.strings(for: locale).strings.values)
        }
        let version = Slug.token(for: code)
        var units: [RenderUnit] = []
        for locale in locales {
            units += try self.units(for: resources, locale: locale, version: version)
        }
        var digest = DigestBuilder("signage version")
        digest.add(version)
        units.append(
            RenderUnit(key: OutputPaths.signageVersion, digest: digest.finish(), cost: 30) { sink in
                try sink.emit(OutputFile(path: OutputPaths.signageVersion, text: "{\"version\":\"\(version)\"}\n"))
            })
        return units
    }

    private func units(for resources: RenderResources, locale: SiteLocale, version: String) throws -> [RenderUnit] {
        let program = resources.program, context = resources.context, index = resources.index
        let strings = theme.strings.strings(for: locale).strings
        let labels = TimeLabels(timeZone: program.event.timeZone, locale: locale.locale, clock: clock)
        let scriptStrings = try ScriptJSON.encode(
            Dictionary(uniqueKeysWithValues: Self.scriptKeys.map { ($0, strings[$0]) }))
        let frame = SignageFrame(
            language: LanguageFrame(locale: locale, strings: strings), version: version, clock: clock,
            event: program.event,
            scriptStrings: scriptStrings, clockScript: theme.inlineScript(Theme.clockScript))
        var screens = DigestBuilder("signage screens")
        screens.add(theme.digest)
        screens.add(locale.tag)
        screens.add(clock?.rawValue)
        screens.add(version)
        screens.add(resources.programDigest)
        let screensDigest = screens.finish()
        /// Where a screen polls: relative on the site (with the event stream a watch's
        /// server offers); in a package, absolute on the public site when its address is
        /// known, else nowhere (the package shows its own data).
        @Sendable func polling(feed: String, page: String?) -> SignagePolling {
            if let page {
                return SignagePolling(root: OutputPaths.root(of: page), feed: feed, events: true)
            }
            // The site's address always ends with a slash (see RenderSettings).
            guard let site = context.siteURL else { return SignagePolling() }
            return SignagePolling(root: site.absoluteString, feed: feed, events: false)
        }
        /// The page at `path` and its package at `package`.
        func unit(
            key path: String, package: String, template: String, digest: UnitDigest, cost: Int, feed: String,
            page: @escaping @Sendable () -> SignagePage
        ) -> RenderUnit {
            RenderUnit(key: path, digest: digest, cost: cost) { [theme] sink in
                let made = page()
                for (target, links) in [
                    (path, polling(feed: feed, page: path)), (package, polling(feed: feed, page: nil)),
                ] {
                    var output = TemplateOutput(capacity: 32 << 10)
                    try theme.render(
                        template, page: made.polling(links), frame: frame, fragments: nil, into: &output)
                    // The page's bytes as rendered, not checked again as text: a board's page
                    // holds its program's data, and its package a second copy.
                    let bytes = Data(output.bytes)
                    try sink.emit(
                        target == path
                            ? OutputFile(path: target, contents: bytes)
                            : OutputFile(path: target, contents: try SignagePackage.zip(page: bytes)))
                }
            }
        }
        let folder = locale.folder
        var units: [RenderUnit] = []
        for stage in program.stages {
            let positions = index.positions(onStage: stage.id)
            var digest = DigestBuilder("signage stage")
            digest.add(screensDigest)
            digest.add(stage.slug)
            digest.add(context.siteURL?.absoluteString)
            for position in positions { digest.add(resources.performances[Int(position)].digest) }
            units.append(
                unit(
                    key: folder + OutputPaths.signageStage(stage.slug),
                    package: folder + OutputPaths.signageStagePackage(stage.slug),
                    template: "signage-stage", digest: digest.finish(), cost: 30_000 + positions.count * 400,
                    feed: OutputPaths.stageFeed(stage.slug)
                ) {
                    let fallback = program.days.compactMap { day -> TemplateValue? in
                        let sets = index.positions(onStage: stage.id, on: day.date)
                        guard !sets.isEmpty else { return nil }
                        return .object(
                            TemplateFields([
                                "title": .text(labels.dayTitle(day.date)),
                                "sets": .list(
                                    sets.map { position in
                                        let facts = resources.performances[Int(position)]
                                        return .object(
                                            TemplateFields([
                                                "start": .text(labels.time(minuteOfDay: facts.start.minuteOfDay)),
                                                "name": .text(program.performances[Int(position)].displayName),
                                            ]))
                                    }),
                            ]))
                    }
                    return SignagePage(fields: [
                        "title": .text("\(stage.name) · \(program.event.name)"),
                        "stage": .object(TemplateFields(["name": .text(stage.name), "slug": .text(stage.slug)])),
                        "dataJSON": .text(
                            SignageData.json(
                                resources: resources, stages: [stage], positions: positions,
                                updated: Self.lastChange(resources, positions))),
                        "fallback": .list(fallback),
                    ])
                })
        }
        var board = DigestBuilder("signage board")
        board.add(screensDigest)
        board.add(context.siteURL?.absoluteString)
        board.add(resources.setsDigest)
        units.append(
            unit(
                key: folder + OutputPaths.signageBoard, package: folder + OutputPaths.signageBoardPackage,
                template: "signage-board", digest: board.finish(), cost: 30_000 + program.performances.count * 400,
                feed: OutputPaths.dayFeeds
            ) {
                let all = (0..<Int32(program.performances.count)).map { $0 }
                return SignagePage(fields: [
                    "title": .text("\(strings["now_and_next"]) · \(program.event.name)"),
                    "stages": .list(
                        program.stages.map {
                            .object(TemplateFields(["name": .text($0.name), "slug": .text($0.slug)]))
                        }),
                    "dataJSON": .text(
                        SignageData.json(
                            resources: resources, stages: program.stages, positions: all,
                            updated: Self.lastChange(resources, all))),
                ])
            })
        return units
    }

    /// When the sets at `positions` last changed, or the event did.
    private static func lastChange(_ resources: RenderResources, _ positions: [Int32]) -> Date? {
        [resources.lastChange(of: positions), resources.program.event.updatedAt].compactMap { $0 }.max()
    }
}
