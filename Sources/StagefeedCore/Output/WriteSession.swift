import Foundation
import Synchronization

/// One build's writing into the output folder, fed file by file from any thread. A file
/// whose bytes are already on disk is left alone; any other goes to a staging folder (in the
/// store when it shares the output's file system, see `OutputLocation.stagingFolder`), made
/// when the first such file comes: a build that changes nothing touches nothing. Each file is
/// written on the thread that hands it over: a queue to a writer thread of its own cost a
/// wake-up per file, kept the renderers waiting for it (0.5–1.5 s summed at 20,000
/// performances) and kept each file's bytes alive until written. Only `commit` touches the
/// export: it renames the staged files into place (each rename atomic, so a reader sees the
/// old file or the new one, never half of one), removes what the last build produced and
/// this one did not, and records the new manifest in the store. A build that fails before
/// `commit` leaves the export exactly as it was.
public final class WriteSession: OutputSink, Sendable {
    /// What the session has seen so far, shared by the renderers' threads.
    private struct State {
        var produced: Set<String> = []
        var staged: [String] = []
        var stagedBytes = 0
        var stagedFolders: Set<String> = []
        var stagingExists = false
        var failure: (any Error)?
        /// Files of the last build now the site owner's: neither made nor removed.
        var left: Set<String> = []
    }

    public let location: OutputLocation
    public var folder: URL { location.folder }
    private let staging: URL
    /// The output and staging folders' paths, to join with relative ones without `URL`'s cost.
    private let folderPath: String
    private let stagingPath: String
    private let previous: Manifest
    private let state = Mutex(State())
    /// Nanoseconds spent writing files handed over whole, summed over the threads.
    private let writing = Atomic<Int>(0)

    init(location: OutputLocation) throws(OutputError) {
        self.location = location
        try FileOperations.createFolder(location.folder)
        try FileOperations.createFolder(location.recordsFolder)
        previous = try Manifest.read(for: location)
        // What a build that died before its commit left staged.
        for leftover in location.leftoverStagingFolders { try FileOperations.remove(leftover) }
        staging = location.stagingFolder()
        folderPath = location.folder.path
        stagingPath = staging.path
    }

    /// Stages `file` on the caller's thread, unless the export holds its bytes already.
    public func emit(_ file: OutputFile) throws {
        try claim(file.path)
        let started = ContinuousClock.now
        defer { writing.add(Self.nanoseconds(since: started), ordering: .relaxed) }
        do { try stage(file) } catch {
            fail(error)
            throw error
        }
    }

