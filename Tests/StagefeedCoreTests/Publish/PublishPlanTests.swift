import Foundation
import Testing

@testable import StagefeedCore

/// The plan of a publish: what goes up in which order, what is left alone, what is deleted.
@Suite struct PublishPlanTests {
    private func object(_ path: String, _ md5: String, prefix: String = "") -> LocalObject {
        LocalObject(
            path: path, key: prefix + path, md5: md5, size: 10, contentType: ContentType.of(path),
            cacheControl: CachePolicy().cacheControl(for: path))
    }

    private func record(_ objects: [LocalObject]) -> [String: PublishedObject] {
        Dictionary(
            uniqueKeysWithValues: objects.map {
                ($0.key, PublishedObject(md5: $0.md5, size: $0.size, headers: $0.headers))
            })
    }

    @Test func uploadsGoAssetsFeedsPagesAnnouncementsThenTheIndex() {
        let local = [
            "index.html", "days/2027-07-24/index.html", "assets/site.0123abcd.css", "feeds/program.json", "sw.js",
            "calendar/program.ics", "schedule.xml", "signage/version.json", "signage/board.html", "en/index.html",
        ]
        .map { object($0, "m-\($0)") }
        let plan = PublishPlan(local: local, record: [:], listing: nil, deletes: true)
        #expect(
            plan.phases.map { $0.map(\.object.path) } == [
                ["assets/site.0123abcd.css"],
                ["feeds/program.json", "calendar/program.ics", "schedule.xml"],
                ["days/2027-07-24/index.html", "signage/board.html", "en/index.html"],
                ["sw.js", "signage/version.json"],
                ["index.html"],
            ])
        #expect(plan.uploads.allSatisfy { $0.reason == .new } && plan.unchanged == 0 && plan.deletions.isEmpty)
    }

    @Test func onlyChangesGoUpAndOnlyWhatStagefeedPublishedIsDeleted() {
        let before = [
            object("index.html", "a"), object("artists/old/index.html", "b"), object("feeds/program.json", "c"),
        ]
        let after = [
            object("index.html", "a"), object("feeds/program.json", "c2"), object("artists/new/index.html", "d"),
        ]
        let plan = PublishPlan(local: after, record: record(before), listing: nil, deletes: true)
        #expect(plan.uploads.map(\.object.path) == ["feeds/program.json", "artists/new/index.html"])
        #expect(plan.uploads.map(\.reason) == [.changed, .new])
        #expect(plan.unchanged == 1)
        #expect(plan.deletions == ["artists/old/index.html"])
        #expect(PublishPlan(local: after, record: record(before), listing: nil, deletes: false).deletions.isEmpty)
    }

    @Test func newHeadersAloneUploadAgain() {
        let published = [object("index.html", "a")]
        var now = published
        now[0].cacheControl = "public, max-age=5"
        let plan = PublishPlan(local: now, record: record(published), listing: nil, deletes: true)
        #expect(plan.uploads.map(\.reason) == [.headers])
    }

    @Test func withoutARecordTheListingDecidesAndForeignObjectsStay() {
        let local = [object("index.html", "a", prefix: "site/"), object("feeds/program.json", "c", prefix: "site/")]
        let listing: [String: S3Client.Object] = [
            "site/index.html": .init(etag: "a", headers: local[0].headers),
            "site/feeds/program.json": .init(etag: "old"),
            "site/robots.txt": .init(etag: "z"),
        ]
        let plan = PublishPlan(local: local, record: [:], listing: listing, deletes: true)
        #expect(plan.uploads.map(\.object.key) == ["site/feeds/program.json"] && plan.uploads[0].reason == .changed)
        #expect(plan.unchanged == 1 && plan.deletions.isEmpty, "robots.txt was not published by stagefeed")
        #expect(
            plan.adopted.keys.sorted() == ["site/index.html"]
                && plan.adopted["site/index.html"]?.headers == local[0].headers)

        var stale = listing
        stale["site/index.html"]?.headers = "text/plain\nno-store"
        let reheadered = PublishPlan(local: local, record: [:], listing: stale, deletes: true)
        #expect(reheadered.uploads.map(\.object.key) == ["site/feeds/program.json", "site/index.html"])
        #expect(reheadered.uploads.last?.reason == .headers && reheadered.adopted.isEmpty)
    }

    @Test func anObjectSomeoneElseOverwroteIsNoLongerOurs() {
        let published = [object("index.html", "a"), object("artists/old/index.html", "b")]
        let listing: [String: S3Client.Object] = [
            "index.html": .init(etag: "a", headers: published[0].headers),
            "artists/old/index.html": .init(etag: "theirs"),
        ]
        let plan = PublishPlan(
            local: [object("index.html", "a")], record: record(published), listing: listing, deletes: true)
        #expect(plan.deletions.isEmpty && plan.vanished == ["artists/old/index.html"] && plan.unchanged == 1)
    }

    @Test func verifyingReuploadsWhatVanishedAndForgetsWhatIsGone() {
        let published = [object("index.html", "a"), object("artists/old/index.html", "b")]
        let local = [object("index.html", "a")]
        let plan = PublishPlan(local: local, record: record(published), listing: [:], deletes: true)
        #expect(plan.uploads.map(\.object.path) == ["index.html"] && plan.uploads[0].reason == .new)
        #expect(plan.deletions.isEmpty && plan.vanished == ["artists/old/index.html"])
    }
}
