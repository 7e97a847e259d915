import Foundation
import Testing

@testable import StagefeedCore

/// `units.txt`: each unit's digest and files, written and read back exactly, in the layout
/// earlier versions wrote; anything else is not taken for records.
@Suite struct UnitRecordsTests {
    static func records(count: Int, seed: UInt64) -> UnitRecords {
        var random = SeededGenerator(seed: seed)
        var entries: [String: UnitRecords.Entry] = [:]
        for index in 0..<count {
            // Small numbers too, whose hex digits start with zeros.
            let digest = UnitDigest(
                high: index.isMultiple(of: 3) ? UInt64(index) : random.next(), low: random.next() >> (index % 64))
            let paths = (0..<(index % 3)).map { "artists/ä\(index)-\($0)/index.html" }
            entries["artist \(index) «\(index % 7)»"] = UnitRecords.Entry(digest: digest, paths: paths)
        }
        return UnitRecords(entries: entries)
    }

    /// The layout as written before: `digest key`, then a tab and each path.
    static func reference(_ records: UnitRecords) -> String {
        var text = UnitRecords.header + "\n"
        for key in records.entries.keys.sorted() {
            let entry = records.entries[key]!
            let high = String(entry.digest.high, radix: 16), low = String(entry.digest.low, radix: 16)
            text +=
                String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 16 - low.count)
            text += low + " \(key)\n"
            for path in entry.paths { text += "\t\(path)\n" }
        }
        return text
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func recordsAreWrittenAndReadBackExactly(seed: UInt64) {
        let records = Self.records(count: 300, seed: seed)
        let text = records.text()
        #expect(String(decoding: text, as: UTF8.self) == Self.reference(records))
        #expect(UnitRecords.parse(text) == records)
        for entry in records.entries.values {
            #expect(UnitDigest(entry.digest.description) == entry.digest)
            #expect(UnitDigest(entry.digest.description.uppercased()) == entry.digest)
        }
    }

    @Test func otherTextIsNotTakenForRecords() {
        let digest = String(repeating: "0", count: 31) + "1"
        for text in [
            "", "stagefeed units 2\n", "stagefeed units 1\n\(digest)\n",
            "stagefeed units 1\n\(digest.dropLast())g key\n", "stagefeed units 1\n\(digest) key\n\t../outside\n",
            "stagefeed units 1\n\tno unit before\n",
        ] {
            #expect(UnitRecords.parse(Array(text.utf8)) == nil, "\(text.debugDescription)")
        }
        #expect(UnitRecords.parse(Array("stagefeed units 1\n\(digest) key\n\tindex.html\n".utf8)) != nil)
    }
}
