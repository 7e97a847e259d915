/// Renders parsed templates: walks the nodes with a stack of contexts, finds each name from
/// the innermost context outwards, expands partials, parents and blocks, and reuses a
/// partial's fragment for an object shared by many pages, or a section's for a list they
/// share, when its making depended on nothing else (see `TemplateFragments`).
struct TemplateRenderer {
    let library: TemplateLibrary
    private var stack: [TemplateFrame]
    /// Block overrides of the parents being expanded, outermost first (the outermost wins).
    private var overrides: [[String: TemplateBlock]] = []
    private let fragments: TemplateFragments?
    /// Fragments being made: the stack depth of their object (of a section's items), and
    /// whether a lookup went below it into a frame not shared by every page.
    private var recordings: [(depth: Int, tainted: Bool)] = []
    private var depth = 0
    private var escapes = true
    /// The template being rendered, for the misses noted in it.
    private var templateName = ""

    /// The page's own frames: a section over a shared list is reused only right inside them,
    /// where the frames around it are those of every page.
    private let pageFrames: Int

    init(library: TemplateLibrary, frames: [TemplateFrame], fragments: TemplateFragments?) {
        self.library = library
        stack = frames
        pageFrames = frames.count
        self.fragments = fragments
    }

    mutating func render(
        _ template: TemplateLibrary.Template, named name: String, into output: inout TemplateOutput
    ) throws {
        let (outerEscapes, outerName) = (escapes, templateName)
        (escapes, templateName) = (template.escapes, name)
        defer { (escapes, templateName) = (outerEscapes, outerName) }
        try render(template.nodes, into: &output)
    }

    private mutating func render(_ nodes: [TemplateNode], into output: inout TemplateOutput) throws {
        for node in nodes {
            switch node {
            case .text(let bytes):
                try output.appendTemplateText(bytes)
            case .value(let name, let escaped, let location):
                try show(lookup(name, at: location), escaped: escaped && escapes, into: &output)
            case .section(let name, let section, let inverted, let location):
                let value = lookup(name, at: location)
                if inverted {
                    if !value.isTruthy { try render(section.nodes, into: &output) }
                } else if case .list(let items) = value {
                    for item in items { try within(item) { try $0.render(section.nodes, into: &output) } }
                } else if case .sharedList(let list) = value {
                    try render(section, over: list, into: &output)
                } else if value.isTruthy {
                    try within(value) { try $0.render(section.nodes, into: &output) }
                }
            case .partial(let name, let indentation, let location):
                guard let resolved = resolve(name, at: location), let template = library.templates[resolved] else {
                    continue
                }
                try include(template, named: resolved, indentation: indentation, into: &output)
            case .parent(let name, let indentation, let blocks, let location):
                guard let resolved = resolve(name, at: location), let template = library.templates[resolved] else {
                    continue
                }
                taintRecordings()
                overrides.append(blocks)
                defer { overrides.removeLast() }
                try indented(indentation, named: resolved, into: &output) {
                    try $0.render(template, named: resolved, into: &$1)
                }
            case .block(let block):
                taintRecordings()
                let content = overrides.lazy.compactMap { $0[block.name] }.first?.nodes ?? block.nodes
                let outer = output.indentation
                output.indentation += block.indentation
                if block.startsLine { output.atLineStart = true }
                try render(content, into: &output)
                output.indentation = outer
                if block.endsLine && output.lastByte != UInt8(ascii: "\n") { try output.appendTemplateText([0x0A]) }
            }
        }
    }

    /// Renders `body` with `value` as the innermost context.
    private mutating func within(_ value: TemplateValue, _ body: (inout TemplateRenderer) throws -> Void) throws {
        stack.append(TemplateFrame(value))
        defer { stack.removeLast() }
        try body(&self)
    }

    /// A partial: its lines indented when it stood alone; reused when it was made before for
    /// the same shared object and its making looked nowhere else.
    private mutating func include(
        _ template: TemplateLibrary.Template, named name: String, indentation: [UInt8],
        into output: inout TemplateOutput
    ) throws {
        guard let fragments, indentation.isEmpty, output.indentation.isEmpty,
            case .boxed(let box)? = stack.last?.value,
            let owner = box.object.fragmentOwner
        else {
            try indented(indentation, named: name, into: &output) { try $0.render(template, named: name, into: &$1) }
            return
        }
        if let kept = fragments.fragment(of: name, owner: owner) {
            try output.appendRendered(kept.buffer)
            return
        }
        let made = try recorded(from: stack.count - 1, continuing: output) {
            try $0.indented([], named: name, into: &$1) { try $0.render(template, named: name, into: &$1) }
        }
        if made.kept { fragments.keep(made.bytes, of: name, owner: owner) }
        try output.appendRendered(made.bytes)
    }

