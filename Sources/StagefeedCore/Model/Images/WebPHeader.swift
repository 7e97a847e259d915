/// A WebP's size from its first chunk: the canvas of an extended file (`VP8X`), the frame
/// header of a lossy one (`VP8 `) or the bit-packed header of a lossless one (`VP8L`).
enum WebPHeader {
    static func size(_ bytes: ByteView) -> (width: Int, height: Int)? {
        if bytes.matches(Array("VP8X".utf8), at: 12) {
            guard let width = bytes.uint24LE(at: 24), let height = bytes.uint24LE(at: 27) else { return nil }
            return (Int(width) + 1, Int(height) + 1)
        }
        if bytes.matches(Array("VP8 ".utf8), at: 12) {
            // A 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height.
            guard bytes.matches([0x9D, 0x01, 0x2A], at: 23), let width = bytes.uint16LE(at: 26),
                let height = bytes.uint16LE(at: 28)
            else { return nil }
            return (Int(width & 0x3FFF), Int(height & 0x3FFF))
        }
        if bytes.matches(Array("VP8L".utf8), at: 12) {
            // The signature 0x2F, then width − 1 and height − 1 in 14 bits each.
            guard bytes.byte(at: 20) == 0x2F, let packed = bytes.uint32LE(at: 21) else { return nil }
            return (Int(packed & 0x3FFF) + 1, Int((packed >> 14) & 0x3FFF) + 1)
        }
        return nil
    }
}
