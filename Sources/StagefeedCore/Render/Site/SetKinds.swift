/// What kind of thing a set is, where the source says: its activity (Stagecraft: a
/// workshop, a talk) and its genres (Fourvenues). Day pages filter by them and the search
/// finds sets by them; a kind's `key` is a token safe in attributes and CSS.
enum SetKinds {
    /// The set's kinds by name, activity first, each once.
    static func names(of performance: Performance) -> [String] {
        var names: [String] = []
        if let activity = performance.activity?.name, !activity.isEmpty { names.append(activity) }
        for genre in performance.details?.genres ?? [] where !genre.isEmpty && !names.contains(genre) {
            names.append(genre)
        }
        return names
    }

    /// The key of a kind named `name` (`k` and a hash of the name).
    static func key(of name: String) -> String { "k" + Slug.token(for: name) }

    /// The keys of the set's kinds, space-separated (for a `data-kinds` attribute).
    static func keys(of performance: Performance) -> String {
        names(of: performance).map(key(of:)).joined(separator: " ")
    }
}
