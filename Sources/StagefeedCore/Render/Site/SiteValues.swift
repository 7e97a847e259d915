import Foundation

/// The values templates see, built from the program for one page of one language at a
/// time. Strings from the data are given as they are (templates escape them, see
/// `MarkupContentType`); every link is relative to the page: `root` leads back to `output/` (assets,
/// feeds, calendars), `home` to the language's own pages. The README's themes section
/// lists these names.
struct SiteValues {
    let program: Program
    let context: BuildContext
    let format: EventTimeFormat
    let locale: SiteLocale
    let locales: [SiteLocale]
    let strings: Strings
    /// Asset paths under `output/` by template name (`site_css` → `assets/site.1a2b3c4d.css`).
    let assets: [String: String]
    private let stagesByID: [String: Stage]
    private let artistsByID: [String: Artist]
    /// The program's performances by artist, stage and day.
    let index: ProgramIndex
    /// When the program last changed (see `BuildContext.lastChange(of:)`).
    let lastChanged: Date?
    /// What is the same on every page of the language: the site block, the script strings,
    /// and the days and stages for the navigation.
    private var site: [String: Any] = [:]
    private var scriptStringsJSON = "{}"
    private var navigation = SiteNavigation(days: [], stages: [])
    /// More than a week from the first day to the last: short day labels carry the date.
    private var spansWeeks = false

