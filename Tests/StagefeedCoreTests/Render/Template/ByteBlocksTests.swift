import Testing

@testable import StagefeedCore

/// The blocks kept fragments lie in: what was stored stays as it was while more is stored,
/// across the end of a block, in a block of its own when larger than one, and nothing for
/// no bytes.
@Suite struct ByteBlocksTests {
    /// `count` bytes that differ with `seed`.
    func bytes(_ count: Int, seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed &* 7) }
    }

    @Test func whatWasStoredStaysAsItWasAcrossBlocks() {
        var blocks = ByteBlocks()
        // 700 fragments of 1,000 bytes and more: past the end of the first and second block.
        let stored = (0..<700).map { seed in
            let made = bytes(1000 + seed % 7, seed: seed)
            return (made, blocks.store(made))
        }
        let beforeLarge = blocks.store([9, 9])
        let large = bytes(ByteBlocks.blockSize + 10, seed: 99)
        let keptLarge = blocks.store(large)
        let small = blocks.store([1, 2, 3])
        for (made, kept) in stored { #expect(Array(kept.buffer) == made) }
        #expect(Array(keptLarge.buffer) == large)
        #expect(Array(small.buffer) == [1, 2, 3])
        // The block being filled went on being filled after the large bytes got their own.
        #expect(small.start == beforeLarge.start.map { $0 + 2 })
    }

    @Test func noBytesAreStoredAsNothing() {
        var blocks = ByteBlocks()
        let kept = blocks.store([])
        #expect(kept.count == 0)
        #expect(kept.buffer.isEmpty)
        #expect(Array(blocks.store([7]).buffer) == [7])
    }
}
