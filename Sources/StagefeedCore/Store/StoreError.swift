/// The local store could not be opened, read or written.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case unusable(path: String, reason: String)
    case empty(source: String)

    public var description: String {
        switch self {
        case .unusable(let path, let reason):
            return "the store \(path) cannot be used (\(reason)); move the cache folder away to start afresh"
        case .empty(let source):
            return "the store holds no program from \(source) yet; run once with the network (without --offline)"
        }
    }
}
