import Foundation
import GRDB

/// An object stagefeed put at a destination, as the store remembers it.
public struct PublishedObject: Sendable, Equatable {
    /// Hex MD5 of the bytes (what S3 gives as the ETag of a plain upload).
    public var md5: String
    public var size: Int
    /// The `Content-Type` and `Cache-Control` it was sent with; nil when only a listing
    /// vouches for it.
    public var headers: String?

    public init(md5: String, size: Int, headers: String?) {
        self.md5 = md5
        self.size = size
        self.headers = headers
    }
}

extension ProgramStore {
    /// What stagefeed published at `destination` (key → object), or nil when it has no
    /// record of that destination.
    public func publishedObjects(destination: String) throws(StoreError) -> [String: PublishedObject]? {
        try read { db in
            guard
                try Row.fetchOne(
                    db, sql: "SELECT 1 FROM publish_destination WHERE destination = ?", arguments: [destination]) != nil
            else { return nil }
            var objects: [String: PublishedObject] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT key, md5, size, headers FROM published_object WHERE destination = ?",
                arguments: [destination])
            {
                objects[row["key"]] = PublishedObject(md5: row["md5"], size: row["size"], headers: row["headers"])
            }
            return objects
        }
    }

    /// Records objects now at `destination` and keys removed from it, in one transaction.
    public func recordPublished(
        destination: String, objects: [String: PublishedObject], removed: [String], at now: Date
    ) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "INSERT INTO publish_destination (destination, published_at) VALUES (?, ?) "
                    + "ON CONFLICT(destination) DO UPDATE SET published_at = excluded.published_at",
                arguments: [destination, now.timeIntervalSince1970])
            for (key, object) in objects {
                try db.execute(
                    sql:
                        "INSERT OR REPLACE INTO published_object (destination, key, md5, size, headers) VALUES (?, ?, ?, ?, ?)",
                    arguments: [destination, key, object.md5, object.size, object.headers])
            }
            for key in removed {
                try db.execute(
                    sql: "DELETE FROM published_object WHERE destination = ? AND key = ?",
                    arguments: [destination, key])
            }
        }
    }
}
