/// A picture the export serves itself: a copy downloaded into the store, written to
/// `images/` under a name made of its content's hash (so a name never changes meaning, and
/// browsers and CDNs may keep it for good), with the size its header gives.
public struct LocalImage: Sendable, Hashable {
    /// SHA-256 of the file, 64 hex digits.
    public var hash: String
    public var format: ImageFormat
    public var width: Int
    public var height: Int
    public var byteCount: Int

    public init(hash: String, format: ImageFormat, width: Int, height: Int, byteCount: Int) {
        self.hash = hash
        self.format = format
        self.width = width
        self.height = height
        self.byteCount = byteCount
    }

    /// Its path in the export: `images/<first 32 hex digits of the hash>.<extension>`.
    public var path: String { "images/\(hash.prefix(32)).\(format.fileExtension)" }
}
