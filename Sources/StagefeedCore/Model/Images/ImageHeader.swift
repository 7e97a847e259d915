/// What a picture file's header says: its format and its size as shown (after the
/// rotation its metadata asks for), read by hand from the first bytes so pages can set
/// `width` and `height` and never shift while pictures load.
public struct ImageHeader: Sendable, Equatable {
    public var format: ImageFormat
    public var width: Int
    public var height: Int

    public init(format: ImageFormat, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// The header of a file of `format` (as sniffed), or nil when its size cannot be read
    /// (a truncated or damaged file, or a size of zero).
    public static func read(_ bytes: ByteView, as format: ImageFormat) -> ImageHeader? {
        let size: (width: Int, height: Int)?
        switch format {
        case .jpeg: size = JPEGHeader.size(bytes)
        case .png: size = PNGHeader.size(bytes)
        case .gif: size = GIFHeader.size(bytes)
        case .webp: size = WebPHeader.size(bytes)
        case .avif: size = AVIFHeader.size(bytes)
        }
        guard let size, (1...100_000).contains(size.width), (1...100_000).contains(size.height) else { return nil }
        return ImageHeader(format: format, width: size.width, height: size.height)
    }

    /// The header of a file in any of the formats, or nil.
    public static func read(_ bytes: [UInt8]) -> ImageHeader? {
        let view = ByteView(bytes)
        return ImageFormat.sniff(view).flatMap { read(view, as: $0) }
    }
}
