import Foundation

/// `feeds/announcements.json`: the announcements screens show now (see `Announcement`),
/// oldest first, each with its id, level, screens, texts and times in the event's offset.
/// Its bytes depend on the announcements alone, so `stagefeed announce` and every build
/// write the same file from the same store. Who set an announcement is never in it.
/// Schema: `schemas/announcements.schema.json`.
public enum AnnouncementFeed {
    public static let path = OutputPaths.announcements
    public static let schemaVersion = 1

    /// The file for `announcements` (those in force, as the store gives them).
    public static func file(_ announcements: [Announcement]) throws -> OutputFile {
        OutputFile(path: path, contents: try FeedEncoding.encode(Feed(announcements)))
    }

    private struct Feed: Encodable {
        struct Item: Encodable {
            let id: Int64
            let level: String
            let screens: [String]
            let text: String
            let texts: [String: String]
            let start, end: String
        }

        let schema_version = AnnouncementFeed.schemaVersion
        let announcements: [Item]

        init(_ announcements: [Announcement]) {
            self.announcements = announcements.map { announcement in
                let format = EventTimeFormat(timeZone: announcement.timeZone)
                return Item(
                    id: announcement.id, level: announcement.level.rawValue,
                    screens: announcement.screens.map(\.description), text: announcement.text,
                    texts: announcement.texts, start: format.iso8601(announcement.start),
                    end: format.iso8601(announcement.end))
            }
        }
    }
}
