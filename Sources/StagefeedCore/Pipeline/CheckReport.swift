import Foundation

/// What `stagefeed check` prints: the source and its key, the event, the program's size,
/// the rate-limit budget, the store, and what a build would change in the output.
public struct CheckReport: Sendable {
    public var sourceDescription: String
    public var inspection: SourceInspection
    public var preview: WriteReport
    public var outputFolder: URL
    public var now: Date
    /// Template tags whose names their pages do not have (see `TemplateMiss`).
    public var themeMisses: [TemplateMiss] = []

    public init(
        sourceDescription: String, inspection: SourceInspection, preview: WriteReport, outputFolder: URL, now: Date
    ) {
        self.sourceDescription = sourceDescription
        self.inspection = inspection
        self.preview = preview
        self.outputFolder = outputFolder
        self.now = now
    }

    /// Label and value pairs, in print order.
    public var lines: [(String, String)] {
        let program = inspection.program
        let event = program.event
        var lines: [(String, String)] = [
            ("source", sourceDescription),
            ("event", "\(event.name) (\(event.id))"),
            (
                "dates",
                "\(event.startDate) to \(event.endDate), \(event.timeZone.identifier), festival days start at \(program.dayStart)"
            ),
            (
                "program",
                "\(program.stages.count) stages, \(program.artists.count) artists, \(program.performances.count) performances, \(program.days.count) festival days"
            ),
            (
                "warnings",
                program.warnings.isEmpty ? "none" : program.warnings.map(\.description).joined(separator: "; ")
            ),
        ]
        if let rate = inspection.rateLimit, let remaining = rate.remaining {
            let limit = rate.limit.map { " of \($0)" } ?? ""
            let reset = rate.reset.map { ", resets in \(max(0, Int($0.timeIntervalSince(now).rounded()))) s" } ?? ""
            lines.append(("rate limit", "\(remaining)\(limit) requests left\(reset)"))
        } else if inspection.storePath != nil {
            lines.append(("rate limit", "not announced by the API"))
        }
        if let path = inspection.storePath {
            if let state = inspection.storeState {
                let age = Int(now.timeIntervalSince(state.checkedAt))
                lines.append(
                    (
                        "store",
                        "\(path): last checked \(age) s ago, data last changed \(Int(now.timeIntervalSince(state.changedAt))) s ago"
                    ))
            } else {
                lines.append(("store", "\(path): empty (the first build fills it)"))
            }
        }
        lines.append(
            (
                "theme",
                themeMisses.isEmpty ? "every name its templates use is known" : "\(themeMisses.count) unknown names"
            ))
        for miss in themeMisses { lines.append(("", miss.description)) }
        lines.append(
            (
                "output",
                "\(outputFolder.path): a build would write \(preview.written.count), keep \(preview.unchanged), remove \(preview.removed.count) files"
            ))
        return lines
    }

    /// The report as aligned text.
    public var text: String {
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 }.joined(
            separator: "\n")
    }
}
