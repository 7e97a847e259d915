import Foundation

/// Writes an `EntryTable` to a file entry by entry, a megabyte at a time, then its index, so
/// a table of a whole-program file is never held whole; or appends to the last build's table
/// the records of the entries it does not have, and an index listing this build's entries,
/// old and new. A write that fails leaves the writer failed: the table is then not kept, and
/// the next build makes those entries again.
final class EntryTableWriter {
    let name: String
    /// For a writer appending to the last table: that table.
    let appendingTo: EntryTable?
    private var handle: FileHandle?
    private var pending: [UInt8]
    /// Bytes handed to the file so far.
    private var written = 0
    /// The index: each entry's digest, offset and length.
    private var index: [UInt8] = []

    /// A writer of a new table at `path`, made in `context`; nil when the file cannot be made.
    init?(name: String, path: String, context: UnitDigest) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { return nil }
        self.name = name
        self.handle = handle
        appendingTo = nil
        pending = EntryTable.header(context: context)
        pending.reserveCapacity(1 << 20 + 64 * 1024)
    }

    /// A writer appending to `table`, the file at `path`; nil when it cannot be opened.
    init?(name: String, appendingTo table: EntryTable, path: String) {
        guard let handle = FileHandle(forWritingAtPath: path), (try? handle.seek(toOffset: UInt64(table.size))) != nil
        else { return nil }
        self.name = name
        self.handle = handle
        appendingTo = table
        written = table.size
        pending = []
        pending.reserveCapacity(1 << 20 + 64 * 1024)
    }

    /// Lists the entry with digest `key`: its record is written unless the table appended to
    /// has it.
    func add(key: UnitDigest, entry: [UInt8]) {
        if let range = appendingTo?.range(of: key) {
            EntryTable.append(key, to: &index)
            EntryTable.append(littleEndian: UInt64(range.lowerBound), to: &index)
            EntryTable.append(littleEndian: UInt32(range.count), to: &index)
            return
        }
        EntryTable.append(key, to: &pending)
        EntryTable.append(littleEndian: UInt32(entry.count), to: &pending)
        EntryTable.append(key, to: &index)
        EntryTable.append(littleEndian: UInt64(written + pending.count), to: &index)
        EntryTable.append(littleEndian: UInt32(entry.count), to: &index)
        pending.append(contentsOf: entry)
        if pending.count >= 1 << 20 { flush() }
    }

    private func flush() {
        guard let handle else { return }
        do {
            try handle.write(contentsOf: pending)
            written += pending.count
        } catch {
            try? handle.close()
            self.handle = nil
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes what is left, the index and the trailer, and closes the file; false when any
    /// write failed (or it was finished before).
    func finish() -> Bool {
        flush()
        let rows = index.count / EntryTable.indexRow
        pending = index
        EntryTable.append(littleEndian: UInt64(written), to: &pending)
        EntryTable.append(littleEndian: UInt32(rows), to: &pending)
        pending.append(contentsOf: EntryTable.trailerMark)
        index = []
        flush()
        guard let handle else { return false }
        self.handle = nil
        do {
            try handle.close()
            return true
        } catch {
            return false
        }
    }
}
