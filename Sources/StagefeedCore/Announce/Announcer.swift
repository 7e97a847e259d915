import Foundation

/// What `stagefeed announce` does once the store has its change: brings the output's
/// `feeds/announcements.json` in line at once. When no other process holds the output
/// folder it takes the folder's lock for a moment and writes the file itself; when a
/// build, watch or publish holds it, that process writes the file (see
/// `AnnouncementHandover`), so an announcement is never refused and never written by two
/// processes at once.
public struct Announcer: Sendable {
    /// What became of the file.
    public enum Delivery: Sendable, Equatable {
        /// Written by this process (`changed`: the file's bytes changed).
        case written(changed: Bool)
        /// Left to the process holding the folder (`pid 4121, stagefeed watch`).
        case handedOver(holder: String)
    }

    public var file: AnnouncementFile
    public var now: @Sendable () -> Date

    public init(file: AnnouncementFile, now: @escaping @Sendable () -> Date = Date.init) {
        self.file = file
        self.now = now
    }

    /// Writes the file (calling `wrote` after each write, to publish it) or hands it over.
    public func deliver(wrote: @Sendable () async -> Void) async throws -> Delivery {
        let lock: OutputLock
        do {
            lock = try OutputLock.acquire(folder: file.folder, command: "announce")
        } catch .locked(_, let holder) {
            return .handedOver(holder: holder)
        }
        let changed: Bool
        do {
            changed = try file.sync(at: now())
        } catch {
            lock.unlock()
            throw error
        }
        if changed { await wrote() }
        await AnnouncementHandover.release(lock, file: file, now: now, wrote: wrote)
        return .written(changed: changed)
    }

    /// `--list`: one line per announcement in force (id, level, screens, end, who set it
    /// when, the text), translations indented below; times in the event's timezone.
    public static func listing(_ announcements: [Announcement]) -> String {
        guard !announcements.isEmpty else { return "no announcements on the screens" }
        return announcements.map { announcement in
            let format = EventTimeFormat(timeZone: announcement.timeZone, clock: .twentyFourHour)
            func when(_ instant: Date) -> String {
                format.shortDatedDay(format.localDate(instant)) + " " + format.clockTime(instant)
            }
            let screens = announcement.screens.map(\.description).joined(separator: ",")
            var line =
                "\(announcement.id)  \(announcement.level.rawValue)  \(screens)  until \(when(announcement.end))"
                + "  set \(when(announcement.start)) by \(announcement.setBy)\n    \(quoted(announcement.text))"
            for (tag, text) in announcement.texts.sorted(by: { $0.key < $1.key }) {
                line += "\n    \(tag): \(quoted(text))"
            }
            return line
        }
        .joined(separator: "\n")
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\n", with: " / ") + "\""
    }
}
