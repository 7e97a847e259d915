/// The festival days and stages every page lists (`days`, `stages`), made once per language
/// and folder depth; a day's or a stage's own page gets a copy with its entry `current`.
final class SiteNavigation: Sendable {
    private let days: TemplateList
    private let currentDays: [LocalDate: TemplateValue]
    private let dayPositions: [LocalDate: Int]
    private let stages: TemplateList
    private let currentStages: [String: TemplateValue]
    private let stagePositions: [String: Int]

    init(program: Program, home: String, strings: Strings, labels: TimeLabels, spansWeeks: Bool) {
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
