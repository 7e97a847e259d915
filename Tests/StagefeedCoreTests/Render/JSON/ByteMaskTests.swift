import Testing

@testable import StagefeedCore

/// A `ByteMask` holds exactly the bytes its predicate picks, in each of its four words and
/// at their edges.
@Suite struct ByteMaskTests {
    @Test func aMaskHoldsExactlyTheBytesItWasMadeOf() {
        let predicates: [(name: String, picks: (UInt8) -> Bool)] = [
            ("none", { _ in false }), ("all", { _ in true }), ("controls", { $0 < 0x20 }),
            ("every third", { $0 % 3 == 0 }), ("high", { $0 >= 0xE0 }),
            ("word edges", { [0x00, 0x3F, 0x40, 0x7F, 0x80, 0xBF, 0xC0, 0xFF].contains($0) }),
        ]
        for predicate in predicates {
            let mask = ByteMask(predicate.picks)
            let wrong = (UInt8.min...UInt8.max).filter { mask.contains($0) != predicate.picks($0) }
            #expect(wrong.isEmpty, "\(predicate.name): \(wrong)")
        }
    }
}
