/// Escapes text for HTML and XML, in element content and quoted attribute values alike:
/// `& < > " '` become references, and characters neither language may hold (control
/// characters other than tab and line ends, U+FFFE, U+FFFF) are dropped. Works by code
/// point, so a quote followed by a combining mark is still escaped.
enum Markup {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value >= 0x20 && value != 0x7F && value != 0xFFFE && value != 0xFFFF { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
