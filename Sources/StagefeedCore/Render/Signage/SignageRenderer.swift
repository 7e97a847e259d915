import Crypto
import Foundation

/// The signage screens: `signage/stages/<slug>.html` (one stage: now, next, later) and
/// `signage/board.html` (every stage's now and next), each self-contained (inline style,
/// script and data) so a player can show it from a web server, from disk or from a zip;
/// and `signage/version.json`, the version of the signage code, which open screens poll
/// to reload themselves when it changes.
public struct SignageRenderer: Renderer {
    /// The templates the pages are rendered through (`signage-stage`, `signage-board`, `signage/…`).
    public var theme: Theme
    /// How times of day are written.
    public var clock: ClockStyle

    /// A renderer through `theme`, 24-hour unless told otherwise.
    public init(theme: Theme, clock: ClockStyle = .twentyFourHour) {
        self.theme = theme
        self.clock = clock
    }

    public func render(_ program: Program, context: BuildContext) throws -> [OutputFile] {
        let format = EventTimeFormat(timeZone: program.event.timeZone)
        let stages = program.stages
        let version = theme.version(ofTemplatesWithPrefix: "signage")
        let lastChanged = context.lastChange(of: program)
        func values(root: String, title: String, extra: [String: Any]) -> [String: Any] {
            var values: [String: Any] = [
                "lang": "en", "root": root, "title": Markup.inert(title), "version": version, "clock": clock.rawValue,
                "event": Markup.inert(program.event.name), "timeZone": program.event.timeZone.identifier,
                "generator": "stagefeed \(StagefeedVersion.current)",
            ]
            values.merge(extra) { $1 }
            return values
        }
        func stageValue(_ stage: Stage) -> SignageData.Stage {
            SignageData.Stage(id: stage.id, name: stage.name, slug: stage.slug)
        }
        /// The stage's whole program as plain lists, shown until the script takes over.
        func fallback(_ performances: [Performance]) -> [[String: Any]] {
            program.days.compactMap { day in
                let sets = performances.filter { $0.day == day.date }
                guard !sets.isEmpty else { return nil }
                return ["title": format.dayTitle(day.date), "sets": sets.map { set in
                    ["start": format.clockTime(set.start, style: clock), "name": Markup.inert(set.displayName),
                     "stage": Markup.inert(program.stage(id: set.stageID)?.name ?? set.stageID)] as [String: Any]
                }]
            }
        }

        var files: [OutputFile] = []
        for stage in stages {
            let performances = program.performances(onStage: stage.id)
            let data = SignageData(program: program, stages: [stageValue(stage)], performances: performances, updated: lastChanged)
            let page = values(root: "../../", title: "\(stage.name) · \(program.event.name)", extra: [
                "stage": ["name": Markup.inert(stage.name), "slug": stage.slug] as [String: Any],
                "feed": "../../feeds/stages/\(stage.slug).json",
                "versionURL": "../version.json",
                "dataJSON": try ScriptJSON.encode(data),
                "fallback": fallback(performances),
            ])
            files.append(OutputFile(path: "signage/stages/\(stage.slug).html", text: try theme.render("signage-stage", page)))
        }
        let data = SignageData(program: program, stages: stages.map(stageValue), performances: program.performances, updated: lastChanged)
        let board = values(root: "../", title: "Now and next · \(program.event.name)", extra: [
            "stages": stages.map { ["name": Markup.inert($0.name), "slug": $0.slug] as [String: Any] },
            "feed": "../feeds/days/",
            "versionURL": "version.json",
            "dataJSON": try ScriptJSON.encode(data),
        ])
        files.append(OutputFile(path: "signage/board.html", text: try theme.render("signage-board", board)))
        files.append(OutputFile(path: "signage/version.json", text: "{\"version\":\"\(version)\"}\n"))
        return files
    }
}
