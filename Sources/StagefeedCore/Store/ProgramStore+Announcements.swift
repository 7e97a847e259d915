import Foundation
import GRDB

/// An announcement as `stagefeed announce` asks for it, before the store numbers it.
public struct AnnouncementDraft: Sendable, Equatable {
    public var level: Announcement.Level
    public var text: String
    public var texts: [String: String]
    public var screens: [ScreenTarget]
    public var start: Date
    public var end: Date
    public var timeZone: TimeZone
    public var setBy: String

    public init(
        level: Announcement.Level, text: String, texts: [String: String], screens: [ScreenTarget], start: Date,
        end: Date, timeZone: TimeZone, setBy: String
    ) {
        self.level = level
        self.text = text
        self.texts = texts
        self.screens = screens
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.setBy = setBy
    }
}

extension ProgramStore {
    /// How long announcements that ended stay in the store (for `--list` and the record).
    static let announcementHistory: TimeInterval = 30 * 86_400

    /// Stores `draft` under the next number and returns it; announcements that ended more
    /// than 30 days before `now` are forgotten in the same transaction.
    public func addAnnouncement(_ draft: AnnouncementDraft, at now: Date) throws(StoreError) -> Announcement {
        let texts = String(
            decoding: (try? Self.announcementEncoder.encode(draft.texts)) ?? Data("{}".utf8), as: UTF8.self)
        let screens = draft.screens.map(\.description).joined(separator: " ")
        return try write { db in
            let forgotten = now.timeIntervalSince1970 - Self.announcementHistory
            try db.execute(
                sql: "DELETE FROM announcement WHERE ends_at < ? OR cleared_at < ?", arguments: [forgotten, forgotten])
            try db.execute(
                sql: """
                    INSERT INTO announcement (level, text, texts, screens, starts_at, ends_at, time_zone, set_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    draft.level.rawValue, draft.text, texts, screens, draft.start.timeIntervalSince1970,
                    draft.end.timeIntervalSince1970, draft.timeZone.identifier, draft.setBy,
                ])
            return Announcement(
                id: db.lastInsertedRowID, level: draft.level, text: draft.text, texts: draft.texts,
                screens: draft.screens, start: draft.start, end: draft.end, timeZone: draft.timeZone,
                setBy: draft.setBy)
        }
    }

    /// The announcements screens show at `now` (not cleared, not ended), oldest first.
    public func announcements(inForceAt now: Date) throws(StoreError) -> [Announcement] {
        try read { db in try Self.announcements(db, inForceAt: now) }
    }

    /// Every announcement the store still has (the last 30 days), oldest first.
    public func allAnnouncements() throws(StoreError) -> [Announcement] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM announcement ORDER BY id").compactMap(Self.announcement)
        }
    }

    /// Clears the announcement `id` if it is in force at `now`, and returns it (nil when
    /// there is no such announcement in force).
    public func clearAnnouncement(id: Int64, by who: String, at now: Date) throws(StoreError) -> Announcement? {
        try write { db in
            guard let found = try Self.announcements(db, inForceAt: now).first(where: { $0.id == id }) else {
                return nil
            }
            try Self.clear([found.id], by: who, at: now, db)
            var cleared = found
            cleared.clearedAt = now
            cleared.clearedBy = who
            return cleared
        }
    }

    /// Clears every announcement in force at `now` and returns them.
    public func clearAllAnnouncements(by who: String, at now: Date) throws(StoreError) -> [Announcement] {
        try write { db in
            let found = try Self.announcements(db, inForceAt: now)
            try Self.clear(found.map(\.id), by: who, at: now, db)
            return found
        }
    }

    /// Runs `body` with the announcements in force at `now`, inside a transaction that holds
    /// the store's write lock from before they are read until `body` returns, so no process
    /// records a new one meanwhile: what `body` does (release the output folder) happens
    /// before or after any other process's announcement, never beside it.
    public func holdingAnnouncements<T>(
        at now: Date, _ body: ([Announcement]) throws -> T
    ) throws(StoreError) -> T {
        try exclusively { db in try body(try Self.announcements(db, inForceAt: now)) }
    }

    private static func clear(_ ids: [Int64], by who: String, at now: Date, _ db: Database) throws {
        for id in ids {
            try db.execute(
                sql: "UPDATE announcement SET cleared_at = ?, cleared_by = ? WHERE id = ?",
                arguments: [now.timeIntervalSince1970, who, id])
        }
    }

    private static func announcements(_ db: Database, inForceAt now: Date) throws -> [Announcement] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM announcement WHERE cleared_at IS NULL AND ends_at > ? ORDER BY id",
            arguments: [now.timeIntervalSince1970]
        )
        .compactMap(announcement)
    }

    /// A row as an announcement; nil for a row this version cannot read (a level it does
    /// not know, written by a later version).
    private static func announcement(_ row: Row) -> Announcement? {
        guard let level = Announcement.Level(rawValue: row["level"]),
            let zone = TimeZone(identifier: row["time_zone"])
        else { return nil }
        let texts = (try? JSONDecoder().decode([String: String].self, from: Data((row["texts"] as String).utf8))) ?? [:]
        let screens = (row["screens"] as String).split(separator: " ").map { ScreenTarget(String($0)) }
        return Announcement(
            id: row["id"], level: level, text: row["text"], texts: texts, screens: screens,
            start: Date(timeIntervalSince1970: row["starts_at"]), end: Date(timeIntervalSince1970: row["ends_at"]),
            timeZone: zone, setBy: row["set_by"],
            clearedAt: (row["cleared_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            clearedBy: row["cleared_by"])
    }

    private static var announcementEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}
