import Foundation

/// One language's share of a site build, made once: its strings and time labels, the
/// festival block, the frames and navigation of each folder depth, and a model of every
/// set for the pages that list sets. Pages of that language read it from any thread.
final class SiteContext: Sendable {
    let resources: RenderResources
    let locale: SiteLocale
    let locales: [SiteLocale]
    let strings: Strings
    let labels: TimeLabels
    let info: SiteInfo
    let siteURL: URL?
    /// The theme, language, clock and program around the pages: part of every page's digest.
    let digest: UnitDigest
    /// Site frames and navigation by folder depth (0: the index, 1: "my schedule", 2: days,
    /// stages and artists), and the fragments of each depth.
    private let frames: [SiteFrame]
    private let navigations: [SiteNavigation]
    let fragments: [TemplateFragments]
    /// More than a week from the first day to the last: short day labels carry the date.
    private let spansWeeks: Bool
    /// Every set, by its position in the program, for pages two folders down.
    let sets: [SetModel]

    init(
        resources: RenderResources, locale: SiteLocale, locales: [SiteLocale], strings: Strings, clock: ClockStyle?,
        assets: [String: String], themeDigest: String
    ) {
        let program = resources.program
        let labels = TimeLabels(timeZone: program.event.timeZone, locale: locale.locale, clock: clock)
        var spansWeeks = false
        if let first = program.days.first?.date, let last = program.days.last?.date {
            spansWeeks = first.adding(days: 6) < last
        }
        let language = LanguageFrame(locale: locale, strings: strings)
        let scriptKeys = [
            "offline_notice", "offline_notice_unknown", "clashes_with", "my_schedule_calendar", "star",
            "announcement_warning", "announcement_emergency",
        ]
        let scriptStrings =
            (try? ScriptJSON.encode(Dictionary(uniqueKeysWithValues: scriptKeys.map { ($0, strings[$0]) }))) ?? "{}"
        let frames = (0...2).map { depth in
            SiteFrame(
                language: language, depth: depth + locale.folder.split(separator: "/").count,
                languageCount: locales.count,
                assets: assets, siteURL: resources.context.siteURL, timeZone: program.event.timeZone.identifier,
                scriptStrings: scriptStrings)
        }
        var digest = DigestBuilder("site language")
        digest.add(themeDigest)
        digest.add(locales.map(\.tag))
        digest.add(locale.tag)
        digest.add(clock?.rawValue)
        digest.add(resources.programDigest)
        let languageDigest = digest.finish()
        let setContext = SetModel.Context(
            resources: resources, labels: labels, strings: strings, home: frames[2].home, spansWeeks: spansWeeks,
            digest: languageDigest)
        let performances = program.performances
        sets = ParallelWork.map(Array(performances.indices)) { position in
            SetModel(
                position: position, performance: performances[position], facts: resources.performances[position],
                site: setContext)
        }
        self.resources = resources
        self.locale = locale
        self.locales = locales
        self.strings = strings
        self.labels = labels
        self.spansWeeks = spansWeeks
        self.frames = frames
        self.digest = languageDigest
        info = SiteInfo(
            program: program, sourceName: resources.context.sourceName, labels: labels, clock: resources.clock)
        siteURL = resources.context.siteURL
        navigations = frames.map {
            SiteNavigation(program: program, home: $0.home, strings: strings, labels: labels, spansWeeks: spansWeeks)
        }
        fragments = (0...2).map { _ in TemplateFragments() }
    }

    /// The frame of pages `depth` folders below the language's home.
    func frame(depth: Int) -> SiteFrame { frames[depth] }

    /// The navigation of pages `depth` folders down.
    func navigation(depth: Int) -> SiteNavigation { navigations[depth] }

    /// The way from a page `depth` folders down to the language's home.
    func home(depth: Int) -> String { frames[depth].home }

    /// A short day label: `Sat`, or `Sat 5` when the program spans more than a week.
    func shortDay(_ date: LocalDate) -> String {
        spansWeeks ? labels.shortDatedDay(date) : labels.shortDay(date)
    }

    /// The sets at `positions` (program order).
    func sets(_ positions: [Int32]) -> [SetModel] { positions.map { sets[Int($0)] } }

    /// When the sets at `positions` last changed, or the event did, whichever is later.
    func lastChange(of positions: [Int32]) -> Date? {
        [resources.lastChange(of: positions), resources.program.event.updatedAt].compactMap { $0 }.max()
    }
}
