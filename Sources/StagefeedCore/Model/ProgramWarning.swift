/// Something odd found while normalizing that does not stop the build; printed on stderr
/// and carried in the feeds.
public enum ProgramWarning: Sendable, Equatable, Codable, CustomStringConvertible {
    case unknownStage(performanceID: String, stageID: String)
    case unknownArtist(performanceID: String, artistID: String)
    case overlap(stageID: String, first: String, second: String)
    case outsideEventDates(performanceID: String, day: LocalDate)
    case duplicateID(kind: String, id: String)
    case untitled(performanceID: String)
    /// A URL from the data that is not http(s); it was dropped.
    case unsafeLink(kind: String, id: String, field: String)

    public var description: String {
        switch self {
        case .unknownStage(let performance, let stage):
            return
                "performance \(performance) names stage \(stage), which the source did not list; shown under an unlisted stage"
        case .unknownArtist(let performance, let artist):
            return "performance \(performance) names artist \(artist), which the source did not list"
        case .overlap(let stage, let first, let second):
            return "performances \(first) and \(second) overlap on stage \(stage)"
        case .outsideEventDates(let performance, let day):
            return "performance \(performance) falls on \(day), outside the event's dates"
        case .duplicateID(let kind, let id):
            return "\(kind) id \(id) appears more than once; the first is kept"
        case .unsafeLink(let kind, let id, let field):
            return "\(kind) \(id): \(field) is not an http(s) URL; dropped"
        case .untitled(let performance):
            return "performance \(performance) has no title, artist or activity; shown as \"To be announced\""
        }
    }
}
