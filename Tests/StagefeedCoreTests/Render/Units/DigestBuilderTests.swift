import Crypto
import Foundation
import Testing

@testable import StagefeedCore

/// A digest is the SHA-256 of its parts, each after its length, however many parts and
/// however large: the same values earlier builds recorded, so stores keep their records.
@Suite struct DigestBuilderTests {
    /// The stream the builder hashes, written out by hand.
    private struct Stream {
        var bytes: [UInt8] = []
        mutating func number(_ value: Int) { withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 } }
        mutating func text(_ value: String) {
            number(value.utf8.count)
            bytes += Array(value.utf8)
        }
        var digest: UnitDigest {
            let hash = Array(SHA256.hash(data: bytes))
            let high = hash[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let low = hash[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return UnitDigest(high: high, low: low)
        }
    }

    @Test(arguments: [0, 1, 7, 300, 5000])
    func theDigestIsTheSHA256OfItsLengthPrefixedParts(parts: Int) {
        var builder = DigestBuilder("kind")
        var stream = Stream()
        stream.text("kind")
        var random = SeededGenerator(seed: UInt64(parts))
        for index in 0..<parts {
            switch random.next() % 4 {
            case 0:
                // Texts of every length, some past the 64 KB the builder gathers before hashing.
                let text = String(repeating: "é\(index)", count: Int(random.next() % (index % 97 == 0 ? 40_000 : 20)))
                builder.add(text)
                stream.text(text)
            case 1:
                let number = Int(bitPattern: UInt(random.next()))
                builder.add(number)
                stream.number(number)
            case 2:
                let bytes = (0..<Int(random.next() % 3000)).map { UInt8(truncatingIfNeeded: $0 &* index) }
                builder.add(bytes)
                stream.number(bytes.count)
                stream.bytes += bytes
            default:
                let texts = ["a", "", "ü\(index)"]
                builder.add(texts)
                stream.number(texts.count)
                for text in texts { stream.text(text) }
            }
        }
        #expect(builder.finish() == stream.digest)
        #expect(builder.finish() == stream.digest, "finishing does not change the builder")
    }

    @Test func partsDoNotRunTogether() {
        var first = DigestBuilder("kind"), second = DigestBuilder("kind")
        first.add("ab")
        first.add("c")
        second.add("a")
        second.add("bc")
        #expect(first.finish() != second.finish())
        var absent = DigestBuilder("kind"), empty = DigestBuilder("kind")
        absent.add(nil as String?)
        empty.add("" as String?)
        #expect(absent.finish() != empty.finish())
    }
}
