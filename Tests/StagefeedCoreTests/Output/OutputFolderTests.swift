import Foundation
import Synchronization
import Testing

@testable import StagefeedCore

/// The output folder holds the export and nothing else: the manifest lives in the store,
/// the lock is on the folder itself, and a write that changes nothing touches nothing.
@Suite struct OutputFolderTests {
    private func file(_ path: String, _ text: String) -> OutputFile { OutputFile(path: path, text: text) }

    @Test func theOutputFolderHoldsOnlyTheExport() throws {
        let output = try TemporaryFolder(), cache = try TemporaryFolder()
        let lock = try OutputLock.acquire(folder: output.url, command: "build")
        _ = try OutputWriter(folder: output.url, cache: cache.url).write([
            file("index.html", "i"), file("feeds/status.json", "{}"),
        ])
        withExtendedLifetime(lock) {}
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: output.url.path).sorted() == ["feeds", "index.html"])
        #expect(output.files() == ["feeds/status.json", "index.html"])
        let location = OutputLocation(folder: output.url, cache: cache.url)
        #expect(try Manifest.read(for: location).files == ["feeds/status.json", "index.html"])
        #expect(location.recordsFolder.path.hasPrefix(cache.url.path))
    }

    /// A write with the same files changes no byte, inode or timestamp in the output folder,
    /// folders included (no staging folder comes and goes).
    @Test func aWriteThatChangesNothingTouchesNothing() throws {
        let output = try TemporaryFolder(), cache = try TemporaryFolder()
        let writer = OutputWriter(folder: output.url, cache: cache.url)
        let files = (0..<30).map { file("days/\($0 % 4)/page\($0).html", "page \($0)") } + [file("index.html", "home")]
        _ = try writer.write(files)
        let before = try FolderSnapshot(output.url)
        Thread.sleep(forTimeInterval: 0.02)
        let report = try writer.write(files)
        #expect(report.written.isEmpty && report.unchanged == files.count)
        #expect(try FolderSnapshot(output.url).differences(from: before) == [])
    }

    /// An output folder written by an earlier version (manifest and lock inside it) is
    /// taken over: the old manifest still decides what is pruned, and both files go.
    @Test func anOutputFolderOfAnEarlierVersionIsMigrated() throws {
        let output = try TemporaryFolder(), cache = try TemporaryFolder()
        try output.write("old/page.html", "stale")
        try output.write("robots.txt", "not ours")
        try output.write(Manifest.legacyFileName, #"{"version":1,"files":["old/page.html"]}"#)
        try output.write(OutputLock.legacyFileName, "pid 1, stagefeed build\n")
        let lock = try OutputLock.acquire(folder: output.url, command: "build")
        let report = try OutputWriter(folder: output.url, cache: cache.url).write([file("index.html", "new")])
        withExtendedLifetime(lock) {}
        #expect(report.removed == ["old/page.html"])
        #expect(output.files() == ["index.html", "robots.txt"])
    }

    /// A build that died before its commit left staged files (in the store and, from an
    /// earlier version or another file system, in the output folder): the next one removes them.
    @Test func leftoverStagingIsRemovedByTheNextWrite() throws {
        let output = try TemporaryFolder(), cache = try TemporaryFolder()
        let location = OutputLocation(folder: output.url, cache: cache.url)
        for folder in location.leftoverStagingFolders {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent("days"), withIntermediateDirectories: true)
            try Data("half".utf8).write(to: folder.appendingPathComponent("days/x.html"))
        }
        _ = try OutputWriter(folder: output.url, cache: cache.url).write([file("index.html", "i")])
        #expect(location.leftoverStagingFolders.allSatisfy { !FileManager.default.fileExists(atPath: $0.path) })
        #expect(output.files() == ["index.html"])
    }

    /// Publishing lists the files stagefeed wrote: a hidden file in the output folder (a
    /// server's `.htaccess`, an editor's swap file) is never uploaded.
    @Test func publishingListsOnlyTheExport() throws {
        let output = try TemporaryFolder(), cache = try TemporaryFolder()
        _ = try OutputWriter(folder: output.url, cache: cache.url).write([
            file("index.html", "i"), file("feeds/a.json", "{}"),
        ])
        try output.write(".htaccess", "Deny from all")
        try output.write("feeds/.a.json.swp", "x")
        try output.write(".well-known/security.txt", "x")
        let objects = try LocalObject.all(
            in: OutputLocation(folder: output.url, cache: cache.url),
            destination: try #require(S3Destination(parsing: "s3://fest")), cachePolicy: CachePolicy())
        #expect(objects.map(\.path) == ["feeds/a.json", "index.html"])
    }

    /// One store, two output folders: each keeps its own manifest. Two stores, one output
    /// folder: either may write it, one at a time.
    @Test func storesAndOutputFoldersPairFreely() throws {
        let first = try TemporaryFolder(), second = try TemporaryFolder(), cache = try TemporaryFolder(),
            otherCache = try TemporaryFolder()
        _ = try OutputWriter(folder: first.url, cache: cache.url).write([file("a.html", "a"), file("b.html", "b")])
        _ = try OutputWriter(folder: second.url, cache: cache.url).write([file("c.html", "c")])
        let pruned = try OutputWriter(folder: first.url, cache: cache.url).write([file("a.html", "a")])
        #expect(pruned.removed == ["b.html"])
        #expect(second.files() == ["c.html"], "the other output folder's files are not the first's to prune")
        let other = try OutputWriter(folder: first.url, cache: otherCache.url).write([file("a.html", "a2")])
        #expect(other.written == ["a.html"])
        #expect(first.files() == ["a.html"])
    }

    /// The lock refuses a second writer of the same folder, reached by another path or with
    /// another store, and names the holder; it leaves nothing in the folder.
    @Test func theLockRefusesOverlappingWritersAndNamesTheHolder() throws {
        let parent = try TemporaryFolder()
        let output = parent.path("output")
        let lock = try OutputLock.acquire(folder: output, command: "watch")
        // Many other locks about (the kernel's table then spans several pages of /proc/locks).
        let crowd = try TemporaryFolder()
        let others = try (0..<200).map { index in
            let descriptor = open(try crowd.write("lock\(index)", "").path, O_RDWR)
            flock(descriptor, LOCK_EX)
            return descriptor
        }
        defer { for descriptor in others { close(descriptor) } }
        try FileManager.default.createSymbolicLink(at: parent.path("alias"), withDestinationURL: output)
        for path in [output, parent.path("alias")] {
            do {
                _ = try OutputLock.acquire(folder: path, command: "build")
                Issue.record("a second lock on \(path.path) was granted")
            } catch {
                guard case .locked(let folder, let holder) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(folder == path.path)
                #expect(holder.hasPrefix("pid \(getpid()), "), "the holder is named: \(holder)")
                #expect(error.description.contains("is being written by pid \(getpid())"))
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)
        withExtendedLifetime(lock) {}
    }

    /// The holder is named while other locks come and go: the kernel's table then shifts
    /// under a reader of `/proc/locks`, which can miss a line of one read.
    @Test func theHolderIsNamedWhileOtherLocksComeAndGo() throws {
        let output = try TemporaryFolder()
        let lock = try OutputLock.acquire(folder: output.url, command: "watch")
        let crowd = try TemporaryFolder()
        let descriptors = try (0..<200).map { open(try crowd.write("lock\($0)", "").path, O_RDWR) }
        defer { for descriptor in descriptors { close(descriptor) } }
        let churning = LockChurn(groups: stride(from: 0, to: 200, by: 100).map { Array(descriptors[$0..<$0 + 100]) })
        churning.waitUntilChurning()
        var unnamed = 0
        var example = ""
        for _ in 0..<200 {
            do {
                _ = try OutputLock.acquire(folder: output.url, command: "build")
                Issue.record("a second lock on the folder was granted")
            } catch {
                if case .locked(_, let holder) = error, holder.hasPrefix("pid \(getpid()), ") { continue }
                unnamed += 1
                example = "\(error)"
            }
        }
        churning.stop()
        #expect(unnamed == 0, "\(unnamed) of 200 refusals named no holder, such as: \(example)")
        withExtendedLifetime(lock) {}
    }

    /// A lock file an earlier version still holds is respected, and named.
    @Test func aLockHeldByAnEarlierVersionIsRespected() throws {
        let output = try TemporaryFolder()
        let legacy = try output.write(OutputLock.legacyFileName, "pid 4121, stagefeed watch\n")
        let descriptor = open(legacy.path, O_RDWR)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        #expect(throws: OutputError.locked(folder: output.url.path, holder: "pid 4121, stagefeed watch")) {
            _ = try OutputLock.acquire(folder: output.url, command: "build")
        }
        flock(descriptor, LOCK_UN)
        let lock = try OutputLock.acquire(folder: output.url, command: "build")
        withExtendedLifetime(lock) {}
        #expect(output.files().isEmpty, "the old lock file is gone once free")
    }
}

