/// Parses a Mustache template (the official specification: interpolation, sections,
/// inverted sections, comments, partials, set delimiters, and the inheritance and dynamic
/// names modules) into nodes, applying the specification's white-space rules once, here,
/// so rendering only copies.
///
/// - A tag that stands alone on its line (a section, inverted section, closing, comment,
///   partial, parent, block or delimiter tag) takes the line's white space and line break
///   with it; a partial's or parent's white space becomes the indentation of its lines.
///   A parent or block opened and closed on one line counts as one standalone tag.
/// - Blocks: when a block's opening tag ends its line, the white space starting the next
///   line is the block's own indentation, removed from each of its lines. Where a block is
///   expanded (outside a parent tag) and stands alone, its content gets the indentation of
///   its place (its own indentation when the opening tag stands alone, else the white space
///   before the tag), and ends its line when the block's line ended with a break.
struct TemplateParser {
    /// What a tag is, by its sigil.
    enum TagKind: Equatable {
        case value(escaped: Bool)
        case section
        case inverted
        case close
        case comment
        case partial
        case parent
        case block
        case delimiters
        case pragma
    }

    private enum TokenKind: Equatable {
        case text
        case newline
        case tag(TagKind)
    }

    private struct Token {
        var kind: TokenKind
        /// Text or line-break bytes.
        var bytes: [UInt8] = []
        /// A tag's name (its content without sigil and surrounding white space).
        var name = ""
        var location: TemplateLocation
        /// Taken out by the white-space rules.
        var removed = false
        /// The white-space tokens removed before a standalone tag (their bytes, once blocks
        /// took their own indentation off, are a partial's or parent's indentation).
        var indentationTokens: [Int] = []

        var isTag: Bool {
            if case .tag = kind { return true }
            return false
        }

        var isWhiteSpaceText: Bool {
            kind == .text && bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        }
    }

    /// A parse failure: where, and why in words a theme author understands.
    struct Failure: Error, Equatable {
        var location: TemplateLocation
        var reason: String
    }

    private let source: [UInt8]
    private var tokens: [Token] = []
    private var lineStarts: [Int] = [0]

    /// Parses `text`; throws `Failure` naming the line and column of the first problem.
    /// `isText` when the template declares `{{% CONTENT_TYPE: TEXT }}` (nothing escaped).
    static func parse(_ text: String) throws(Failure) -> (nodes: [TemplateNode], isText: Bool) {
        var parser = TemplateParser(source: Array(text.utf8))
        try parser.tokenize()
        parser.applyStandaloneLines()
        try parser.applyBlockRules()
        var position = 0
        return (try parser.nodes(from: &position), parser.isText)
    }

    /// Set by a `{{% CONTENT_TYPE: TEXT }}` pragma.
    private var isText = false

