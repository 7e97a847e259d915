/// A template parsed: text to copy, values to show, sections, partials, parents and blocks.
indirect enum TemplateNode: Sendable {
    /// Template text, written as it is (indented when a standalone partial or block says so).
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (as it is).
    case value(TemplateName, escaped: Bool, at: TemplateLocation)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(TemplateName, TemplateSection, inverted: Bool, at: TemplateLocation)
    /// `{{> name}}` (or `{{>*name}}`, the name taken from the data), with the indentation of a
    /// standalone tag.
    case partial(TemplatePartialName, indentation: [UInt8], at: TemplateLocation)
    /// `{{< name}}{{$block}}…{{/block}}{{/name}}`: another template with some of its blocks
    /// replaced.
    case parent(TemplatePartialName, indentation: [UInt8], overrides: [String: TemplateBlock], at: TemplateLocation)
    /// `{{$name}}default{{/name}}`: a place a child template may fill.
    case block(TemplateBlock)
}

/// A section's content: one instance for each section of a parsed template, so what is made
/// of it over a shared list is kept under its identity (see `TemplateFragments`).
final class TemplateSection: Sendable {
    let nodes: [TemplateNode]

    init(_ nodes: [TemplateNode]) {
        self.nodes = nodes
    }
}

/// A block: its content, and how its expansion is indented (see `TemplateParser`).
struct TemplateBlock: Sendable {
    var name: String
    var nodes: [TemplateNode]
    /// Indentation added to each line of the content where the block is expanded.
    var indentation: [UInt8] = []
    /// The block stood alone on its line(s): its expansion starts a line, and ends one when
    /// that line ended with a line break.
    var startsLine = false
    var endsLine = false
}

/// A name as a tag gives it: `.` (the current value) or a dotted path.
enum TemplateName: Sendable, Equatable {
    case implicit
    case path([String])

    init(_ text: String) {
        self =
            text == "."
            ? .implicit : .path(text.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
    }

    /// The name as written.
    var text: String {
        switch self {
        case .implicit: return "."
        case .path(let parts): return parts.joined(separator: ".")
        }
    }
}

/// The name of a partial or parent: fixed, or dynamic (`*name`: the value of `name`).
enum TemplatePartialName: Sendable, Equatable {
    case fixed(String)
    case dynamic(TemplateName)
}

/// Where a tag stands in its template, for messages.
struct TemplateLocation: Sendable, Equatable {
    var line: Int
    var column: Int
}
