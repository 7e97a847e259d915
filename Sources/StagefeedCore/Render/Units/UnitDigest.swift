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
        var hex: [UInt8] = []
        appendHex(to: &hex)
        return String(decoding: hex, as: UTF8.self)
    }

    /// The digest 32 hex digits spell, if they do.
    public init?(_ text: String) {
        self.init(hex: Array(text.utf8))
    }

    /// The digest 32 lowercase or uppercase hex digits spell, if they do.
    public init?(hex digits: some Collection<UInt8>) {
        guard digits.count == 32 else { return nil }
        var words: (UInt64, UInt64) = (0, 0)
        for (index, digit) in digits.enumerated() {
            let value: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = digit - UInt8(ascii: "A") + 10
            default: return nil
            }
            if index < 16 { words.0 = words.0 << 4 | UInt64(value) } else { words.1 = words.1 << 4 | UInt64(value) }
        }
        self.init(high: words.0, low: words.1)
    }

    /// Appends the 32 lowercase hex digits.
    public func appendHex(to bytes: inout [UInt8]) {
        for word in [high, low] {
            for shift in stride(from: 60, through: 0, by: -4) {
                bytes.append(hexadecimalDigits[Int(word >> UInt64(shift) & 0xF)])
            }
        }
    }
}

/// Hashes the parts of a digest, each with its length, so no two lists of parts run together.
/// The parts are gathered in a buffer and hashed a block of 64 KB at a time: hashing each
/// part as it came cost more in calls than in hashing (a set's digest has 40 parts).
public struct DigestBuilder {
    private var hash = SHA256()
    private var pending: [UInt8] = []
    private static let block = 1 << 16

    public init(_ kind: String) {
        pending.reserveCapacity(256)
        add(kind)
    }

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            add(utf8.count)
            pending.append(contentsOf: utf8)
        }
        hashIfFull()
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
        withUnsafeBytes(of: Int64(number).littleEndian) { pending.append(contentsOf: $0) }
        hashIfFull()
    }

    public mutating func add(_ flag: Bool) { add(flag ? 1 : 0) }

    public mutating func add(_ instant: Date) { add(Int(instant.timeIntervalSince1970 * 1000)) }

    public mutating func add(_ digest: UnitDigest) {
        add(Int(bitPattern: UInt(digest.high)))
        add(Int(bitPattern: UInt(digest.low)))
    }

    public mutating func add(_ bytes: [UInt8]) {
        add(bytes.count)
        pending.append(contentsOf: bytes)
        hashIfFull()
    }

    public mutating func add(_ texts: [String]) {
        add(texts.count)
        for text in texts { add(text) }
    }

    private mutating func hashIfFull() {
        guard pending.count >= Self.block else { return }
        hash.update(data: pending)
        pending.removeAll(keepingCapacity: true)
    }

    public func finish() -> UnitDigest {
        var hash = hash
        hash.update(data: pending)
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
