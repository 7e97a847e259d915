import Foundation
import GRDB

/// Where a Fourvenues sync stands: when the last full and the last successful sync
/// started, the sync in progress (to resume it after a failure), and the venue's name.
public struct FourvenuesSyncState: Sendable, Equatable {
    public var lastFull: Date?
    public var lastSync: Date?
    public var cursor: FourvenuesCursor?
    public var venueName: String?

    public init(lastFull: Date? = nil, lastSync: Date? = nil, cursor: FourvenuesCursor? = nil, venueName: String? = nil)
    {
        self.lastFull = lastFull
        self.lastSync = lastSync
        self.cursor = cursor
        self.venueName = venueName
    }
}

extension ProgramStore {
    /// The sync state of a Fourvenues account (`source` names it with its environment).
    public func fourvenuesState(source: String) throws(StoreError) -> FourvenuesSyncState {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM fourvenues_sync WHERE source = ?", arguments: [source])
            else {
                return FourvenuesSyncState()
            }
            let cursor = (row["cursor"] as Data?).flatMap { try? JSONDecoder().decode(FourvenuesCursor.self, from: $0) }
            return FourvenuesSyncState(
                lastFull: (row["last_full"] as Double?).map(Date.init(timeIntervalSince1970:)),
                lastSync: (row["last_sync"] as Double?).map(Date.init(timeIntervalSince1970:)),
                cursor: cursor, venueName: row["venue_name"])
        }
    }

    /// The stored events' JSON bodies, by id.
    public func fourvenuesEvents(source: String) throws(StoreError) -> [String: Data] {
        try read { db in
            var events: [String: Data] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT id, body FROM fourvenues_event WHERE source = ?", arguments: [source])
            {
                events[row["id"]] = row["body"]
            }
            return events
        }
    }

    /// Merges one page of a sync by `_id` and moves its cursor on, in one transaction, so
    /// a sync interrupted after any page resumes at the next.
    /// `skipped` are ids of events the page listed but that could not be read: their stored
    /// copies stay (a full sync counts them as seen).
    public func mergeFourvenuesPage(
        source: String, events: [(id: String, body: Data, end: Date)], skipped: [String] = [],
        cursor: FourvenuesCursor, venueName: String? = nil
    ) throws(StoreError) {
        let encodedCursor = try? JSONEncoder().encode(cursor)
        try write { db in
            for event in events {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO fourvenues_event (source, id, body, \"end\") VALUES (?, ?, ?, ?)",
                    arguments: [source, event.id, event.body, event.end.timeIntervalSince1970])
            }
            if cursor.isFull {
                for id in events.map(\.id) + skipped {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO fourvenues_seen (source, id) VALUES (?, ?)",
                        arguments: [source, id])
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO fourvenues_sync (source, cursor, venue_name) VALUES (?, ?, ?)
                    ON CONFLICT(source) DO UPDATE SET cursor = excluded.cursor, venue_name = COALESCE(excluded.venue_name, venue_name)
                    """, arguments: [source, encodedCursor, venueName])
        }
    }

    /// Starts a sync at its first page; a full sync forgets which events earlier full
    /// syncs saw (what it does not see again is gone from the venue).
    public func beginFourvenuesSync(source: String, cursor: FourvenuesCursor) throws(StoreError) {
        let encodedCursor = try? JSONEncoder().encode(cursor)
        try write { db in
            if cursor.isFull {
                try db.execute(sql: "DELETE FROM fourvenues_seen WHERE source = ?", arguments: [source])
            }
            try db.execute(
                sql: """
                    INSERT INTO fourvenues_sync (source, cursor) VALUES (?, ?)
                    ON CONFLICT(source) DO UPDATE SET cursor = excluded.cursor
                    """, arguments: [source, encodedCursor])
        }
    }

    /// Ends a sync: clears its cursor, records when it started, and for a full sync
    /// removes the events it did not see that had not ended when it began (the API may
    /// list only what is to come: past nights stay for `keep_past`); drops events that
    /// ended before `keepAfter`.
    public func finishFourvenuesSync(source: String, cursor: FourvenuesCursor, keepAfter: Date) throws(StoreError) {
        try write { db in
            if cursor.isFull {
                try db.execute(
                    sql: """
                        DELETE FROM fourvenues_event WHERE source = ? AND "end" >= ?
                            AND id NOT IN (SELECT id FROM fourvenues_seen WHERE source = ?)
                        """, arguments: [source, cursor.startedAt.timeIntervalSince1970, source])
                try db.execute(sql: "DELETE FROM fourvenues_seen WHERE source = ?", arguments: [source])
            }
            try db.execute(
                sql: "DELETE FROM fourvenues_event WHERE source = ? AND \"end\" < ?",
                arguments: [source, keepAfter.timeIntervalSince1970])
            try db.execute(
                sql: """
                    INSERT INTO fourvenues_sync (source, last_full, last_sync, cursor) VALUES (?, ?, ?, NULL)
                    ON CONFLICT(source) DO UPDATE SET last_full = COALESCE(excluded.last_full, last_full),
                        last_sync = excluded.last_sync, cursor = NULL
                    """,
                arguments: [
                    source, cursor.isFull ? cursor.startedAt.timeIntervalSince1970 : nil,
                    cursor.startedAt.timeIntervalSince1970,
                ])
        }
    }
}
