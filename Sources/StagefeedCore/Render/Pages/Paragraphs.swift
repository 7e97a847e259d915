/// Paragraphs of a longer text: split on blank lines, single line breaks kept as spaces,
/// each trimmed, empty ones dropped.
enum Paragraphs {
    static func of(_ value: String?) -> [String] {
        guard let value else { return [] }
        let normalized =
            value.contains("\r")
            ? value.replacing("\r\n", with: "\n").replacing("\r", with: "\n") : value
        // Swift's own splitting and trimming: many times cheaper than Foundation's on long bios.
        return normalized.split(separator: "\n\n", omittingEmptySubsequences: false)
            .map { paragraph in paragraph.split(whereSeparator: \.isNewline).map(trimmed).joined(separator: " ") }
            .filter { !$0.allSatisfy(\.isWhitespace) }
    }

    /// A line without the white space around it.
    private static func trimmed(_ line: Substring) -> Substring {
        var start = line.startIndex, end = line.endIndex
        while start < end, line[start].isWhitespace { start = line.index(after: start) }
        while end > start, line[line.index(before: end)].isWhitespace { end = line.index(before: end) }
        return line[start..<end]
    }
}
