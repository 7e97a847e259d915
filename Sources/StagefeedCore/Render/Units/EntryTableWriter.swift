import Foundation

/// Writes an `EntryTable` to a file entry by entry, a megabyte at a time, so a table of a
/// whole-program file is never held whole. A write that fails leaves the writer failed: the
/// table is then not kept, and the next build makes those entries again.
final class EntryTableWriter {
    let name: String
    let path: String
    private var handle: FileHandle?
    private var pending: [UInt8]

    /// A writer of a new table at `path`, made in `context`; nil when the file cannot be made.
    init?(name: String, path: String, context: UnitDigest) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { return nil }
        self.name = name
        self.path = path
        self.handle = handle
        pending = EntryTable.header(context: context)
        pending.reserveCapacity(1 << 20 + 64 * 1024)
    }

    func add(key: UnitDigest, entry: some Collection<UInt8>) {
        EntryTable.append(key: key, entry: entry, to: &pending)
        if pending.count >= 1 << 20 { flush() }
    }

    private func flush() {
        guard let handle else { return }
        do {
            try handle.write(contentsOf: pending)
        } catch {
            try? handle.close()
            self.handle = nil
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and closes the file; false when any write failed (or it was finished before).
    func finish() -> Bool {
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
