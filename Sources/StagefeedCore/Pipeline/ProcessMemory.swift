#if canImport(CMalloc)
import CMalloc
#endif
import Foundation

/// The C allocator tuned for builds. glibc gives each thread that allocates its own
/// arena, and freed memory stays with its arena: a build rendering on many threads held
/// about a third more than it used. Builds keep one arena per core, and give memory back
/// once the API bodies' parsed trees and the revision history's working copies are gone.
public enum ProcessMemory {
    /// Caps the allocator's arenas at one per core (call first thing in `main`).
    public static func limitArenas() {
        #if canImport(CMalloc)
        _ = mallopt(M_ARENA_MAX, Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
        #endif
    }

    /// Hands memory freed so far back to the system.
    static func releaseFreed() {
        #if canImport(CMalloc)
        _ = malloc_trim(0)
        #endif
    }
}
