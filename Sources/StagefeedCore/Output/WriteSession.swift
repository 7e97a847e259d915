import Foundation

/// One build's writing into the output folder, fed file by file from any thread. A file
/// whose bytes are already on disk is left alone; any other goes to a staging folder inside
/// the output folder. The disk work happens on a writer thread of its own (a bounded number
/// of files waiting), so renderers keep the cores busy while the disk catches up. Only
/// `commit` touches the export: it renames the staged files into place (each rename atomic,
/// so a reader sees the old file or the new one, never half of one), removes what the last
/// build produced and this one did not, and records the new manifest. A build that fails
/// before `commit` leaves the export exactly as it was.
public final class WriteSession: OutputSink, @unchecked Sendable {
    /// The staging folder's name; left over from a crash, it is cleared by the next session.
    static let stagingName = ".stagefeed-staging"
    /// Files handed over and not yet on disk, at most.
    static let queueLength = 256

    public let folder: URL
    private let staging: URL
    private let previous: Manifest
    private let lock = NSLock()
    private let writer = DispatchQueue(label: "stagefeed.write-session")
    private let slots = DispatchSemaphore(value: WriteSession.queueLength)
    private var produced: Set<String> = []
    private var staged: [String] = []
    private var stagedBytes = 0
    private var stagedFolders: Set<String> = []
    private var failure: Error?

    init(folder: URL) throws(OutputError) {
        self.folder = folder
        staging = folder.appendingPathComponent(Self.stagingName)
        try FileOperations.createFolder(folder)
        previous = try Manifest.read(in: folder)
        try FileOperations.remove(staging)
        try FileOperations.createFolder(staging)
    }

    public func emit(_ file: OutputFile) throws {
        try claim(file.path)
        slots.wait()
        writer.async { [self] in
            defer { slots.signal() }
            guard lock.withLock({ failure == nil }) else { return }
            do { try stage(file) } catch { lock.withLock { if failure == nil { failure = error } } }
        }
    }

    /// Writes the pieces straight into a staged file on the caller's thread (never whole in
    /// memory), then keeps it only if it differs from the export's copy.
    public func emit(path: String, writing write: (_ append: (Data) throws -> Void) throws -> Void) throws {
        try claim(path)
        let target = staging.appendingPathComponent(path)
        try FileOperations.createFolder(target.deletingLastPathComponent())
        do {
            let stream = try StagedFileStream(creating: target)
            try write { piece in try stream.append(piece) }
            try stream.close()
            try keepIfChanged(path, staged: target, size: stream.size)
        } catch {
            // No half-written file stays staged, and the session cannot be committed.
            try? FileOperations.remove(target)
            lock.withLock { if failure == nil { failure = error } }
            throw error
        }
    }

    /// A file written in pieces stays staged only when it differs from the export's copy.
    private func keepIfChanged(_ path: String, staged target: URL, size: Int) throws(OutputError) {
        if FileOperations.sameContents(target, as: folder.appendingPathComponent(path)) {
            try FileOperations.remove(target)
            return
        }
        lock.withLock {
            staged.append(path)
            stagedBytes += size
        }
    }

    /// Checks that `path` is safe and not handed over before, and that no write has failed.
    private func claim(_ path: String) throws {
        guard OutputPath.isSafe(path) else { throw OutputError.unsafePath(path) }
        let (first, failed) = lock.withLock { (produced.insert(path).inserted, failure) }
        if let failed { throw failed }
        guard first else { throw OutputError.duplicatePath(path) }
    }

    /// On the writer thread: compares the file with the export's copy, stages it if it differs.
    private func stage(_ file: OutputFile) throws(OutputError) {
        if FileOperations.holds(folder.appendingPathComponent(file.path), exactly: file.contents) { return }
        let target = staging.appendingPathComponent(file.path)
        let parent = (file.path as NSString).deletingLastPathComponent
        if !parent.isEmpty, stagedFolders.insert(parent).inserted { try FileOperations.createFolder(target.deletingLastPathComponent()) }
        try FileOperations.write(file.contents, to: target)
        lock.withLock {
            staged.append(file.path)
            stagedBytes += file.contents.count
        }
    }

    /// Waits until every file handed over is on disk, then reports the first failure.
    private func drain() throws {
        writer.sync {}
        if let failed = lock.withLock({ failure }) { throw failed }
    }

    /// Bytes of the files staged so far (written at `commit`).
    public var bytesStaged: Int { lock.withLock { stagedBytes } }

    /// Makes the staged files the export and prunes what is no longer produced.
    public func commit() throws(OutputError) -> WriteReport {
        do { try drain() } catch {
            throw error as? OutputError ?? .writeFailed(path: staging.path, reason: "\(error)")
        }
        let (produced, staged) = lock.withLock { (self.produced, self.staged.sorted()) }
        // Record the union first: if the process dies mid-way, the next run still knows
        // every file this one may have written.
        try FileOperations.replace(folder.appendingPathComponent(Manifest.fileName),
                                   with: Manifest(files: produced.union(previous.files)).encoded())
        try moveIntoPlace(staged)
        var removed: [String] = []
        for path in previous.files where !produced.contains(path) {
            let url = folder.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                try FileManager.default.removeItem(at: url)
                removed.append(path)
                FileOperations.removeEmptyFolders(above: url, below: folder)
            } catch {
                throw .writeFailed(path: url.path, reason: "could not remove it: \(error.localizedDescription)")
            }
        }
        try FileOperations.replace(folder.appendingPathComponent(Manifest.fileName), with: Manifest(files: produced).encoded())
        try? FileOperations.remove(staging)
        return WriteReport(written: staged, unchanged: produced.count - staged.count, removed: removed)
    }

    /// Renames the staged files into the export. Where a staged folder has no counterpart in
    /// the export yet (a first build, a new stage), the whole folder goes in one rename: it
    /// holds nothing but staged files.
    private func moveIntoPlace(_ staged: [String]) throws(OutputError) {
        var exists: [String: Bool] = [:]
        func existsInExport(_ relative: String) -> Bool {
            if let known = exists[relative] { return known }
            let found = FileManager.default.fileExists(atPath: folder.appendingPathComponent(relative).path)
            exists[relative] = found
            return found
        }
        var moved: Set<String> = []
        for path in staged {
            let segments = path.split(separator: "/").dropLast()
            var ancestor = ""
            var alreadyMoved = false
            var newFolder: String?
            for segment in segments {
                ancestor += ancestor.isEmpty ? String(segment) : "/" + segment
                if moved.contains(ancestor) { alreadyMoved = true; break }
                if !existsInExport(ancestor) { newFolder = ancestor; break }
            }
            if alreadyMoved { continue }
            if let newFolder {
                // Every folder above it is in the export already.
                try FileOperations.move(staging.appendingPathComponent(newFolder), to: folder.appendingPathComponent(newFolder))
                moved.insert(newFolder)
                exists[newFolder] = true
            } else {
                try FileOperations.move(staging.appendingPathComponent(path), to: folder.appendingPathComponent(path))
            }
        }
    }

    /// Drops what was staged: the export stays as it was.
    public func abandon() {
        writer.sync {}
        try? FileOperations.remove(staging)
    }
}
