import Foundation
import Synchronization
import Testing

@testable import StagefeedCore

@Suite struct OutputWriterTests {
    /// The store folder the writers keep their manifests in.
    private let cache: TemporaryFolder

    init() throws {
        cache = try TemporaryFolder()
    }

    private func file(_ path: String, _ text: String) -> OutputFile { OutputFile(path: path, text: text) }

    private func writer(_ folder: URL) -> OutputWriter { OutputWriter(folder: folder, cache: cache.url) }

    /// Whether anything staged is left, in the store or in the output folder.
    private func stagingRemains(_ folder: TemporaryFolder) -> Bool {
        OutputLocation(folder: folder.url, cache: cache.url).leftoverStagingFolders.contains {
            FileManager.default.fileExists(atPath: $0.path)
        }
    }

    private func manifest(_ folder: TemporaryFolder) throws -> Manifest {
        try Manifest.read(for: OutputLocation(folder: folder.url, cache: cache.url))
    }

    @Test func writesOnlyWhatChanged() throws {
        let folder = try TemporaryFolder()
        let writer = writer(folder.url)
        let first = try writer.write([file("index.html", "one"), file("feeds/program.json", "{}")])
        #expect(first.written == ["feeds/program.json", "index.html"])
        let modified =
            try FileManager.default.attributesOfItem(atPath: folder.path("index.html").path)[.modificationDate] as? Date

        let second = try writer.write([file("index.html", "one"), file("feeds/program.json", "{}")])
        #expect(second.written.isEmpty)
        #expect(second.unchanged == 2)
        let stillModified =
            try FileManager.default.attributesOfItem(atPath: folder.path("index.html").path)[.modificationDate] as? Date
        #expect(modified == stillModified)

        let third = try writer.write([file("index.html", "two"), file("feeds/program.json", "{}")])
        #expect(third.written == ["index.html"])
        #expect(try manifest(folder).files == ["feeds/program.json", "index.html"])
        #expect(folder.read("index.html") == "two")
    }

    @Test func prunesOnlyFilesItWroteBefore() throws {
        let folder = try TemporaryFolder()
        try folder.write("robots.txt", "mine, not stagefeed's")
        try folder.write("artists/extra.html", "also not stagefeed's")
        let writer = writer(folder.url)
        _ = try writer.write([
            file("artists/a/index.html", "a"), file("artists/b/index.html", "b"), file("index.html", "i"),
        ])

        let report = try writer.write([file("artists/a/index.html", "a"), file("index.html", "i")])
        #expect(report.removed == ["artists/b/index.html"])
        #expect(try manifest(folder).files == ["artists/a/index.html", "index.html"], "the removed file leaves it")
        #expect(!FileManager.default.fileExists(atPath: folder.path("artists/b").path), "the emptied folder is removed")
        #expect(folder.read("robots.txt") == "mine, not stagefeed's")
        #expect(folder.read("artists/extra.html") == "also not stagefeed's")
        #expect(folder.files() == ["artists/a/index.html", "artists/extra.html", "index.html", "robots.txt"])
    }

    @Test func leavesNoTemporaryFilesBehind() throws {
        let folder = try TemporaryFolder()
        _ = try writer(folder.url).write([file("a/b/c.json", "x"), file("d.html", "y")])
        #expect(folder.files() == ["a/b/c.json", "d.html"])
    }

