import Foundation

/// A stage (`stage`): its sets day by day. Adds `stage` (`{name, description, capacity}`,
/// capacity as text such as "Capacity: 8,000" or false), `stageDays` (`[{title, date, href,
/// sets}]`, days with sets on the stage) and `hasSets`.
struct StagePage: TemplateObject {
    let frame: SitePageFrame
    private let stage: TemplateValue
    private let stageDays: TemplateValue
    private let hasSets: Bool

    init(_ stage: Stage, site: SiteContext) {
        let resources = site.resources, program = resources.program, home = site.home(depth: 2)
        let positions = resources.index.positions(onStage: stage.id)
        let headliners = program.days.flatMap {
            site.headliners(resources.index.positions(onStage: stage.id, on: $0.date))
        }
        frame = SitePageFrame(
            path: OutputPaths.stage(stage.slug), title: "\(stage.name) · \(program.event.name)",
            calendar: OutputPaths.stageCalendar(stage.slug), updated: site.lastChange(of: positions), site: site,
            currentStage: stage.slug,
            description: SocialCard.summary(stage.description)
                ?? (headliners.isEmpty ? nil : "\(stage.name): \(site.list(Array(headliners.prefix(4))))"),
            structuredData: site.structuredData(
                positions: positions, cancelled: site.cancelled { $0.stageID == stage.id }))
        var capacity = TemplateValue.bool(false)
        if case .people(let count)? = stage.capacity {
            capacity = .text(
                site.strings.format("capacity", ["count": count.formatted(.number.locale(site.locale.locale))]))
        }
        self.stage = .object(
            TemplateFields([
                "name": .text(stage.name),
                "description": .list(Paragraphs.of(stage.description).map(TemplateValue.text)), "capacity": capacity,
            ]))
        stageDays = .list(
            program.days.compactMap { day in
                let sets = site.sets(resources.index.positions(onStage: stage.id, on: day.date))
                guard !sets.isEmpty else { return nil }
                return .object(
                    TemplateFields([
                        "title": .text(site.labels.dayTitle(day.date)), "date": .text(day.date.description),
                        "href": .text(home + OutputPaths.day(day.date)), "sets": .list(sets.map { .object($0) }),
                    ]))
            })
        hasSets = !positions.isEmpty
    }

    /// What the stage's page shows: the language's digest (with the stage's own fields) and
    /// each of its sets.
    static func digest(_ stage: Stage, site: SiteContext) -> UnitDigest {
        var digest = DigestBuilder("stage page")
        digest.add(site.digest)
        digest.add(stage.slug)
        for position in site.resources.index.positions(onStage: stage.id) {
            digest.add(site.setDigests[Int(position)])
        }
        site.add(site.cancelled { $0.stageID == stage.id }, to: &digest)
        return digest.finish()
    }

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "stage": return stage
        case "stageDays": return stageDays
        case "hasSets": return .bool(hasSets)
        default: return frame.value(forKey: key)
        }
    }
}
