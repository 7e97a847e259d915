import Foundation

/// Why a program was rejected during normalization. A rejected program is never rendered:
/// the last good output stays in place.
public enum ProgramError: Error, Equatable, CustomStringConvertible {
    case unknownTimeZone(String)
    case endsBeforeStart(performanceID: String)
    case eventEndsBeforeStart(start: LocalDate, end: LocalDate)
    case emptyName(kind: String, id: String)

    public var description: String {
        switch self {
        case .unknownTimeZone(let name):
            return "the event's timezone \"\(name)\" is not an IANA timezone name (expected e.g. Europe/Berlin)"
        case .endsBeforeStart(let id):
            return "performance \(id) ends before or when it starts (end_time must be after start_time)"
        case .eventEndsBeforeStart(let start, let end):
            return "the event's end_date \(end) is before its start_date \(start)"
        case .emptyName(let kind, let id):
            return "\(kind) \(id) has an empty name"
        }
    }
}
