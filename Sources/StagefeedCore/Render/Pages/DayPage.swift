/// A festival day (`day`): every set of the day by time and a timetable grid. Adds `day`
/// (`{title, date, startISO, endISO, previous, next}`, the neighbours `{title, href}` or
/// false), `sets`, `hasSets`, `grid` (`{rows, stageCount, startISO, slotSeconds, hours:
/// [{label, row}], columns: [{name, slug, href, sets}]}`, false for a day without sets;
/// grid sets add `row` and `span`) and `filters` (`{stages: [{name, slug}], kinds: [{name,
/// key}], hasKinds}`: the day's stages, and the activities and genres of its sets).
struct DayPage: TemplateObject {
    let frame: SitePageFrame
    private let day: TemplateValue
    private let sets: TemplateValue
    private let hasSets: Bool
    private let grid: TemplateValue
    private let filters: TemplateValue

    init(_ festivalDay: FestivalDay, site: SiteContext) {
        let program = site.resources.program, home = site.home(depth: 2), labels = site.labels
        let positions = site.resources.index.positions(on: festivalDay.date)
        let models = site.sets(positions)
        let path = OutputPaths.day(festivalDay.date)
        let headliners = site.headliners(positions)
        frame = SitePageFrame(
            path: path, title: "\(labels.dayTitle(festivalDay.date)) · \(program.event.name)",
            calendar: OutputPaths.dayCalendar(festivalDay.date), updated: site.lastChange(of: positions), site: site,
            currentDay: festivalDay.date,
            description: headliners.isEmpty
                ? nil : "\(labels.dayTitle(festivalDay.date)): \(site.list(headliners))",
            structuredData: site.structuredData(
                positions: positions, cancelled: site.cancelled { $0.day == festivalDay.date }))
        let position = program.days.firstIndex { $0.date == festivalDay.date } ?? 0
        func neighbour(_ index: Int) -> TemplateValue {
            guard program.days.indices.contains(index) else { return .bool(false) }
            let date = program.days[index].date
            return .object(
                TemplateFields(["title": .text(labels.dayTitle(date)), "href": .text(home + OutputPaths.day(date))]))
        }
        day = .object(
            TemplateFields([
                "title": .text(labels.dayTitle(festivalDay.date)), "date": .text(festivalDay.date.description),
                "startISO": .text(site.resources.clock.iso8601(festivalDay.start)),
                "endISO": .text(site.resources.clock.iso8601(festivalDay.end)),
                "previous": neighbour(position - 1), "next": neighbour(position + 1),
            ]))
        sets = .list(models.map { .object($0) })
        hasSets = !models.isEmpty
        let performances = positions.map { program.performances[Int($0)] }
        var kindNames: [String] = []
        for performance in performances {
            for name in SetKinds.names(of: performance) where !kindNames.contains(name) { kindNames.append(name) }
        }
        filters = .object(
            TemplateFields([
                "stages": .list(
                    program.stages.map {
                        .object(TemplateFields(["name": .text($0.name), "slug": .text($0.slug)]))
                    }),
                "kinds": .list(
                    kindNames.sorted().map {
                        .object(TemplateFields(["name": .text($0), "key": .text(SetKinds.key(of: $0))]))
                    }),
                "hasKinds": .bool(!kindNames.isEmpty),
            ]))
        if let geometry = DayGrid(performances: performances, format: labels.format) {
            let clock = site.resources.clock
            var blocks: [String: [TemplateValue]] = [:]
            for (model, performance) in zip(models, performances) {
                let placed = geometry.place(performance)
                blocks[performance.stageID, default: []].append(
                    .object(GridSetModel(set: model, row: placed.row, span: placed.span)))
            }
            grid = .object(
                TemplateFields([
                    "rows": .number(geometry.rows), "stageCount": .number(program.stages.count),
                    "startISO": .text(clock.iso8601(geometry.start)), "slotSeconds": .number(Int(DayGrid.slot)),
                    "hours": .list(
                        geometry.hours.map { mark in
                            .object(
                                TemplateFields([
                                    "label": .text(labels.hourMark(minuteOfDay: clock.local(mark.instant).minuteOfDay)),
                                    "row": .number(mark.row),
                                ]))
                        }),
                    "columns": .list(
                        program.stages.map { stage in
                            .object(
                                TemplateFields([
                                    "name": .text(stage.name), "slug": .text(stage.slug),
                                    "href": .text(home + OutputPaths.stage(stage.slug)),
                                    "sets": .list(blocks[stage.id] ?? []),
                                ]))
                        }),
                ]))
        } else {
            grid = .bool(false)
        }
    }

    /// What the day's page shows: the language's digest (the stages and days among it), the
    /// date and each of its sets.
    static func digest(_ day: FestivalDay, site: SiteContext) -> UnitDigest {
        var digest = DigestBuilder("day")
        digest.add(site.digest)
        digest.add(day.date.description)
        for position in site.resources.index.positions(on: day.date) { digest.add(site.setDigests[Int(position)]) }
        site.add(site.cancelled { $0.day == day.date }, to: &digest)
        return digest.finish()
    }

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "day": return day
        case "sets": return sets
        case "hasSets": return .bool(hasSets)
        case "grid": return grid
        case "filters": return filters
        default: return frame.value(forKey: key)
        }
    }
}
