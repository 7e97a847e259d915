import Foundation

/// Why `stagefeed announce` refused what it was asked (exit status 2, nothing changed):
/// each case names the flag or value at fault and what to give instead.
public enum AnnouncementError: Error, Equatable, CustomStringConvertible {
    /// No text was given.
    case noText
    /// The text (or `--text-LANG`) is empty or blank.
    case emptyText(flag: String)
    /// Longer than `AnnouncementRequest.maximumLength` characters.
    case tooLong(flag: String, characters: Int)
    /// A control character other than a line break.
    case controlCharacter(flag: String, scalar: String)
    /// `--screens` names a stage the program does not have.
    case unknownStage(slug: String, known: [String])
    /// `--text-LANG` with a tag that is malformed or not one of the export's languages.
    case unknownLanguage(flag: String, languages: [String])
    case forAndUntil
    case badDuration(String)
    case badTime(String)
    /// The end time given has passed already.
    case endInPast(given: String, now: String)
    /// `--clear ID` for an id that is not on the screens.
    case notInForce(id: String)
    /// Options that do not go together (`--list` with a text…).
    case conflicting(String)

    public var description: String {
        switch self {
        case .noText:
            return "give the announcement's text: stagefeed announce \"TEXT\" (or --list, or --clear ID|--all)"
        case .emptyText(let flag):
            return "\(flag) is empty; give the text the screens should show"
        case .tooLong(let flag, let characters):
            return
                "\(flag) has \(characters) characters; an announcement has at most \(AnnouncementRequest.maximumLength), so it can be read from afar: shorten it"
        case .controlCharacter(let flag, let scalar):
            return "\(flag) holds the control character \(scalar); use plain text (line breaks are fine)"
        case .unknownStage(let slug, let known):
            return
                "--screens: no stage has the slug \"\(slug)\"; give all, board or one of the stages: \(known.joined(separator: ", "))"
        case .unknownLanguage(let flag, let languages):
            return
                "\(flag): that is not one of the export's languages (\(languages.joined(separator: ", "))), so no screen would show it"
        case .forAndUntil:
            return "--for and --until cannot be used together: give one end"
        case .badDuration(let text):
            return "--for: \"\(text)\" is not a duration such as 30m, 2h or 1d"
        case .badTime(let text):
            return
                "--until: \"\(text)\" is not a time: give HH:MM (festival time, this festival day), YYYY-MM-DDTHH:MM (festival time) or an ISO 8601 time with an offset"
        case .endInPast(let given, let now):
            return "--until \(given): that time has passed (it is \(now), festival time); give a later one"
        case .notInForce(let id):
            return "no announcement \(id) is on the screens now; stagefeed announce --list shows those that are"
        case .conflicting(let reason):
            return reason
        }
    }
}
