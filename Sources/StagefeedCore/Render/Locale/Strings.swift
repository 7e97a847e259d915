/// The interface strings of one language: `strings["now"]`, and `{name}` placeholders
/// filled by `format`. Values are the theme's own text, not data.
public struct Strings: Sendable {
    public let language: String
    public let values: [String: String]

    public init(language: String, values: [String: String]) {
        self.language = language
        self.values = values
    }

    public subscript(key: String) -> String { values[key] ?? key }

    /// `format("first_on_stage", ["time": "14:00"])` → `First on stage at 14:00`. One pass,
    /// left to right: text put in is never read again for placeholders.
    /// The braces are looked for in the bytes: each is one byte, and every page asks.
    public func format(_ key: String, _ arguments: [String: String]) -> String {
        let template = self[key]
        var result = ""
        result.reserveCapacity(template.utf8.count + 32)
        var rest = template[...]
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")) {
            result += rest[..<open]
            let afterOpen = rest.utf8.index(after: open)
            guard let close = rest.utf8[afterOpen...].firstIndex(of: UInt8(ascii: "}")),
                let value = arguments[String(rest[afterOpen..<close])]
            else {
                result.append("{")
                rest = rest[afterOpen...]
                continue
            }
            result += value
            rest = rest[rest.utf8.index(after: close)...]
        }
        return result + rest
    }

    /// `count("set_count", 3)` → `3 sets`, from `set_count_one` / `set_count_other`.
    public func count(_ key: String, _ count: Int) -> String {
        // One: 1 in most languages; 0 and 1 in French and Portuguese (CLDR).
        let one = count == 1 || (count == 0 && ["fr", "pt"].contains(language))
        return format(key + (one ? "_one" : "_other"), ["count": String(count)])
    }
}
