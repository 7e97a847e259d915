import Foundation

/// An exclusive lock on an output folder (`<out>/.stagefeed.lock`, flock), so two build or
/// watch processes never write the same output at once. The operating system releases it
/// when the process ends, even when it is killed.
public final class OutputLock: Sendable {
    public static let fileName = ".stagefeed.lock"
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock for `command` (e.g. "watch"), or throws naming the process that holds it.
    public static func acquire(folder: URL, command: String) throws(OutputError) -> OutputLock {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: folder.path, reason: error.localizedDescription)
        }
        let path = folder.appendingPathComponent(fileName).path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw .locked(folder: folder.path, holder: holder?.isEmpty == false ? holder! : "another process")
        }
        let note = "pid \(getpid()), stagefeed \(command)\n"
        ftruncate(descriptor, 0)
        _ = note.withCString { write(descriptor, $0, strlen($0)) }
        return OutputLock(descriptor: descriptor)
    }
}
