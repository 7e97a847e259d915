import Foundation
import GRDB

/// The local SQLite store (`<cache>/store.sqlite`, WAL): per source and endpoint the last
/// good body with its validators, the last good normalized program, the slugs handed out,
/// and a log of requests for rate limiting across processes. Every change is one
/// transaction, so a process killed at any point leaves the last good data whole. It also
/// records what was published where (`ProgramStore+Publish`). Never holds the API key or
/// any publishing secret.
public struct ProgramStore: Sendable {
    public static let fileName = "store.sqlite"
    private let database: DatabasePool
    public let path: String

    /// Opens (creating when missing) the store in `folder` and brings its schema up to date.
    public init(folder: URL) throws(StoreError) {
        path = folder.appendingPathComponent(Self.fileName).path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            database = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw .unusable(path: path, reason: "\(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "endpoint_response") { table in
                table.column("source", .text).notNull()
                table.column("endpoint", .text).notNull()
                table.column("body", .blob).notNull()
                table.column("etag", .text)
                table.column("last_modified", .text)
                table.column("fetched_at", .double).notNull()
                table.primaryKey(["source", "endpoint"])
            }
            try db.create(table: "source_state") { table in
                table.primaryKey("source", .text)
                table.column("checked_at", .double).notNull()
                table.column("changed_at", .double).notNull()
                table.column("rate_limit", .integer)
                table.column("rate_remaining", .integer)
                table.column("rate_reset", .double)
            }
            try db.create(table: "program_snapshot") { table in
                table.primaryKey("source", .text)
                table.column("program", .blob).notNull()
                table.column("stored_at", .double).notNull()
            }
            try db.create(table: "slug") { table in
                table.column("kind", .text).notNull()
                table.column("id", .text).notNull()
                table.column("slug", .text).notNull()
                table.primaryKey(["kind", "id"])
            }
            try db.create(table: "request_log") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("source", .text).notNull()
                table.column("at", .double).notNull().indexed()
            }
        }
        migrator.registerMigration("v2 performance revisions") { db in
            try db.create(table: "performance_revision") { table in
                table.column("source", .text).notNull()
                table.column("performance_id", .text).notNull()
                table.column("revision", .blob).notNull()
                table.primaryKey(["source", "performance_id"])
            }
        }
        migrator.registerMigration("v3 schedule numbers") { db in
            try db.create(table: "schedule_number") { table in
                table.column("source", .text).notNull()
                table.column("performance_id", .text).notNull()
                table.column("number", .integer).notNull()
                table.primaryKey(["source", "performance_id"])
                table.uniqueKey(["source", "number"])
            }
        }
        migrator.registerMigration("v4 change log") { db in
            try db.create(table: "change_log") { table in
                table.column("source", .text).notNull()
                table.column("id", .text).notNull()
                table.column("at", .double).notNull()
                table.column("position", .integer).notNull()
                table.column("change", .blob).notNull()
                table.primaryKey(["source", "id"])
            }
        }
        migrator.registerMigration("v5 rate holds") { db in
            try db.create(table: "rate_hold") { table in
                table.primaryKey("source", .text)
                table.column("until", .double)
                table.column("rate_limit", .integer)
            }
        }
        migrator.registerMigration("v6 published objects") { db in
            try db.create(table: "publish_destination") { table in
                table.primaryKey("destination", .text)
                table.column("published_at", .double).notNull()
            }
            try db.create(table: "published_object") { table in
                table.column("destination", .text).notNull()
                table.column("key", .text).notNull()
                table.column("md5", .text).notNull()
                table.column("size", .integer).notNull()
                table.column("headers", .text)
                table.primaryKey(["destination", "key"])
            }
        }
        migrator.registerMigration("v7 fourvenues events") { db in
            try db.create(table: "fourvenues_event") { table in
                table.column("source", .text).notNull()
                table.column("id", .text).notNull()
                table.column("body", .blob).notNull()
                table.column("end", .double).notNull()
                table.primaryKey(["source", "id"])
            }
            try db.create(table: "fourvenues_seen") { table in
                table.column("source", .text).notNull()
                table.column("id", .text).notNull()
                table.primaryKey(["source", "id"])
            }
            try db.create(table: "fourvenues_sync") { table in
                table.primaryKey("source", .text)
                table.column("last_full", .double)
                table.column("last_sync", .double)
                table.column("cursor", .blob)
                table.column("venue_name", .text)
            }
        }
        migrator.registerMigration("v8 build records") { db in
            try db.create(table: "build_record") { table in
                table.primaryKey("output", .text)
                table.column("record", .blob).notNull()
            }
            // The SHA-256 of each body, so a build can tell unchanged data without reading it.
            try db.alter(table: "endpoint_response") { table in
                table.add(column: "digest", .text)
            }
            // Raised whenever revisions, the change log or schedule numbers change: they are
            // rendered too, and builds into another output folder may change them.
            try db.create(table: "ledger_generation") { table in
                table.primaryKey("source", .text)
                table.column("generation", .integer).notNull()
            }
        }
        migrator.registerMigration("v9 revision states") { db in
            // Each revision's stamp and fingerprints as columns, the performance as last seen
            // beside them, read only where a build needs it.
            try db.create(table: "revision_state") { table in
                table.column("source", .text).notNull()
                table.column("performance_id", .text).notNull()
                table.column("sequence", .integer).notNull()
                table.column("last_modified", .double).notNull()
                table.column("removed_at", .double)
                table.column("significant", .text).notNull()
                table.column("content", .text).notNull()
                table.column("last_seen", .blob).notNull()
                table.primaryKey(["source", "performance_id"])
            }
            let decoder = JSONDecoder()
            for row in try Row.fetchAll(db, sql: "SELECT source, revision FROM performance_revision") {
                let source: String = row["source"]
                guard let revision = try? decoder.decode(PerformanceRevision.self, from: row["revision"] as Data) else {
                    continue
                }
                try Self.insert(
                    revision.state, lastSeen: try JSONEncoder().encode(revision.lastSeen), source: source, db)
            }
            try db.drop(table: "performance_revision")
        }
        migrator.registerMigration("v10 announcements") { db in
            // What `stagefeed announce` set: see `ProgramStore+Announcements`.
            try db.create(table: "announcement") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("level", .text).notNull()
                table.column("text", .text).notNull()
                table.column("texts", .text).notNull()
                table.column("screens", .text).notNull()
                table.column("starts_at", .double).notNull()
                table.column("ends_at", .double).notNull().indexed()
                table.column("time_zone", .text).notNull()
                table.column("set_by", .text).notNull()
                table.column("cleared_at", .double)
                table.column("cleared_by", .text)
            }
        }
        migrator.registerMigration("v11 images") { db in
            try Self.createImageTables(db)
        }
        return migrator
    }

    /// Whether a request may go now, in one transaction with recording it, so processes
    /// sharing the store never pass the limit together.
    public enum Reservation: Equatable, Sendable {
        /// Sent now; the entry to settle once answered.
        case granted(entry: Int64)
        /// Not before this instant.
        case wait(until: Date)
    }

    /// Reserves a request to `source`: granted when no hold is in force and fewer than
    /// `limit` (or a lower limit the API announced) went out in the last `window` seconds.
    public func reserveRequest(
        source: String, limit: Int, window: TimeInterval, at now: Date
    ) throws(StoreError) -> Reservation {
        try write { db in
            let hold = try Row.fetchOne(
                db, sql: "SELECT until, rate_limit FROM rate_hold WHERE source = ?", arguments: [source])
            if let until = hold?["until"] as Double?, until > now.timeIntervalSince1970 {
                return .wait(until: Date(timeIntervalSince1970: until))
            }
            let effective = min(limit, (hold?["rate_limit"] as Int?) ?? limit)
            let recent = try Double.fetchAll(
                db, sql: "SELECT at FROM request_log WHERE source = ? AND at > ? ORDER BY at",
                arguments: [source, now.timeIntervalSince1970 - window])
            if recent.count >= effective {
                return .wait(until: Date(timeIntervalSince1970: recent[recent.count - effective] + window + 0.01))
            }
            try db.execute(sql: "DELETE FROM request_log WHERE at < ?", arguments: [now.timeIntervalSince1970 - 3600])
            try db.execute(
                sql: "INSERT INTO request_log (source, at) VALUES (?, ?)",
                arguments: [source, now.timeIntervalSince1970])
            return .granted(entry: db.lastInsertedRowID)
        }
    }

    /// Remembers, for every process, that the API asked for a pause (until an instant)
    /// or announced a lower limit.
    public func recordRateHold(source: String, until: Date?, limit: Int?) throws(StoreError) {
        try write { db in
            let current = try Row.fetchOne(
                db, sql: "SELECT until, rate_limit FROM rate_hold WHERE source = ?", arguments: [source])
            let holdUntil = [until?.timeIntervalSince1970, current?["until"] as Double?].compactMap { $0 }.max()
            try db.execute(
                sql: "INSERT OR REPLACE INTO rate_hold (source, until, rate_limit) VALUES (?, ?, ?)",
                arguments: [source, holdUntil, limit ?? (current?["rate_limit"] as Int?)])
        }
    }

    /// Adds changes to a source's log, keeping the newest `limit`, and returns the log
    /// newest first.
    public func logChanges(
        source: String, _ changes: [ProgramChange], limit: Int, saving: Bool = true
    ) throws(StoreError) -> [ProgramChange] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let decoder = JSONDecoder()
        guard saving else {
            let logged = try read { db in
                try Data.fetchAll(
                    db, sql: "SELECT change FROM change_log WHERE source = ? ORDER BY position DESC",
                    arguments: [source]
                )
                .map { try decoder.decode(ProgramChange.self, from: $0) }
            }
            return Array((changes.reversed() + logged).prefix(limit))
        }
        return try write { db in
            var position =
                try Int.fetchOne(db, sql: "SELECT MAX(position) FROM change_log WHERE source = ?", arguments: [source])
                ?? 0
            if !changes.isEmpty { try Self.raiseLedgerGeneration(db, source: source) }
            for change in changes {
                position += 1
                try db.execute(
                    sql: "INSERT OR IGNORE INTO change_log (source, id, at, position, change) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        source, change.id, change.at.timeIntervalSince1970, position, try encoder.encode(change),
                    ])
            }
            try db.execute(
                sql: """
                    DELETE FROM change_log WHERE source = ? AND position NOT IN
                    (SELECT position FROM change_log WHERE source = ? ORDER BY position DESC LIMIT ?)
                    """, arguments: [source, source, limit])
            return try Data.fetchAll(
                db, sql: "SELECT change FROM change_log WHERE source = ? ORDER BY position DESC", arguments: [source]
            )
            .map { try decoder.decode(ProgramChange.self, from: $0) }
        }
    }

    /// A positive number for each performance id that never changes once given (schedule
    /// apps key on them); new ids get the next free numbers, in the order given.
    public func scheduleNumbers(source: String, ids: [String], saving: Bool = true) throws(StoreError) -> [String: Int]
    {
        try write { db in
            var numbers: [String: Int] = [:]
            numbers.reserveCapacity(ids.count)
            // Row by row through a cursor, each column by its place: no array of 20,000 rows
            // made first, and no column looked up by name in each.
            let rows = try Row.fetchCursor(
                db, sql: "SELECT performance_id, number FROM schedule_number WHERE source = ?", arguments: [source])
            while let row = try rows.next() {
                numbers[row[0]] = row[1]
            }
            var next = (numbers.values.max() ?? 0) + 1
            let unnumbered = ids.filter { numbers[$0] == nil }
            if saving && !unnumbered.isEmpty { try Self.raiseLedgerGeneration(db, source: source) }
            for id in unnumbered {
                if saving {
                    try db.cachedStatement(
                        sql: "INSERT INTO schedule_number (source, performance_id, number) VALUES (?, ?, ?)"
                    ).execute(arguments: [source, id, next])
                }
                numbers[id] = next
                next += 1
            }
            return numbers
        }
    }

    /// The revisions of every performance a source's exports have shown.
    public func revisions(source: String) throws(StoreError) -> RevisionLedger {
        try read { db in
            var states: [String: RevisionState] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT performance_id, sequence, last_modified, removed_at, significant, content
                    FROM revision_state WHERE source = ?
                    """, arguments: [source])
            while let row = try rows.next() {
                let id: String = row[0]
                states[id] = RevisionState(
                    performanceID: id, sequence: row[1], lastModified: Date(timeIntervalSince1970: row[2]),
                    removedAt: (row[3] as Double?).map(Date.init(timeIntervalSince1970:)),
                    significantFingerprint: row[4],
                    contentFingerprint: row[5])
            }
            return RevisionLedger(states: states)
        }
    }

    /// The performances with `ids` as their revisions last saw them.
    public func lastSeen(source: String, ids: [String]) throws(StoreError) -> [String: Performance] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            let decoder = JSONDecoder()
            var found: [String: Performance] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min(ids.count, $0 + 500)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try Row.fetchAll(
                    db,
                    sql:
                        "SELECT performance_id, last_seen FROM revision_state WHERE source = ? AND performance_id IN (\(marks))",
                    arguments: StatementArguments([source] + chunk))
                {
                    found[row[0]] = try decoder.decode(Performance.self, from: row[1] as Data)
                }
            }
            return found
        }
    }

    /// Saves the revisions of the given performances, in one transaction, with the
    /// performances now seen (`seen`; a removed one keeps the copy it had).
    public func saveRevisions(
        source: String, ledger: RevisionLedger, ids: [String], seen: [String: Performance]
    )
        throws(StoreError)
    {
        let encoded = ParallelWork.map(ids) { id in seen[id].flatMap(StoredPerformance.json) }
        try write { db in
            if !ids.isEmpty { try Self.raiseLedgerGeneration(db, source: source) }
            for (id, lastSeen) in zip(ids, encoded) {
                guard let state = ledger.states[id] else { continue }
                if let lastSeen {
                    try Self.insert(state, lastSeen: lastSeen, source: source, db)
                } else {
                    // A statement prepared once for all the rows (as in `insert`): parsing the SQL
                    // again for each of 20,000 rows took most of a first build's revisions phase.
                    try db.cachedStatement(
                        sql: """
                            UPDATE revision_state SET sequence = ?, last_modified = ?, removed_at = ?, significant = ?,
                            content = ? WHERE source = ? AND performance_id = ?
                            """
                    ).execute(
                        arguments: [
                            state.sequence, state.lastModified.timeIntervalSince1970,
                            state.removedAt?.timeIntervalSince1970, state.significantFingerprint,
                            state.contentFingerprint, source, id,
                        ])
                }
            }
        }
    }

    private static func insert(_ state: RevisionState, lastSeen: Data, source: String, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO revision_state
                (source, performance_id, sequence, last_modified, removed_at, significant, content, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                source, state.performanceID, state.sequence, state.lastModified.timeIntervalSince1970,
                state.removedAt?.timeIntervalSince1970, state.significantFingerprint, state.contentFingerprint,
                lastSeen,
            ])
    }

    /// The stored responses of a source, by endpoint.
    public func responses(source: String) throws(StoreError) -> [String: StoredResponse] {
        try read { db in
            var result: [String: StoredResponse] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT * FROM endpoint_response WHERE source = ?", arguments: [source])
            {
                let response = StoredResponse(
                    endpoint: row["endpoint"], body: row["body"], etag: row["etag"],
                    lastModified: row["last_modified"], fetchedAt: Date(timeIntervalSince1970: row["fetched_at"]))
                result[response.endpoint] = response
            }
            return result
        }
    }

    /// The SHA-256 of each stored body of a source, by endpoint, without reading the bodies
    /// (but for rows stored before digests were kept).
    public func responseDigests(source: String) throws(StoreError) -> [String: String] {
        try read { db in
            var result: [String: String] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT endpoint, digest FROM endpoint_response WHERE source = ?", arguments: [source])
            {
                let endpoint: String = row["endpoint"]
                if let digest: String = row["digest"] {
                    result[endpoint] = digest
                } else if let body = try Data.fetchOne(
                    db, sql: "SELECT body FROM endpoint_response WHERE source = ? AND endpoint = ?",
                    arguments: [source, endpoint])
                {
                    result[endpoint] = StoredResponse.digest(of: body)
                }
            }
            return result
        }
    }

    /// What the store knows of a source, nil before its first successful check.
    public func state(source: String) throws(StoreError) -> SourceState? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM source_state WHERE source = ?", arguments: [source]).map { row in
                SourceState(
                    checkedAt: Date(timeIntervalSince1970: row["checked_at"]),
                    changedAt: Date(timeIntervalSince1970: row["changed_at"]),
                    rateLimit: row["rate_limit"], rateRemaining: row["rate_remaining"],
                    rateReset: (row["rate_reset"] as Double?).map(Date.init(timeIntervalSince1970:)))
            }
        }
    }

    /// The last good program of a source that keeps it (`commit(…keepingProgram: true…)`).
    public func program(source: String) throws(StoreError) -> Program? {
        let data = try read { db in
            try Data.fetchOne(db, sql: "SELECT program FROM program_snapshot WHERE source = ?", arguments: [source])
        }
        return data.flatMap { try? JSONDecoder().decode(Program.self, from: $0) }
    }

    /// Slugs handed out before, by kind then id.
    public func slugs() throws(StoreError) -> [String: [String: String]] {
        try read(Self.slugs)
    }

    private static func slugs(_ db: Database) throws -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT kind, id, slug FROM slug")
        while let row = try rows.next() {
            result[row[0], default: [:]][row[1]] = row[2] as String
        }
        return result
    }

    /// Records a successful check in one transaction: the responses that changed, the slugs
    /// of the program they gave (when given: an unchanged program needs none), and the check
    /// time (and change time when `changed`). With `keepingProgram`, the program itself is
    /// kept too, for a source that learns whether its program changed by comparing it
    /// (Fourvenues); Stagecraft's program is made again from its stored bodies, so a copy
    /// would only cost time (0.3 s to encode at 20,000 sets) and room.
    public func commit(
        source: String, responses: [StoredResponse], program: Program?, keepingProgram: Bool = false,
        changed: Bool, rate: RateLimitHeaders?, at now: Date
    ) throws(StoreError) {
        var snapshot: Data?
        if let program, keepingProgram {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            guard let encoded = try? encoder.encode(program) else {
                throw .unusable(path: path, reason: "the program could not be encoded")
            }
            snapshot = encoded
        }
        try write { db in
            for response in responses {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO endpoint_response (source, endpoint, body, etag, last_modified, fetched_at, digest)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        source, response.endpoint, response.body, response.etag, response.lastModified,
                        response.fetchedAt.timeIntervalSince1970, response.digest,
                    ])
            }
            if let program {
                if let snapshot {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO program_snapshot (source, program, stored_at) VALUES (?, ?, ?)",
                        arguments: [source, snapshot, now.timeIntervalSince1970])
                } else {
                    // A copy an earlier version kept would no longer match the bodies.
                    try db.execute(sql: "DELETE FROM program_snapshot WHERE source = ?", arguments: [source])
                }
                // Only the slugs that are new or changed: a refresh where one set moved
                // rewrote all 12,000 artists' rows, a statement parsed for each.
                let known = try Self.slugs(db)
                let insert = try db.cachedStatement(
                    sql: "INSERT OR REPLACE INTO slug (kind, id, slug) VALUES (?, ?, ?)")
                let slugs =
                    program.stages.map { ("stage", $0.id, $0.slug) }
                    + program.artists.map { ("artist", $0.id, $0.slug) }
                for (kind, id, slug) in slugs where known[kind]?[id] != slug {
                    try insert.execute(arguments: [kind, id, slug])
                }
            }
            let previousChange = try Double.fetchOne(
                db, sql: "SELECT changed_at FROM source_state WHERE source = ?", arguments: [source])
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO source_state (source, checked_at, changed_at, rate_limit, rate_remaining, rate_reset)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    source, now.timeIntervalSince1970,
                    changed ? now.timeIntervalSince1970 : (previousChange ?? now.timeIntervalSince1970),
                    rate?.limit, rate?.remaining, rate?.reset?.timeIntervalSince1970,
                ])
        }
    }

    /// Moves a request's entry to when its answer (or failure) came: the server may have
    /// counted it as late as that.
    public func settleRequest(_ entry: Int64, at now: Date) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "UPDATE request_log SET at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, entry])
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try database.read(body) } catch { throw .unusable(path: path, reason: "\(error)") }
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try database.write(body) } catch { throw .unusable(path: path, reason: "\(error)") }
    }

    /// `write` in a transaction that takes the store's write lock at its start (`BEGIN
    /// IMMEDIATE`), so what `body` reads stays the latest until it commits.
    func exclusively<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw .unusable(path: path, reason: "\(error)")
        }
    }
}
