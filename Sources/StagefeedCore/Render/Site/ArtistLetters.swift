import Foundation

/// Artists grouped A–Z for the index: by first letter, accents folded (Café under C),
/// other scripts under their own first letter, `#` last; within a letter, in the
/// program's artist order.
struct ArtistLetters {
    struct Group {
        var letter: String
        var artists: [Artist]
    }

    let groups: [Group]

    init(_ artists: [Artist]) {
        var groups: [Group] = []
        for artist in artists {
            let letter = Self.letter(of: artist.name)
            if groups.last?.letter == letter {
                groups[groups.count - 1].artists.append(artist)
            } else if let index = groups.firstIndex(where: { $0.letter == letter }) {
                groups[index].artists.append(artist)
            } else {
                groups.append(Group(letter: letter, artists: [artist]))
            }
        }
        // Letters in order, names that start with a digit or symbol last.
        self.groups = groups.sorted { lhs, rhs in
            if (lhs.letter == "#") != (rhs.letter == "#") { return rhs.letter == "#" }
            return lhs.letter.compare(rhs.letter, locale: Locale(identifier: "en_US_POSIX")) == .orderedAscending
        }
    }

    /// `C` for "Café Lune", `#` for names that start with a digit or a symbol.
    static func letter(of name: String) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        guard let first = trimmed.first else { return "#" }
        guard first.isLetter else { return "#" }
        return String(first).folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")
        )
        .uppercased()
    }
}