    private static func nanoseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds) * 1_000_000_000 + Int(elapsed.components.attoseconds / 1_000_000_000)
    }

    /// Seconds spent writing files handed over whole, summed over the renderers' threads.
    public var secondsWritingWholeFiles: Double {
        Double(writing.load(ordering: .relaxed)) / 1e9
    }

    /// Writes the pieces straight into a staged file on the caller's thread (never whole in
    /// memory), then keeps it only if it differs from the export's copy.
    public func emit(path: String, writing write: (_ append: ([UInt8]) throws -> Void) throws -> Void) throws {
        try claim(path)
        let target = staging.appendingPathComponent(path)
        do {
            try prepareStaging(for: path)
            let stream = try StagedFileStream(creating: target)
            try write { piece in try stream.append(piece) }
            try stream.close()
            try keepIfChanged(path, staged: target, size: stream.size)
        } catch {
            // No half-written file stays staged, and the session cannot be committed.
            try? FileOperations.remove(target)
            fail(error)
            throw error
        }
    }

    private func fail(_ error: any Error) {
        state.withLock { if $0.failure == nil { $0.failure = error } }
    }

    /// Makes the staging folder (once) and the folder a staged file goes in. Folders are
    /// made outside the lock: two threads may both make one (a folder that exists is fine),
    /// and a folder counts as made only once it is.
    private func prepareStaging(for path: String) throws(OutputError) {
        let parent = (path as NSString).deletingLastPathComponent
        let (stagingExists, parentExists) = state.withLock { state in
            (state.stagingExists, parent.isEmpty || state.stagedFolders.contains(parent))
        }
        if !stagingExists {
            try FileOperations.createFolder(staging)
            state.withLock { $0.stagingExists = true }
        }
        if !parentExists {
            try FileOperations.createFolder(path: stagingPath + "/" + parent)
            _ = state.withLock { $0.stagedFolders.insert(parent) }
        }
    }

    /// A file written in pieces stays staged only when it differs from the export's copy.
    private func keepIfChanged(_ path: String, staged target: URL, size: Int) throws(OutputError) {
        if FileOperations.sameContents(target, as: folder.appendingPathComponent(path)) {
            try FileOperations.remove(target)
            return
        }
        state.withLock { state in
            state.staged.append(path)
            state.stagedBytes += size
        }
    }

    /// Counts files a build did not make again because they are as they were (a unit it
    /// skipped): they stay, and stay in the manifest.
    public func keep(_ paths: [String]) throws {
        for path in paths { try claim(path) }
    }

    /// Gives up a file the last build wrote without removing it (a `robots.txt` the site
    /// owner made their own): it stays as it is and leaves the manifest.
    public func leave(_ path: String) {
        _ = state.withLock { $0.left.insert(path) }
    }

    /// Checks that `path` is safe and not handed over before, and that no write has failed.
    private func claim(_ path: String) throws {
        guard OutputPath.isSafe(path) else { throw OutputError.unsafePath(path) }
        let (first, failed) = state.withLock { ($0.produced.insert(path).inserted, $0.failure) }
        if let failed { throw failed }
        guard first else { throw OutputError.duplicatePath(path) }
    }

    /// Compares the file with the export's copy, stages it if it differs.
    private func stage(_ file: OutputFile) throws(OutputError) {
        if FileOperations.holds(path: folderPath + "/" + file.path, exactly: file.contents) { return }
        try prepareStaging(for: file.path)
        try FileOperations.write(file.contents, toPath: stagingPath + "/" + file.path)
        state.withLock { state in
            state.staged.append(file.path)
            state.stagedBytes += file.contents.count
        }
    }

    /// Bytes of the files staged so far (written at `commit`).
    public var bytesStaged: Int { state.withLock { $0.stagedBytes } }

    /// Makes the staged files the export and prunes what is no longer produced.
    public func commit() throws(OutputError) -> WriteReport {
        if let failed = state.withLock({ $0.failure }) {
            throw failed as? OutputError ?? .writeFailed(path: staging.path, reason: "\(failed)")
        }
        let (produced, staged, left) = state.withLock { ($0.produced, $0.staged.sorted(), $0.left) }
        let removable = previous.files.filter { !produced.contains($0) && !left.contains($0) }
        // The same files as the last build's (a moved set's build) leave its manifest as it
        // is: its 25,000 paths at 20k are not sorted and encoded again to find that out.
        let manifest =
            previous.lists(exactly: produced, folder: location.resolvedPath)
            ? nil : Manifest(files: produced, folder: location.resolvedPath).encoded()
        // Record the union first: if the process dies mid-way, the next run still knows
        // every file this one may have written. With nothing to remove, the union is what
        // this build produced.
        if let manifest {
            try record(
                removable.isEmpty
                    ? manifest
                    : Manifest(
                        files: produced.union(previous.files.filter { !left.contains($0) }),
                        folder: location.resolvedPath
                    )
                    .encoded())
        }
        try moveIntoPlace(staged)
        var removed: [String] = []
        for path in removable {
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
        if let manifest, !removable.isEmpty { try record(manifest) }
        try FileOperations.remove(staging)
        return WriteReport(written: staged, unchanged: produced.count - staged.count, removed: removed)
    }

    /// Keeps a manifest's bytes in the store, unless it holds them already.
    private func record(_ bytes: Data) throws(OutputError) {
        if FileOperations.holds(location.manifestFile, exactly: bytes) { return }
        try FileOperations.createFolder(location.recordsFolder)
        try FileOperations.replace(location.manifestFile, with: bytes)
    }

    /// Renames the staged files into the export. Where a staged folder has no counterpart in
    /// the export yet (a first build, a new stage), the whole folder goes in one rename: it
    /// holds nothing but staged files.
    private func moveIntoPlace(_ staged: [String]) throws(OutputError) {
        var exists: [String: Bool] = [:]
        func existsInExport(_ relative: String) -> Bool {
            if let known = exists[relative] { return known }
            let found = access(folderPath + "/" + relative, F_OK) == 0
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
                if moved.contains(ancestor) {
                    alreadyMoved = true
                    break
                }
                if !existsInExport(ancestor) {
                    newFolder = ancestor
                    break
                }
            }
            if alreadyMoved { continue }
            if let newFolder {
                // Every folder above it is in the export already.
                try FileOperations.move(
                    staging.appendingPathComponent(newFolder), to: folder.appendingPathComponent(newFolder))
                moved.insert(newFolder)
                exists[newFolder] = true
            } else {
                try FileOperations.move(path: stagingPath + "/" + path, to: folderPath + "/" + path)
            }
        }
    }

    /// Drops what was staged: the export stays as it was.
    public func abandon() {
        try? FileOperations.remove(staging)
    }
}
