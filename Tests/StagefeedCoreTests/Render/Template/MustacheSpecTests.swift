import Foundation
import Testing

@testable import StagefeedCore

/// The template engine against the official Mustache specification's tests
/// (`Tests/Fixtures/mustache-spec`, MIT): every test of the core modules (comments,
/// delimiters, interpolation, inverted sections, partials, sections) and of the optional
/// inheritance and dynamic-names modules. Lambdas are not supported (themes are data).
@Suite struct MustacheSpecTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var module: String
        var name: String
        var template: String
        var partials: [String: String]
        var data: TemplateValue
        var expected: String

        var testDescription: String { "\(module): \(name)" }
    }

    static let modules = [
        "comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance", "~dynamic-names",
    ]

    static let cases: [Case] = modules.flatMap { module -> [Case] in
        let url = Repository.fixture("mustache-spec/\(module).json")
        guard let data = try? Data(contentsOf: url),
            let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let tests = document["tests"] as? [[String: Any]]
        else { return [] }
        return tests.map { test in
            Case(
                module: module, name: test["name"] as? String ?? "?", template: test["template"] as? String ?? "",
                partials: test["partials"] as? [String: String] ?? [:], data: value(test["data"] as Any),
                expected: test["expected"] as? String ?? "")
        }
    }

    /// JSON as templates see it: objects, lists, text, whole and decimal numbers, booleans, null.
    static func value(_ json: Any) -> TemplateValue {
        switch json {
        case let number as NSNumber where String(cString: number.objCType) == "c": return .bool(number.boolValue)
        case let number as NSNumber:
            return number.stringValue.contains(".") ? .decimal(number.doubleValue) : .number(number.intValue)
        case let text as String: return .text(text)
        case let list as [Any]: return .list(list.map(value))
        case let object as [String: Any]: return .object(TemplateDictionary(object.mapValues(value)))
        default: return .null
        }
    }

    @Test func everyModuleIsThere() {
        #expect(Self.cases.count == 184, "the spec's tests are read from Tests/Fixtures/mustache-spec")
        #expect(Set(Self.cases.map(\.module)) == Set(Self.modules))
    }

    @Test(arguments: cases)
    func passes(_ test: Case) throws {
        var library = TemplateLibrary()
        try library.add("test", text: test.template)
        for (name, text) in test.partials { try library.add(name, text: text) }
        #expect(try library.render("test", test.data) == test.expected)
    }
}