/// Every entry below a folder (the folder included) with its inode, size and modification time.
struct FolderSnapshot: Equatable {
    var entries: [String: [Int]]

    /// The paths whose entry differs between the two snapshots (or is in one only).
    func differences(from other: FolderSnapshot) -> [String] {
        Set(entries.keys).union(other.entries.keys).filter { entries[$0] != other.entries[$0] }.sorted()
    }

    init(_ folder: URL) throws {
        entries = [:]
        var paths = [""]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let path = walker?.nextObject() as? String { paths.append(path) }
        for path in paths {
            var info = stat()
            guard lstat(folder.appendingPathComponent(path).path, &info) == 0 else { continue }
            entries[path] = [Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
        }
    }
}

/// Threads that take and drop POSIX locks on their files until stopped, as the SQLite
/// stores of other processes do, so the kernel's lock table keeps changing.
private final class LockChurn: Sendable {
    private let stopping = Mutex(false)
    private let rounds = Mutex(0)
    private let finished = DispatchGroup()
    private let threads: Int

    init(groups: [[Int32]]) {
        threads = groups.count
        for descriptors in groups {
            finished.enter()
            Thread.detachNewThread { [self] in
                while !stopping.withLock({ $0 }) {
                    for descriptor in descriptors { lockf(descriptor, F_LOCK, 0) }
                    for descriptor in descriptors { lockf(descriptor, F_ULOCK, 0) }
                    rounds.withLock { $0 += 1 }
                }
                finished.leave()
            }
        }
    }

    /// Returns once the threads are at work (as many rounds made as there are threads).
    func waitUntilChurning() {
        while rounds.withLock({ $0 }) < threads { usleep(1_000) }
    }

    /// Stops the threads and waits for them.
    func stop() {
        stopping.withLock { $0 = true }
        finished.wait()
    }
}
