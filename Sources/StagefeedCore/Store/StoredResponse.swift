import Crypto
import Foundation

/// The last good body of one endpoint, with the validators the server gave for it.
public struct StoredResponse: Sendable, Equatable {
    public var endpoint: String
    public var body: Data
    public var etag: String?
    public var lastModified: String?
    public var fetchedAt: Date

    public init(endpoint: String, body: Data, etag: String?, lastModified: String?, fetchedAt: Date) {
        self.endpoint = endpoint
        self.body = body
        self.etag = etag
        self.lastModified = lastModified
        self.fetchedAt = fetchedAt
    }

    /// The SHA-256 of the body, in hex.
    public var digest: String { Self.digest(of: body) }

    /// The SHA-256 of `body`, in hex.
    static func digest(of body: Data) -> String {
        SHA256.hash(data: body).hexadecimal
    }
}

/// What the store knows of a source as a whole.
public struct SourceState: Sendable, Equatable {
    /// The last time every endpoint was read successfully (200 or 304).
    public var checkedAt: Date
    /// The last time the program's data changed.
    public var changedAt: Date
    /// The rate-limit budget the last response announced.
    public var rateLimit: Int?
    public var rateRemaining: Int?
    public var rateReset: Date?
}
