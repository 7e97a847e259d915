import Foundation

#if canImport(CMalloc) && canImport(Glibc)
import CMalloc
#endif

/// The C allocator tuned for builds. A build's live data is small (about 60 MB at 20,000
/// performances) but glibc's defaults left it three times that in resident memory: an
/// arena per thread, each keeping what its thread freed, and a mapping threshold that
/// rises (up to 32 MB) each time a large buffer is freed, after which large buffers grow
/// the heap and the heap is no longer trimmed. Builds use one arena and a fixed threshold
/// of 32 KB (a buffer that large which the heap cannot hold gets a mapping of its own,
/// returned when freed), and hand back free pages after loading and as each batch of the
/// render ends (`RenderThreads.Queue`).
/// Measured at 20,000 performances when it came in: peak 150–165 MB instead of 190–210 MB,
/// for about 6 % more time.
public enum ProcessMemory {
    /// Buffers at least this large get a mapping of their own when the heap cannot hold them.
    static let mappedBufferSize: Int32 = 32 * 1024

    /// Sets the allocator up for a build (call first thing in `main`).
    public static func tuneForBuilds() {
        #if canImport(CMalloc) && canImport(Glibc)
        _ = mallopt(M_ARENA_MAX, 1)
        _ = mallopt(M_MMAP_THRESHOLD, mappedBufferSize)
        #endif
    }

    /// Hands memory freed so far back to the system.
    static func releaseFreed() {
        #if canImport(CMalloc) && canImport(Glibc)
        _ = malloc_trim(0)
        #endif
    }
}
