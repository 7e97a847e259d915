import Foundation

extension String {
    /// The text without white space and line breaks at either end, exactly as
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives it; text that starts and ends
    /// with a visible ASCII character (nearly every name) is handed back without a look inside.
    var trimmed: String {
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
