/// "My schedule" (`my`): the sets starred in the browser, and friends' picks beside them,
/// listed by its script from the program the page carries. Adds `reminders` (`[{value,
/// label, selected}]`: the reminder choices of the calendar file it makes, in minutes or
/// `none`) and `scheduleJSON`: the program for the script, JSON to put inside `<script
/// type="application/json" id="schedule-data">` with triple braces; it is written into the
/// page piece by piece as the page is written (megabytes at a large festival), never held
/// whole.
struct MySchedulePage: TemplateObject {
    /// The reminder choices of the calendar file the page makes, in minutes before a set
    /// (nil: none); the default is 15.
    static let reminders: [Int?] = [5, 10, 15, 30, 60, nil]
    static let defaultReminder = 15

    let frame: SitePageFrame
    private let schedule: TemplateValue
    private let reminders: TemplateValue

    init(site: SiteContext) {
        let resources = site.resources, program = resources.program
        frame = SitePageFrame(
            path: OutputPaths.mySchedule, title: "\(site.strings["my_schedule"]) · \(program.event.name)",
            calendar: OutputPaths.programCalendar,
            updated: site.lastChange(of: (0..<Int32(program.performances.count)).map { $0 }), site: site)
        let strings = site.strings
        reminders = .list(
            Self.reminders.map { minutes in
                let label =
                    switch minutes {
                    case nil: strings["reminder_none"]
                    case 60?: strings["reminder_hour"]
                    case let minutes?: strings.format("reminder_minutes", ["count": String(minutes)])
                    }
                return .object(
                    TemplateFields([
                        "value": .text(minutes.map(String.init) ?? "none"), "label": .text(label),
                        "selected": .bool(minutes == Self.defaultReminder),
                    ]))
            })
        let home = site.home(depth: 1), labels = site.labels
        schedule = .stream(
            TemplateStream { append in
                var json = JSONWriter(style: .script, capacity: 1 << 18)
                json.beginObject()
                json.key(Keys.event)
                json.string(program.event.name)
                json.key(Keys.sets)
                json.beginArray()
                for (position, performance) in program.performances.enumerated() {
                    let facts = resources.performances[position]
                    let page =
                        performance.artistID.flatMap { resources.artistsByID[$0] }.map { OutputPaths.artist($0.slug) }
                        ?? OutputPaths.day(performance.day)
                    json.beginObject()
                    json.key(Keys.code)
                    json.string(facts.code)
                    json.key(Keys.day)
                    json.string(performance.day.description)
                    json.key(Keys.dayTitle)
                    json.string(labels.dayTitle(performance.day))
                    json.key(Keys.end)
                    json.string(facts.endISO)
                    json.key(Keys.href)
                    json.string(home + page)
                    json.key(Keys.id)
                    json.string(facts.uid)
                    json.key(Keys.name)
                    json.string(performance.displayName)
                    json.key(Keys.stage)
                    json.string(resources.stagesByID[performance.stageID]?.name ?? performance.stageID)
                    json.key(Keys.start)
                    json.string(facts.startISO)
                    json.key(Keys.time)
                    json.string(
                        labels.time(minuteOfDay: facts.start.minuteOfDay) + "–"
                            + labels.time(minuteOfDay: facts.end.minuteOfDay))
                    json.key(Keys.uid)
                    json.string(facts.uid)
                    json.endObject()
                    if json.bytes.count >= 1 << 18 { try json.handBytes(to: append) }
                }
                json.endArray()
                json.key(Keys.timeZone)
                json.string(program.event.timeZone.identifier)
                json.endObject()
                try json.handBytes(to: append)
            })
    }

    private enum Keys {
        static let event = JSONKey("event"), sets = JSONKey("sets"), timeZone = JSONKey("timeZone")
        static let day = JSONKey("day"), dayTitle = JSONKey("dayTitle"), end = JSONKey("end"), href = JSONKey("href")
        static let id = JSONKey("id"), name = JSONKey("name"), stage = JSONKey("stage"), start = JSONKey("start")
        static let time = JSONKey("time"), uid = JSONKey("uid"), code = JSONKey("code")
    }

    /// What the page shows: the language's digest and every set.
    static func digest(site: SiteContext) -> UnitDigest {
        var digest = DigestBuilder("my schedule")
        digest.add(site.digest)
        for set in site.setDigests { digest.add(set) }
        return digest.finish()
    }

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "scheduleJSON": return schedule
        case "reminders": return reminders
        default: return frame.value(forKey: key)
        }
    }
}
