import Foundation

/// A message for the screens, set with `stagefeed announce` and kept in the store: how
/// loud it is, which screens show it, its text (with translations by language), when it
/// was set and until when, and who set it on which machine. Screens drop it at `end` by
/// their own clock, or when it is cleared.
public struct Announcement: Sendable, Equatable {
    /// How a screen shows an announcement.
    public enum Level: String, Sendable, CaseIterable, Comparable {
        /// A ticker line.
        case info
        /// A banner across the top of the screen.
        case warning
        /// The whole screen, the program hidden.
        case emergency

        public static func < (lhs: Level, rhs: Level) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The store's number for it (`stagefeed announce --clear 3`).
    public var id: Int64
    public var level: Level
    /// The text shown where the screen's language has none of its own.
    public var text: String
    /// The text in other languages, by lowercase BCP 47 tag (`de`, `es-es`).
    public var texts: [String: String]
    /// The screens that show it, in the order given.
    public var screens: [ScreenTarget]
    /// When it was set, and when screens drop it (whole seconds).
    public var start: Date
    public var end: Date
    /// The event's timezone when it was set: the feed writes its times in it.
    public var timeZone: TimeZone
    /// The user and machine that set it (`anna@stage-pc`): shown by `--list`, never published.
    public var setBy: String
    /// When it was cleared and by whom; nil while it stands.
    public var clearedAt: Date?
    public var clearedBy: String?

    /// Whether screens show it at `instant`.
    public func isInForce(at instant: Date) -> Bool {
        clearedAt == nil && end > instant
    }
}

/// The screens an announcement is for: every screen, the board, or one stage's screens.
public enum ScreenTarget: Sendable, Hashable, CustomStringConvertible {
    case all
    case board
    case stage(slug: String)

    /// `all`, `board` or the stage's slug, as given on the command line and written in the feed.
    public init(_ text: String) {
        switch text {
        case "all": self = .all
        case "board": self = .board
        default: self = .stage(slug: text)
        }
    }

    public var description: String {
        switch self {
        case .all: return "all"
        case .board: return "board"
        case .stage(let slug): return slug
        }
    }
}
