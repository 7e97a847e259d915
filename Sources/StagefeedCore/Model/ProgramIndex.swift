/// A program's performances grouped once by artist (line-ups included), stage and day,
/// in program order, so a renderer's lookups cost a dictionary access instead of a scan.
/// Groups hold positions in the program's list, not copies of the performances: every
/// renderer worker keeps an index of its own.
public struct ProgramIndex: Sendable {
    private let performances: [Performance]
    private let byArtist: [String: [Int32]]
    private let byStage: [String: [Int32]]
    private let byDay: [LocalDate: [Int32]]
    private let byStageAndDay: [String: [LocalDate: [Int32]]]

    public init(_ program: Program) {
        var byArtist: [String: [Int32]] = [:], byStage: [String: [Int32]] = [:], byDay: [LocalDate: [Int32]] = [:]
        var byStageAndDay: [String: [LocalDate: [Int32]]] = [:]
        for (position, performance) in program.performances.enumerated() {
            let position = Int32(position)
            for artist in performance.artistIDs { byArtist[artist, default: []].append(position) }
            byStage[performance.stageID, default: []].append(position)
            byDay[performance.day, default: []].append(position)
            byStageAndDay[performance.stageID, default: [:]][performance.day, default: []].append(position)
        }
        performances = program.performances
        self.byArtist = byArtist
        self.byStage = byStage
        self.byDay = byDay
        self.byStageAndDay = byStageAndDay
    }

    /// Positions in `program.performances` of the artist's sets (line-ups included).
    public func positions(byArtist id: String) -> [Int32] { byArtist[id] ?? [] }
    /// Positions of the stage's sets.
    public func positions(onStage id: String) -> [Int32] { byStage[id] ?? [] }
    /// Positions of the festival day's sets.
    public func positions(on day: LocalDate) -> [Int32] { byDay[day] ?? [] }
    /// Positions of one stage's sets of one day.
    public func positions(onStage id: String, on day: LocalDate) -> [Int32] { byStageAndDay[id]?[day] ?? [] }

    /// As `Program.performances(byArtist:)`.
    public func performances(byArtist id: String) -> [Performance] { list(byArtist[id]) }
    /// As `Program.performances(onStage:)`.
    public func performances(onStage id: String) -> [Performance] { list(byStage[id]) }
    /// As `Program.performances(on:)`.
    public func performances(on day: LocalDate) -> [Performance] { list(byDay[day]) }
    /// One stage's performances of one day.
    public func performances(onStage id: String, on day: LocalDate) -> [Performance] { list(byStageAndDay[id]?[day]) }

    private func list(_ positions: [Int32]?) -> [Performance] {
        (positions ?? []).map { performances[Int($0)] }
    }
}
