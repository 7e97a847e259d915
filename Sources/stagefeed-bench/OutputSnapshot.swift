import Foundation

/// Every entry of an output folder (the folder itself included, hidden files too) with its
/// inode, size and modification time, to tell what a build touched. `feeds/status.json`
/// (and the `feeds` folder its replacement dates) are left out: they change on purpose.
struct OutputSnapshot {
    var entries: [String: [Int]]

    init(_ folder: URL) throws {
        entries = [:]
        var paths = [""]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let path = walker?.nextObject() as? String { paths.append(path) }
        for path in paths where path != "feeds" && path != "feeds/status.json" {
            var info = stat()
            guard lstat(folder.appendingPathComponent(path).path, &info) == 0 else { continue }
            entries[path] = [Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
        }
    }

    /// The entries that differ from `earlier`'s, or are in one only.
    func changes(from earlier: OutputSnapshot) -> [String] {
        Set(entries.keys).union(earlier.entries.keys).filter { entries[$0] != earlier.entries[$0] }.sorted()
    }
}
