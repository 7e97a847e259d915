import Foundation
import Synchronization

/// The entries of the whole-program files kept from one build for the next: each VEVENT of
/// the calendars and each event of `schedule.xml` and `schedule.json`, by a digest of what it
/// shows, in the store beside the unit records (`<cache>/outputs/<key>/entries/`). A build
/// where one set moved takes every other entry's bytes from there instead of making them
/// again. A table is staged while the build runs and put in place when the build commits;
/// one missing, unreadable or made by another build of stagefeed only means more entries
/// are made.
public final class KeptEntries: Sendable {
    private struct State {
        var staged: Set<String> = []
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

    /// A writer of `name`'s table for the next build (staged beside it), or nil when nothing
    /// is kept or the file cannot be made.
    func writer(_ name: String, context: UnitDigest) -> EntryTableWriter? {
        guard let folder, (try? FileOperations.createFolder(folder)) != nil else { return nil }
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
        var entries = keys.map { last[$0] }
        let missing = entries.indices.filter { entries[$0] == nil }
        for (position, made) in zip(missing, ParallelWork.map(missing, make)) { entries[position] = made }
        count(reused: keys.count - missing.count, made: missing.count)
        let all = entries.map { $0 ?? [] }
        if !missing.isEmpty || last.count != keys.count, let writer = writer(name, context: context) {
            for (key, entry) in zip(keys, all) { writer.add(key: key, entry: entry) }
            keep(writer)
        }
        return all
    }

    /// Finishes `writer`'s table: it is put in place when the build commits.
    func keep(_ writer: EntryTableWriter) {
        guard writer.finish() else { return }
        state.withLock { _ = $0.staged.insert(writer.name) }
    }

    /// Counts entries taken from the last build and made by this one.
    func count(reused: Int, made: Int) {
        state.withLock {
            $0.reused += reused
            $0.made += made
        }
    }

    /// Puts this build's tables in place of the last build's. A table that cannot be moved
    /// is left out: the next build makes its entries.
    public func commit() {
        guard let folder else { return }
        let staged = state.withLock { $0.staged }
        for name in staged {
            let target = folder.appendingPathComponent(name)
            if (try? FileOperations.move(path: Self.stagedPath(name, in: folder), to: target.path)) == nil {
                try? FileOperations.remove(target)
            }
        }
        abandon()
    }

    /// Removes the tables this build staged (a build that fails keeps the last ones).
    public func abandon() {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasSuffix(Self.stagedSuffix) {
            try? FileOperations.remove(folder.appendingPathComponent(name))
        }
        state.withLock { $0.staged.removeAll() }
    }

    private static let stagedSuffix = ".staged"

    private static func stagedPath(_ name: String, in folder: URL) -> String {
        folder.appendingPathComponent(name + stagedSuffix).path
    }
}
