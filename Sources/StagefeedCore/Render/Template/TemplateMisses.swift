import Synchronization

/// A tag whose name no context had: `{{site.update}}` where pages have `site.updated`, or a
/// template written for another page. Rendering shows nothing there (as Mustache says);
/// `stagefeed check` lists each one with its template, line and column.
public struct TemplateMiss: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var template: String
    public var name: String
    public var line: Int
    public var column: Int

    public var description: String { "\(template):\(line):\(column): {{\(name)}} names nothing its page has" }

    public static func < (lhs: TemplateMiss, rhs: TemplateMiss) -> Bool {
        (lhs.template, lhs.line, lhs.column, lhs.name) < (rhs.template, rhs.line, rhs.column, rhs.name)
    }
}

/// The misses noticed while rendering, shared by every copy of a theme and every thread.
public final class TemplateMisses: Sendable {
    private let seen = Mutex<Set<TemplateMiss>>([])

    public init() {}

    func note(_ miss: TemplateMiss) {
        _ = seen.withLock { $0.insert(miss) }
    }

    /// Every miss so far, by template and place.
    public var all: [TemplateMiss] { seen.withLock { $0.sorted() } }
}
