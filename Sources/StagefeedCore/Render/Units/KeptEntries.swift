import Foundation
import Synchronization

/// The entries of the whole-program files kept from one build for the next: each VEVENT of
/// the calendars, each event of `schedule.xml` and `schedule.json`, each set's and artist's
/// entry in `feeds/program.json`, by a digest of what it shows, in the store beside the
/// unit records (`<cache>/outputs/<key>/entries/`). A build where one set moved takes every
/// other entry's bytes from there instead of making them again. A new table is staged while
/// the build runs and put in place when the build commits; one appended to is cut back
/// should the build fail. A table missing, unreadable or made by another build of stagefeed
/// only means more entries are made.
public final class KeptEntries: Sendable {
    private struct State {
        var staged: Set<String> = []
        /// Tables this build appends to, by name: their files' sizes before, to go back to
        /// should the build fail.
        var appended: [String: Int] = [:]
        var reused = 0
        var made = 0
    }

    /// Where the tables are, or nil: nothing is kept (a preview, a renderer run on its own).
    private let folder: URL?
    /// Whether the last build's tables are read (not by a build told to make everything).
    private let readsLast: Bool
    private let state = Mutex(State())

    /// The tables in `folder`; with `readingLast` false, the last build's are not read (but
    /// this build's are kept).
    public init(folder: URL?, readingLast: Bool = true) {
        self.folder = folder
        readsLast = readingLast
    }

    /// How many entries this build took from the last one, and how many it made.
    public var counts: (reused: Int, made: Int) {
        state.withLock { ($0.reused, $0.made) }
    }

    /// The table `name` the last build kept, when it was made in `context` (else empty).
    func last(_ name: String, context: UnitDigest) -> EntryTable {
        guard readsLast, let folder else { return EntryTable() }
        return EntryTable.open(path: folder.appendingPathComponent(name).path, context: context) ?? EntryTable()
    }

    /// A writer of `name`'s table for the next build, or nil when nothing is kept or the file
    /// cannot be made. It appends to `last` when that is the table in place and not mostly
    /// entries no longer listed (a build where one set moved writes that set's entries and an
    /// index); else it writes a new table, staged beside the last.
    func writer(_ name: String, context: UnitDigest, last: EntryTable) -> EntryTableWriter? {
        guard let folder, (try? FileOperations.createFolder(folder)) != nil else { return nil }
        if last.takesAppends,
            let writer = EntryTableWriter(
                name: name, appendingTo: last, path: folder.appendingPathComponent(name).path)
        {
            state.withLock { $0.appended[name] = last.size }
            return writer
        }
        return EntryTableWriter(name: name, path: Self.stagedPath(name, in: folder), context: context)
    }

    /// The entries with `keys`: the bytes of each one the last build kept in table `name`
    /// (read in order, along the file), the others made by `make` (given their position) over
    /// every core. When any was made, or the last table holds others, all of them are kept as
    /// `name`'s table for the next build.
    func entries(
        _ name: String, context: UnitDigest, keys: [UnitDigest], make: @Sendable (Int) -> [UInt8]
    ) -> [[UInt8]] {
        let last = self.last(name, context: context)
        let missing = keys.indices.filter { !last.contains(keys[$0]) }
        let made = Dictionary(uniqueKeysWithValues: zip(missing, ParallelWork.map(missing, make)))
        var all: [[UInt8]] = []
        all.reserveCapacity(keys.count)
        // An entry the table lists but cannot give back is made here, on this core.
        forEachEntry(
            name, context: context, last: last, keys: keys, make: { made[$0] ?? make($0) }, each: { all.append($0) })
        return all
    }

    /// The entries with `keys`, handed to `each` in order one at a time rather than held
    /// together: the bytes of each one the last build kept in table `name`, the others made
    /// by `make` (given their position). Kept as `name`'s table for the next build, as
    /// `entries` does; should `each` throw, the table is not kept (and the build fails).
    func forEachEntry(
        _ name: String, context: UnitDigest, keys: [UnitDigest], make: (Int) -> [UInt8],
        each: ([UInt8]) throws -> Void
    ) rethrows {
        try forEachEntry(name, context: context, last: last(name, context: context), keys: keys, make: make, each: each)
    }

    /// `forEachEntry` from `last`, the table the last build kept.
    private func forEachEntry(
        _ name: String, context: UnitDigest, last: EntryTable, keys: [UnitDigest], make: (Int) -> [UInt8],
        each: ([UInt8]) throws -> Void
    ) rethrows {
        let writer = last.lists(exactly: keys) ? nil : writer(name, context: context, last: last)
        var made = 0
        for (position, key) in keys.enumerated() {
            let entry: [UInt8]
            if let kept = last[key] {
                entry = kept
            } else {
                entry = make(position)
                made += 1
            }
            writer?.add(key: key, entry: entry)
            try each(entry)
        }
        count(reused: keys.count - made, made: made)
        if let writer { keep(writer) }
    }

    /// Finishes `writer`'s table: a new one is put in place when the build commits; one
    /// appended to is in place (and cut back to its last size if this build fails).
    func keep(_ writer: EntryTableWriter) {
        let finished = writer.finish()
        if writer.appendingTo != nil {
            if !finished { rollBack(writer.name) }
        } else if finished {
            state.withLock { _ = $0.staged.insert(writer.name) }
        }
    }

    /// Cuts a table this build appended to back to its size before.
    private func rollBack(_ name: String) {
        guard let folder, let size = state.withLock({ $0.appended.removeValue(forKey: name) }) else { return }
        if truncate(folder.appendingPathComponent(name).path, off_t(size)) != 0 {
            try? FileOperations.remove(folder.appendingPathComponent(name))
        }
    }

    /// Counts entries taken from the last build and made by this one.
    func count(reused: Int, made: Int) {
        state.withLock {
            $0.reused += reused
            $0.made += made
        }
    }

    /// Puts this build's new tables in place of the last build's (those it appended to are).
    /// A table that cannot be moved is left out: the next build makes its entries.
    public func commit() {
        guard let folder else { return }
        let staged = state.withLock { state in
            state.appended.removeAll()
            return state.staged
        }
        for name in staged {
            let target = folder.appendingPathComponent(name)
            if (try? FileOperations.move(path: Self.stagedPath(name, in: folder), to: target.path)) == nil {
                try? FileOperations.remove(target)
            }
        }
        abandon()
    }

    /// Removes the tables this build staged and cuts those it appended to back to their size
    /// before (a build that fails keeps the last ones).
    public func abandon() {
        guard let folder else { return }
        for name in state.withLock({ Array($0.appended.keys) }) { rollBack(name) }
        if let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) {
            for name in names where name.hasSuffix(Self.stagedSuffix) {
                try? FileOperations.remove(folder.appendingPathComponent(name))
            }
        }
        state.withLock { $0.staged.removeAll() }
    }

    private static let stagedSuffix = ".staged"

    private static func stagedPath(_ name: String, in folder: URL) -> String {
        folder.appendingPathComponent(name + stagedSuffix).path
    }
}
