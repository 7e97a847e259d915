import Foundation

/// The key names sort by (artists A–Z): without case or accents, and letters that have no
/// accent to drop spelled with their base letters (ø → o, æ → ae, ł → l), so "Bjørk" sorts
/// beside "Bjork". Computed once per name; comparing keys is a plain string comparison.
enum SortKey {
    static func of(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        guard folded.unicodeScalars.contains(where: { baseLetters[$0] != nil }) else { return folded }
        var key = ""
        for scalar in folded.unicodeScalars {
            if let base = baseLetters[scalar] { key += base } else { key.unicodeScalars.append(scalar) }
        }
        return key
    }

    /// Lowercase letters without a decomposition, by the letters they are sorted as.
    private static let baseLetters: [Unicode.Scalar: String] = [
        "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t",
    ]
}
