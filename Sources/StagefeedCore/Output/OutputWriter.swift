import Crypto
import Foundation

/// Writes an export into the output folder: only files whose bytes changed, staged first
/// and renamed into place together once every file is made (see `WriteSession`), then
/// removes files it wrote before and no longer produces. Files it did not write are never
/// touched. The manifest of what it wrote lives in the store (`OutputLocation`), not in the
/// output folder.
public struct OutputWriter: Sendable {
    /// The output folder and where its manifest is kept.
    public let location: OutputLocation

    /// The output folder.
    public var folder: URL { location.folder }

    /// A writer into `folder` keeping its manifest in the store folder `cache`.
    public init(folder: URL, cache: URL) {
        location = OutputLocation(folder: folder, cache: cache)
    }

    /// A session to feed files into as they are rendered.
    public func begin() throws(OutputError) -> WriteSession {
        try migrateLegacyManifest()
        return try WriteSession(location: location)
    }

    /// What `write` would do, without touching the disk.
    public func preview(_ files: [OutputFile]) throws(OutputError) -> WriteReport {
        var seen: Set<String> = []
        for file in files {
            guard OutputPath.isSafe(file.path) else { throw .unsafePath(file.path) }
            guard seen.insert(file.path).inserted else { throw .duplicatePath(file.path) }
        }
        let previous = try Manifest.read(for: location).files + legacyManifest().files
        let changed = files.filter {
            !FileOperations.holds(folder.appendingPathComponent($0.path), exactly: $0.contents)
        }
        .map(\.path).sorted()
        let removed = Set(previous).filter {
            !seen.contains($0) && FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
        }
        return WriteReport(written: changed, unchanged: files.count - changed.count, removed: removed.sorted())
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

    /// The hash of the manifest in the store (every write changes it when the set of files
    /// changes) and of the output folder's identity (a folder removed or replaced since
    /// changes it too); nil when either is missing.
    public func manifestDigest() -> String? {
        var info = stat()
        guard stat(folder.path, &info) == 0,
            let manifest = FileManager.default.contents(atPath: location.manifestFile.path)
        else {
            return nil
        }
        var digest = SHA256()
        digest.update(data: manifest)
        digest.update(data: Data("\n\(info.st_dev) \(info.st_ino)".utf8))
        return digest.finalize().hexadecimal
    }

    /// The files the last build wrote (empty when the manifest cannot be read).
    public func manifestFiles() -> Set<String> {
        Set((try? Manifest.read(for: location).files) ?? [])
    }

    /// Removes what a build that died before its commit left staged.
    public func removeLeftoverStaging() {
        for leftover in location.leftoverStagingFolders { try? FileOperations.remove(leftover) }
    }

    /// Replaces one file of the export, leaving every other file and the manifest as they are.
    public func update(_ file: OutputFile) throws(OutputError) -> WriteReport {
        guard OutputPath.isSafe(file.path) else { throw .unsafePath(file.path) }
        let target = folder.appendingPathComponent(file.path)
        if FileOperations.holds(target, exactly: file.contents) {
            return WriteReport(written: [], unchanged: 1, removed: [])
        }
        try FileOperations.createFolder(target.deletingLastPathComponent())
        try FileOperations.replace(target, with: file.contents)
        return WriteReport(written: [file.path], unchanged: 0, removed: [])
    }

    /// The manifest an earlier version kept inside the output folder; empty when there is none.
    private func legacyManifest() throws(OutputError) -> Manifest {
        try Manifest.read(from: folder.appendingPathComponent(Manifest.legacyFileName))
    }

    /// Moves a manifest an earlier version left in the output folder into the store (joined
    /// with the store's, if any) and removes it from the export.
    private func migrateLegacyManifest() throws(OutputError) {
        let legacy = folder.appendingPathComponent(Manifest.legacyFileName)
        guard FileManager.default.fileExists(atPath: legacy.path) else { return }
        let files = try legacyManifest().files + Manifest.read(for: location).files
        try FileOperations.createFolder(location.recordsFolder)
        try FileOperations.replace(
            location.manifestFile, with: Manifest(files: files, folder: location.resolvedPath).encoded())
        try FileOperations.remove(legacy)
    }
}
