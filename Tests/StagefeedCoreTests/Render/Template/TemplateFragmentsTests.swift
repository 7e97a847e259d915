import Synchronization
import Testing

@testable import StagefeedCore

/// What the renderer keeps of a section over a list many pages share (the navigation's days)
/// and reuses on the pages after: the same bytes as making it each time, made once while it
/// reads nothing but the list's items and the shared frames, and made on every page once it
/// reads something of the page's own.
@Suite struct TemplateFragmentsTests {
    /// A navigation entry that counts the names asked of it.
    final class Entry: TemplateObject {
        let fields: [String: TemplateValue]
        let asked = Mutex(0)

        init(_ fields: [String: TemplateValue]) {
            self.fields = fields
        }

        func value(forKey key: String) -> TemplateValue? {
            asked.withLock { $0 += 1 }
            return fields[key]
        }
    }

    let entries = [
        Entry(["href": .text("day/2027-07-01.html"), "short": .text("Thu")]),
        Entry(["href": .text("day/2027-07-02.html"), "short": .text("Fri <late>")]),
    ]

    var days: TemplateValue { .sharedList(TemplateList(entries.map { .object($0) })) }

    func library(_ text: String, partials: [String: String] = [:], name: String = "page") throws -> TemplateLibrary {
        var library = TemplateLibrary()
        try library.add(name, text: text)
        for (name, partial) in partials { try library.add(name, text: partial) }
        return library
    }

    /// Page `title` rendered with `days`, the site's strings in a shared frame, through `fragments`.
    func render(
        _ library: TemplateLibrary, _ template: String = "page", title: String, days: TemplateValue,
        fragments: TemplateFragments?
    ) throws -> String {
        let page = TemplateDictionary(["title": .text(title), "days": days])
        let shared = TemplateDictionary(["t": .object(TemplateDictionary(["day": .text("Day")]))])
        var output = TemplateOutput()
        try library.render(
            template, frames: [TemplateFrame(.object(page)), TemplateFrame(.object(shared), shared: true)],
            fragments: fragments, into: &output)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    var asked: Int { entries.reduce(0) { $0 + $1.asked.withLock { $0 } } }

    @Test func aSectionOverASharedListIsMadeOnceAndReused() throws {
        let library = try library(
            "<h1>{{title}}</h1>\n<ul>\n{{#days}}\n<li><a href=\"{{href}}\" title=\"{{t.day}}\">{{short}}</a></li>\n{{/days}}\n</ul>\n"
        )
        let days = days, fragments = TemplateFragments()
        let first = try render(library, title: "Artist A", days: days, fragments: fragments)
        #expect(fragments.count == 1)
        let askedForTheFirst = asked
        #expect(askedForTheFirst > 0)
        let second = try render(library, title: "Artist B", days: days, fragments: fragments)
        // The second page took the kept bytes: no entry was asked anything again.
        #expect(asked == askedForTheFirst)
        #expect(
            first
                == "<h1>Artist A</h1>\n<ul>\n<li><a href=\"day/2027-07-01.html\" title=\"Day\">Thu</a></li>\n<li><a href=\"day/2027-07-02.html\" title=\"Day\">Fri &lt;late&gt;</a></li>\n</ul>\n"
        )
        #expect(second == first.replacingOccurrences(of: "Artist A", with: "Artist B"))
        // The same as making it every time.
        #expect(try render(library, title: "Artist B", days: days, fragments: nil) == second)
    }

    @Test func aSectionThatReadsThePageIsMadeOnEveryPage() throws {
        let library = try library("{{#days}}<a href=\"{{href}}\">{{short}} · {{title}}</a>\n{{/days}}")
        let days = days, fragments = TemplateFragments()
        let first = try render(library, title: "Stage 1", days: days, fragments: fragments)
        let second = try render(library, title: "Stage 2", days: days, fragments: fragments)
        #expect(fragments.count == 0)
        #expect(first.contains("Thu · Stage 1") && first.contains("Fri &lt;late&gt; · Stage 1"))
        #expect(second.contains("Thu · Stage 2") && second.contains("Fri &lt;late&gt; · Stage 2"))
        #expect(!second.contains("Stage 1"))
    }

