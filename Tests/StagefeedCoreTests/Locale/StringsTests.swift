import Testing

@testable import StagefeedCore

/// A string's `{name}` placeholders filled in one pass over its bytes.
@Suite struct StringsTests {
    let strings = Strings(
        language: "en",
        values: [
            "photo_of": "Photo of {name}", "first_on_stage": "{stage}: première à {time} ✓",
            "odd": "{ {unknown} {name", "nested": "{name}{name}", "none": "Nothing to fill",
        ])

    @Test func placeholdersAreFilledAndTheRestKept() {
        #expect(strings.format("photo_of", ["name": "Rosa Vale"]) == "Photo of Rosa Vale")
        #expect(
            strings.format("first_on_stage", ["stage": "Zelt 東", "time": "14:00"]) == "Zelt 東: première à 14:00 ✓")
        // An unknown name and an unclosed brace stay as they are.
        #expect(strings.format("odd", ["name": "x"]) == "{ {unknown} {name")
        // What is put in is not read again.
        #expect(strings.format("nested", ["name": "{name}"]) == "{name}{name}")
        #expect(strings.format("none", [:]) == "Nothing to fill")
        // A key the table lacks is its own text.
        #expect(strings.format("missing {name}", ["name": "é"]) == "missing é")
    }
}
