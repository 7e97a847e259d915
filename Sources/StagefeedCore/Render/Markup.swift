/// Escapes text for HTML and XML, in element content and quoted attribute values alike:
/// `& < > " '` become references, and characters neither language may hold are dropped.
/// Works by code point, so a quote followed by a combining mark is still escaped.
enum Markup {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Text made safe for a template engine that escapes by `Character` (swift-mustache
    /// escapes a character only when it is exactly one of `& < > " '`): characters markup
    /// may not hold are dropped, and any character (grapheme cluster) that holds one of
    /// those five together with other code points — a combining mark after a quote, a
    /// prepended Arabic sign before `<`, an emoji modifier after `"` — is reduced to the
    /// special code points alone, until no such cluster is left.
    static func inert(_ text: String) -> String {
        var current = String(String.UnicodeScalarView(text.unicodeScalars.filter(isAllowed)))
        while true {
            var result = ""
            var changed = false
            for character in current {
                let scalars = character.unicodeScalars
                if scalars.count > 1, scalars.contains(where: isSpecial) {
                    result.unicodeScalars.append(contentsOf: scalars.filter(isSpecial))
                    changed = true
                } else {
                    result.append(character)
                }
            }
            if !changed { return result }
            current = result
        }
    }

    private static func isSpecial(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "&" || scalar == "<" || scalar == ">" || scalar == "\"" || scalar == "'"
    }

    /// Control characters other than tab and line ends, C1 controls and noncharacters are
    /// not allowed in HTML or XML text.
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF: return false
        default: return scalar.value & 0xFFFE != 0xFFFE
        }
    }
}
