import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The file system steps of writing an export, each failure an `OutputError` naming the path.
enum FileOperations {
    /// Whether `url` is a file with exactly these bytes (sizes are compared first, so a
    /// changed file is usually told apart without reading it).
    static func holds(_ url: URL, exactly contents: Data) -> Bool {
        holds(path: url.path, exactly: contents)
    }

    /// `holds` for a path.
    static func holds(path: String, exactly contents: Data) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == contents.count else {
            return false
        }
        return FileManager.default.contents(atPath: path) == contents
    }

    /// Whether two files hold the same bytes (sizes first, then a megabyte at a time).
    static func sameContents(_ url: URL, as other: URL) -> Bool {
        var info = stat(), otherInfo = stat()
        guard stat(url.path, &info) == 0, stat(other.path, &otherInfo) == 0, (info.st_mode & S_IFMT) == S_IFREG,
            (otherInfo.st_mode & S_IFMT) == S_IFREG, info.st_size == otherInfo.st_size,
            let first = FileHandle(forReadingAtPath: url.path), let second = FileHandle(forReadingAtPath: other.path)
        else { return false }
        defer {
            try? first.close()
            try? second.close()
        }
        while true {
            // At the end of a file, `read` gives nil or no bytes.
            do {
                let one = try first.read(upToCount: 1 << 20) ?? Data(),
                    two = try second.read(upToCount: 1 << 20) ?? Data()
                if one != two { return false }
                if one.isEmpty { return true }
            } catch {
                return false
            }
        }
    }

    /// Writes bytes to a new file (a staged one no reader sees).
    static func write(_ contents: Data, to url: URL) throws(OutputError) {
        try write(contents, toPath: url.path)
    }

    /// `write` to a path, with nothing but `open`, `write` and `close`.
    static func write(_ contents: Data, toPath path: String) throws(OutputError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let count = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        guard written else { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Renames `source` over `target` in one step.
    static func move(_ source: URL, to target: URL) throws(OutputError) {
        try move(path: source.path, to: target.path)
    }

    /// `move` for paths.
    static func move(path source: String, to target: String) throws(OutputError) {
        guard rename(source, target) == 0 else {
            throw .writeFailed(path: target, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes bytes to a temporary file beside the target, then renames it over the target.
    static func replace(_ target: URL, with contents: Data) throws(OutputError) {
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try write(contents, to: temporary)
            try move(temporary, to: target)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// `createFolder` for a path, with `mkdir` (the usual case: only its last folder is missing).
    static func createFolder(path: String) throws(OutputError) {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        try createFolder(URL(fileURLWithPath: path))
    }

    /// Creates a folder and its parents; an existing folder is fine, a file there is not.
    static func createFolder(_ url: URL) throws(OutputError) {
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

    /// Removes a file or folder tree if it is there.
    static func remove(_ url: URL) throws(OutputError) {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do { try FileManager.default.removeItem(at: url) } catch {
            throw .writeFailed(path: url.path, reason: "could not remove it: \(error.localizedDescription)")
        }
    }

    /// Removes folders left empty by a removal, up to (not including) `root`.
    static func removeEmptyFolders(above file: URL, below root: URL) {
        var url = file.deletingLastPathComponent().standardizedFileURL
        let root = root.standardizedFileURL.path
        while url.path.count > root.count, url.path.hasPrefix(root),
            let contents = try? FileManager.default.contentsOfDirectory(atPath: url.path), contents.isEmpty
        {
            try? FileManager.default.removeItem(at: url)
            url = url.deletingLastPathComponent()
        }
    }
}
