/// A program's performances grouped once by artist (line-ups included), stage and day,
/// in program order, so a renderer's lookups cost a dictionary access instead of a scan.
public struct ProgramIndex: Sendable {
    private let byArtist: [String: [Performance]]
    private let byStage: [String: [Performance]]
    private let byDay: [LocalDate: [Performance]]
    private let byStageAndDay: [String: [LocalDate: [Performance]]]

    public init(_ program: Program) {
        var byArtist: [String: [Performance]] = [:], byStage: [String: [Performance]] = [:], byDay: [LocalDate: [Performance]] = [:]
        var byStageAndDay: [String: [LocalDate: [Performance]]] = [:]
        for performance in program.performances {
            for artist in performance.artistIDs { byArtist[artist, default: []].append(performance) }
            byStage[performance.stageID, default: []].append(performance)
            byDay[performance.day, default: []].append(performance)
            byStageAndDay[performance.stageID, default: [:]][performance.day, default: []].append(performance)
        }
        self.byArtist = byArtist
        self.byStage = byStage
        self.byDay = byDay
        self.byStageAndDay = byStageAndDay
    }

    /// As `Program.performances(byArtist:)`.
    public func performances(byArtist id: String) -> [Performance] { byArtist[id] ?? [] }
    /// As `Program.performances(onStage:)`.
    public func performances(onStage id: String) -> [Performance] { byStage[id] ?? [] }
    /// As `Program.performances(on:)`.
    public func performances(on day: LocalDate) -> [Performance] { byDay[day] ?? [] }
    /// One stage's performances of one day.
    public func performances(onStage id: String, on day: LocalDate) -> [Performance] { byStageAndDay[id]?[day] ?? [] }
}
