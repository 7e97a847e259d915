import Foundation

/// What every screen of one language shares: the language's names, the signage code's
/// `version`, the `clock` (`24h`, `12h`, or empty for the language's habit), the `event`'s
/// name, its `timeZone`, the strings the screen's script says (`stringsJSON`) and the
/// festival clock the site's pages share (`clockScript`: the theme's `assets/clock.js`).
final class SignageFrame: TemplateObject {
    private let fields: [String: TemplateValue]

    init(
        language: LanguageFrame, version: String, clock: ClockStyle?, event: Event, scriptStrings: String,
        clockScript: String
    ) {
        fields = language.adding(to: [
            "version": .text(version), "clock": .text(clock?.rawValue ?? ""), "event": .text(event.name),
            "timeZone": .text(event.timeZone.identifier), "stringsJSON": .text(scriptStrings),
            "clockScript": .text(clockScript),
        ])
    }

    func value(forKey key: String) -> TemplateValue? { fields[key] }
}

/// A screen (`signage-stage`, `signage-board`): its `title`, the program slice it shows as
/// JSON for its script (`dataJSON`, triple braces), where it polls for fresh data (`feed`,
/// `versionURL`, `announcementsURL`, `changesURL`; empty in a package without a public
/// address), listens for pushed events (`eventsURL`: on the site only), where pictures are
/// (`imageRoot`), and, for a stage's screen, `stage: {name, slug}` with `fallback` (the
/// stage's program by day, `[{title, sets: [{start, name}]}]`, shown until the script runs),
/// or, for the board, `stages`.
struct SignagePage: TemplateObject {
    let fields: [String: TemplateValue]

    func value(forKey key: String) -> TemplateValue? { fields[key] }

    /// This page with other polling addresses (its package's) and the address its pictures'
    /// paths are taken from (`imageRoot`: empty in a package without a public address, which
    /// then shows none).
    func polling(_ links: SignagePolling) -> SignagePage {
        var fields = fields
        fields["feed"] = .text(links.feed)
        fields["versionURL"] = .text(links.versionURL)
        fields["announcementsURL"] = .text(links.announcements)
        fields["changesURL"] = .text(links.changes)
        fields["eventsURL"] = .text(links.events)
        fields["imageRoot"] = .text(links.imageRoot)
        return SignagePage(fields: fields)
    }
}

/// The addresses a screen polls (its program feed, the signage version, the announcements
/// and the change feed), the event stream it listens to and the root its pictures' paths are
/// taken from, all empty where it has none.
struct SignagePolling: Sendable {
    var feed = "", versionURL = "", announcements = "", changes = "", events = "", imageRoot = ""

    init() {}

    /// Under `root` (`../../` on the site, the public address in a package); the event
    /// stream, `/events` of a watch's server, only where the page is served from there.
    init(root: String, feed: String, events: Bool) {
        self.feed = root + feed
        versionURL = root + OutputPaths.signageVersion
        announcements = root + OutputPaths.announcements
        changes = root + OutputPaths.changes
        self.events = events ? root + "events" : ""
        imageRoot = root
    }
}

/// The program slice a screen carries inline, in the shape of the feeds it later polls
/// (`feeds/stages/<slug>.json`, `feeds/days/YYYY-MM-DD.json`), so its script reads both
/// alike: compact JSON for a script element. `updated` (when its sets last changed) lets the
/// script tell a clock set before the build.
enum SignageData {
    static func json(resources: RenderResources, stages: [Stage], positions: [Int32], updated: Date?) -> String {
        let program = resources.program
        var json = JSONWriter(style: .script, capacity: 1024 + positions.count * 200)
        json.beginObject()
        json.key("days")
        ScriptDay.write(program.days.map { ScriptDay($0, clock: resources.clock) }, into: &json)
        json.key("event")
        json.beginObject()
        json.key("name")
        json.string(program.event.name)
        json.key("timezone")
        json.string(program.event.timeZone.identifier)
        json.endObject()
        json.key("performances")
        json.beginArray()
        for position in positions {
            let performance = program.performances[Int(position)], facts = resources.performances[Int(position)]
            json.beginObject()
            json.key("day")
            json.string(performance.day.description)
            json.key("end")
            json.string(facts.endISO)
            json.key("id")
            json.string(performance.id)
            json.key("image")
            FeedJSON.image(facts.image, siteURL: resources.context.siteURL, into: &json)
            json.key("stage_id")
            json.string(performance.stageID)
            json.key("start")
            json.string(facts.startISO)
            json.key("title")
            json.string(performance.displayName)
            json.endObject()
        }
        json.endArray()
        json.key("stages")
        json.beginArray()
        for stage in stages {
            json.beginObject()
            json.key("id")
            json.string(stage.id)
            json.key("name")
            json.string(stage.name)
            json.key("slug")
            json.string(stage.slug)
            json.endObject()
        }
        json.endArray()
        if let updated {
            json.key("updated")
            json.string(resources.clock.iso8601(updated))
        }
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
