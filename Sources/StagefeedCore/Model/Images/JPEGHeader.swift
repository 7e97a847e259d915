/// A JPEG's size from its start-of-frame segment, turned a quarter when the Exif
/// orientation (5 to 8) says the picture is shown on its side, as browsers show it.
enum JPEGHeader {
    /// Start-of-frame markers (baseline, progressive, lossless, arithmetic…); not DHT (C4),
    /// JPG (C8) or DAC (CC).
    private static let frameMarkers: Set<UInt8> = [
        0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF,
    ]

    static func size(_ bytes: ByteView) -> (width: Int, height: Int)? {
        var offset = 2
        var quarterTurn = false
        while offset + 4 <= bytes.count {
            guard bytes.byte(at: offset) == 0xFF, let marker = bytes.byte(at: offset + 1) else { return nil }
            if marker == 0xFF {
                // Fill bytes before a marker.
                offset += 1
                continue
            }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) {
                offset += 2
                continue
            }
            guard let length = bytes.uint16(at: offset + 2).map(Int.init), length >= 2 else { return nil }
            if frameMarkers.contains(marker) {
                guard let height = bytes.uint16(at: offset + 5), let width = bytes.uint16(at: offset + 7) else {
                    return nil
                }
                return quarterTurn ? (Int(height), Int(width)) : (Int(width), Int(height))
            }
            if marker == 0xDA || marker == 0xD9 { return nil }
            if marker == 0xE1, let orientation = orientation(bytes, segment: offset + 4, end: offset + 2 + length) {
                quarterTurn = (5...8).contains(orientation)
            }
            offset += 2 + length
        }
        return nil
    }

    /// The Exif orientation tag (0x0112) of IFD0 in an APP1 segment starting at `segment`.
    private static func orientation(_ bytes: ByteView, segment: Int, end: Int) -> Int? {
        guard bytes.matches(Array("Exif".utf8) + [0, 0], at: segment) else { return nil }
        let tiff = segment + 6
        let little: Bool
        if bytes.matches(Array("II".utf8), at: tiff) {
            little = true
        } else if bytes.matches(Array("MM".utf8), at: tiff) {
            little = false
        } else {
            return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at + 2 <= end else { return nil }
            return (little ? bytes.uint16LE(at: at) : bytes.uint16(at: at)).map(Int.init)
        }
        func u32(_ at: Int) -> Int? {
            guard at + 4 <= end else { return nil }
            return (little ? bytes.uint32LE(at: at) : bytes.uint32(at: at)).map(Int.init)
        }
        guard u16(tiff + 2) == 42, let first = u32(tiff + 4), let count = u16(tiff + first) else { return nil }
        for entry in 0..<count {
            let at = tiff + first + 2 + entry * 12
            guard let tag = u16(at) else { return nil }
            if tag == 0x0112 { return u16(at + 8) }
        }
        return nil
    }
}
