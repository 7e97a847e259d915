import Foundation

/// The program slice a signage page carries inline, in the same shape as the feeds it
/// later polls (`feeds/stages/<slug>.json`, `feeds/days/YYYY-MM-DD.json`), so its script
/// reads both alike. `updated` (when the program last changed) lets the script tell a
/// clock set before the build.
struct SignageData: Encodable {
    struct Event: Encodable {
        var name: String
        var timezone: String
    }
    struct Day: Encodable {
        var date: String
        var start: String
        var end: String
    }
    struct Stage: Encodable {
        var id: String
        var name: String
        var slug: String
    }
    struct Set: Encodable {
        var id: String
        var stage_id: String
        var title: String
        var start: String
        var end: String
        var day: String
    }

    var event: Event
    var updated: String?
    var days: [Day]
    var stages: [Stage]
    var performances: [Set]

    init(program: Program, stages: [Stage], performances: [Performance], updated: Date?) {
        let format = EventTimeFormat(timeZone: program.event.timeZone)
        event = Event(name: program.event.name, timezone: program.event.timeZone.identifier)
        self.updated = updated.map(format.iso8601)
        days = program.days.map {
            Day(date: $0.date.description, start: format.iso8601($0.start), end: format.iso8601($0.end))
        }
        self.stages = stages
        self.performances = performances.map {
            Set(
                id: $0.id, stage_id: $0.stageID, title: $0.displayName, start: format.iso8601($0.start),
                end: format.iso8601($0.end), day: $0.day.description)
        }
    }
}
