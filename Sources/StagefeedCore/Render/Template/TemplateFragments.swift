import Synchronization

/// What partials made of objects shared by many pages (a set's row on its day, stage and
/// artist pages), and sections made of lists they share (the navigation's days), kept for
/// the pages that follow. A fragment is kept only when its making read nothing but the
/// object or list and the frames every page of this cache shares (the language's strings,
/// the way back to the root): the renderer watches each name it looks up. One cache serves
/// the pages of one language and folder depth, from any thread.
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

    private struct Entry {
        /// What the identities name (the object or list, and the section), so that neither
        /// identity can pass to another while the bytes are kept.
        var owners: [any Sendable]
        var bytes: [UInt8]
    }

    private let entries = Mutex<[Key: Entry]>([:])

    public init() {}

    /// What partial `template` made of the object with `identity`, if it was kept.
    func fragment(of template: String, identity: ObjectIdentifier) -> [UInt8]? {
        entries.withLock { $0[Key(maker: .partial(template), subject: identity)]?.bytes }
    }

    /// Keeps what partial `template` made of `object`.
    func keep(_ bytes: [UInt8], of template: String, for object: any TemplateObject, identity: ObjectIdentifier) {
        entries.withLock {
            $0[Key(maker: .partial(template), subject: identity)] = Entry(owners: [object], bytes: bytes.sizedToFit())
        }
    }

    /// What `section` made of `list`, its names escaped or not, if it was kept.
    func fragment(of section: TemplateSection, over list: TemplateList, escaped: Bool) -> [UInt8]? {
        entries.withLock { $0[Self.key(section, list, escaped: escaped)]?.bytes }
    }

    /// Keeps what `section` made of `list`, its names escaped or not.
    func keep(_ bytes: [UInt8], of section: TemplateSection, over list: TemplateList, escaped: Bool) {
        entries.withLock {
            $0[Self.key(section, list, escaped: escaped)] = Entry(owners: [section, list], bytes: bytes.sizedToFit())
        }
    }

    private static func key(_ section: TemplateSection, _ list: TemplateList, escaped: Bool) -> Key {
        Key(maker: .section(ObjectIdentifier(section), escaped: escaped), subject: ObjectIdentifier(list))
    }

    /// How many fragments are kept.
    public var count: Int { entries.withLock { $0.count } }
}
