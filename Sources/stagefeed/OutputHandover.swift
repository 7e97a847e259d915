import Foundation
import StagefeedCore

/// How every command that holds the output folder lets go of it: only once
/// `feeds/announcements.json` says what the store does (an announcement handed over while
/// it held the folder is written, and published when `publish` says so); see
/// `AnnouncementHandover`.
enum OutputHandover {
    static func release(
        _ lock: OutputLock, settings: Settings, console: Console, file: AnnouncementFile? = nil, publish: Bool
    ) async {
        guard
            let file = file
                ?? (try? ProgramStore(folder: settings.cacheFolder)).map({
                    AnnouncementFile(store: $0, folder: settings.outputFolder)
                })
        else {
            lock.unlock()
            return
        }
        await AnnouncementHandover.release(
            lock, file: file,
            wrote: {
                console.logger.info("\(AnnouncementFeed.path) brought in line with the announcements in the store")
                if publish {
                    _ = await PublishCommand.publish(file: AnnouncementFeed.path, settings: settings, console: console)
                }
            })
    }
}
