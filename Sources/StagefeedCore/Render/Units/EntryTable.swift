import Foundation
import Synchronization

/// Entries of one whole-program file (VEVENTs, frab events, feed entries) by digest, as a
/// build keeps them for the next in the store. The file holds a header line naming what the
/// digests were made in (the build's `RenderResources.entryContext`), each entry's record
/// (its digest, 16 bytes; its length, 4 bytes little-endian; its bytes), then an index of
/// the records (digest, offset and length of each) and a trailer locating the index.
///
/// A later build may append to the file the records of its new entries and a new index and
/// trailer: the last trailer is the one read. Only the index is read when the table is
/// opened; entries are read from the file when asked for, through a window of a megabyte
/// that slides along it (a build asks for them in about the order the last build wrote
/// them), so a table of tens of megabytes costs a build little memory.
final class EntryTable: Sendable {
    private struct Window {
        var start = 0
        var bytes: [UInt8] = []
    }

    /// The open file, or -1 for a table with no entries.
    private let file: Int32
    private let index: [UnitDigest: Range<Int>]
    private let window = Mutex(Window())
    /// The file's size, and the bytes its header, live records, index and trailer take: the
    /// rest are records of entries no longer listed.
    let size: Int
    private let liveSize: Int

    static let format = "stagefeed entries 2"
    /// The trailer's last bytes.
    static let trailerMark = Array("SFEI".utf8)
    /// Bytes of a record before its entry, of an index row, and of the trailer.
    static let recordPrefix = 20, indexRow = 28, trailerSize = 16
    private static let windowSize = 1 << 20

    /// No entries.
    init() {
        file = -1
        index = [:]
        size = 0
        liveSize = 0
    }

    private init(file: Int32, index: [UnitDigest: Range<Int>], size: Int, headerSize: Int) {
        self.file = file
        self.index = index
        self.size = size
        liveSize =
            headerSize + index.values.reduce(0) { $0 + $1.count + Self.recordPrefix } + index.count * Self.indexRow
            + Self.trailerSize
    }

    deinit {
        if file >= 0 { close(file) }
    }

    /// How many entries the table holds.
    var count: Int { index.count }

    /// Whether the table holds the entry with digest `key`.
    func contains(_ key: UnitDigest) -> Bool { index[key] != nil }

    /// Whether the table lists exactly the entries with `keys`, no more and no fewer (else a
    /// build keeps its entries anew).
    func lists(exactly keys: [UnitDigest]) -> Bool {
        count == keys.count && keys.allSatisfy(contains)
    }

    /// Where the entry with digest `key` lies in the file.
    func range(of key: UnitDigest) -> Range<Int>? { index[key] }

    /// Whether new entries may be appended to the file: at most half of it is records of
    /// entries no longer listed (else it is written anew, without them).
    var takesAppends: Bool { file >= 0 && size <= 2 * liveSize + (1 << 20) }

    /// The bytes of the entry with digest `key`, if the table has it (and the file can still
    /// be read).
    subscript(key: UnitDigest) -> [UInt8]? {
        guard let range = index[key] else { return nil }
        return window.withLock { window -> [UInt8]? in
            if range.lowerBound < window.start || range.upperBound > window.start + window.bytes.count {
                guard let bytes = Self.read(file, at: range.lowerBound, count: max(range.count, Self.windowSize)) else {
                    return nil
                }
                window = Window(start: range.lowerBound, bytes: bytes)
            }
            let from = range.lowerBound - window.start
            guard from + range.count <= window.bytes.count else { return nil }
            return Array(window.bytes[from..<from + range.count])
        }
    }

    /// The header of a table made in `context`.
    static func header(context: UnitDigest) -> [UInt8] {
        var header = Array(format.utf8)
        header.append(0x20)
        context.appendHex(to: &header)
        header.append(0x0A)
        return header
    }

    /// The table in the file at `path`, when it is one made in `context` (nil otherwise, when
    /// it is cut short or its index does not fit its records, or it cannot be read). Only the
    /// header, the trailer and the index are read.
    static func open(path: String, context: UnitDigest) -> EntryTable? {
        let file = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        var status = stat()
        guard fstat(file, &status) == 0, let index = index(of: file, size: Int(status.st_size), context: context) else {
            close(file)
            return nil
        }
        return EntryTable(
            file: file, index: index, size: Int(status.st_size), headerSize: header(context: context).count)
    }

    /// The index of the table open as `file`, checked against its size and header.
    private static func index(of file: Int32, size: Int, context: UnitDigest) -> [UnitDigest: Range<Int>]? {
        let header = header(context: context)
        guard size >= header.count + trailerSize, read(file, at: 0, count: header.count) == header,
            let trailer = read(file, at: size - trailerSize, count: trailerSize),
            trailer.suffix(4).elementsEqual(trailerMark)
        else { return nil }
        let indexStart = Int(littleEndian(trailer, at: 0, as: UInt64.self))
        let rows = Int(littleEndian(trailer, at: 8, as: UInt32.self))
        guard indexStart >= header.count, indexStart + rows * indexRow == size - trailerSize,
            let table = read(file, at: indexStart, count: rows * indexRow)
        else { return nil }
        var index: [UnitDigest: Range<Int>] = [:]
        index.reserveCapacity(rows)
        for row in 0..<rows {
            let at = row * indexRow
            let high = bigEndian(table, at: at), low = bigEndian(table, at: at + 8)
            let offset = Int(littleEndian(table, at: at + 16, as: UInt64.self))
            let length = Int(littleEndian(table, at: at + 24, as: UInt32.self))
            guard offset >= header.count + recordPrefix, offset + length <= indexStart else { return nil }
            index[UnitDigest(high: high, low: low)] = offset..<offset + length
        }
        return index
    }

    /// `count` bytes of `file` from `offset` (fewer at its end); nil when it cannot be read.
    private static func read(_ file: Int32, at offset: Int, count: Int) -> [UInt8]? {
        guard file >= 0 else { return nil }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, done in
            done = 0
            while done < count {
                let got = pread(file, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if got < 0, errno == EINTR { continue }
                if got < 0 { failed = true }
                guard got > 0 else { break }
                done += got
            }
        }
        return failed ? nil : bytes
    }

    private static func littleEndian<Value: FixedWidthInteger>(
        _ bytes: [UInt8], at offset: Int, as: Value.Type
    )
        -> Value
    {
        bytes.withUnsafeBytes { Value(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: Value.self)) }
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        bytes.withUnsafeBytes { UInt64(bigEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    }

    /// Appends a digest's 16 bytes to `bytes`.
    static func append(_ key: UnitDigest, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: key.high.bigEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: key.low.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends `value` in little-endian byte order to `bytes`.
    static func append<Value: FixedWidthInteger>(littleEndian value: Value, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