    /// A section over a list many pages share: reused when it was made before of the same
    /// section and list, right inside the page's frames, with the same escaping, and its
    /// making looked nowhere but in the list's items and the shared frames.
    private mutating func render(
        _ section: TemplateSection, over list: TemplateList, into output: inout TemplateOutput
    )
        throws
    {
        guard let fragments, output.indentation.isEmpty, stack.count == pageFrames else {
            for item in list.items { try within(item) { try $0.render(section.nodes, into: &output) } }
            return
        }
        if let kept = fragments.fragment(of: section, over: list, escaped: escapes) {
            try output.appendRendered(kept.buffer)
            return
        }
        let made = try recorded(from: stack.count, continuing: output) { renderer, fragment in
            for item in list.items { try renderer.within(item) { try $0.render(section.nodes, into: &fragment) } }
        }
        if made.kept { fragments.keep(made.bytes, of: section, over: list, escaped: escapes) }
        try output.appendRendered(made.bytes)
    }

    /// A fragment made by `body` from where `output` stands, with whether it may be kept:
    /// whether no lookup went below the frame at `depth` (its object, or a section's items)
    /// into a frame not shared by every page.
    private mutating func recorded(
        from depth: Int, continuing output: TemplateOutput,
        _ body: (inout TemplateRenderer, inout TemplateOutput) throws -> Void
    ) throws -> (bytes: [UInt8], kept: Bool) {
        recordings.append((depth, false))
        var fragment = TemplateOutput(continuing: output)
        try body(&self, &fragment)
        return (fragment.bytes, !recordings.removeLast().tainted)
    }

    /// Renders `body` one level deeper, with `indentation` added to each line it starts.
    private mutating func indented(
        _ indentation: [UInt8], named name: String, into output: inout TemplateOutput,
        _ body: (inout TemplateRenderer, inout TemplateOutput) throws -> Void
    ) throws {
        depth += 1
        defer { depth -= 1 }
        guard depth <= TemplateLibrary.maximumDepth else { throw TemplateLibrary.RenderError.tooDeep(name) }
        let outer = output.indentation
        if !indentation.isEmpty {
            output.indentation += indentation
            output.atLineStart = true
        }
        defer { output.indentation = outer }
        try body(&self, &output)
    }

    /// The template a partial or parent tag names: as written, or the text of a value.
    private mutating func resolve(_ name: TemplatePartialName, at location: TemplateLocation) -> String? {
        switch name {
        case .fixed(let name): return name
        case .dynamic(let path):
            if case .text(let text) = lookup(path, at: location) { return text }
            return nil
        }
    }

    /// The value `name` stands for: its first part found from the innermost context
    /// outwards, the rest inside what was found (a broken chain is null, and noted as a
    /// miss when the library listens).
    private mutating func lookup(_ name: TemplateName, at location: TemplateLocation) -> TemplateValue {
        guard case .path(let parts) = name else { return stack.last?.value ?? .null }
        var index = stack.count - 1
        while index >= 0 {
            if let found = stack[index].value.member(parts[0]) {
                noteLookup(downTo: index)
                var value = found
                for part in parts.dropFirst() {
                    guard let next = value.member(part) else {
                        noteMiss(name, at: location, found: value)
                        return .null
                    }
                    value = next
                }
                return value
            }
            index -= 1
        }
        noteLookup(downTo: 0)
        noteMiss(name, at: location, found: nil)
        return .null
    }

    /// A name no context had. A chain broken at a value that is not an object (`{{image.url}}`
    /// where `image` is false) is the data's absence, not a miss.
    private func noteMiss(_ name: TemplateName, at location: TemplateLocation, found: TemplateValue?) {
        guard let misses = library.misses else { return }
        if let found, case .boxed = found {} else if found != nil { return }
        misses.note(
            TemplateMiss(template: templateName, name: name.text, line: location.line, column: location.column))
    }

    /// A lookup looked at every frame from the innermost down to `lowest`: a fragment being
    /// made whose object lies above a frame not shared by every page depends on that page.
    private mutating func noteLookup(downTo lowest: Int) {
        guard !recordings.isEmpty else { return }
        for position in recordings.indices where !recordings[position].tainted && recordings[position].depth > lowest {
            if (lowest..<recordings[position].depth).contains(where: { !stack[$0].isShared }) {
                recordings[position].tainted = true
            }
        }
    }

    /// Blocks and parents depend on the page being expanded: no fragment made meanwhile is kept.
    private mutating func taintRecordings() {
        for position in recordings.indices { recordings[position].tainted = true }
    }

    private mutating func show(_ value: TemplateValue, escaped: Bool, into output: inout TemplateOutput) throws {
        switch value {
        case .null, .list, .sharedList, .boxed: return
        case .text(let text): try output.appendValue(text, escaped: escaped)
        case .number(let number): try output.appendValue(String(number), escaped: false)
        case .decimal(let number): try output.appendValue(String(number), escaped: false)
        case .bool(let flag): try output.appendValue(flag ? "true" : "false", escaped: false)
        case .stream(let stream):
            taintRecordings()
            try output.appendStream(stream, escaped: escaped)
        }
    }
}