    @Test(arguments: ["../escape.html", "/etc/passwd", "a/../../b", "", "a//b", ".hidden", "a/./b", "a\\b", "a\nb"])
    func refusesUnsafePathsAndWritesNothing(path: String) throws {
        let folder = try TemporaryFolder()
        let writer = writer(folder.url)
        #expect(throws: OutputError.unsafePath(path)) {
            try writer.write([file("index.html", "fine"), file(path, "evil")])
        }
        #expect(folder.files().isEmpty)
    }

    @Test func refusesDuplicatePaths() throws {
        let folder = try TemporaryFolder()
        #expect(throws: OutputError.duplicatePath("index.html")) {
            try writer(folder.url).write([file("index.html", "a"), file("index.html", "b")])
        }
    }

    @Test func anOutputPathThatIsAFileIsRefused() throws {
        let folder = try TemporaryFolder()
        let target = try folder.write("output", "a file")
        #expect(throws: OutputError.notAFolder(path: target.path)) {
            try writer(target).write([file("index.html", "x")])
        }
        #expect(folder.read("output") == "a file")
    }

    /// A whole file that cannot be staged fails where it is handed over, on the caller's
    /// thread; a caller that goes on anyway cannot commit, and the export stays as it was.
    @Test func aFileThatCannotBeStagedFailsAtOnceAndNothingCommits() throws {
        let folder = try TemporaryFolder()
        let writer = writer(folder.url)
        _ = try writer.write([file("days/5.html", "old")])
        let session = try writer.begin()
        try session.emit(file("days/5.html", "new"))
        #expect(throws: OutputError.self, "days/5.html is a staged file, not a folder") {
            try session.emit(file("days/5.html/x", "cannot exist"))
        }
        #expect(throws: OutputError.self, "the first failure refuses every later file") {
            try session.emit(file("index.html", "later"))
        }
        #expect(throws: OutputError.self) { try session.commit() }
        session.abandon()
        #expect(folder.read("days/5.html") == "old")
        #expect(folder.read("index.html") == nil)
        #expect(!stagingRemains(folder))
    }

    /// Renderers hand files over from several threads at once, into folders none of them
    /// has made yet: every file lands whole, once, and the manifest lists exactly them.
    @Test func filesHandedOverFromManyThreadsAtOnceAllLand() throws {
        let folder = try TemporaryFolder()
        let session = try writer(folder.url).begin()
        let paths = (0..<600).map { "artists/\($0 % 30)/sets/\($0 % 7)/\($0).html" }
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            do {
                try session.emit(OutputFile(path: paths[index], text: String(repeating: "\(index) ", count: index)))
            } catch {
                failures.withLock { $0 += 1 }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        let report = try session.commit()
        #expect(report.written == paths.sorted())
        for (index, path) in paths.enumerated() {
            #expect(folder.read(path) == String(repeating: "\(index) ", count: index), "\(path)")
        }
        #expect(try manifest(folder).files == paths.sorted())
        #expect(!stagingRemains(folder))
    }

    /// A file left to the site owner leaves the manifest even when nothing else is removed.
    @Test func aFileLeftToTheOwnerLeavesTheManifest() throws {
        let folder = try TemporaryFolder()
        let writer = writer(folder.url)
        _ = try writer.write([file("index.html", "i"), file("robots.txt", "stagefeed's")])
        let session = try writer.begin()
        try session.emit(file("index.html", "i"))
        session.leave("robots.txt")
        let report = try session.commit()
        #expect(report.removed.isEmpty)
        #expect(try manifest(folder).files == ["index.html"])
        #expect(folder.read("robots.txt") == "stagefeed's")
    }

    /// A write that fails while files are being made leaves the export exactly as it was;
    /// one that fails while they are put in place leaves every file either fully old or fully
    /// new, and the manifest still lists everything it may have written, so the next build
    /// can prune it.
    @Test func aWriteThatFailsHalfWayLeavesOnlyWholeFiles() throws {
        let folder = try TemporaryFolder()
        let writer = writer(folder.url)
        let old = (0..<10).map { file("days/\($0).html", String(repeating: "old \($0) ", count: 500)) }
        _ = try writer.write(old)
        let oldManifest = try manifest(folder)

        // "days/5.html/x" cannot be staged: days/5.html is a file. Nothing reaches the export.
        var new = (0..<10).map { file("days/\($0).html", String(repeating: "new \($0) ", count: 700)) }
        new.append(file("days/5.html/x", "cannot exist"))
        new.append(file("later/new.html", "brand new"))
        #expect(throws: OutputError.self) { try writer.write(new) }
        for index in 0..<10 {
            #expect(folder.read("days/\(index).html") == old[index].contentsText, "days/\(index).html changed")
        }
        #expect(try manifest(folder) == oldManifest)
        #expect(folder.read("later/new.html") == nil)
        #expect(
            !stagingRemains(folder),
            "the staging folder is left behind")

        // A folder stands where a new file must go: putting files in place fails half-way.
        try FileManager.default.removeItem(at: folder.path("days/7.html"))
        try FileManager.default.createDirectory(at: folder.path("days/7.html"), withIntermediateDirectories: true)
        _ = try folder.write("days/7.html/keep", "someone else's")
        #expect(throws: OutputError.self) {
            try writer.write(
                (0..<10).map { file("days/\($0).html", String(repeating: "new \($0) ", count: 700)) }
                    + [file("later/new.html", "brand new")])
        }
        for index in 0..<10 where index != 7 {
            let text = folder.read("days/\(index).html")
            #expect(
                text == old[index].contentsText || text == String(repeating: "new \(index) ", count: 700),
                "days/\(index).html is torn")
        }
        let manifest = try manifest(folder)
        #expect(Set(manifest.files).isSuperset(of: old.map(\.path)))
        #expect(manifest.files.contains("later/new.html"))
        #expect(!folder.files().contains { $0.hasSuffix(".tmp") })
        try FileManager.default.removeItem(at: folder.path("days/7.html"))

        // The next good build recovers and prunes what the failed one may have left.
        let report = try writer.write([file("index.html", "ok")])
        #expect(folder.files() == ["index.html"])
        #expect(
            report.removed.count == 9,
            "days/0–9 but 7 (its folder was removed by hand); later/new.html never got in place")
    }

    /// New folders go into the export whole; files beside them, ours or not, stay as they are.
    @Test func newFoldersArriveWholeAndNeighboursStay() throws {
        let folder = try TemporaryFolder()
        let writer = writer(folder.url)
        _ = try writer.write([file("a/1.html", "one"), file("b/c/2.html", "two")])
        _ = try folder.write("b/foreign.txt", "not ours")
        let report = try writer.write([
            file("a/1.html", "one, changed"), file("b/c/2.html", "two"), file("b/d/3.html", "three"),
            file("b/d/e/4.html", "four"), file("f/g/h/5.html", "five"),
        ])
        #expect(report.written == ["a/1.html", "b/d/3.html", "b/d/e/4.html", "f/g/h/5.html"])
        #expect(report.unchanged == 1)
        #expect(folder.read("a/1.html") == "one, changed")
        #expect(folder.read("b/d/e/4.html") == "four")
        #expect(folder.read("f/g/h/5.html") == "five")
        #expect(folder.read("b/foreign.txt") == "not ours")
        #expect(
            folder.files() == ["a/1.html", "b/c/2.html", "b/d/3.html", "b/d/e/4.html", "b/foreign.txt", "f/g/h/5.html"])
        #expect(!stagingRemains(folder))
    }

    /// Renderers hand files over from several threads at once, many into the same folders.
    @Test func aSessionTakesFilesFromManyThreadsAtOnce() throws {
        let folder = try TemporaryFolder()
        let session = try writer(folder.url).begin()
        try ParallelWork.run(workers: 8) { worker, _ in
            for index in 0..<150 {
                try session.emit(
                    OutputFile(
                        path: "f\(index % 5)/sub\(index % 3)/w\(worker)-\(index).txt", text: "\(worker) \(index)"))
            }
        }
        let report = try session.commit()
        #expect(report.written.count == 1200 && report.unchanged == 0)
        #expect(folder.files().count == 1200)
        #expect(folder.read("f2/sub1/w7-142.txt") == "7 142")
        #expect(throws: OutputError.duplicatePath("a/b.txt")) {
            let again = try writer(folder.url).begin()
            try again.emit(OutputFile(path: "a/b.txt", text: "one"))
            try again.emit(OutputFile(path: "a/b.txt", text: "two"))
        }
    }

    /// A file written in pieces lands whole, only when its bytes changed, and a failure
    /// half-way through its pieces leaves the export's copy as it was.
    @Test func aFileWrittenInPiecesIsStagedLikeAnyOther() throws {
        let folder = try TemporaryFolder()
        let writer = writer(folder.url)
        // Small pieces go through the stream's buffer; every 500th is large enough to be written
        // past it, between what is buffered before and after it.
        let pieces = (0..<3000).map { number -> [UInt8] in
            let isLarge = number % 500 == 250
            let filler = isLarge ? String(repeating: "large", count: 20_000) : String(repeating: "·", count: 200)
            return Array("piece \(number) of a large file: \(filler)\n".utf8)
        }
        func build(_ pieces: [[UInt8]], failingAfter limit: Int? = nil) throws -> WriteReport {
            let session = try writer.begin()
            do {
                try session.emit(OutputFile(path: "index.html", text: "small"))
                try session.emit(path: "feeds/program.json") { append in
                    for (index, piece) in pieces.enumerated() {
                        if let limit, index == limit {
                            throw OutputError.writeFailed(path: "feeds/program.json", reason: "renderer failed")
                        }
                        try append(piece)
                    }
                }
                return try session.commit()
            } catch {
                session.abandon()
                throw error
            }
        }
        let whole = Data(pieces.joined())
        #expect(whole.count > StagedFileStream.chunkSize, "the file spans several buffered writes")
        #expect(pieces.filter { $0.count >= StagedFileStream.directSize }.count == 6)
        let first = try build(pieces)
        #expect(first.written == ["feeds/program.json", "index.html"])
        #expect(FileManager.default.contents(atPath: folder.path("feeds/program.json").path) == whole)

        let same = try build(pieces)
        #expect(same.written.isEmpty && same.unchanged == 2)

        var changed = pieces
        changed[2999] = Array("the last piece changed\n".utf8)
        #expect(throws: OutputError.self) { try build(changed, failingAfter: 1500) }
        #expect(FileManager.default.contents(atPath: folder.path("feeds/program.json").path) == whole)
        #expect(!stagingRemains(folder))
        // Even a caller that goes on to commit after the failure publishes nothing of it.
        let session = try writer.begin()
        #expect(throws: OutputError.self) {
            try session.emit(path: "feeds/program.json") { append in
                try append(pieces[0])
                throw OutputError.writeFailed(path: "feeds/program.json", reason: "renderer failed")
            }
        }
        #expect(throws: OutputError.self) { try session.commit() }
        session.abandon()
        #expect(FileManager.default.contents(atPath: folder.path("feeds/program.json").path) == whole)

        let report = try build(changed)
        #expect(report.written == ["feeds/program.json"])
        #expect(
            FileManager.default.contents(atPath: folder.path("feeds/program.json").path) == Data(changed.joined()))
        #expect(throws: OutputError.self) {
            let session = try writer.begin()
            defer { session.abandon() }
            try session.emit(OutputFile(path: "feeds/program.json", text: "{}"))
            try session.emit(path: "feeds/program.json") { try $0(Array("{}".utf8)) }
        }
    }

    @Test func anUnreadableManifestIsReportedNotIgnored() throws {
        let folder = try TemporaryFolder()
        let location = OutputLocation(folder: folder.url, cache: cache.url)
        try FileManager.default.createDirectory(at: location.recordsFolder, withIntermediateDirectories: true)
        try Data("not json".utf8).write(to: location.manifestFile)
        #expect(throws: OutputError.self) { try writer(folder.url).write([file("index.html", "x")]) }
        try Data(#"{"version":2,"files":["../../home/user/.bashrc"]}"#.utf8).write(to: location.manifestFile)
        #expect(throws: OutputError.self) { try writer(folder.url).write([file("index.html", "x")]) }
        #expect(folder.files().isEmpty)
    }
}

private extension OutputFile {
    var contentsText: String { String(decoding: contents, as: UTF8.self) }
}
