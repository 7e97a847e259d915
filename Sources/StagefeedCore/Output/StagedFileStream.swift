import Foundation

/// A staged file written piece by piece: small pieces gather in a buffer of `chunkSize`
/// bytes, each full buffer goes to disk in one write; a piece of `directSize` or more (the
/// renderers' quarter-megabyte pieces) goes straight to disk after what is buffered, without
/// being copied (a copy into fresh memory cost a page fault per 4 KB).
final class StagedFileStream {
    static let chunkSize = 1 << 20
    static let directSize = 1 << 16

    let url: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var size = 0

    /// Creates (or empties) the file at `url`.
    init(creating url: URL) throws(OutputError) {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: url.path)
        else {
            throw .writeFailed(path: url.path, reason: "could not create the file")
        }
        self.handle = handle
    }

    func append(_ piece: [UInt8]) throws(OutputError) {
        size += piece.count
        if piece.count >= Self.directSize {
            try flush()
            try write(piece)
            return
        }
        buffer.append(contentsOf: piece)
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Writes what is buffered and closes the file.
    func close() throws(OutputError) {
        try flush()
        do { try handle.close() } catch { throw .writeFailed(path: url.path, reason: error.localizedDescription) }
    }

    private func flush() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        try write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func write(_ bytes: [UInt8]) throws(OutputError) {
        do { try handle.write(contentsOf: bytes) } catch {
            throw .writeFailed(path: url.path, reason: error.localizedDescription)
        }
    }
}
