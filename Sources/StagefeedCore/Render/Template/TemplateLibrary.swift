/// Templates parsed once, by name (`day`, `partials/set-row`): a theme's. Rendering one
/// looks its partials and parents up here.
public struct TemplateLibrary: Sendable {
    /// One parsed template.
    struct Template: Sendable {
        var nodes: [TemplateNode]
        /// False when the template says `{{% CONTENT_TYPE: TEXT }}`: `{{name}}` is not escaped.
        var escapes: Bool
    }

    /// Why a template could not be parsed: its name, the line and column, and the reason.
    public struct ParseError: Error, Equatable {
        public var template: String
        public var line: Int
        public var column: Int
        public var reason: String
    }

    /// Why rendering stopped.
    public enum RenderError: Error, Equatable {
        case missingTemplate(String)
        /// Partials or parents nested deeper than `maximumDepth` (a partial including itself).
        case tooDeep(String)
    }

    /// Partials and parents nest at most this deep.
    static let maximumDepth = 64

    var templates: [String: Template] = [:]
    /// Where names no context had are noted, when anyone listens.
    public var misses: TemplateMisses?

    public init() {}

    /// Parses `text` as the template `name`.
    public mutating func add(_ name: String, text: String) throws(ParseError) {
        do {
            let parsed = try TemplateParser.parse(text)
            templates[name] = Template(nodes: parsed.nodes, escapes: !parsed.isText)
        } catch {
            throw ParseError(
                template: name, line: error.location.line, column: error.location.column, reason: error.reason)
        }
    }

    /// The partials and parents template `name` names (not those named by data), with the
    /// line of each tag.
    public func references(of name: String) -> [(name: String, line: Int)] {
        var found: [(String, Int)] = []
        func walk(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case .text, .value: break
                case .section(_, let section, _, _): walk(section.nodes)
                case .partial(.fixed(let name), _, let location): found.append((name, location.line))
                case .partial(.dynamic, _, _): break
                case .parent(let name, _, let overrides, let location):
                    if case .fixed(let name) = name { found.append((name, location.line)) }
                    for block in overrides.values.sorted(by: { $0.name < $1.name }) { walk(block.nodes) }
                case .block(let block): walk(block.nodes)
                }
            }
        }
        walk(templates[name]?.nodes ?? [])
        return found.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    }

    /// Whether a template of this name is here.
    public func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Renders template `name` against `frames` (the context stack, outermost first) into
    /// `output`. Frames marked shared are the same for every page `fragments` serves.
    public func render(
        _ name: String, frames: [TemplateFrame], fragments: TemplateFragments? = nil, into output: inout TemplateOutput
    ) throws {
        guard let template = templates[name] else { throw RenderError.missingTemplate(name) }
        var renderer = TemplateRenderer(library: self, frames: frames, fragments: fragments)
        try renderer.render(template, named: name, into: &output)
    }

    /// Template `name` rendered against one value, as text (for tests and small files).
    public func render(_ name: String, _ value: TemplateValue) throws -> String {
        var output = TemplateOutput()
        try render(name, frames: [TemplateFrame(value)], into: &output)
        return String(decoding: output.bytes, as: UTF8.self)
    }
}

/// One level of the context stack.
public struct TemplateFrame: Sendable {
    public var value: TemplateValue
    /// The same for every page a fragment cache serves (see `TemplateFragments`).
    public var isShared: Bool

    public init(_ value: TemplateValue, shared: Bool = false) {
        self.value = value
        isShared = shared
    }
}
