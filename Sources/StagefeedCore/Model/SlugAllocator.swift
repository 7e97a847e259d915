/// Gives every item of one kind (stages, artists…) a unique slug that stays the same for
/// the same id across builds.
///
/// Slugs are handed out in a fixed order: first the slugs this id had before (the store
/// remembers them), then by id order, the base slug of the name, then the base slug
/// followed by a token of the id. A slug once given to an id is never given to another,
/// even while the first is absent. A name with no usable letters gets
/// `<kind>-<token of the id>`.
public struct SlugAllocator: Sendable {
    /// The prefix used for names that slug to nothing, e.g. "artist".
    public let kind: String
    /// Slugs assigned in earlier builds, by id.
    public let previous: [String: String]

    public init(kind: String, previous: [String: String] = [:]) {
        self.kind = kind
        self.previous = previous
    }

    /// Unique slugs for `(id, name)` pairs, by id.
    public func allocate(_ items: [(id: String, name: String)]) -> [String: String] {
        // A slug once given to an id stays reserved for it, even while that id is absent,
        // so a URL never moves to another artist or stage.
        var taken = Set(previous.values.filter(Slug.isSafe))
        var result: [String: String] = [:]
        var kept: Set<String> = []
        let ordered = items.sorted { $0.id < $1.id }

        for item in ordered {
            if let slug = previous[item.id], Slug.isSafe(slug), kept.insert(slug).inserted {
                result[item.id] = slug
            }
        }
        for item in ordered where result[item.id] == nil {
            let token = Slug.token(for: item.id)
            let base = Slug.make(from: item.name) ?? "\(kind)-\(token)"
            var slug = base
            if taken.contains(slug) { slug = "\(base)-\(token)" }
            var counter = 2
            while taken.contains(slug) {
                slug = "\(base)-\(token)-\(counter)"
                counter += 1
            }
            taken.insert(slug)
            result[item.id] = slug
        }
        return result
    }
}
