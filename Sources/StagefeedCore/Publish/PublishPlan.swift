/// What a publish does: the uploads in the order that keeps readers whole, the deletions
/// (last), and what is already in place. Pure: it compares the output with what the store
/// remembers publishing and, when asked or when there is no record, the bucket's listing.
public struct PublishPlan: Sendable {
    /// Why an object is uploaded.
    public enum Reason: String, Sendable {
        case new
        case changed
        case headers = "new headers"
    }

    /// One upload.
    public struct Upload: Sendable {
        public var object: LocalObject
        public var reason: Reason
    }

    /// Uploads by phase: assets; feeds and calendars; pages; what announces a new
    /// version (`sw.js`, `signage/version.json`); the root `index.html`.
    public var phases: [[Upload]]
    /// Keys stagefeed published before and no longer produces.
    public var deletions: [String]
    public var unchanged: Int
    /// Objects the listing shows already in place that the record did not know: they join it.
    public var adopted: [String: PublishedObject]
    /// Record entries the listing shows gone, or overwritten by someone else: they leave
    /// the record and are never deleted.
    public var vanished: [String]

    public var uploads: [Upload] { phases.flatMap { $0 } }

    public static let phaseNames = ["assets", "feeds and calendars", "pages", "version announcements", "index"]

    /// The plan for `local` given the store's `record` of the destination and, when the
    /// bucket was listed, its `listing` (with the headers of objects whose bytes match,
    /// read by HEAD requests).
    public init(
        local: [LocalObject], record: [String: PublishedObject], listing: [String: S3Client.Object]?, deletes: Bool
    ) {
        var phases = Array(repeating: [Upload](), count: Self.phaseNames.count)
        var unchanged = 0
        var adopted: [String: PublishedObject] = [:]
        var disowned: [String] = []
        for object in local {
            let known = record[object.key]
            let recordedHeadersDiffer =
                known.map { $0.md5 == object.md5 && $0.headers != nil && $0.headers != object.headers } ?? false
            let inPlace: Bool
            let reason: Reason
            if let listing {
                let remote = listing[object.key]
                let sameBytes = remote?.etag == object.md5
                let sameHeaders = remote?.headers.map { $0 == object.headers } ?? !recordedHeadersDiffer
                inPlace = sameBytes && sameHeaders
                reason = sameBytes ? .headers : (remote == nil ? .new : .changed)
                if inPlace && (known?.md5 != object.md5 || known?.headers == nil) {
                    adopted[object.key] = PublishedObject(
                        md5: object.md5, size: object.size, headers: remote?.headers ?? known?.headers)
                }
            } else {
                inPlace = known?.md5 == object.md5 && !recordedHeadersDiffer
                reason = recordedHeadersDiffer ? .headers : (known == nil ? .new : .changed)
            }
            if inPlace {
                unchanged += 1
            } else {
                phases[Self.phase(of: object.path)].append(Upload(object: object, reason: reason))
            }
        }
        let produced = Set(local.map(\.key))
        let gone = record.filter { !produced.contains($0.key) }
        var vanished: [String] = []
        if let listing {
            for (key, object) in gone {
                // Gone from the bucket: forget it. Overwritten by someone else: no longer ours.
                if listing[key] == nil {
                    vanished.append(key)
                } else if listing[key]?.etag != object.md5 {
                    disowned.append(key)
                }
            }
        }
        let forgotten = Set(vanished + disowned)
        self.phases = phases
        self.deletions = deletes ? gone.keys.filter { !forgotten.contains($0) }.sorted() : []
        self.unchanged = unchanged
        self.adopted = adopted
        self.vanished = forgotten.sorted()
    }

    /// The phase an output path is uploaded in.
    static func phase(of path: String) -> Int {
        if path == "index.html" { return 4 }
        if path == "sw.js" || path.hasSuffix("/sw.js") || path == "signage/version.json" { return 3 }
        if path.hasPrefix("assets/") || path.hasPrefix("images/") { return 0 }
        if path.hasPrefix("feeds/") || path.hasPrefix("calendar/") || path.hasPrefix("schedule.") { return 1 }
        return 2
    }
}
