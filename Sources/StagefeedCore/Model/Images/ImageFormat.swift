/// The picture formats the export serves, told apart by the first bytes of a file (never
/// by its name or the server's `Content-Type`, which either may get wrong or lie about).
public enum ImageFormat: String, Sendable, Codable, CaseIterable {
    case jpeg, png, webp, gif, avif

    /// The file name extension of the export's copies.
    public var fileExtension: String {
        switch self {
        case .jpeg: return "jpg"
        case .png: return "png"
        case .webp: return "webp"
        case .gif: return "gif"
        case .avif: return "avif"
        }
    }

    /// The media type (`image/jpeg`…).
    public var mediaType: String { "image/\(rawValue)" }

    /// The format whose signature the bytes begin with, or nil (HTML, SVG, PDF, a
    /// truncated file…). AVIF is an ISO-BMFF file whose `ftyp` box names an AVIF brand.
    public static func sniff(_ bytes: ByteView) -> ImageFormat? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return .gif }
        if bytes.starts(with: Array("RIFF".utf8)), bytes.matches(Array("WEBP".utf8), at: 8) { return .webp }
        if bytes.matches(Array("ftyp".utf8), at: 4), let size = bytes.uint32(at: 0).map(Int.init), size >= 16,
            size <= bytes.count
        {
            // The major brand, then the compatible brands after the minor version.
            let brands = [8] + Array(stride(from: 16, to: size, by: 4))
            for offset in brands
            where bytes.matches(Array("avif".utf8), at: offset) || bytes.matches(Array("avis".utf8), at: offset) {
                return .avif
            }
        }
        return nil
    }
}
