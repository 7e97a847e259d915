import Foundation

/// A pure function from the program to files: HTML pages, feeds, calendars, signage.
/// Renderers do no I/O; the `OutputWriter` writes what they return.
public protocol Renderer: Sendable {
    func render(_ program: Program, context: BuildContext) throws -> [OutputFile]
}

/// What renderers may know about the build besides the program. The same program and
/// context always give the same bytes.
public struct BuildContext: Sendable {
    /// The build's clock reading; only `feeds/status.json` may depend on it.
    public var now: Date
    /// The source's name, e.g. `demo`.
    public var sourceName: String

    public init(now: Date, sourceName: String) {
        self.now = now
        self.sourceName = sourceName
    }
}
