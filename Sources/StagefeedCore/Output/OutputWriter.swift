import Crypto
import Foundation

/// Writes an export into the output folder: only files whose bytes changed, each through a
/// temporary file renamed into place (readers see the old or the new file, never half of
/// one), then removes files it wrote before and no longer produces. Files it did not write
/// are never touched.
public struct OutputWriter: Sendable {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// What `write` would do, without touching the disk.
    public func preview(_ files: [OutputFile]) throws(OutputError) -> WriteReport {
        try checkPaths(files)
        let previous = FileManager.default.fileExists(atPath: folder.path) ? try Manifest.read(in: folder) : Manifest(files: [])
        let produced = Set(files.map(\.path))
        let changed = files.filter { !isOnDisk($0) }.map(\.path).sorted()
        let removed = previous.files.filter {
            !produced.contains($0) && FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
        }
        return WriteReport(written: changed, unchanged: files.count - changed.count, removed: removed)
    }

    /// Writes `files` and prunes what the last write produced and this one does not.
    public func write(_ files: [OutputFile]) throws(OutputError) -> WriteReport {
        try checkPaths(files)
        try createFolder(folder)
        let previous = try Manifest.read(in: folder)
        let produced = Set(files.map(\.path))

        // Record the union first: if the process dies mid-way, the next run still knows
        // every file this one may have written.
        try replace(Manifest.fileName, with: Manifest(files: produced.union(previous.files)).encoded())

        var written: [String] = []
        var unchanged = 0
        for file in files.sorted(by: { $0.path < $1.path }) {
            if isOnDisk(file) {
                unchanged += 1
                continue
            }
            try createFolder(folder.appendingPathComponent(file.path).deletingLastPathComponent())
            try replace(file.path, with: file.contents)
            written.append(file.path)
        }

        var removed: [String] = []
        for path in previous.files where !produced.contains(path) {
            let url = folder.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                try FileManager.default.removeItem(at: url)
                removed.append(path)
                removeEmptyFolders(above: url)
            } catch {
                throw .writeFailed(path: url.path, reason: "could not remove it: \(error.localizedDescription)")
            }
        }
        try replace(Manifest.fileName, with: Manifest(files: produced).encoded())
        return WriteReport(written: written, unchanged: unchanged, removed: removed)
    }

    /// The hash of the folder's manifest as it is on disk (every write changes it when the
    /// set of files changes); nil when the folder has none.
    public func manifestDigest() -> String? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(Manifest.fileName).path)
            .map { SHA256.hash(data: $0).map { String(format: "%02x", $0) }.joined() }
    }

    /// Replaces one file of the export, leaving every other file and the manifest as they are.
    public func update(_ file: OutputFile) throws(OutputError) -> WriteReport {
        try checkPaths([file])
        if isOnDisk(file) { return WriteReport(written: [], unchanged: 1, removed: []) }
        try createFolder(folder.appendingPathComponent(file.path).deletingLastPathComponent())
        try replace(file.path, with: file.contents)
        return WriteReport(written: [file.path], unchanged: 0, removed: [])
    }

    /// Whether the file is on disk with exactly these bytes.
    private func isOnDisk(_ file: OutputFile) -> Bool {
        FileManager.default.contents(atPath: folder.appendingPathComponent(file.path).path) == file.contents
    }

    private func checkPaths(_ files: [OutputFile]) throws(OutputError) {
        var seen: Set<String> = []
        for file in files {
            guard OutputPath.isSafe(file.path) else { throw .unsafePath(file.path) }
            guard seen.insert(file.path).inserted else { throw .duplicatePath(file.path) }
        }
    }

    /// Writes bytes to a temporary file beside the target, then renames it over the target.
    private func replace(_ path: String, with contents: Data) throws(OutputError) {
        let target = folder.appendingPathComponent(path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try contents.write(to: temporary)
            guard rename(temporary.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw OutputError.writeFailed(path: target.path, reason: reason)
            }
        } catch let error as OutputError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .writeFailed(path: target.path, reason: error.localizedDescription)
        }
    }

    private func createFolder(_ url: URL) throws(OutputError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .notAFolder(path: url.path) }
            return
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Removes folders left empty by a removal, up to (not including) the output folder.
    private func removeEmptyFolders(above file: URL) {
        var url = file.deletingLastPathComponent().standardizedFileURL
        let root = folder.standardizedFileURL.path
        while url.path.count > root.count, url.path.hasPrefix(root),
              let contents = try? FileManager.default.contentsOfDirectory(atPath: url.path), contents.isEmpty {
            try? FileManager.default.removeItem(at: url)
            url = url.deletingLastPathComponent()
        }
    }
}
