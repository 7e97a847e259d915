import Synchronization

/// What partials made of objects shared by many pages (a set's row on its day, stage and
/// artist pages), and sections made of lists they share (the navigation's days), kept for
/// the pages that follow. A fragment is kept only when its making read nothing but the
/// object or list and the frames every page of this cache shares (the language's strings,
/// the way back to the root): the renderer watches each name it looks up. One cache serves
/// the pages of one language and folder depth, from any thread.
///
/// The bytes are kept end to end in large blocks, not in an array each: at 20,000 sets (three
/// fragments each) the arrays' headers and each fragment's array of owners were 5 MB of the
/// build's peak.
public final class TemplateFragments: Sendable {
    /// What was made: a partial, by name, or a section of a template, with whether its
    /// names were escaped (a block's content is escaped as the template expanding it says).
    private enum Maker: Hashable {
        case partial(String)
        case section(ObjectIdentifier, escaped: Bool)
    }

    private struct Key: Hashable {
        var maker: Maker
        /// The identity of the object or list it was made of.
        var subject: ObjectIdentifier
    }

    private struct State: ~Copyable {
        var places: [Key: KeptBytes] = [:]
        /// What the keys' identities name (the objects and lists, and the sections), so that
        /// no identity can pass to another while its bytes are kept.
        var owners: [AnyObject & Sendable] = []
        var blocks = ByteBlocks()
    }

    private let state = Mutex(State())

    public init() {}

    deinit {
        state.withLock { $0.blocks.deallocate() }
    }

    /// What partial `template` made of the object `owner` names, if it was kept; valid while
    /// this cache is.
    func fragment(of template: String, owner: AnyObject) -> KeptBytes? {
        let key = Key(maker: .partial(template), subject: ObjectIdentifier(owner))
        return state.withLock { $0.places[key] }
    }

    /// Keeps what partial `template` made of the object `owner` names.
    func keep(_ bytes: [UInt8], of template: String, owner: AnyObject & Sendable) {
        keep(bytes, under: Key(maker: .partial(template), subject: ObjectIdentifier(owner)), owners: [owner])
    }

    /// What `section` made of `list`, its names escaped or not, if it was kept; valid while
    /// this cache is.
    func fragment(of section: TemplateSection, over list: TemplateList, escaped: Bool) -> KeptBytes? {
        let key = Self.key(section, list, escaped: escaped)
        return state.withLock { $0.places[key] }
    }

    /// Keeps what `section` made of `list`, its names escaped or not.
    func keep(_ bytes: [UInt8], of section: TemplateSection, over list: TemplateList, escaped: Bool) {
        keep(bytes, under: Self.key(section, list, escaped: escaped), owners: [section, list])
    }

    private func keep(_ bytes: [UInt8], under key: Key, owners: [AnyObject & Sendable]) {
        state.withLock { state in
            guard state.places[key] == nil else { return }
            state.places[key] = state.blocks.store(bytes)
            state.owners += owners
        }
    }

    private static func key(_ section: TemplateSection, _ list: TemplateList, escaped: Bool) -> Key {
        Key(maker: .section(ObjectIdentifier(section), escaped: escaped), subject: ObjectIdentifier(list))
    }

    /// How many fragments are kept.
    public var count: Int { state.withLock { $0.places.count } }
}

/// Bytes a `TemplateFragments` keeps: where they lie in one of its blocks, which are never
/// moved, written again or freed while the cache lives.
struct KeptBytes: @unchecked Sendable {
    /// Nil for no bytes.
    let start: UnsafeRawPointer?
    let count: Int

    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: start, count: count) }
}

/// Blocks of memory filled end to end with kept bytes; a block is never grown or moved, so
/// what was stored stays where it was put until `deallocate`.
struct ByteBlocks: ~Copyable {
    /// Large enough that a block's unused end is small against it (a set's row is under 1 KB).
    static let blockSize = 256 * 1024

    private var blocks: [UnsafeMutableRawBufferPointer] = []
    /// How much of the last block is used.
    private var used = 0

    /// Copies `bytes` into a block and tells where they are.
    mutating func store(_ bytes: [UInt8]) -> KeptBytes {
        guard !bytes.isEmpty else { return KeptBytes(start: nil, count: 0) }
        if blocks.isEmpty || used + bytes.count > blocks[blocks.count - 1].count {
            blocks.append(.allocate(byteCount: max(Self.blockSize, bytes.count), alignment: 1))
            used = 0
        }
        let start = blocks[blocks.count - 1].baseAddress! + used
        bytes.withUnsafeBytes { start.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        used += bytes.count
        return KeptBytes(start: UnsafeRawPointer(start), count: bytes.count)
    }

    /// Frees every block: what was stored is gone.
    mutating func deallocate() {
        for block in blocks { block.deallocate() }
        blocks = []
        used = 0
    }
}
