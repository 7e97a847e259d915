/// A GIF's size: the logical screen's width and height, little-endian, after the signature.
enum GIFHeader {
    static func size(_ bytes: ByteView) -> (width: Int, height: Int)? {
        guard let width = bytes.uint16LE(at: 6), let height = bytes.uint16LE(at: 8) else { return nil }
        return (Int(width), Int(height))
    }
}
