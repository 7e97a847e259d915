import Foundation

/// Entries of one whole-program file (VEVENTs, frab events) by digest, as a build keeps them
/// for the next in the store: a header line naming what the digests were made in (the
/// build's `RenderResources.entryContext`), then each entry's digest (16 bytes), its length
/// (4 bytes, little-endian) and its bytes.
struct EntryTable: Sendable {
    private let bytes: [UInt8]
    private let ranges: [UnitDigest: Range<Int>]

    /// No entries.
    init() {
        bytes = []
        ranges = [:]
    }

    /// How many entries the table holds.
    var count: Int { ranges.count }

    /// The bytes of the entry with digest `key`, if the table has it.
    subscript(key: UnitDigest) -> ArraySlice<UInt8>? {
        ranges[key].map { bytes[$0] }
    }

    static let format = "stagefeed entries 1"

    /// The header of a table made in `context`.
    static func header(context: UnitDigest) -> [UInt8] {
        var header = Array(format.utf8)
        header.append(0x20)
        context.appendHex(to: &header)
        header.append(0x0A)
        return header
    }

    /// The table in the file at `path`, when it is one made in `context` (nil otherwise, when
    /// it is cut short, or cannot be read). A table made in another context is not read past
    /// its header.
    static func read(path: String, context: UnitDigest) -> EntryTable? {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var status = stat()
        let header = header(context: context)
        guard fstat(file, &status) == 0, status.st_size >= header.count else { return nil }
        // Read straight into the table's bytes: no second copy of a file of tens of megabytes.
        let size = Int(status.st_size)
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                // The header first: a table made in another context is not read past it.
                let wanted = done < header.count ? header.count - done : size - done
                let got = Foundation.read(file, buffer.baseAddress! + done, wanted)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { break }
                done += got
                if done == header.count, !buffer[..<done].elementsEqual(header) { break }
            }
            complete = done == size
            count = done
        }
        return complete ? EntryTable(bytes: bytes, context: context) : nil
    }

    /// The table in `bytes`, when it is one made in `context` (nil otherwise, or when it is
    /// cut short).
    init?(bytes: [UInt8], context: UnitDigest) {
        let header = Self.header(context: context)
        guard bytes.count >= header.count, bytes[..<header.count].elementsEqual(header) else { return nil }
        var ranges: [UnitDigest: Range<Int>] = [:]
        ranges.reserveCapacity(bytes.count / 512)
        var offset = header.count
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            while offset < raw.count {
                guard raw.count - offset >= 20 else { return false }
                let high = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                let low = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt32.self)))
                offset += 20
                guard raw.count - offset >= length else { return false }
                ranges[UnitDigest(high: high, low: low)] = offset..<offset + length
                offset += length
            }
            return true
        }
        guard ok else { return nil }
        self.bytes = bytes
        self.ranges = ranges
    }

    /// Appends one entry's record to `table`.
    static func append(key: UnitDigest, entry: some Collection<UInt8>, to table: inout [UInt8]) {
        withUnsafeBytes(of: key.high.bigEndian) { table.append(contentsOf: $0) }
        withUnsafeBytes(of: key.low.bigEndian) { table.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(entry.count).littleEndian) { table.append(contentsOf: $0) }
        table.append(contentsOf: entry)
    }
}
