import Foundation
import Synchronization
import Testing

@testable import StagefeedCore

/// The entries a build keeps for the next: read back byte for byte in the context they were
/// made in and in no other, in place only once the build commits, and never trusted when
/// cut short.
@Suite struct KeptEntriesTests {
    private let context = UnitDigest(high: 1, low: 2)
    private let otherContext = UnitDigest(high: 1, low: 3)

    /// Entries of every size, with bytes a line-based format would trip on.
    private static let entries: [(UnitDigest, [UInt8])] = (0..<300).map { number in
        let bytes = (0..<(number * 37 % 5000)).map { UInt8(truncatingIfNeeded: $0 * number) }
        return (UnitDigest(high: UInt64(number) << 40, low: UInt64.max - UInt64(number)), bytes)
    }

    private func writeTable(in folder: TemporaryFolder, context: UnitDigest) throws -> KeptEntries {
        let kept = KeptEntries(folder: folder.path("entries"))
        let writer = try #require(kept.writer("table", context: context, last: EntryTable()))
        for (key, bytes) in Self.entries { writer.add(key: key, entry: bytes) }
        kept.keep(writer)
        return kept
    }

    @Test func aCommittedTableGivesBackEveryEntryInItsContextOnly() throws {
        let folder = try TemporaryFolder()
        try writeTable(in: folder, context: context).commit()
        let next = KeptEntries(folder: folder.path("entries"))
        let table = next.last("table", context: context)
        #expect(table.count == Self.entries.count)
        for (key, bytes) in Self.entries {
            #expect(table[key] == bytes)
        }
        #expect(table[UnitDigest(high: 9, low: 9)] == nil)
        #expect(next.last("table", context: otherContext).count == 0, "a table made in another context is not used")
        #expect(
            KeptEntries(folder: folder.path("entries"), readingLast: false).last("table", context: context).count == 0)
    }

    @Test func aTableIsInPlaceOnlyOnceTheBuildCommits() throws {
        let folder = try TemporaryFolder()
        let kept = try writeTable(in: folder, context: context)
        #expect(KeptEntries(folder: folder.path("entries")).last("table", context: context).count == 0)
        kept.abandon()
        kept.commit()
        #expect(KeptEntries(folder: folder.path("entries")).last("table", context: context).count == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("entries").path).isEmpty)
    }

    @Test func aTableCutShortOrAlteredIsNotUsed() throws {
        let folder = try TemporaryFolder()
        try writeTable(in: folder, context: context).commit()
        let path = folder.path("entries/table")
        let whole = try Data(contentsOf: path)
        #expect(EntryTable.open(path: path.path, context: context)?.count == Self.entries.count)
        for cut in [1, 7, 19, 28, 29, whole.count / 2, whole.count - 1] {
            try Data(whole.dropLast(cut)).write(to: path)
            #expect(EntryTable.open(path: path.path, context: context) == nil, "cut by \(cut) bytes")
        }
        // An index pointing past its records, and a header of another format.
        var pointing = whole
        pointing[whole.count - 16] &+= 1
        var other = whole
        other[0] = UInt8(ascii: "S")
        for altered in [pointing, other] {
            try altered.write(to: path)
            #expect(EntryTable.open(path: path.path, context: context) == nil)
        }
        #expect(KeptEntries(folder: path.deletingLastPathComponent()).last("table", context: context).count == 0)
    }

    @Test func aBuildAppendsItsNewEntriesAndAFailedOneCutsThemOff() throws {
        let folder = try TemporaryFolder()
        let keys = Self.entries.map(\.0)
        let first = KeptEntries(folder: folder.path("entries"))
        _ = first.entries("table", context: context, keys: keys) { Self.entries[$0].1 }
        first.commit()
        let path = folder.path("entries/table")
        let before = try Data(contentsOf: path)

        // One entry new: its record and an index are appended, nothing else is written again.
        var changed = keys
        changed[0] = UnitDigest(high: 5, low: 5)
        let failing = KeptEntries(folder: folder.path("entries"))
        _ = failing.entries("table", context: context, keys: changed) { _ in [9, 9] }
        let appended = try Data(contentsOf: path)
        #expect(appended.prefix(before.count) == before)
        let index = keys.count * EntryTable.indexRow + EntryTable.trailerSize
        #expect(appended.count == before.count + EntryTable.recordPrefix + 2 + index)
        // The build fails: the table is the last build's again, byte for byte.
        failing.abandon()
        #expect(try Data(contentsOf: path) == before)

        let next = KeptEntries(folder: folder.path("entries"))
        _ = next.entries("table", context: context, keys: changed) { _ in [9, 9] }
        next.commit()
        let table = KeptEntries(folder: folder.path("entries")).last("table", context: context)
        #expect(table.count == keys.count && table[changed[0]] == [9, 9] && table[keys[0]] == nil)
        #expect(table[keys[1]] == Self.entries[1].1)
    }

    @Test func aTableMostlyOfEntriesNoLongerListedIsWrittenAnew() throws {
        let folder = try TemporaryFolder()
        let entry = [UInt8](repeating: 7, count: 20_000)
        var keys = (0..<200).map { UnitDigest(high: 1, low: UInt64($0)) }
        var largest = 0
        for round in 1...10 {
            // Half the entries change each round: 2 MB of records no longer listed per round.
            if round > 1 {
                for position in stride(from: round % 2, to: keys.count, by: 2) {
                    keys[position] = UnitDigest(high: keys[position].high + 1, low: keys[position].low)
                }
            }
            let kept = KeptEntries(folder: folder.path("entries"))
            _ = kept.entries("table", context: context, keys: keys) { _ in entry }
            kept.commit()
            let size = try Data(contentsOf: folder.path("entries/table")).count
            largest = max(largest, size)
            let table = KeptEntries(folder: folder.path("entries")).last("table", context: context)
            #expect(table.count == keys.count && keys.allSatisfy { table[$0] == entry }, "round \(round)")
        }
        // 4 MB live: without writing it anew it would reach 22 MB.
        #expect(largest < 12_000_000, "the table grew to \(largest) bytes")
    }

    @Test func entriesAreTakenFromTheLastBuildAndOnlyTheOthersMade() throws {
        let folder = try TemporaryFolder()
        let keys = Self.entries.map(\.0)
        let first = KeptEntries(folder: folder.path("entries"))
        let made = first.entries("table", context: context, keys: keys) { Self.entries[$0].1 }
        first.commit()
        #expect(made == Self.entries.map(\.1))
        #expect(first.counts == (reused: 0, made: keys.count))

        // The next build: one entry changed (a new key), the rest as they were.
        var changed = keys
        changed[5] = UnitDigest(high: 77, low: 77)
        let asked = Mutex<[Int]>([])
        let second = KeptEntries(folder: folder.path("entries"))
        let again = second.entries("table", context: context, keys: changed) { position in
            asked.withLock { $0.append(position) }
            return [1, 2, 3]
        }
        second.commit()
        #expect(asked.withLock { $0 } == [5])
        #expect(second.counts == (reused: keys.count - 1, made: 1))
        #expect(Array(again[5]) == [1, 2, 3] && Array(again[6]) == Self.entries[6].1)

        // The table now holds exactly the second build's entries.
        let table = KeptEntries(folder: folder.path("entries")).last("table", context: context)
        #expect(table.count == keys.count && table[keys[5]] == nil && table[changed[5]] == [1, 2, 3])
    }
}
