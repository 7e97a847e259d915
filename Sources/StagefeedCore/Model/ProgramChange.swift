import Foundation

/// One change to the program noticed between two builds: a set added, moved in time,
/// renamed, moved to another stage, or cancelled. Its id is stable, so feed readers show
/// it once.
public struct ProgramChange: Sendable, Equatable, Codable {
    /// What changed.
    public enum Kind: String, Sendable, Codable {
        case added, moved, renamed, restaged, cancelled
    }

    public var id: String
    public var kind: Kind
    public var performanceID: String
    /// When the build that noticed it ran.
    public var at: Date
    public var title: String
    public var previousTitle: String?
    public var start: Date
    public var previousStart: Date?
    public var end: Date
    public var stageID: String
    public var previousStageID: String?
    public var stageName: String
    public var previousStageName: String?
    public var day: LocalDate

    /// The changes between a performance as last seen and as it is now (nil: gone).
    static func between(
        _ before: Performance?, _ after: Performance?, at now: Date, stageNames: [String: String]
    ) -> [ProgramChange] {
        func make(_ kind: Kind, _ current: Performance, previous: Performance?) -> ProgramChange {
            let id = StableUUID.make(
                "change\u{1F}\(kind.rawValue)\u{1F}\(current.id)\u{1F}\(Int(now.timeIntervalSince1970))")
            return ProgramChange(
                id: StableUUID.lowercased(id), kind: kind, performanceID: current.id, at: now,
                title: current.displayName, previousTitle: previous?.displayName, start: current.start,
                previousStart: previous?.start, end: current.end, stageID: current.stageID,
                previousStageID: previous?.stageID,
                stageName: stageNames[current.stageID] ?? current.stageID,
                previousStageName: previous.map { stageNames[$0.stageID] ?? $0.stageID }, day: current.day)
        }
        switch (before, after) {
        case (nil, let after?):
            return [make(.added, after, previous: nil)]
        case (let before?, nil):
            return [make(.cancelled, before, previous: before)]
        case (let before?, let after?):
            var changes: [ProgramChange] = []
            if before.start != after.start || before.end != after.end {
                changes.append(make(.moved, after, previous: before))
            }
            if before.stageID != after.stageID { changes.append(make(.restaged, after, previous: before)) }
            if before.displayName != after.displayName { changes.append(make(.renamed, after, previous: before)) }
            return changes
        case (nil, nil):
            return []
        }
    }

    /// A sentence for people: "Moved: Kate Burke now Fri 23:30 on Main Stage (was 22:30)".
    public func sentence(format: EventTimeFormat, strings: Strings) -> String {
        let when = "\(format.shortDay(day)) \(format.displayTime(start))"
        var values = ["title": title, "when": when, "stage": stageName]
        switch kind {
        case .added:
            return strings.format("change_added", values)
        case .moved:
            values["was"] = previousStart.map { format.displayTime($0) } ?? "?"
            return strings.format("change_moved", values)
        case .restaged:
            values["was"] = previousStageName ?? "?"
            return strings.format("change_restaged", values)
        case .renamed:
            values["was"] = previousTitle ?? "?"
            return strings.format("change_renamed", values)
        case .cancelled:
            return strings.format("change_cancelled", values)
        }
    }
}
