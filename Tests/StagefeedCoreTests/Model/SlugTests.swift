import Foundation
import Testing

@testable import StagefeedCore

@Suite struct SlugTests {
    @Test(arguments: [
        ("Café Tacvba", "cafe-tacvba"),
        ("Rosa & the Thorns", "rosa-and-the-thorns"),
        ("O'Malley's Reel", "omalleys-reel"),
        ("Straße der Lieder", "strasse-der-lieder"),
        ("  --Hello,   World!--  ", "hello-world"),
        ("Sigur Rós", "sigur-ros"),
        ("Mötley Crüe", "motley-crue"),
    ])
    func slugsReadableNames(name: String, slug: String) {
        #expect(Slug.make(from: name) == slug)
    }

    @Test(arguments: ["!!!", "🎸🎸🎸", "渡り鳥", "", "   ", "../", ".."])
    func namesWithNothingToKeepHaveNoBaseSlug(name: String) {
        #expect(Slug.make(from: name) == nil)
    }

    @Test func hostileNamesCannotLeaveTheFolder() {
        let slug = Slug.make(from: "../../etc/passwd")
        #expect(slug == "etc-passwd")
        #expect(Slug.isSafe(slug!))
    }

    @Test func longNamesAreCutAtAWordBoundary() {
        let slug = Slug.make(from: "The Extraordinarily Long-Winded Ballad Society of Lower Bramblewick")!
        #expect(slug.count <= Slug.maximumLength)
        #expect(slug == "the-extraordinarily-long-winded-ballad-society-of-lower")
    }

    @Test func collidingAndEmptyNamesGetDistinctSafeSlugs() {
        let slugs = SlugAllocator(kind: "artist").allocate([
            ("a_1", "Café Tacvba"), ("a_2", "Cafe Tacvba"), ("a_3", "!!!"), ("a_4", "🎸"),
            ("a_5", "../../etc/passwd"), ("a_6", "CAFE TACVBA"),
        ])
        #expect(slugs["a_1"] == "cafe-tacvba")
        #expect(slugs["a_2"] == "cafe-tacvba-\(Slug.token(for: "a_2"))")
        #expect(slugs["a_3"] == "artist-\(Slug.token(for: "a_3"))")
        #expect(Set(slugs.values).count == 6)
        #expect(slugs.values.allSatisfy(Slug.isSafe))
    }

    @Test func previousSlugsAreKeptEvenWhenANewItemWouldTakeThem() {
        // a_9 had "cafe-lune" in an earlier build; a_1 is new and sorts first by id.
        let slugs = SlugAllocator(kind: "artist", previous: ["a_9": "cafe-lune"])
            .allocate([("a_1", "Café Lune"), ("a_9", "Cafe Lune")])
        #expect(slugs["a_9"] == "cafe-lune")
        #expect(slugs["a_1"] == "cafe-lune-\(Slug.token(for: "a_1"))")
    }

    @Test func aSlugNeverMovesToAnotherIdEvenWhileItsOwnerIsAway() {
        // a_100 had "kate-burke" and is absent from this build; a new a_200 of the same name
        // must not take it, or a_100's URL and calendar would point at someone else later.
        let slugs = SlugAllocator(kind: "artist", previous: ["a_100": "kate-burke"]).allocate([("a_200", "Kate Burke")])
        #expect(slugs["a_200"] == "kate-burke-\(Slug.token(for: "a_200"))")
    }

    @Test func unsafePreviousSlugsAreIgnored() {
        let slugs = SlugAllocator(kind: "artist", previous: ["a_1": "../evil"]).allocate([("a_1", "Good Name")])
        #expect(slugs["a_1"] == "good-name")
    }

    /// Property: for many generated names, slugs are unique, safe and independent of input order.
    @Test(arguments: 0..<20)
    func generatedNamesAlwaysGiveUniqueSafeStableSlugs(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) &+ 1)
        let alphabet = Array("aAbé É-_ ./\\..!?&'\"<>%:;🎸渡りΚύμαñßøæ\n\t0123456789")
        let items: [(id: String, name: String)] = (0..<300).map { index in
            let length = Int.random(in: 0...12, using: &generator)
            let name = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            return ("id-\(index)-\(Int.random(in: 0...3, using: &generator))", name)
        }
        let unique = Dictionary(items.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }).map {
            ($0.key, $0.value)
        }
        let allocator = SlugAllocator(kind: "artist")
        let slugs = allocator.allocate(unique)
        #expect(slugs.count == unique.count)
        #expect(Set(slugs.values).count == unique.count)
        for slug in slugs.values {
            #expect(Slug.isSafe(slug), "unsafe slug \(slug)")
            #expect(slug.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil)
        }
        #expect(allocator.allocate(unique.shuffled(using: &generator)) == slugs)
    }
}
