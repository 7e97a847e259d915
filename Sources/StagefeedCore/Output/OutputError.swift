/// Why the export could not be written. Files already in place stay whole: each is either
/// the old or the new version.
public enum OutputError: Error, Equatable, CustomStringConvertible {
    case notAFolder(path: String)
    case unsafePath(String)
    case duplicatePath(String)
    case writeFailed(path: String, reason: String)
    case manifestUnreadable(path: String, reason: String)
    case locked(folder: String, holder: String)

    public var description: String {
        switch self {
        case .notAFolder(let path):
            return
                "the output path \(path) exists and is not a folder; choose another with --out or out: in stagefeed.yml"
        case .unsafePath(let path):
            return "a renderer produced the unsafe path \"\(path)\"; nothing was written"
        case .duplicatePath(let path):
            return "two renderers produced the same file \(path); nothing was written"
        case .writeFailed(let path, let reason):
            return "could not write \(path): \(reason)"
        case .locked(let folder, let holder):
            return
                "\(folder) is being written by \(holder); wait for it to finish or stop it (one build or watch per output folder)"
        case .manifestUnreadable(let path, let reason):
            return "the manifest \(path) is unreadable (\(reason)); move it away to start afresh"
        }
    }
}
