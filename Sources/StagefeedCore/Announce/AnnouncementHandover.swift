import Foundation

/// How a process lets go of an output folder without losing an announcement. `stagefeed
/// announce` stores its announcement first and then tries the folder's lock; when another
/// process holds it, that process writes the file. So every holder releases the lock
/// through `release`: inside a store transaction that keeps other processes from
/// recording an announcement, it checks that `feeds/announcements.json` is current and
/// only then unlocks. An announcement recorded before that transaction is in the file; one
/// recorded after it finds the folder free and writes the file itself.
public enum AnnouncementHandover {
    /// Releases `lock` once the file is current, writing it (and calling `wrote`, e.g. to
    /// publish it) as often as announcements arrive meanwhile. When the store cannot be
    /// used, the lock is released as it is: the next holder brings the file in line.
    public static func release(
        _ lock: OutputLock, file: AnnouncementFile, now: @Sendable () -> Date = Date.init,
        wrote: @Sendable () async -> Void = {}
    ) async {
        // Each round either releases or writes a newer file; a few rounds settle any burst.
        for _ in 0..<8 {
            do {
                let released = try file.store.holdingAnnouncements(at: now()) { announcements in
                    guard try file.isCurrent(announcements) else { return false }
                    lock.unlock()
                    return true
                }
                if released { return }
                if try file.sync(at: now()) { await wrote() }
            } catch {
                break
            }
        }
        lock.unlock()
    }
}
