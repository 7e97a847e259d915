/// Bytes a `TemplateFragments` keeps: where they lie in one of its blocks, which are never
/// moved, written again or freed while the cache lives.
struct KeptBytes: @unchecked Sendable {
    /// Nil for no bytes.
    let start: UnsafeRawPointer?
    let count: Int

    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: start, count: count) }
}

/// Blocks of memory filled end to end with kept bytes. A block is never grown or moved, so
/// what was stored stays where it was put until the blocks go.
struct ByteBlocks: ~Copyable {
    /// Large enough that a block's unused end is small against it (a set's row is under 1 KB).
    static let blockSize = 256 * 1024

    private var blocks: [UnsafeMutableRawBufferPointer] = []
    /// The block being filled, and how much of it is used.
    private var current: UnsafeMutableRawBufferPointer?
    private var used = 0

    deinit {
        for block in blocks { block.deallocate() }
    }

    /// Copies `bytes` into a block and tells where they are. Bytes larger than a block get a
    /// block of their own, and the block being filled goes on being filled.
    mutating func store(_ bytes: [UInt8]) -> KeptBytes {
        guard !bytes.isEmpty else { return KeptBytes(start: nil, count: 0) }
        let start: UnsafeMutableRawPointer
        if bytes.count > Self.blockSize {
            let own = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
            blocks.append(own)
            start = own.baseAddress!
        } else {
            if current == nil || used + bytes.count > current!.count {
                let block = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.blockSize, alignment: 1)
                blocks.append(block)
                (current, used) = (block, 0)
            }
            start = current!.baseAddress! + used
            used += bytes.count
        }
        bytes.withUnsafeBytes { start.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        return KeptBytes(start: UnsafeRawPointer(start), count: bytes.count)
    }
}
