/// The festival days and stages every page lists (`days`, `stages`), and a long program's
/// groups of days (`dayGroups`, see `DayGroups`), made once per language and folder depth; a
/// day's or a stage's own page gets a copy with its entry `current`.
final class SiteNavigation: Sendable {
    private let days: TemplateList
    private let currentDays: [LocalDate: TemplateValue]
    private let dayPositions: [LocalDate: Int]
    /// A long program's groups (`{short, title, href, current}`), none for a shorter one.
    private let groups: TemplateList?
    private let currentGroups: [TemplateValue]
    /// The groups themselves (days and titles), for a day's page's row of its group's days.
    private let grouped: [DayGroups.Group]
    private let groupPositions: [LocalDate: Int]
    private let stages: TemplateList
    private let currentStages: [String: TemplateValue]
    private let stagePositions: [String: Int]

    /// The navigation of pages whose way to the language's home is `home`; `groups` are the
    /// program's `DayGroups` (empty for a program that lists every day).
    init(
        program: Program, home: String, strings: Strings, labels: TimeLabels, spansWeeks: Bool,
        groups grouped: [DayGroups.Group]
    ) {
        func day(_ day: FestivalDay, current: Bool) -> TemplateValue {
            .object(
                TemplateFields([
                    "title": .text(labels.dayTitle(day.date)),
                    "short": .text(spansWeeks ? labels.shortDatedDay(day.date) : labels.shortDay(day.date)),
                    "date": .text(day.date.description), "setCount": .number(day.performanceIDs.count),
                    "hasSets": .bool(!day.performanceIDs.isEmpty),
                    "setLabel": .text(strings.count("set_count", day.performanceIDs.count)),
                    "href": .text(home + OutputPaths.day(day.date)), "current": .bool(current),
                ]))
        }
        func stage(_ stage: Stage, current: Bool) -> TemplateValue {
            .object(
                TemplateFields([
                    "name": .text(stage.name), "href": .text(home + OutputPaths.stage(stage.slug)),
                    "current": .bool(current),
                ]))
        }
        days = TemplateList(program.days.map { day($0, current: false) })
        currentDays = Dictionary(
            program.days.map { ($0.date, day($0, current: true)) }, uniquingKeysWith: { first, _ in first })
        dayPositions = Dictionary(
            program.days.enumerated().map { ($1.date, $0) }, uniquingKeysWith: { first, _ in first })
        func group(_ group: DayGroups.Group, current: Bool) -> TemplateValue {
            .object(
                TemplateFields([
                    "short": .text(group.short), "title": .text(group.title),
                    "href": .text(home + OutputPaths.day(group.days[0])), "current": .bool(current),
                ]))
        }
        groups = grouped.isEmpty ? nil : TemplateList(grouped.map { group($0, current: false) })
        currentGroups = grouped.map { group($0, current: true) }
        self.grouped = grouped
        groupPositions = Dictionary(
            grouped.enumerated().flatMap { position, group in group.days.map { ($0, position) } },
            uniquingKeysWith: { first, _ in first })
        stages = TemplateList(program.stages.map { stage($0, current: false) })
        currentStages = Dictionary(
            program.stages.map { ($0.slug, stage($0, current: true)) }, uniquingKeysWith: { first, _ in first })
        stagePositions = Dictionary(
            program.stages.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The days, `current` marked.
    func days(current: LocalDate?) -> TemplateValue {
        guard let current, let position = dayPositions[current], let marked = currentDays[current] else {
            return .sharedList(days)
        }
        var list = days.items
        list[position] = marked
        return .list(list)
    }

    /// A long program's groups of days, the one holding `current` marked; false for a program
    /// whose navigation lists every day.
    func dayGroups(current: LocalDate?) -> TemplateValue {
        guard let groups else { return .bool(false) }
        guard let current, let position = groupPositions[current] else { return .sharedList(groups) }
        var list = groups.items
        list[position] = currentGroups[position]
        return .list(list)
    }

    /// For a day's own page in a long program: its group's title and days (`dayGroup`:
    /// `{title, days}`, the day `current`); false otherwise.
    func group(of current: LocalDate) -> TemplateValue {
        guard let position = groupPositions[current] else { return .bool(false) }
        let entries = grouped[position].days.compactMap { date -> TemplateValue? in
            guard let index = dayPositions[date] else { return nil }
            return date == current ? currentDays[date] : days.items[index]
        }
        return .object(TemplateFields(["title": .text(grouped[position].title), "days": .list(entries)]))
    }

    /// The stages (by slug), `current` marked.
    func stages(current: String?) -> TemplateValue {
        guard let current, let position = stagePositions[current], let marked = currentStages[current] else {
            return .sharedList(stages)
        }
        var list = stages.items
        list[position] = marked
        return .list(list)
    }
}
