extension ProgramNormalizer {
    /// This normalizer with the slugs `store` handed out before, so they never change.
    func withSlugs(of store: ProgramStore) throws(StoreError) -> ProgramNormalizer {
        var normalizer = self
        normalizer.previousSlugs = try store.slugs()
        return normalizer
    }
}
