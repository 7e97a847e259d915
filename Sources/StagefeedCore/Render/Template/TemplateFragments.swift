import Synchronization

/// What partials made of objects shared by many pages (a set's row on its day, stage and
/// artist pages), and sections made of lists they share (the navigation's days), kept for
/// the pages that follow. A fragment is kept only when its making read nothing but the
/// object or list and the frames every page of this cache shares (the language's strings,
/// the way back to the root): the renderer watches each name it looks up. One cache serves
/// the pages of one language and folder depth, from any thread.
///
/// The bytes are kept end to end in large blocks (`ByteBlocks`), not in an array each: at
/// 20,000 sets (three fragments each) each fragment's array of owners was 2.6 MB, and the
/// bytes' own arrays' headers and spare room most of 2 MB more.
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

    /// The places of the fragments kept, what their keys name, and the blocks they lie in.
    private struct State: ~Copyable {
        var places: [Key: KeptBytes] = [:]
        /// What the keys' identities name (the objects and lists, and the sections), so that
        /// no identity can pass to another while its bytes are kept.
        var owners: [AnyObject & Sendable] = []
        var blocks = ByteBlocks()
    }

    private let state = Mutex(State())

    public init() {}

    /// What partial `template` made of the object `owner` names, if it was kept; valid while
    /// this cache is.
    func fragment(of template: String, owner: AnyObject) -> KeptBytes? {
        let key = Key(maker: .partial(template), subject: ObjectIdentifier(owner))
        return state.withLock { $0.places[key] }
    }

    /// Keeps what partial `template` made of the object `owner` names (the bytes kept first
    /// stay: a fragment made twice at once is the same bytes).
    func keep(_ bytes: [UInt8], of template: String, owner: AnyObject & Sendable) {
        keep(bytes, under: Key(maker: .partial(template), subject: ObjectIdentifier(owner)), owner: owner)
    }

    /// What `section` made of `list`, its names escaped or not, if it was kept; valid while
    /// this cache is.
    func fragment(of section: TemplateSection, over list: TemplateList, escaped: Bool) -> KeptBytes? {
        let key = Self.key(section, list, escaped: escaped)
        return state.withLock { $0.places[key] }
    }

    /// Keeps what `section` made of `list`, its names escaped or not (the bytes kept first stay).
    func keep(_ bytes: [UInt8], of section: TemplateSection, over list: TemplateList, escaped: Bool) {
        keep(bytes, under: Self.key(section, list, escaped: escaped), owner: list, and: section)
    }

    /// Keeps `bytes` under `key`, and what its identities name (no array made for them: one
    /// is kept for each fragment).
    private func keep(
        _ bytes: [UInt8], under key: Key, owner: AnyObject & Sendable, and other: (AnyObject & Sendable)? = nil
    ) {
        state.withLock { state in
            guard state.places[key] == nil else { return }
            state.places[key] = state.blocks.store(bytes)
            state.owners.append(owner)
            if let other { state.owners.append(other) }
        }
    }

    private static func key(_ section: TemplateSection, _ list: TemplateList, escaped: Bool) -> Key {
        Key(maker: .section(ObjectIdentifier(section), escaped: escaped), subject: ObjectIdentifier(list))
    }

    /// How many fragments are kept.
    public var count: Int { state.withLock { $0.places.count } }
}
