import Foundation

/// One file of the export: where it goes below the output folder, and its bytes.
public struct OutputFile: Sendable, Equatable {
    /// A relative path with `/` separators, checked by `OutputPath.validate`.
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}
