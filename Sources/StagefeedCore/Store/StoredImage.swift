import Foundation

/// What the store knows of one picture URL a source gave: who it belongs to (for messages),
/// the copy last downloaded (its hash, nil until a good one came), the validators for
/// conditional requests, and until when it needs no asking again (fresh by the server's
/// caching headers, or a pause after a failure).
public struct StoredImage: Sendable, Equatable {
    public var url: String
    /// "artist Rosa & the Thorns (a_001)": how warnings name what the picture is of.
    public var owner: String
    public var hash: String?
    public var etag: String?
    public var lastModified: String?
    public var checkedAt: Date
    public var askAgainAfter: Date
    /// Why the last attempt failed, or nil after a good answer.
    public var problem: String?

    public init(
        url: String, owner: String, hash: String? = nil, etag: String? = nil, lastModified: String? = nil,
        checkedAt: Date, askAgainAfter: Date, problem: String? = nil
    ) {
        self.url = url
        self.owner = owner
        self.hash = hash
        self.etag = etag
        self.lastModified = lastModified
        self.checkedAt = checkedAt
        self.askAgainAfter = askAgainAfter
        self.problem = problem
    }
}
