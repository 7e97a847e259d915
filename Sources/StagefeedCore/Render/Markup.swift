/// Escapes text for HTML and XML, in element content and quoted attribute values alike:
/// `& < > " '` become references, and characters neither language may hold are dropped.
/// Works by code point, so a quote followed by a combining mark is still escaped.
enum Markup {
    static func escape(_ text: String) -> String {
        // Most text needs nothing: give it back without copying.
        guard text.unicodeScalars.contains(where: { isSpecial($0) || !isAllowed($0) }) else { return text }
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
