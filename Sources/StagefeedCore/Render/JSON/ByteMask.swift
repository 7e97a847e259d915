/// A set of byte values as 256 bits: asking for a byte reads one bit, with no array (and so
/// no reference count) on the way. For loops that look at every byte of a text.
struct ByteMask: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The bytes for which `includes` says true.
    init(_ includes: (UInt8) -> Bool) {
        for byte in UInt8.min...UInt8.max where includes(byte) {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        // The word read by its offset, not chosen by a switch: a jump for every byte of a
        // text costs more than the look itself.
        let word = withUnsafeBytes(of: words) { $0.load(fromByteOffset: Int(byte >> 6) &* 8, as: UInt64.self) }
        return word >> UInt64(byte & 63) & 1 == 1
    }
}
