import Foundation

/// A staged file written piece by piece: pieces gather in a buffer of `chunkSize` bytes,
/// each full buffer goes to disk in one write.
final class StagedFileStream {
    static let chunkSize = 1 << 20

    let url: URL
    private let handle: FileHandle
    private var buffer = Data()
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
        buffer.reserveCapacity(Self.chunkSize)
    }

    func append(_ piece: Data) throws(OutputError) {
        buffer.append(piece)
        size += piece.count
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Writes what is buffered and closes the file.
    func close() throws(OutputError) {
        try flush()
        do { try handle.close() } catch { throw .writeFailed(path: url.path, reason: error.localizedDescription) }
    }

    private func flush() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch {
            throw .writeFailed(path: url.path, reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
