import Foundation

/// Writes an iCalendar stream (RFC 5545): content lines ending in CRLF, folded at 75 octets
/// without splitting a character, TEXT values escaped.
struct ICalendarBuilder {
    private(set) var output = ""

    mutating func begin(_ component: String) { line("BEGIN:\(component)") }

    /// Appends content lines another builder already wrote.
    mutating func append(rendered: String) { output += rendered }
    mutating func end(_ component: String) { line("END:\(component)") }

    /// The lines written so far, taken out (for a stream written in pieces).
    mutating func takeOutput() -> String {
        defer { output = "" }
        return output
    }

    /// A property whose value is written as given (dates, numbers, URIs, enumerations).
    mutating func raw(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        let parameterText = parameters.map { ";\($0.0)=\(Self.parameterValue($0.1))" }.joined()
        line("\(name)\(parameterText):\(value)")
    }

    /// A property of type TEXT: backslash, semicolon, comma and newlines escaped.
    mutating func text(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        raw(name, Self.escape(value), parameters: parameters)
    }

    /// A multi-valued TEXT property (CATEGORIES): each value escaped, joined by commas.
    mutating func textList(_ name: String, _ values: [String]) {
        raw(name, values.map(Self.escape).joined(separator: ","))
    }

    /// RFC 5545 TEXT escaping; CR LF and lone CR become `\n`.
    static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        var previousWasCR = false
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r": result += "\\n"
            case "\n": if !previousWasCR { result += "\\n" }
            default:
                // Other control characters are not allowed in TEXT.
                if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F { result += " " } else { result.unicodeScalars.append(scalar) }
            }
            previousWasCR = scalar == "\r"
        }
        return result
    }

    /// A parameter value, quoted when it holds `:`, `;` or `,`; quotes themselves are dropped.
    static func parameterValue(_ value: String) -> String {
        let clean = value.replacingOccurrences(of: "\"", with: "")
        return clean.contains(where: { ":;,".contains($0) }) ? "\"\(clean)\"" : clean
    }

    /// Appends a content line, folded so that no physical line exceeds 75 octets.
    private mutating func line(_ content: String) {
        let limit = 75
        var current = 0
        for character in content {
            let size = character.utf8.count
            if current + size > limit {
                if size > 74 {
                    // A single character longer than a line (a long emoji sequence): fold by scalar.
                    for scalar in character.unicodeScalars {
                        let scalarSize = String(scalar).utf8.count
                        if current + scalarSize > limit { output += "\r\n "; current = 1 }
                        output.unicodeScalars.append(scalar)
                        current += scalarSize
                    }
                    continue
                }
                output += "\r\n "
                current = 1
            }
            output.append(character)
            current += size
        }
        output += "\r\n"
    }
}
