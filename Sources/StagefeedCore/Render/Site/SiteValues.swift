import Foundation

/// The values templates see, built from the program for one page at a time. Every string
/// from the data passes through `Markup.inert` (the template engine escapes it); every
/// link is relative to the page (`root` leads back to `output/`). The README's themes
/// section lists these names.
struct SiteValues {
    let program: Program
    let context: BuildContext
    let format: EventTimeFormat
    let clock: ClockStyle
    /// Asset paths under `output/` by template name (`site_css` → `assets/site.1a2b3c4d.css`).
    let assets: [String: String]
    private let stagesByID: [String: Stage]
    private let artistsByID: [String: Artist]

    init(program: Program, context: BuildContext, clock: ClockStyle, assets: [String: String]) {
        self.program = program
        self.context = context
        self.format = EventTimeFormat(timeZone: program.event.timeZone)
        self.clock = clock
        self.assets = assets
        stagesByID = Dictionary(program.stages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        artistsByID = Dictionary(program.artists.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// What every page gets: the site, navigation, feeds, assets and the page's own
    /// title and calendar.
    func page(path: String, title: String, calendar calendarPath: String, extra: [String: Any]) -> [String: Any] {
        let root = SitePath.root(of: path)
        let event = program.event
        var values: [String: Any] = [
            "lang": "en",
            "root": root,
            "generator": "stagefeed \(StagefeedVersion.current)",
            "title": text(title),
            "isIndex": path == SitePath.index,
            "site": [
                "name": text(event.name),
                "key": Slug.token(for: "\(context.sourceName)/\(event.id)"),
                "dates": text(dateRange()),
                "timeZone": event.timeZone.identifier,
                "description": paragraphs(event.description),
                "updated": lastChanged.map { "\(format.dayTitle(format.localDate($0))), \(format.clockTime($0, style: clock))" } ?? false,
                "updatedISO": lastChanged.map(format.iso8601) ?? false,
                "clock": clock.rawValue,
            ] as [String: Any],
            "assets": assets.mapValues { root + $0 },
            "links": [
                "home": root + SitePath.index,
                "mySchedule": root + SitePath.mySchedule,
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
            "days": program.days.map { day in
                ["title": format.dayTitle(day.date), "short": format.shortDay(day.date), "date": day.date.description,
                 "href": root + SitePath.day(day.date), "current": path == SitePath.day(day.date),
                 "setCount": day.performanceIDs.count, "hasSets": !day.performanceIDs.isEmpty] as [String: Any]
            },
            "stages": program.stages.map { stage in
                ["name": text(stage.name), "href": root + SitePath.stage(stage.slug),
                 "current": path == SitePath.stage(stage.slug)] as [String: Any]
            },
        ]
        values.merge(extra) { _, new in new }
        return values
    }

    /// A calendar link pair: `subscribe` (`webcal://` when the public address is known,
    /// else the relative file) and `download` (always the relative file).
    func calendar(_ path: String, root: String) -> [String: Any] {
        var subscribe = root + path
        var isWebcal = false
        if let site = context.siteURL, var parts = URLComponents(url: site.appendingPathComponent(path), resolvingAgainstBaseURL: false) {
            parts.scheme = "webcal"
            if let string = parts.string { subscribe = string; isWebcal = true }
        }
        return ["subscribe": subscribe, "download": root + path, "webcal": isWebcal]
    }

    /// One set as templates see it, with links relative to `root`.
    func set(_ performance: Performance, root: String) -> [String: Any] {
        let stage = stagesByID[performance.stageID]
        let artist = performance.artistID.flatMap { artistsByID[$0] }
        var values: [String: Any] = [
            "id": uid(of: performance),
            "uid": uid(of: performance),
            "name": text(performance.displayName),
            "start": format.clockTime(performance.start, style: clock),
            "end": format.clockTime(performance.end, style: clock),
            "startISO": format.iso8601(performance.start),
            "endISO": format.iso8601(performance.end),
            "minutes": Int(performance.duration / 60),
            "dayTitle": format.dayTitle(performance.day),
            "dayShort": format.shortDay(performance.day),
            "dayHref": root + SitePath.day(performance.day),
            "stageName": text(stage?.name ?? performance.stageID),
            "stageHref": stage.map { root + SitePath.stage($0.slug) } ?? false,
            "description": paragraphs(performance.description),
        ]
        // Absent values are `false`, not missing, so a section never picks up a page-level
        // value of the same name.
        values["artistHref"] = artist.map { root + SitePath.artist($0.slug) } ?? false
        values["artistName"] = artist.map { text($0.name) } ?? false
        values["activity"] = performance.activity.map { text($0.name) } ?? false
        return values
    }

    func stage(id: String) -> Stage? { stagesByID[id] }
    func artist(id: String) -> Artist? { artistsByID[id] }

    /// The set's calendar UID, the same as in the `.ics` files, so imports merge.
    func uid(of performance: Performance) -> String {
        StableUUID.performance(performance.id, event: program.event.id, source: context.sourceName).uuidString.lowercased()
    }

    /// When the program last changed (see `BuildContext.lastChange(of:)`).
    var lastChanged: Date? { context.lastChange(of: program) }

    /// `23–25 July 2027`, `30 June – 2 July 2027`, or `30 December 2027 – 1 January 2028`.
    func dateRange() -> String {
        let start = program.event.startDate, end = program.event.endDate
        if start == end { return format.dayTitle(start) }
        let first = format.dayTitle(start).split(separator: " ").dropFirst(), last = format.dayTitle(end).split(separator: " ").dropFirst()
        if start.year != end.year { return "\(first.joined(separator: " ")) – \(last.joined(separator: " "))" }
        if start.month != end.month { return "\(first.dropLast().joined(separator: " ")) – \(last.joined(separator: " "))" }
        return "\(start.day)–\(last.joined(separator: " "))"
    }

    /// A text from the data made safe for the template engine.
    func text(_ value: String) -> String { Markup.inert(value) }

    /// Paragraphs of a longer text (split on blank lines; single line breaks kept as spaces).
    func paragraphs(_ value: String?) -> [String] {
        guard let value else { return [] }
        let normalized = value.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalized.components(separatedBy: "\n\n")
            .map { $0.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
            .map(text)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
