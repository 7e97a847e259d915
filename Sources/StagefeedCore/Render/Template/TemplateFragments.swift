import Synchronization

/// What partials made of objects shared by many pages (a set's row on its day, stage and
/// artist pages), kept for the pages that follow. A fragment is kept only when its making
/// read nothing but the object and the frames every page of this cache shares (the
/// language's strings, the way back to the root): the renderer watches each name it looks
/// up. One cache serves the pages of one language and folder depth, from any thread.
public final class TemplateFragments: Sendable {
    private struct Key: Hashable {
        var template: String
        var object: ObjectIdentifier
    }

    private struct Entry {
        /// The object itself, so its identity cannot pass to another while it is kept.
        var object: any TemplateObject
        var bytes: [UInt8]
    }

    private let entries = Mutex<[Key: Entry]>([:])

    public init() {}

    func fragment(of template: String, for object: any TemplateObject, identity: ObjectIdentifier) -> [UInt8]? {
        entries.withLock { $0[Key(template: template, object: identity)]?.bytes }
    }

    func keep(_ bytes: [UInt8], of template: String, for object: any TemplateObject, identity: ObjectIdentifier) {
        entries.withLock {
            $0[Key(template: template, object: identity)] = Entry(object: object, bytes: bytes.sizedToFit())
        }
    }

    /// How many fragments are kept.
    public var count: Int { entries.withLock { $0.count } }
}
