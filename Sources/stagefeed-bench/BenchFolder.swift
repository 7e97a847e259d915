import Foundation

/// One size's folder: the store (`cache`), the output, and for the suite the store as
/// `prepare` left it, kept aside so that each run of a repeated scenario starts where the
/// first one did.
struct BenchFolder {
    let folder: URL

    init(work: URL, size: Int) {
        folder = work.appendingPathComponent(String(size))
    }

    var cache: URL { folder.appendingPathComponent("cache") }
    var output: URL { folder.appendingPathComponent("output") }
    private var prepared: URL { folder.appendingPathComponent("prepared-cache") }

    /// Keeps a copy of the store `prepare` filled.
    func keepPrepared() throws {
        try? FileManager.default.removeItem(at: prepared)
        try FileManager.default.copyItem(at: cache, to: prepared)
    }

    /// Puts back the store as `prepare` left it, with no output and no record of a build.
    func restorePrepared() throws {
        try? FileManager.default.removeItem(at: output)
        try? FileManager.default.removeItem(at: cache)
        try FileManager.default.copyItem(at: prepared, to: cache)
    }
}
