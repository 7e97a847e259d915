import Crypto
import Foundation

/// Writes an export into the output folder: only files whose bytes changed, staged first
/// and renamed into place together once every file is made (see `WriteSession`), then
/// removes files it wrote before and no longer produces. Files it did not write are never
/// touched.
public struct OutputWriter: Sendable {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// A session to feed files into as they are rendered.
    public func begin() throws(OutputError) -> WriteSession {
        try WriteSession(folder: folder)
    }

    /// What `write` would do, without touching the disk.
    public func preview(_ files: [OutputFile]) throws(OutputError) -> WriteReport {
        var seen: Set<String> = []
        for file in files {
            guard OutputPath.isSafe(file.path) else { throw .unsafePath(file.path) }
            guard seen.insert(file.path).inserted else { throw .duplicatePath(file.path) }
        }
        let previous = FileManager.default.fileExists(atPath: folder.path) ? try Manifest.read(in: folder) : Manifest(files: [])
        let changed = files.filter { !FileOperations.holds(folder.appendingPathComponent($0.path), exactly: $0.contents) }.map(\.path).sorted()
        let removed = previous.files.filter {
            !seen.contains($0) && FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
        }
        return WriteReport(written: changed, unchanged: files.count - changed.count, removed: removed)
    }

    /// Writes `files` and prunes what the last write produced and this one does not.
    public func write(_ files: [OutputFile]) throws(OutputError) -> WriteReport {
        let session = try begin()
        do {
            for file in files { try session.emit(file) }
            return try session.commit()
        } catch {
            session.abandon()
            throw error as? OutputError ?? .writeFailed(path: folder.path, reason: "\(error)")
        }
    }

    /// The hash of the folder's manifest as it is on disk (every write changes it when the
    /// set of files changes); nil when the folder has none.
    public func manifestDigest() -> String? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(Manifest.fileName).path)
            .map { SHA256.hash(data: $0).hexadecimal }
    }

    /// Removes what a build that died before its commit left staged.
    public func removeLeftoverStaging() {
        try? FileOperations.remove(folder.appendingPathComponent(WriteSession.stagingName))
    }

    /// Replaces one file of the export, leaving every other file and the manifest as they are.
    public func update(_ file: OutputFile) throws(OutputError) -> WriteReport {
        guard OutputPath.isSafe(file.path) else { throw .unsafePath(file.path) }
        let target = folder.appendingPathComponent(file.path)
        if FileOperations.holds(target, exactly: file.contents) { return WriteReport(written: [], unchanged: 1, removed: []) }
        try FileOperations.createFolder(target.deletingLastPathComponent())
        try FileOperations.replace(target, with: file.contents)
        return WriteReport(written: [file.path], unchanged: 0, removed: [])
    }
}
