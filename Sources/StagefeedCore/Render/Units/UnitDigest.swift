import Crypto
import Foundation

/// What an output file is made of, hashed: two builds that give a file the same digest
/// give it the same bytes, so a build renders only the files whose digest changed.
public struct UnitDigest: Hashable, Sendable, CustomStringConvertible {
    /// The first 16 bytes of a SHA-256, as two words.
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// 32 hex digits.
    public var description: String {
        let high = String(high, radix: 16), low = String(low, radix: 16)
        return String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 16 - low.count)
            + low
    }

    /// The digest 32 hex digits spell, if they do.
    public init?(_ text: String) {
        guard text.utf8.count == 32, let high = UInt64(text.prefix(16), radix: 16),
            let low = UInt64(text.suffix(16), radix: 16)
        else { return nil }
        self.init(high: high, low: low)
    }
}

/// Hashes the parts of a digest, each with its length, so no two lists of parts run together.
public struct DigestBuilder {
    private var hash = SHA256()

    public init(_ kind: String) {
        add(kind)
    }

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            add(utf8.count)
            hash.update(bufferPointer: UnsafeRawBufferPointer(utf8))
        }
    }

    public mutating func add(_ text: String?) {
        if let text {
            add(1)
            add(text)
        } else {
            add(0)
        }
    }

    public mutating func add(_ number: Int) {
        withUnsafeBytes(of: Int64(number).littleEndian) { hash.update(bufferPointer: $0) }
    }

    public mutating func add(_ flag: Bool) { add(flag ? 1 : 0) }

    public mutating func add(_ instant: Date) { add(Int(instant.timeIntervalSince1970 * 1000)) }

    public mutating func add(_ digest: UnitDigest) {
        add(Int(bitPattern: UInt(digest.high)))
        add(Int(bitPattern: UInt(digest.low)))
    }

    public mutating func add(_ bytes: [UInt8]) {
        add(bytes.count)
        bytes.withUnsafeBytes { hash.update(bufferPointer: $0) }
    }

    public mutating func add(_ texts: [String]) {
        add(texts.count)
        for text in texts { add(text) }
    }

    public func finish() -> UnitDigest {
        var high: UInt64 = 0, low: UInt64 = 0
        for (index, byte) in hash.finalize().enumerated() {
            if index < 8 {
                high = high << 8 | UInt64(byte)
            } else if index < 16 {
                low = low << 8 | UInt64(byte)
            }
        }
        return UnitDigest(high: high, low: low)
    }
}
