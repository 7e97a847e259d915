import Foundation

/// What every site page of one language at one folder depth shares: the language's names,
/// the way back to the root (`root`) and to the language's home (`home`), the assets, the
/// feeds' and calendars' links, the footer's note, the strings the site's script says and
/// what it needs to know of the festival (`siteData`: `{base, days: [[date, start, end]], home,
/// root, search, zone}`, JSON for a script element). One instance per language and depth: a
/// fragment made against it is valid on every page that has it (see `TemplateFragments`).
final class SiteFrame: TemplateObject {
    /// `../../` from a page two folders down; `home` adds a further language's folder.
    let root: String
    let home: String
    private let fields: [String: TemplateValue]

    init(
        language: LanguageFrame, depth: Int, languageCount: Int, assets: [String: String], siteURL: URL?,
        timeZone: String, scriptStrings: String, days: MinuteDays
    ) {
        root = String(repeating: "../", count: depth)
        home = root + language.locale.folder
        let strings = language.strings
        fields = language.adding(to: [
            "root": .text(root),
            "home": .text(home),
            "hasLanguages": .bool(languageCount > 1),
            "footer": .object(TemplateFields(["times": .text(strings.format("times_note", ["zone": timeZone]))])),
            "scriptStrings": .text(scriptStrings),
            "siteData": .text(SiteScriptData.json(days: days, home: home, root: root, zone: timeZone)),
            "assets": .object(TemplateFields(assets.mapValues { [root] in .text(root + $0) })),
            "links": .object(
                TemplateFields([
                    "home": .text(home + OutputPaths.index),
                    "mySchedule": .text(home + OutputPaths.mySchedule),
                    "manifest": .text(home + OutputPaths.manifest),
                    "programFeed": .text(root + OutputPaths.programFeed),
                    "changesFeed": .text(root + OutputPaths.changes),
                    "changesAtom": .text(root + OutputPaths.changesAtom),
                    "status": .text(root + OutputPaths.status),
                    "announcements": .text(root + OutputPaths.announcements),
                    "scheduleXML": .text(root + OutputPaths.scheduleXML),
                    "scheduleJSON": .text(root + OutputPaths.scheduleJSON),
                    "serviceWorker": .text(root + OutputPaths.serviceWorker),
                    "programCalendar": CalendarLinks(path: OutputPaths.programCalendar, root: root, siteURL: siteURL)
                        .value,
                ])),
        ])
    }

    func value(forKey key: String) -> TemplateValue? { fields[key] }
}

/// A calendar's links as templates see them: `subscribe` (`webcal://` when the public
/// address is known, else the relative file), `download` (the relative file) and `webcal`.
struct CalendarLinks {
    let value: TemplateValue

    init(path: String, root: String, siteURL: URL?) {
        var subscribe = root + path
        var isWebcal = false
        if let siteURL,
            var parts = URLComponents(url: siteURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        {
            parts.scheme = "webcal"
            if let string = parts.string {
                subscribe = string
                isWebcal = true
            }
        }
        value = .object(
            TemplateFields(["subscribe": .text(subscribe), "download": .text(root + path), "webcal": .bool(isWebcal)]))
    }
}
