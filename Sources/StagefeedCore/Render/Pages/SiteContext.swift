import Foundation
import Synchronization

/// One language's share of a site build, made once: its strings and time labels, the
/// festival block, the frames and navigation of each folder depth, each set's digest, and
/// each set's model once a page lists it. Pages of that language read it from any thread.
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
    /// What each set shows, by its position in the program (see `SetModel.digest`).
    let setDigests: [UnitDigest]
    /// What the set models are made with, and those made so far, by position: a set's model
    /// is made when a page first lists it, once, and shared by every page that lists it.
    private let setContext: SetModel.Context
    private let madeSets: Mutex<[SetModel?]>
    /// The theme's picture for shared links (`assets/social.png`), when it has one.
    let socialPicture: SocialCard.Picture?
    /// The language's schema.org writer (see `structuredData`).
    private let eventData: EventStructuredData
    /// The language's Open Graph locale (`en_US`) and the other languages' (see `SocialCard`).
    let openGraph: (locale: TemplateValue, alternates: TemplateValue)

    init(
        resources: RenderResources, locale: SiteLocale, locales: [SiteLocale], strings: Strings, clock: ClockStyle?,
        assets: [String: String], themeDigest: String, socialPicture: SocialCard.Picture? = nil
    ) {
        let program = resources.program
        let labels = TimeLabels(timeZone: program.event.timeZone, locale: locale.locale, clock: clock)
        var spansWeeks = false
        if let first = program.days.first?.date, let last = program.days.last?.date {
            spansWeeks = first.adding(days: 6) < last
        }
        let language = LanguageFrame(locale: locale, strings: strings)
        let scriptStrings =
            (try? ScriptJSON.encode(Dictionary(uniqueKeysWithValues: Self.scriptKeys.map { ($0, strings[$0]) })))
            ?? "{}"
        let days = MinuteDays(program.days, fallback: program.performances.first?.start)
        let frames = (0...2).map { depth in
            SiteFrame(
                language: language, depth: depth + locale.folder.split(separator: "/").count,
                languageCount: locales.count,
                assets: assets, siteURL: resources.context.siteURL, timeZone: program.event.timeZone.identifier,
                scriptStrings: scriptStrings, days: days)
        }
        var digest = DigestBuilder("site language")
        digest.add(themeDigest)
        digest.add(locales.map(\.tag))
        digest.add(locale.tag)
        digest.add(clock?.rawValue)
        digest.add(resources.programDigest)
        let languageDigest = digest.finish()
        let setContext = SetModel.Context(
            resources: resources, labels: labels, strings: strings, home: frames[2].home, spansWeeks: spansWeeks)
        setDigests = resources.performances.map { SetModel.digest(of: $0, language: languageDigest) }
        self.setContext = setContext
        madeSets = Mutex(Array(repeating: nil, count: program.performances.count))
        self.resources = resources
        self.socialPicture = socialPicture
        eventData = EventStructuredData(resources: resources, folder: locale.folder)
        openGraph = (
            .text(locale.openGraphLocale), .list(locales.filter { $0 != locale }.map { .text($0.openGraphLocale) })
        )
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
        let groups = DayGroups(days: program.days.map(\.date), format: labels.format)?.groups ?? []
        navigations = frames.map {
            SiteNavigation(
                program: program, home: $0.home, strings: strings, labels: labels, spansWeeks: spansWeeks,
                groups: groups)
        }
        fragments = (0...2).map { _ in TemplateFragments() }
    }

    /// The strings the site's scripts say (`scriptStrings`, in every page).
    static let scriptKeys = [
        "offline_notice", "offline_notice_unknown", "clashes_with", "my_schedule_calendar", "star",
        "search_count_one", "search_count_other", "search_none", "search_more", "search_unavailable", "search_artist",
        "stage", "now_on_day", "filter_status", "on_now_until", "on_now_next", "now", "changeover", "not_started",
        "done_today", "reminder_alarm", "friend_added", "friend_remove", "friend_picks_one", "friend_picks_other",
        "picked_by", "clashes_with_yours", "announcement_warning", "announcement_emergency",
    ]

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
    func sets(_ positions: [Int32]) -> [SetModel] { positions.map { set(at: Int($0)) } }

    /// The model of the set at `position`: the one made before, else made now (by whichever
    /// page asks first; another page asking meanwhile gets the same one).
    private func set(at position: Int) -> SetModel {
        if let made = madeSets.withLock({ $0[position] }) { return made }
        let model = SetModel(position: position, site: setContext)
        return madeSets.withLock { made in
            if let earlier = made[position] { return earlier }
            made[position] = model
            return model
        }
    }

    /// The closing act of each stage among the sets at `positions` (the set that ends last,
    /// an artist's before an activity), in stage order: who a day or a stage is known by.
    func headliners(_ positions: [Int32]) -> [String] {
        let program = resources.program
        var closing: [String: Performance] = [:]
        for position in positions {
            let performance = program.performances[Int(position)]
            let rank = (performance.activity == nil ? 1 : 0, performance.end)
            if let current = closing[performance.stageID], (current.activity == nil ? 1 : 0, current.end) >= rank {
                continue
            }
            closing[performance.stageID] = performance
        }
        return program.stages.compactMap { closing[$0.id]?.displayName }
    }

    /// Names as a list in the page's language ("A, B and C").
    func list(_ names: [String]) -> String {
        names.formatted(.list(type: .and).locale(locale.locale))
    }

    /// A set as a line: "Saturday, July 24, 2027, 21:00–22:00, Main Stage".
    func setSummary(at position: Int32) -> String {
        let performance = resources.program.performances[Int(position)], facts = resources.performances[Int(position)]
        let stage = resources.stagesByID[performance.stageID]?.name ?? performance.stageID
        return
            "\(labels.dayTitle(performance.day)), \(labels.time(minuteOfDay: facts.start.minuteOfDay))–\(labels.time(minuteOfDay: facts.end.minuteOfDay)), \(stage)"
    }

    /// The cancelled sets still kept (see `keep_cancelled`) that `include` picks.
    func cancelled(where include: (Performance) -> Bool) -> [PerformanceRevision] {
        resources.context.cancelled.filter { include($0.lastSeen) }
    }

    /// The structured data of the sets at `positions` and the `cancelled` ones (and of the
    /// festival itself, on the index).
    func structuredData(festival: Bool = false, positions: [Int32], cancelled: [PerformanceRevision]) -> [UInt8]? {
        eventData.json(festival: festival, positions: positions, cancelled: cancelled)
    }

    /// What the cancelled sets add to a page's digest: each as last seen, with its stage's
    /// and artists' names and its picture, and its revision.
    func add(_ cancelled: [PerformanceRevision], to digest: inout DigestBuilder) {
        for revision in cancelled {
            let facts = RenderResources.facts(
                of: revision.lastSeen, clock: resources.clock, program: resources.program, context: resources.context,
                stages: resources.stagesByID, artists: resources.artistsByID)
            digest.add(facts.digest)
            digest.add(revision.sequence)
            digest.add(revision.lastModified)
        }
    }

    /// When the sets at `positions` last changed, or the event did, whichever is later.
    func lastChange(of positions: [Int32]) -> Date? {
        [resources.lastChange(of: positions), resources.program.event.updatedAt].compactMap { $0 }.max()
    }
}