    private init(source: [UInt8]) {
        self.source = source
        for (index, byte) in source.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(index + 1) }
    }

    private func location(of offset: Int) -> TemplateLocation {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let column = String(decoding: source[lineStarts[low]..<offset], as: UTF8.self).count + 1
        return TemplateLocation(line: low + 1, column: column)
    }

    // MARK: Tokens

    private func matches(_ delimiter: [UInt8], at index: Int) -> Bool {
        guard index + delimiter.count <= source.count else { return false }
        for offset in delimiter.indices where source[index + offset] != delimiter[offset] { return false }
        return true
    }

    private func find(_ delimiter: [UInt8], from index: Int) -> Int? {
        var position = index
        while position + delimiter.count <= source.count {
            if matches(delimiter, at: position) { return position }
            position += 1
        }
        return nil
    }

    /// Text between tags, as text and line-break tokens.
    private mutating func addText(_ range: Range<Int>) {
        var start = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            if source[index] == UInt8(ascii: "\n") {
                var textEnd = index
                if textEnd > start, source[textEnd - 1] == UInt8(ascii: "\r") { textEnd -= 1 }
                if textEnd > start {
                    tokens.append(
                        Token(kind: .text, bytes: Array(source[start..<textEnd]), location: location(of: start)))
                }
                tokens.append(
                    Token(kind: .newline, bytes: Array(source[textEnd...index]), location: location(of: textEnd)))
                start = index + 1
            }
            index += 1
        }
        if start < range.upperBound {
            tokens.append(
                Token(kind: .text, bytes: Array(source[start..<range.upperBound]), location: location(of: start)))
        }
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        while let first = slice.first,
            first == UInt8(ascii: " ") || first == UInt8(ascii: "\t")
                || first == UInt8(ascii: "\n") || first == UInt8(ascii: "\r")
        {
            slice = slice.dropFirst()
        }
        while let last = slice.last,
            last == UInt8(ascii: " ") || last == UInt8(ascii: "\t")
                || last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r")
        {
            slice = slice.dropLast()
        }
        return String(decoding: slice, as: UTF8.self)
    }

    private mutating func tokenize() throws(Failure) {
        var open = Array("{{".utf8), close = Array("}}".utf8)
        var textStart = 0
        var index = 0
        while index < source.count {
            guard matches(open, at: index) else {
                index += 1
                continue
            }
            addText(textStart..<index)
            let tagLocation = location(of: index)
            let contentStart = index + open.count
            var kind: TagKind
            var name: String
            var end: Int
            if open == Array("{{".utf8), contentStart < source.count, source[contentStart] == UInt8(ascii: "{") {
                // `{{{name}}}`: unescaped.
                guard let closing = find(Array("}".utf8) + close, from: contentStart + 1) else {
                    throw Failure(location: tagLocation, reason: "a tag is not finished (missing }}})")
                }
                kind = .value(escaped: false)
                name = Self.trimmed(source[(contentStart + 1)..<closing])
                end = closing + 1 + close.count
            } else {
                guard let closing = find(close, from: contentStart) else {
                    throw Failure(
                        location: tagLocation,
                        reason: "a tag is not finished (missing \(String(decoding: close, as: UTF8.self)))")
                }
                end = closing + close.count
                let content = Self.trimmed(source[contentStart..<closing])
                let sigil = content.first
                let rest = content.isEmpty ? "" : Self.trimmed(ArraySlice(Array(content.utf8.dropFirst())))
                switch sigil {
                case "#": (kind, name) = (.section, rest)
                case "^": (kind, name) = (.inverted, rest)
                case "/": (kind, name) = (.close, rest)
                case "!": (kind, name) = (.comment, "")
                case ">": (kind, name) = (.partial, rest)
                case "<": (kind, name) = (.parent, rest)
                case "$": (kind, name) = (.block, rest)
                case "&": (kind, name) = (.value(escaped: false), rest)
                case "%": (kind, name) = (.pragma, rest)
                case "=":
                    guard content.count >= 2, content.last == "=" else {
                        throw Failure(location: tagLocation, reason: "badly formed set-delimiter tag")
                    }
                    let parts = content.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
                    guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
                        throw Failure(location: tagLocation, reason: "badly formed set-delimiter tag")
                    }
                    (open, close) = (Array(parts[0].utf8), Array(parts[1].utf8))
                    (kind, name) = (.delimiters, "")
                default: (kind, name) = (.value(escaped: true), content)
                }
            }
            if kind == .partial || kind == .parent, name.hasPrefix("*") {
                // `{{> *name}}` and `{{>* name}}` alike.
                name = "*" + Self.trimmed(ArraySlice(Array(name.utf8.dropFirst())))
            }
            try check(name, kind: kind, at: tagLocation)
            tokens.append(Token(kind: .tag(kind), name: name, location: tagLocation))
            index = end
            textStart = end
        }
        addText(textStart..<source.count)
    }

    /// Names are dotted words; the function-call syntax of other engines is not Mustache.
    private mutating func check(_ name: String, kind: TagKind, at location: TemplateLocation) throws(Failure) {
        switch kind {
        case .comment, .delimiters: return
        case .pragma:
            let setting = name.split(separator: ":").map { $0.trimmingSpaces() }
            guard setting.count == 2, setting[0] == "CONTENT_TYPE", ["TEXT", "HTML"].contains(setting[1]) else {
                throw Failure(location: location, reason: "unknown {{% pragma}} (only CONTENT_TYPE: HTML or TEXT)")
            }
            isText = setting[1] == "TEXT"
            return
        default: break
        }
        guard !name.isEmpty else { throw Failure(location: location, reason: "a tag has no name") }
        if name.contains("(") || name.contains(")") {
            throw Failure(
                location: location,
                reason:
                    "\"\(name)\" calls a function; themes take values as they are (see the README's \"What templates get\")"
            )
        }
        if name.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            throw Failure(location: location, reason: "\"\(name)\" is not a name (white space inside a tag)")
        }
    }

    // MARK: White space

    private static func canStandAlone(_ kind: TokenKind) -> Bool {
        switch kind {
        case .tag(.value), .text, .newline: return false
        case .tag: return true
        }
    }

    /// The token range of each line: from after a line break up to (not including) the next.
    private func lines() -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, token) in tokens.enumerated() where token.kind == .newline {
            ranges.append(start..<index)
            start = index + 1
        }
        ranges.append(start..<tokens.count)
        return ranges
    }

    private mutating func applyStandaloneLines() {
        for line in lines() {
            let tags = line.filter { tokens[$0].isTag }
            guard !tags.isEmpty, line.allSatisfy({ tokens[$0].isTag || tokens[$0].isWhiteSpaceText }) else { continue }
            guard tags.allSatisfy({ Self.canStandAlone(tokens[$0].kind) }) else { continue }
            for index in line where !tokens[index].isTag {
                if index < tags[0] { tokens[tags[0]].indentationTokens.append(index) }
                tokens[index].removed = true
            }
            if line.upperBound < tokens.count { tokens[line.upperBound].removed = true }
        }
    }

    /// Whether only white space stands between the token and the start of its line.
    private func isClearBefore(_ index: Int) -> Bool {
        var position = index - 1
        while position >= 0, tokens[position].kind != .newline {
            if !tokens[position].isWhiteSpaceText { return false }
            position -= 1
        }
        return true
    }

    /// Whether only white space stands between the token and the end of its line.
    private func isClearAfter(_ index: Int) -> Bool {
        var position = index + 1
        while position < tokens.count, tokens[position].kind != .newline {
            if !tokens[position].isWhiteSpaceText { return false }
            position += 1
        }
        return true
    }

    /// The index of the line break ending the token's line, if any.
    private func lineBreak(after index: Int) -> Int? {
        var position = index + 1
        while position < tokens.count {
            if tokens[position].kind == .newline { return position }
            position += 1
        }
        return nil
    }

    /// Block content's own indentation, and each expansion's indentation and line ends,
    /// outer blocks first (so a nested block's indentation is relative to its surroundings).
    private mutating func applyBlockRules() throws(Failure) {
        var scopes: [Int] = []
        var blocks: [(open: Int, close: Int, isArgument: Bool)] = []
        for index in tokens.indices {
            guard case .tag(let kind) = tokens[index].kind else { continue }
            switch kind {
            case .section, .inverted, .parent, .block:
                scopes.append(index)
            case .close:
                guard let open = scopes.popLast() else {
                    throw Failure(
                        location: tokens[index].location,
                        reason: "\"\(tokens[index].name)\" is closed but was never opened")
                }
                guard tokens[open].name == tokens[index].name else {
                    throw Failure(
                        location: tokens[index].location,
                        reason:
                            "a section is closed with a different name than it was opened with (\"\(tokens[open].name)\" opened, \"\(tokens[index].name)\" closed)"
                    )
                }
                if tokens[open].kind == .tag(.block) {
                    blocks.append((open, index, scopes.last.map { tokens[$0].kind == .tag(.parent) } ?? false))
                }
            default:
                break
            }
        }
        if let open = scopes.last {
            throw Failure(
                location: tokens[open].location,
                reason: "\"\(tokens[open].name)\" is never closed ({{/\(tokens[open].name)}} missing)")
        }
        expansions = [:]
        for block in blocks.sorted(by: { $0.open < $1.open }) {
            var own: [UInt8]?
            if isClearAfter(block.open) {
                // The rest of the opening tag's line goes; the next line's white space is the
                // block's own indentation, taken off each of its lines.
                let lineEnd = lineBreak(after: block.open)
                for position in (block.open + 1)..<(lineEnd ?? tokens.count) { tokens[position].removed = true }
                if let lineEnd {
                    tokens[lineEnd].removed = true
                    let next = lineEnd + 1
                    own =
                        next < block.close && tokens[next].kind == .text
                        ? Array(
                            tokens[next].bytes.prefix(while: {
                                $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t")
                            })) : []
                    if let prefix = own, !prefix.isEmpty {
                        for position in next..<block.close
                        where tokens[position].kind == .text
                            && (position == next || tokens[position - 1].kind == .newline)
                            && tokens[position].bytes.starts(with: prefix)
                        {
                            tokens[position].bytes.removeFirst(prefix.count)
                        }
                    }
                }
            }
            guard !block.isArgument else { continue }
            var expansion = Expansion()
            if isClearBefore(block.open) && isClearAfter(block.close) {
                var indentation: [UInt8] = []
                var position = block.open - 1
                while position >= 0, tokens[position].kind != .newline {
                    indentation = tokens[position].bytes + indentation
                    tokens[position].removed = true
                    position -= 1
                }
                let lineEnd = lineBreak(after: block.close)
                for position in (block.close + 1)..<(lineEnd ?? tokens.count) { tokens[position].removed = true }
                if let lineEnd {
                    tokens[lineEnd].removed = true
                    expansion.endsLine = true
                }
                expansion.startsLine = true
                expansion.indentation = (own != nil && isClearBefore(block.open)) ? own ?? [] : indentation
            }
            expansions[block.open] = expansion
        }
    }

    /// How a block outside parent tags is expanded, by its opening tag's index.
    private struct Expansion {
        var indentation: [UInt8] = []
        var startsLine = false
        var endsLine = false
    }

    private var expansions: [Int: Expansion] = [:]

    // MARK: Nodes

    private func partialName(_ name: String) -> TemplatePartialName {
        name.hasPrefix("*") ? .dynamic(TemplateName(String(name.dropFirst()))) : .fixed(name)
    }

    /// A standalone tag's indentation.
    private func indentation(of token: Token) -> [UInt8] {
        token.indentationTokens.flatMap { tokens[$0].bytes }
    }

    /// The nodes from `position` up to the next closing tag at this level (or the end).
    private func nodes(from position: inout Int) throws(Failure) -> [TemplateNode] {
        var result: [TemplateNode] = []
        var text: [UInt8] = []
        func flushText() {
            if !text.isEmpty {
                result.append(.text(text))
                text = []
            }
        }
        while position < tokens.count {
            let token = tokens[position]
            let index = position
            position += 1
            if token.removed && !token.isTag { continue }
            switch token.kind {
            case .text, .newline:
                text += token.bytes
            case .tag(.close):
                flushText()
                return result
            case .tag(.comment), .tag(.delimiters), .tag(.pragma):
                continue
            case .tag(.value(let escaped)):
                flushText()
                result.append(.value(TemplateName(token.name), escaped: escaped, at: token.location))
            case .tag(.section), .tag(.inverted):
                flushText()
                let children = try nodes(from: &position)
                result.append(
                    .section(
                        TemplateName(token.name), TemplateSection(children), inverted: token.kind == .tag(.inverted),
                        at: token.location)
                )
            case .tag(.partial):
                flushText()
                result.append(
                    .partial(partialName(token.name), indentation: indentation(of: token), at: token.location))
            case .tag(.parent):
                flushText()
                let overrides = try parentBody(from: &position, name: token.name)
                result.append(
                    .parent(
                        partialName(token.name), indentation: indentation(of: token), overrides: overrides,
                        at: token.location))
            case .tag(.block):
                flushText()
                let children = try nodes(from: &position)
                let expansion = expansions[index] ?? Expansion()
                result.append(
                    .block(
                        TemplateBlock(
                            name: token.name, nodes: children, indentation: expansion.indentation,
                            startsLine: expansion.startsLine, endsLine: expansion.endsLine)))
            }
        }
        flushText()
        return result
    }

    /// The blocks inside a parent tag (text and comments there are ignored).
    private func parentBody(from position: inout Int, name: String) throws(Failure) -> [String: TemplateBlock] {
        var overrides: [String: TemplateBlock] = [:]
        while position < tokens.count {
            let token = tokens[position]
            position += 1
            switch token.kind {
            case .text, .newline, .tag(.comment), .tag(.delimiters):
                continue
            case .tag(.close):
                return overrides
            case .tag(.block):
                let children = try nodes(from: &position)
                if overrides[token.name] == nil {
                    overrides[token.name] = TemplateBlock(name: token.name, nodes: children)
                }
            default:
                throw Failure(
                    location: token.location,
                    reason: "only {{$block}} definitions may sit inside {{<\(name)}}, not {{\(token.name)}}")
            }
        }
        return overrides
    }
}

extension Substring {
    /// Without spaces and tabs at either end.
    fileprivate func trimmingSpaces() -> Substring {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}
