/// A PNG's size: the first chunk is always `IHDR`, width and height in its first 8 bytes.
enum PNGHeader {
    static func size(_ bytes: ByteView) -> (width: Int, height: Int)? {
        guard bytes.matches(Array("IHDR".utf8), at: 12), let width = bytes.uint32(at: 16),
            let height = bytes.uint32(at: 20)
        else { return nil }
        return (Int(width), Int(height))
    }
}
