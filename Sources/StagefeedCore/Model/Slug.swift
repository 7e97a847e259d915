import Foundation

/// Turns display names into path-safe slugs: lowercase ASCII letters, digits and single
/// hyphens, never empty, never starting or ending with a hyphen, at most 60 characters.
/// Such a slug cannot name a parent folder, a hidden file or an absolute path.
public enum Slug {
    /// The longest slug made from a name (before any uniqueness suffix).
    static let maximumLength = 60

    /// The slug of a name, or nil when the name has nothing ASCII to keep ("!!!", "🎸🎸").
    public static func make(from name: String) -> String? {
        if let made = makeFromASCII(name) { return made }
        return makeByFolding(name)
    }

    /// `make` for any name: folded by Foundation, then transliterated character by character.
    static func makeByFolding(_ name: String) -> String? {
        var ascii = ""
        for character in fold(name) {
            if let replacement = transliterations[character] {
                ascii += replacement
            } else if character.isASCII, let scalar = character.unicodeScalars.first,
                CharacterSet.alphanumerics.contains(scalar)
            {
                ascii += character.lowercased()
            } else {
                ascii += "-"
            }
        }
        let words = ascii.split(separator: "-", omittingEmptySubsequences: true)
        var slug = ""
        for word in words {
            let next = slug.isEmpty ? String(word) : slug + "-" + word
            if next.count > maximumLength {
                if slug.isEmpty { slug = String(word.prefix(maximumLength)) }
                break
            }
            slug = next
        }
        return slug.isEmpty ? nil : slug
    }

    /// `make` for a name of ASCII characters only, byte by byte (folding changes nothing in
    /// them but case); nil for any other name.
    private static func makeFromASCII(_ name: String) -> String?? {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var words: [[UInt8]] = [[]]
        func breakWord() { if !(words.last?.isEmpty ?? true) { words.append([]) } }
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                words[words.count - 1].append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): words[words.count - 1].append(byte + 32)
            case UInt8(ascii: "'"): continue
            case UInt8(ascii: "&"):
                breakWord()
                words[words.count - 1] = Array("and".utf8)
                words.append([])
            case UInt8(ascii: "+"):
                breakWord()
                words[words.count - 1] = Array("plus".utf8)
                words.append([])
            default: breakWord()
            }
        }
        var slug: [UInt8] = []
        for word in words where !word.isEmpty {
            let length = slug.isEmpty ? word.count : slug.count + 1 + word.count
            if length > maximumLength {
                if slug.isEmpty { slug = Array(word.prefix(maximumLength)) }
                break
            }
            if !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
            slug += word
        }
        return .some(slug.isEmpty ? nil : String(decoding: slug, as: UTF8.self))
    }

    /// Whether a string is a slug this type could have produced (used to check slugs that
    /// come from elsewhere, such as the store or a theme).
    public static func isSafe(_ slug: String) -> Bool {
        guard !slug.isEmpty, slug.count <= 80,
            slug.first != "-", slug.last != "-", !slug.contains("--")
        else { return false }
        return slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// A short, stable, path-safe token derived from an identifier (FNV-1a, 32 bits, hex).
    public static func token(for id: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in id.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return String(format: "%08x", hash)
    }

    /// Removes accents and case ("Café" → "cafe") using Unicode folding.
    private static func fold(_ name: String) -> String {
        name.folding(
            options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive],
            locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Letters that folding leaves non-ASCII but that have a customary ASCII spelling.
    private static let transliterations: [Character: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th",
        "ł": "l", "ı": "i", "&": "-and-", "+": "-plus-", "'": "", "’": "",
    ]
}
