#if canImport(CMalloc)
import Testing
@testable import StagefeedCore

/// The allocator set up for builds gives mid-sized buffers mappings of their own (glibc's
/// default keeps everything under 128 KB, and with time far larger, inside the heap).
@Suite struct ProcessMemoryTests {
    /// glibc's chunk header, the word before the pointer malloc returns, has bit 1 set for
    /// a chunk that is a mapping of its own (IS_MMAPPED in malloc.c).
    private func isMapped(_ pointer: UnsafeMutableRawPointer) -> Bool {
        pointer.load(fromByteOffset: -MemoryLayout<Int>.size, as: Int.self) & 2 != 0
    }

    @Test func midSizedBuffersGetMappingsOfTheirOwn() {
        let small = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 16)
        defer { small.deallocate() }
        #expect(!isMapped(small), "a small buffer lives in the heap")
        ProcessMemory.tuneForBuilds()
        let size = 64 * 1024
        #expect(size >= Int(ProcessMemory.mappedBufferSize) && size < 128 * 1024, "between the tuned and the default threshold")
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        #expect(isMapped(buffer))
    }
}
#endif
