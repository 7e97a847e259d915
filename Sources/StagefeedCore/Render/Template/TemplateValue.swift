/// A value a template can show (`{{name}}`), test and enter (`{{#name}}`), or iterate:
/// typed, so the renderer finds names without casting values to find out what they are.
public enum TemplateValue: Sendable {
    /// Absent: shows nothing, and a section over it is skipped.
    case null
    case bool(Bool)
    case number(Int)
    case decimal(Double)
    /// Text from the data: escaped for HTML by `{{name}}`, written as it is by `{{{name}}}`.
    case text(String)
    case list([TemplateValue])
    /// A list many pages show as it is (the navigation's days): a section over it is made
    /// once and its bytes reused, while its making reads nothing but the list and the
    /// frames the pages share (see `TemplateFragments`).
    case sharedList(TemplateList)
    /// An object (made with `.object(_:)`), held in a box of its own: a lookup copies values
    /// as it walks the contexts, and reads the object in place in its box.
    case boxed(TemplateObjectBox)
    /// Text written in pieces where the template puts it: too large to hold (the program "my
    /// schedule" embeds), or already bytes (a page's JSON-LD).
    case stream(TemplateStream)

    /// Whether a section over the value is shown: everything but null, false and an empty list.
    var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let value): return value
        case .list(let items): return !items.isEmpty
        case .sharedList(let list): return !list.items.isEmpty
        default: return true
        }
    }

    /// An object with named values.
    public static func object(_ object: any TemplateObject) -> TemplateValue {
        .boxed(TemplateObjectBox(object))
    }

    /// Text for `value ?? .null`.
    static func text(_ value: String?) -> TemplateValue {
        value.map(TemplateValue.text) ?? .null
    }
}

extension TemplateValue {
    /// The value named `key` in an object; nil for any other value.
    func member(_ key: String) -> TemplateValue? {
        guard case .boxed(let box) = self else { return nil }
        return box.object.value(forKey: key)
    }
}

/// A value with named values inside, such as a page or a set. A page type answers the names
/// its template may use (a `switch` over them), so finding a name costs no cast.
public protocol TemplateObject: Sendable {
    /// The value named `key`; nil when the object has no such name (the search then goes on
    /// in the enclosing context, as Mustache asks).
    func value(forKey key: String) -> TemplateValue?

    /// When the object is one instance shared by many pages (a set's model), the instance
    /// under whose identity the renderer may keep what a partial made of it and reuse it: see
    /// `TemplateFragments`. Nil (the default): rendered every time.
    var fragmentOwner: (AnyObject & Sendable)? { get }
}

extension TemplateObject {
    public var fragmentOwner: (AnyObject & Sendable)? { nil }
}

/// An object as a value holds it: one reference to copy, the object read where it lies.
public final class TemplateObjectBox: Sendable {
    public let object: any TemplateObject

    init(_ object: any TemplateObject) {
        self.object = object
    }
}

/// Named values in a dictionary: for data that comes as JSON (the Mustache spec's tests)
/// and small ad-hoc contexts.
public struct TemplateDictionary: TemplateObject {
    public var values: [String: TemplateValue]

    public init(_ values: [String: TemplateValue]) {
        self.values = values
    }

    public func value(forKey key: String) -> TemplateValue? { values[key] }
}

/// The items of a shared list, one instance for all the pages that show it: its identity
/// names the sections made of it.
public final class TemplateList: Sendable {
    public let items: [TemplateValue]

    public init(_ items: [TemplateValue]) {
        self.items = items
    }
}

/// Text written in pieces: `write` hands each piece, in order, to the output.
public struct TemplateStream: Sendable {
    public let write: @Sendable (_ append: (_ piece: [UInt8]) throws -> Void) throws -> Void

    public init(write: @escaping @Sendable (_ append: (_ piece: [UInt8]) throws -> Void) throws -> Void) {
        self.write = write
    }
}