    @Test func eachPlaceOfEachListKeepsItsOwnBytesAndIndentedOnesAreMadeInPlace() throws {
        let library = try library(
            "{{#days}}[{{short}}]{{/days}}\n{{#days}}({{href}}){{/days}}\n  {{>nav}}\n",
            partials: ["nav": "{{#days}}\n<{{short}}>\n{{/days}}\n"])
        let days = days, fragments = TemplateFragments()
        let otherList = TemplateValue.sharedList(TemplateList([.object(TemplateDictionary(["short": .text("Sat")]))]))
        let first = try render(library, title: "", days: days, fragments: fragments)
        let again = try render(library, title: "", days: days, fragments: fragments)
        let other = try render(library, title: "", days: otherList, fragments: fragments)
        // Two places of the first list and one of the other: its second place looked for an
        // `href` down to the page, and the indented partial's section is made in place.
        #expect(fragments.count == 3)
        #expect(
            first
                == "[Thu][Fri &lt;late&gt;]\n(day/2027-07-01.html)(day/2027-07-02.html)\n  <Thu>\n  <Fri &lt;late&gt;>\n"
        )
        #expect(again == first)
        #expect(other == "[Sat]\n()\n  <Sat>\n")
        #expect(try render(library, title: "", days: otherList, fragments: nil) == other)
    }

    @Test func pagesThatFillALayoutsBlockEachKeepTheirOwnSections() throws {
        // Both fill the layout's block with a section over the days at the same line and
        // column, each its own.
        let library = try library(
            "<nav>\n{{$main}}{{/main}}\n</nav>\n",
            partials: [
                "artist": "{{<layout}}{{$main}}{{#days}}<a>{{short}}</a>{{/days}}{{/main}}{{/layout}}",
                "stage": "{{<layout}}{{$main}}{{#days}}<b>{{href}}</b>{{/days}}{{/main}}{{/layout}}",
            ], name: "layout")
        let days = days, fragments = TemplateFragments()
        let artist = try render(library, "artist", title: "", days: days, fragments: fragments)
        let stage = try render(library, "stage", title: "", days: days, fragments: fragments)
        #expect(artist == "<nav>\n<a>Thu</a><a>Fri &lt;late&gt;</a>\n</nav>\n")
        #expect(stage == "<nav>\n<b>day/2027-07-01.html</b><b>day/2027-07-02.html</b>\n</nav>\n")
        #expect(try render(library, "artist", title: "", days: days, fragments: fragments) == artist)
        #expect(try render(library, "stage", title: "", days: days, fragments: fragments) == stage)
        #expect(fragments.count == 2)
    }

    @Test func aBlocksContentKeepsTheEscapingOfTheTemplateExpandingIt() throws {
        // The same block's section expanded in an HTML layout and in a text partial of it.
        var library = try library(
            "<ul>{{$nav}}{{/nav}}</ul>\n{{>nav-text}}",
            partials: ["nav-text": "{{% CONTENT_TYPE: TEXT }}{{$nav}}{{/nav}}"],
            name: "layout")
        try library.add("page", text: "{{<layout}}{{$nav}}{{#days}}{{short}};{{/days}}{{/nav}}{{/layout}}")
        let days = days, fragments = TemplateFragments()
        let expected = "<ul>Thu;Fri &lt;late&gt;;</ul>\nThu;Fri <late>;"
        #expect(try render(library, title: "", days: days, fragments: nil) == expected)
        #expect(try render(library, title: "", days: days, fragments: fragments) == expected)
        #expect(try render(library, title: "", days: days, fragments: fragments) == expected)
    }

    @Test func aBlockInsideASectionIsMadeInPlaceAsItWouldBeWithoutTheCache() throws {
        let library = try library("<ul>\n{{#days}}\n{{$before}}{{/before}}\n<li>{{short}}</li>\n{{/days}}\n</ul>\n")
        let days = days, fragments = TemplateFragments()
        let expected = "<ul>\n<li>Thu</li>\n<li>Fri &lt;late&gt;</li>\n</ul>\n"
        #expect(try render(library, title: "", days: days, fragments: nil) == expected)
        #expect(try render(library, title: "", days: days, fragments: fragments) == expected)
        #expect(fragments.count == 0)
    }

    @Test func aSectionInsideAnotherIsMadeInPlaceAndAnEmptyListShowsNothing() throws {
        // One partial's section, at the top and inside `{{#site}}`, where `t` is the site's
        // own: what the days made at the top must not be reused there.
        let library = try library(
            "{{>nav}}|{{#site}}{{>nav}}{{/site}}", partials: ["nav": "{{#days}}{{t.day}} {{short}};{{/days}}"])
        let days = days, fragments = TemplateFragments()
        let page = TemplateDictionary([
            "days": days,
            "site": .object(TemplateDictionary(["t": .object(TemplateDictionary(["day": .text("Tag")]))])),
        ])
        var output = TemplateOutput()
        try library.render(
            "page",
            frames: [
                TemplateFrame(.object(page)),
                TemplateFrame(
                    .object(TemplateDictionary(["t": .object(TemplateDictionary(["day": .text("Day")]))])), shared: true
                ),
            ], fragments: fragments, into: &output)
        #expect(
            String(decoding: output.bytes, as: UTF8.self)
                == "Day Thu;Day Fri &lt;late&gt;;|Tag Thu;Tag Fri &lt;late&gt;;")
        #expect(try render(library, title: "", days: .sharedList(TemplateList([])), fragments: fragments) == "|")
    }
}
