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
        return parse(Array(data)) ?? UnitRecords()
    }

    /// The records in `bytes`, or nil when they are not in this format.
    static func parse(_ bytes: [UInt8]) -> UnitRecords? {
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(bytes.count / 60)
        var current: (key: String, entry: Entry)?
        var lineStart = 0
        var first = true
        for index in bytes.indices where bytes[index] == 0x0A {
            let line = bytes[lineStart..<index]
            lineStart = index + 1
            if first {
                guard String(decoding: line, as: UTF8.self) == header else { return nil }
                first = false
                continue
            }
            if line.first == 0x09 {
                let path = String(decoding: line.dropFirst(), as: UTF8.self)
                guard current != nil, OutputPath.isSafe(path) else { return nil }
                current?.entry.paths.append(path)
                continue
            }
            if let current { entries[current.key] = current.entry }
            guard line.count > 33, line[line.startIndex + 32] == 0x20, let digest = UnitDigest(hex: line.prefix(32))
            else { return nil }
            current = (String(decoding: line.dropFirst(33), as: UTF8.self), Entry(digest: digest, paths: []))
        }
        guard !first else { return nil }
        if let current { entries[current.key] = current.entry }
        return UnitRecords(entries: entries)
    }

    /// Keeps the records in the store.
    public func write(for location: OutputLocation) throws(OutputError) {
        try FileOperations.createFolder(location.recordsFolder)
        try FileOperations.replace(location.unitsFile, with: Data(text()))
    }

    /// The records as `units.txt` holds them: the header, then each unit by key, its digest
    /// and key on a line, each of its files on a line of its own after a tab.
    func text() -> [UInt8] {
        var bytes = Array(Self.header.utf8)
        bytes.reserveCapacity(entries.count * 120)
        bytes.append(0x0A)
        for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
            entry.digest.appendHex(to: &bytes)
            bytes.append(0x20)
            bytes.append(contentsOf: key.utf8)
            bytes.append(0x0A)
            for path in entry.paths {
                bytes.append(0x09)
                bytes.append(contentsOf: path.utf8)
                bytes.append(0x0A)
            }
        }
        return bytes
    }

    /// Forgets the records (a build that fails leaves nothing a later one could trust).
    public static func forget(for location: OutputLocation) {
        try? FileOperations.remove(location.unitsFile)
    }
}
