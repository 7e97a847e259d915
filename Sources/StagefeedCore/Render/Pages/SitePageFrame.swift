import Foundation

/// What every site page has of its own around its content: its `title`, whether it is the
/// index (`isIndex`), the same page in the other languages (`languages`), the festival with
/// the time this page's content last changed (`site`), the page's calendar links
/// (`calendar`), the navigation with this page marked (`days`, `stages`, and a long
/// program's `dayGroups` and, on a day's page, `dayGroup`: see `SiteNavigation`), its card for
/// shared links and its canonical address (`meta`, see `SocialCard`) and its schema.org
/// JSON-LD (`structuredData`, for a `<script type="application/ld+json">` with triple
/// braces; false when the page has none).
struct SitePageFrame {
    let title: String
    let isIndex: Bool
    let languages: TemplateValue
    let site: TemplateValue
    let calendar: TemplateValue
    let days: TemplateValue
    let dayGroups: TemplateValue
    let dayGroup: TemplateValue
    let stages: TemplateValue
    let meta: TemplateValue
    let structuredData: TemplateValue

    /// The frame of the page at `path` (among its language's pages) in `site`'s language,
    /// its card saying `description` and showing `picture` (else the theme's).
    init(
        path: String, title: String, calendar calendarPath: String, updated: Date?, site: SiteContext,
        currentDay: LocalDate? = nil, currentStage: String? = nil, description: String? = nil,
        picture: SocialCard.Picture? = nil, structuredData: [UInt8]? = nil
    ) {
        self.title = title
        meta = SocialCard(path: path, title: title, description: description, picture: picture, site: site).value
        // Written as JSONWriter made it: a set's page held it as text only to copy it out again.
        self.structuredData = structuredData.map { json in .stream(TemplateStream { try $0(json) }) } ?? .bool(false)
        isIndex = path == OutputPaths.index
        let root = OutputPaths.root(of: site.locale.folder + path)
        languages =
            site.locales.count > 1
            ? .list(
                site.locales.map { other in
                    .object(
                        TemplateFields([
                            "tag": .text(other.tag), "name": .text(other.autonym),
                            "href": .text(root + other.folder + path),
                            "current": .bool(other == site.locale),
                        ]))
                }) : .bool(false)
        self.site = .object(SiteBlock(info: site.info, updated: updated, labels: site.labels))
        calendar = CalendarLinks(path: calendarPath, root: root, siteURL: site.siteURL).value
        let navigation = site.navigation(depth: OutputPaths.depth(of: path))
        days = navigation.days(current: currentDay)
        dayGroups = navigation.dayGroups(current: currentDay)
        dayGroup = currentDay.map { navigation.group(of: $0) } ?? .bool(false)
        stages = navigation.stages(current: currentStage)
    }

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "title": return .text(title)
        case "isIndex": return .bool(isIndex)
        case "languages": return languages
        case "site": return site
        case "calendar": return calendar
        case "days": return days
        case "dayGroups": return dayGroups
        case "dayGroup": return dayGroup
        case "stages": return stages
        case "meta": return meta
        case "structuredData": return structuredData
        default: return nil
        }
    }
}

/// The festival as every page shows it (`site.name`, `site.dates`…), with when the page's
/// own content last changed (`site.updated`, `site.updatedISO`: false when unknown).
struct SiteBlock: TemplateObject {
    let info: SiteInfo
    private let updated: TemplateValue
    private let updatedISO: TemplateValue

    init(info: SiteInfo, updated: Date?, labels: TimeLabels) {
        self.info = info
        guard let updated else {
            (self.updated, updatedISO) = (.bool(false), .bool(false))
            return
        }
        let local = info.clock.local(updated)
        self.updated = .text("\(labels.dayTitle(local.date)), \(labels.time(minuteOfDay: local.minuteOfDay))")
        updatedISO = .text(info.clock.iso8601(updated))
    }

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "updated": return updated
        case "updatedISO": return updatedISO
        default: return info.value(forKey: key)
        }
    }
}

/// The festival's name, dates, timezone, description and clock in one language.
final class SiteInfo: TemplateObject {
    let clock: EventClock
    private let fields: [String: TemplateValue]

    init(program: Program, sourceName: String, labels: TimeLabels, clock: EventClock) {
        self.clock = clock
        let event = program.event, format = labels.format
        fields = [
            "name": .text(event.name),
            "key": .text(Slug.token(for: "\(sourceName)/\(event.id)")),
            "dates": .text(format.dateRange(event.startDate, event.endDate)),
            "timeZone": .text(event.timeZone.identifier),
            "description": .list(Paragraphs.of(event.description).map(TemplateValue.text)),
            "clock": .text(format.usesTwelveHourClock ? "12h" : "24h"),
        ]
    }

    func value(forKey key: String) -> TemplateValue? { fields[key] }
}
