import Foundation

/// What the last build of an output folder made, unit by unit: each unit's digest and the
/// files it wrote, kept beside the manifest in the store (`units.txt`). A build skips a
/// unit whose digest is the same and whose files are all still there.
public struct UnitRecords: Sendable, Equatable {
    /// One unit's record.
    public struct Entry: Sendable, Equatable {
        public var digest: UnitDigest
        public var paths: [String]

        public init(digest: UnitDigest, paths: [String]) {
            self.digest = digest
            self.paths = paths
        }
    }

    public var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    static let header = "stagefeed units 1"

    /// The records of the output folder at `location`; empty when there are none (or they
    /// cannot be read: the next build renders everything).
    public static func read(for location: OutputLocation) -> UnitRecords {
        guard let data = FileManager.default.contents(atPath: location.unitsFile.path) else { return UnitRecords() }
        var entries: [String: Entry] = [:]
        var current: (key: String, entry: Entry)?
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.popFirst() == Substring(header) else { return UnitRecords() }
        for line in lines {
            if line.first == "\t" {
                let path = String(line.dropFirst())
                guard current != nil, OutputPath.isSafe(path) else { return UnitRecords() }
                current?.entry.paths.append(path)
                continue
            }
            if let current { entries[current.key] = current.entry }
            guard let space = line.firstIndex(of: " "), let digest = UnitDigest(String(line[..<space])) else {
                return UnitRecords()
            }
            current = (String(line[line.index(after: space)...]), Entry(digest: digest, paths: []))
        }
        if let current { entries[current.key] = current.entry }
        return UnitRecords(entries: entries)
    }

    /// Keeps the records in the store.
    public func write(for location: OutputLocation) throws(OutputError) {
        var text = Self.header + "\n"
        for key in entries.keys.sorted() {
            guard let entry = entries[key] else { continue }
            text += "\(entry.digest) \(key)\n"
            for path in entry.paths { text += "\t\(path)\n" }
        }
        try FileOperations.createFolder(location.recordsFolder)
        try FileOperations.replace(location.unitsFile, with: Data(text.utf8))
    }

    /// Forgets the records (a build that fails leaves nothing a later one could trust).
    public static func forget(for location: OutputLocation) {
        try? FileOperations.remove(location.unitsFile)
    }
}
