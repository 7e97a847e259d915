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

    /// Text made safe for a template engine that escapes by `Character` (swift-mustache):
    /// characters markup may not hold are dropped, and a combining mark that follows
    /// `& < > " '` is dropped too, so the engine sees, and escapes, the bare character.
    static func inert(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var afterSpecial = false
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            if afterSpecial, scalar.properties.generalCategory.isMark || scalar.properties.isGraphemeExtend
                || scalar == "\u{200D}" || scalar.properties.isVariationSelector {
                continue
            }
            afterSpecial = "&<>\"'".unicodeScalars.contains(scalar)
            result.append(scalar)
        }
        return String(result)
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

private extension Unicode.GeneralCategory {
    var isMark: Bool { self == .nonspacingMark || self == .spacingMark || self == .enclosingMark }
}
