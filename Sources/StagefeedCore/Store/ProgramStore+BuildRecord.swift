import Foundation
import GRDB

extension ProgramStore {
    /// The record of the last complete build into `output`, nil when there is none (or it
    /// was written by another version and cannot be read: the next build simply renders).
    public func buildRecord(output: OutputLocation) throws(StoreError) -> BuildRecord? {
        let data = try read { db in
            try Data.fetchOne(
                db, sql: "SELECT record FROM build_record WHERE output = ?", arguments: [output.resolvedPath])
        }
        return data.flatMap { try? JSONDecoder().decode(BuildRecord.self, from: $0) }
    }

    /// Keeps `record` as the last complete build into `output`; nil forgets it.
    public func saveBuildRecord(_ record: BuildRecord?, output: OutputLocation) throws(StoreError) {
        let key = output.resolvedPath
        let data = record.flatMap { try? JSONEncoder().encode($0) }
        try write { db in
            if let data {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO build_record (output, record) VALUES (?, ?)", arguments: [key, data])
            } else {
                try db.execute(sql: "DELETE FROM build_record WHERE output = ?", arguments: [key])
            }
        }
    }

    /// A number that changes whenever the source's revisions, change log or schedule
    /// numbers do (0 before any): part of a build's fingerprint.
    public func ledgerGeneration(source: String) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT generation FROM ledger_generation WHERE source = ?", arguments: [source])
                ?? 0
        }
    }

    /// Raises the ledger generation of `source`, inside the caller's transaction.
    static func raiseLedgerGeneration(_ db: Database, source: String) throws {
        try db.execute(
            sql: """
                INSERT INTO ledger_generation (source, generation) VALUES (?, 1)
                ON CONFLICT(source) DO UPDATE SET generation = generation + 1
                """, arguments: [source])
    }
}
