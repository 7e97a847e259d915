import Foundation
import Synchronization

/// The one writer of `feeds/announcements.json` in a process that holds the output folder
/// (a build, a watch, a publish, an announce): it brings the file in line with the store's
/// announcements, one write at a time, each atomic (a temporary file renamed over it), and
/// reports every change (a watch's server pushes it to the screens). A build hands the
/// file to its write session through `committing`, under the same gate, so a newer file
/// written meanwhile is never replaced by an older one.
public final class AnnouncementFile: Sendable {
    public let store: ProgramStore
    /// The output folder.
    public let folder: URL
    private let gate = Mutex(())
    private let changed: @Sendable (Data) -> Void

    /// The writer of the file in `folder` from `store`; `changed` hears the new bytes each
    /// time the file changes.
    public init(store: ProgramStore, folder: URL, changed: @escaping @Sendable (Data) -> Void = { _ in }) {
        self.store = store
        self.folder = folder
        self.changed = changed
    }

    private var path: String { folder.appendingPathComponent(AnnouncementFeed.path).path }

    /// The file as the store's announcements in force at `now` make it.
    public func expected(at now: Date) throws -> OutputFile {
        try AnnouncementFeed.file(store.announcements(inForceAt: now))
    }

    /// Whether the file on disk says what `announcements` (those in force) do. A missing
    /// file says "none": it is not made before the first build for nothing.
    func isCurrent(_ announcements: [Announcement]) throws -> Bool {
        let file = try AnnouncementFeed.file(announcements)
        if FileOperations.holds(path: path, exactly: file.contents) { return true }
        return announcements.isEmpty && access(path, F_OK) != 0
    }

    /// Brings the file in line with the store at `now`; whether it wrote.
    @discardableResult
    public func sync(at now: Date) throws -> Bool {
        try gate.withLock { _ in try bringInLine(at: now) }
    }

    /// `sync`, unless a build is handing the file to its write session right now (its
    /// commit brings it in line); whether it wrote.
    public func syncUnlessBusy(at now: Date) throws -> Bool {
        try gate.withLockIfAvailable { _ in try bringInLine(at: now) } ?? false
    }

    /// A build's part: the file as the store makes it at `now` goes to `emit` (the write
    /// session), then `commit` puts the session's files in place, the gate held throughout.
    func committing<T>(at now: Date, emit: (OutputFile) throws -> Void, commit: () throws -> T) throws -> T {
        try gate.withLock { _ in
            let file = try expected(at: now)
            let before = FileManager.default.contents(atPath: path)
            try emit(file)
            let result = try commit()
            if before != file.contents { changed(file.contents) }
            return result
        }
    }

    /// Writes the file when it is not current; whether it wrote. The caller holds the gate.
    private func bringInLine(at now: Date) throws -> Bool {
        let announcements = try store.announcements(inForceAt: now)
        if try isCurrent(announcements) { return false }
        let file = try AnnouncementFeed.file(announcements)
        let url = URL(fileURLWithPath: path)
        try FileOperations.createFolder(url.deletingLastPathComponent())
        try FileOperations.replace(url, with: file.contents)
        changed(file.contents)
        return true
    }
}
