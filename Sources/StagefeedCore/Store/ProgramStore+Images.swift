import Crypto
import Foundation
import GRDB

/// The pictures downloaded for a source: a row per URL (`image_source`) and each copy once,
/// by its content's hash, as a blob (`image_blob`). Kept in the database rather than as
/// files beside it so a copy and the row pointing at it change in one transaction (a build
/// killed mid-way never leaves a row naming a missing file), copies shared by several URLs
/// are stored once, and deleting the cache folder still starts afresh.
extension ProgramStore {
    /// The tables of migration "v11 images".
    static func createImageTables(_ db: Database) throws {
        try db.create(table: "image_blob") { table in
            table.primaryKey("hash", .text)
            table.column("format", .text).notNull()
            table.column("width", .integer).notNull()
            table.column("height", .integer).notNull()
            table.column("size", .integer).notNull()
            table.column("bytes", .blob).notNull()
        }
        try db.create(table: "image_source") { table in
            table.column("source", .text).notNull()
            table.column("url", .text).notNull()
            table.column("owner", .text).notNull()
            table.column("hash", .text).references("image_blob", onDelete: .restrict)
            table.column("etag", .text)
            table.column("last_modified", .text)
            table.column("checked_at", .double).notNull()
            table.column("ask_again_after", .double).notNull()
            table.column("problem", .text)
            table.primaryKey(["source", "url"])
        }
    }

    /// What the store knows of each picture URL of `source`, by URL.
    public func storedImages(source: String) throws(StoreError) -> [String: StoredImage] {
        try read { db in
            var images: [String: StoredImage] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM image_source WHERE source = ?", arguments: [source])
            while let row = try rows.next() {
                let image = StoredImage(
                    url: row["url"], owner: row["owner"], hash: row["hash"], etag: row["etag"],
                    lastModified: row["last_modified"], checkedAt: Date(timeIntervalSince1970: row["checked_at"]),
                    askAgainAfter: Date(timeIntervalSince1970: row["ask_again_after"]), problem: row["problem"])
                images[image.url] = image
            }
            return images
        }
    }

    /// Records what asking for a picture gave, with the new copy (`bytes` and its header)
    /// when one came; in one transaction.
    public func saveImage(
        _ image: StoredImage, source: String, copy: (bytes: Data, header: ImageHeader)? = nil
    )
        throws(StoreError)
    {
        try write { db in
            if let copy, let hash = image.hash {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO image_blob (hash, format, width, height, size, bytes)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        hash, copy.header.format.rawValue, copy.header.width, copy.header.height, copy.bytes.count,
                        copy.bytes,
                    ])
            }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO image_source
                    (source, url, owner, hash, etag, last_modified, checked_at, ask_again_after, problem)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    source, image.url, image.owner, image.hash, image.etag, image.lastModified,
                    image.checkedAt.timeIntervalSince1970, image.askAgainAfter.timeIntervalSince1970, image.problem,
                ])
        }
    }

    /// Forgets the picture URLs of `source` its program no longer names, and the copies no
    /// URL of any source points at.
    public func forgetImages(source: String, keeping urls: Set<String>) throws(StoreError) {
        try write { db in
            let stored = try String.fetchAll(
                db, sql: "SELECT url FROM image_source WHERE source = ?", arguments: [source])
            for url in stored where !urls.contains(url) {
                try db.execute(
                    sql: "DELETE FROM image_source WHERE source = ? AND url = ?", arguments: [source, url])
            }
            try db.execute(
                sql: """
                    DELETE FROM image_blob WHERE hash NOT IN
                    (SELECT hash FROM image_source WHERE hash IS NOT NULL)
                    """)
        }
    }

    /// The pictures of `source` with a good copy, with a way to read their bytes.
    public func imageCatalog(source: String) throws(StoreError) -> ImageCatalog {
        let images = try read { db in
            var images: [String: LocalImage] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT s.url, b.hash, b.format, b.width, b.height, b.size FROM image_source s
                    JOIN image_blob b ON b.hash = s.hash WHERE s.source = ?
                    """, arguments: [source])
            while let row = try rows.next() {
                guard let format = ImageFormat(rawValue: row["format"]) else { continue }
                images[row["url"]] = LocalImage(
                    hash: row["hash"], format: format, width: row["width"], height: row["height"],
                    byteCount: row["size"])
            }
            return images
        }
        let store = self
        return ImageCatalog(images: images) { image in
            let bytes = try store.read { db in
                try Data.fetchOne(db, sql: "SELECT bytes FROM image_blob WHERE hash = ?", arguments: [image.hash])
            }
            guard let bytes else { throw ImageCatalogError.missing(hash: image.hash) }
            return bytes
        }
    }
}

extension ImageCatalog {
    /// Identifies which copy each URL has: part of a build's fingerprint, so a picture
    /// replaced on its server renders the pages that show it.
    public var digest: String {
        let lines = images.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.hash)\n" }.joined()
        return SHA256.hash(data: Data(lines.utf8)).hexadecimal
    }
}