    init(
        program: Program, context: BuildContext, locale: SiteLocale, locales: [SiteLocale], strings: Strings,
        clock: ClockStyle?, assets: [String: String]
    ) {
        self.program = program
        self.context = context
        self.format = EventTimeFormat(timeZone: program.event.timeZone, locale: locale.locale, clock: clock)
        self.locale = locale
        self.locales = locales
        self.strings = strings
        self.assets = assets
        stagesByID = Dictionary(program.stages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        artistsByID = Dictionary(program.artists.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        index = ProgramIndex(program)
        let lastChanged = context.lastChange(of: program)
        self.lastChanged = lastChanged
        let format = self.format, event = program.event
        site = [
            "name": event.name,
            "key": Slug.token(for: "\(context.sourceName)/\(event.id)"),
            "dates": dateRange(),
            "timeZone": event.timeZone.identifier,
            "description": paragraphs(event.description),
            "updated": lastChanged.map { "\(format.dayTitle(format.localDate($0))), \(format.displayTime($0))" }
                ?? false,
            "updatedISO": lastChanged.map(format.iso8601) ?? false,
            "clock": format.usesTwelveHourClock ? "12h" : "24h",
        ]
        scriptStringsJSON = (try? ScriptJSON.encode(scriptStrings)) ?? "{}"
        if let first = program.days.first?.date, let last = program.days.last?.date {
            spansWeeks = first.adding(days: 6) < last
        }
        navigation = SiteNavigation(
            days: program.days.map { day in
                (
                    [
                        "title": format.dayTitle(day.date), "short": shortDay(day.date), "date": day.date.description,
                        "setCount": day.performanceIDs.count, "hasSets": !day.performanceIDs.isEmpty,
                        "setLabel": strings.count("set_count", day.performanceIDs.count),
                    ] as [String: Any], SitePath.day(day.date)
                )
            },
            stages: program.stages.map { stage in (["name": stage.name] as [String: Any], SitePath.stage(stage.slug)) })
    }

    /// What every page gets: the site, navigation, feeds, assets and the page's own
    /// title and calendar.
    /// `path` is the page's path among the language's pages (`days/2027-07-23/index.html`).
    func page(path: String, title: String, calendar calendarPath: String, extra: [String: Any]) -> [String: Any] {
        let root = SitePath.root(of: locale.folder + path)
        let home = root + locale.folder
        let event = program.event
        var values: [String: Any] = [
            "lang": locale.tag,
            "dir": locale.isRightToLeft ? "rtl" : "ltr",
            "root": root,
            "home": home,
            "t": strings.values,
            "generator": "stagefeed \(StagefeedVersion.current)",
            "title": title,
            "isIndex": path == SitePath.index,
            "hasLanguages": locales.count > 1,
            "languages": locales.count > 1
                ? locales.map { other in
                    [
                        "tag": other.tag, "name": other.autonym, "href": root + other.folder + path,
                        "current": other == locale,
                    ] as [String: Any]
                } : false,
            "footer": [
                "times": strings.format("times_note", ["zone": event.timeZone.identifier])
            ],
            "scriptStrings": scriptStringsJSON,
            "site": site,
            "assets": assets.mapValues { root + $0 },
            "links": [
                "home": home + SitePath.index,
                "mySchedule": home + SitePath.mySchedule,
                "programFeed": root + "feeds/program.json",
                "changesFeed": root + "feeds/changes.json",
                "changesAtom": root + "feeds/changes.xml",
                "status": root + "feeds/status.json",
                "scheduleXML": root + "schedule.xml",
                "scheduleJSON": root + "schedule.json",
                "serviceWorker": root + SitePath.serviceWorker,
                "programCalendar": calendar("calendar/program.ics", root: root),
            ] as [String: Any],
            "calendar": calendar(calendarPath, root: root),
            "days": navigation.days(home: home, current: path),
            "stages": navigation.stages(home: home, current: path),
        ]
        values.merge(extra) { _, new in new }
        return values
    }

    /// A short day label: the weekday (`Sat`), or with the day of the month (`Sat 5`) when
    /// the program spans more than a week and weekdays repeat (a venue's season).
    func shortDay(_ date: LocalDate) -> String {
        spansWeeks ? format.shortDatedDay(date) : format.shortDay(date)
    }

    /// A calendar link pair: `subscribe` (`webcal://` when the public address is known,
    /// else the relative file) and `download` (always the relative file).
    func calendar(_ path: String, root: String) -> [String: Any] {
        var subscribe = root + path
        var isWebcal = false
        if let site = context.siteURL,
            var parts = URLComponents(url: site.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        {
            parts.scheme = "webcal"
            if let string = parts.string {
                subscribe = string
                isWebcal = true
            }
        }
        return ["subscribe": subscribe, "download": root + path, "webcal": isWebcal]
    }

    /// The way from a page of this language back to the language's home folder.
    func home(of path: String) -> String {
        SitePath.root(of: locale.folder + path) + locale.folder
    }

    /// The strings the site's script needs, embedded in every page.
    private var scriptStrings: [String: String] {
        Dictionary(
            uniqueKeysWithValues: [
                "offline_notice", "offline_notice_unknown", "clashes_with", "my_schedule_calendar", "star",
            ]
            .map { ($0, strings[$0]) })
    }

    /// One set as templates see it, with page links relative to `home`.
    func set(_ performance: Performance, home: String) -> [String: Any] {
        let stage = stagesByID[performance.stageID]
        let artist = performance.artistID.flatMap { artistsByID[$0] }
        var values: [String: Any] = [
            "id": uid(of: performance),
            "uid": uid(of: performance),
            "name": performance.displayName,
            "start": format.displayTime(performance.start),
            "end": format.displayTime(performance.end),
            "startISO": format.iso8601(performance.start),
            "endISO": format.iso8601(performance.end),
            "minutes": Int(performance.duration / 60),
            "dayTitle": format.dayTitle(performance.day),
            "dayShort": shortDay(performance.day),
            "dayHref": home + SitePath.day(performance.day),
            "stageName": stage?.name ?? performance.stageID,
            "stageHref": stage.map { home + SitePath.stage($0.slug) } ?? false,
            "starLabel": strings.format("star", ["name": performance.displayName]),
            "description": paragraphs(performance.description),
        ]
        // Absent values are `false`, not missing, so a section never picks up a page-level
        // value of the same name.
        // A night with a line-up links each artist below its name instead.
        values["artistHref"] =
            performance.lineup == nil ? artist.map { home + SitePath.artist($0.slug) } ?? false : false
        values["artistName"] = artist.map { $0.name as Any } ?? false
        values["activity"] = performance.activity.map { $0.name as Any } ?? false
        // A night's line-up (beyond the headliner the name links to), facts and tickets.
        let lineup = (performance.lineup ?? []).compactMap { artistsByID[$0] }
        values["hasLineup"] = lineup.count > 1
        values["lineup"] = lineup.map { ["name": $0.name, "href": home + SitePath.artist($0.slug)] }
        let facts = performance.details.map { NightFacts.text($0, strings: strings) } ?? ""
        values["facts"] = facts.isEmpty ? false : facts
        values["ticketHref"] = performance.details?.ticketURL.map { $0 as Any } ?? false
        return values
    }

    func stage(id: String) -> Stage? { stagesByID[id] }
    func artist(id: String) -> Artist? { artistsByID[id] }

    /// The set's calendar UID, the same as in the `.ics` files, so imports merge.
    func uid(of performance: Performance) -> String {
        StableUUID.performance(performance.id, event: program.event.id, source: context.sourceName).uuidString
            .lowercased()
    }

    /// The festival's dates as the language writes a range: `July 23 – 25, 2027`, `23–25 de julio de 2027`.
    func dateRange() -> String {
        format.dateRange(program.event.startDate, program.event.endDate)
    }

    /// A count the way the language writes numbers: `8,000`, `8.000`.
    func number(_ value: Int) -> String {
        value.formatted(.number.locale(locale.locale))
    }

    /// A text from the data made safe for the template engine.
    /// A line without the white space around it.
    private static func trimmed(_ line: Substring) -> Substring {
        var start = line.startIndex, end = line.endIndex
        while start < end, line[start].isWhitespace { start = line.index(after: start) }
        while end > start, line[line.index(before: end)].isWhitespace { end = line.index(before: end) }
        return line[start..<end]
    }

    /// Paragraphs of a longer text (split on blank lines; single line breaks kept as spaces).
    func paragraphs(_ value: String?) -> [String] {
        guard let value else { return [] }
        let normalized =
            value.contains("\r")
            ? value.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : value
        // Swift's own splitting and trimming: many times cheaper than Foundation's on long bios.
        return normalized.split(separator: "\n\n", omittingEmptySubsequences: false)
            .map { paragraph in
                paragraph.split(whereSeparator: \.isNewline).map(Self.trimmed).joined(separator: " ")
            }
            .filter { !$0.allSatisfy(\.isWhitespace) }
    }
}
