import Foundation

/// An exclusive lock on an output folder, so two build, watch or publish processes never
/// use the same output at once, whichever store each uses. It is a `flock` on the folder
/// itself, so nothing is added to the export, and the operating system releases it when
/// the process ends, even when it is killed.
public final class OutputLock: Sendable {
    /// The lock file earlier versions kept inside the output folder; removed on the first
    /// lock taken by this version (unless an earlier version still holds it).
    static let legacyFileName = ".stagefeed.lock"
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Lets go of the folder before this value goes away (see `AnnouncementHandover`).
    public func unlock() {
        flock(descriptor, LOCK_UN)
    }

    /// Takes the lock for `command` (e.g. "watch"), creating the folder if needed, or throws
    /// naming the process that holds it.
    public static func acquire(folder: URL, command: String) throws(OutputError) -> OutputLock {
        try FileOperations.createFolder(folder)
        let path = folder.path
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = LockHolder.of(descriptor: descriptor)
            close(descriptor)
            throw .locked(folder: path, holder: holder ?? "another process")
        }
        let lock = OutputLock(descriptor: descriptor)
        try removeLegacyLock(in: folder)
        return lock
    }

    /// Removes the lock file an earlier version left in the folder, unless a process of that
    /// version holds it still.
    private static func removeLegacyLock(in folder: URL) throws(OutputError) {
        let path = folder.appendingPathComponent(legacyFileName).path
        let descriptor = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let note = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(
                in: .whitespacesAndNewlines)
            throw .locked(
                folder: folder.path, holder: note.flatMap { $0.isEmpty ? nil : $0 } ?? "an earlier version of stagefeed"
            )
        }
        unlink(path)
    }
}
