/// Bounds-checked reads of big- and little-endian numbers from a file's bytes, for the
/// image header readers: a read past the end gives nil, never a crash.
public struct ByteView: Sendable {
    let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var count: Int { bytes.count }

    func byte(at offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }

    /// Big-endian 16 bits.
    func uint16(at offset: Int) -> UInt16? {
        guard let high = byte(at: offset), let low = byte(at: offset + 1) else { return nil }
        return UInt16(high) << 8 | UInt16(low)
    }

    /// Little-endian 16 bits.
    func uint16LE(at offset: Int) -> UInt16? {
        guard let low = byte(at: offset), let high = byte(at: offset + 1) else { return nil }
        return UInt16(high) << 8 | UInt16(low)
    }

    /// Little-endian 24 bits.
    func uint24LE(at offset: Int) -> UInt32? {
        guard let low = uint16LE(at: offset), let high = byte(at: offset + 2) else { return nil }
        return UInt32(high) << 16 | UInt32(low)
    }

    /// Big-endian 32 bits.
    func uint32(at offset: Int) -> UInt32? {
        guard let high = uint16(at: offset), let low = uint16(at: offset + 2) else { return nil }
        return UInt32(high) << 16 | UInt32(low)
    }

    /// Little-endian 32 bits.
    func uint32LE(at offset: Int) -> UInt32? {
        guard let low = uint16LE(at: offset), let high = uint16LE(at: offset + 2) else { return nil }
        return UInt32(high) << 16 | UInt32(low)
    }

    /// Big-endian 64 bits.
    func uint64(at offset: Int) -> UInt64? {
        guard let high = uint32(at: offset), let low = uint32(at: offset + 4) else { return nil }
        return UInt64(high) << 32 | UInt64(low)
    }

    func starts(with prefix: [UInt8]) -> Bool { matches(prefix, at: 0) }

    /// Whether `expected` stands at `offset`.
    func matches(_ expected: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + expected.count <= bytes.count else { return false }
        for (index, value) in expected.enumerated() where bytes[offset + index] != value { return false }
        return true
    }
}
