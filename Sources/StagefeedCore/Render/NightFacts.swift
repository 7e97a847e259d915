/// A night's details as one line of text: `House, Techno · 18+ · Dress code: smart`.
enum NightFacts {
    static func text(_ details: NightDetails, strings: Strings) -> String {
        var parts: [String] = []
        if !details.genres.isEmpty { parts.append(details.genres.joined(separator: ", ")) }
        if let age = details.minimumAge, age > 0 { parts.append(strings.format("minimum_age", ["age": String(age)])) }
        if let dress = details.dressCode { parts.append(strings.format("dress_code", ["code": dress])) }
        return parts.joined(separator: " · ")
    }
}
