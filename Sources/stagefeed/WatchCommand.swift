import ArgumentParser
import Foundation
import Logging
import StagefeedCore
import Synchronization

/// `stagefeed watch`: rebuild every interval beside the screens, optionally serving the
/// output, until SIGINT or SIGTERM; SIGHUP reloads the configuration.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Rebuild every interval, riding out every fault; optionally serve the output.",
        discussion: """
            One summary line per cycle. SIGINT or SIGTERM finish the current write and exit 0; \
            SIGHUP reloads the configuration and rebuilds at once. The output folder is locked: \
            a second build or watch on it refuses to start.
            """)

    @OptionGroup var options: CommonOptions
    @OptionGroup(title: "Publishing") var publishing: PublishOptions

    @Flag(help: "Publish the output after every build (see stagefeed publish).")
    var publish = false

    @Option(
        help: ArgumentHelp(
            "Time between builds, e.g. 90s, 5m (default 5m; never below the source's polling floor).",
            valueName: "duration"))
    var interval = "5m"

    @Option(
        help: ArgumentHelp(
            "Serve the output over HTTP at HOST:PORT or PORT (host default 127.0.0.1).", valueName: "host:port"))
    var serve: String?

    @Flag(help: "Run one cycle and exit with its status (for scripts and tests).")
    var once = false

    func validate() throws {
        guard Self.seconds(interval) != nil else {
            throw ValidationError("--interval: \"\(interval)\" is not a duration such as 90s or 5m")
        }
        if let serve, Self.address(serve) == nil {
            throw ValidationError("--serve: \"\(serve)\" is not HOST:PORT or PORT")
        }
    }

    func run() async throws {
        let console = Console(options: options)
        let (settings, source) = try options.resolve(layer: layer, console: console)
        let lock: OutputLock
        do {
            lock = try OutputLock.acquire(folder: settings.outputFolder, command: "watch")
        } catch {
            console.error("\(error)")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        let serveAddress = serve.flatMap(Self.address)
        let events = serveAddress != nil && !once ? ServerEvents() : nil
        let announcements: AnnouncementFile
        do {
            announcements = AnnouncementFile(
                store: try ProgramStore(folder: settings.cacheFolder), folder: settings.outputFolder
            ) {
                events?.send("announcements", data: String(decoding: $0, as: UTF8.self))
            }
        } catch {
            console.error("\(error)")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        let state = WatchState(settings: settings, source: source, announcements: announcements)
        let publishing = PublishQueue()
        var requested = Duration.seconds(Self.seconds(interval)!)
        if requested < source.pollingFloor {
            console.logger.warning(
                "--interval \(interval) is below the \(source.name) source's polling floor; using \(Int(source.pollingFloor.seconds)) s"
            )
            requested = source.pollingFloor
        }
        let wake = WakeSignal()
        let loop = WatchLoop(interval: requested, wake: wake) { try state.pipeline() }
        let outcome = LastStatus()
        let logger = console.logger

        let work = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await loop.run(cycles: once ? 1 : nil, logger: logger) { result in
                        switch result {
                        case .success(let report):
                            console.summary(report.summary)
                            outcome.set(ExitStatus.of(report))
                            // Screens connected to the server fetch their feeds now.
                            if report.write.changedMoreThanStatus { events?.send("build", data: "") }
                            let current = state.settings
                            if current.publishAfterBuild {
                                let published = await publishing.run {
                                    await PublishCommand.publish(settings: current, console: console)
                                }
                                if published != .success { outcome.set(published) }
                            }
                        case .failure(let error):
                            logger.error("\(error); keeping the last good output, trying again after a pause")
                            outcome.set(ExitStatus.of(error))
                        }
                    }
                }
                // Announcements made while the watch holds the output folder.
                group.addTask {
                    await AnnouncementWatcher(file: announcements).run(logger: logger) {
                        let current = state.settings
                        guard current.publishAfterBuild else { return }
                        _ = await publishing.run {
                            await PublishCommand.publish(
                                file: AnnouncementFeed.path, settings: current, console: console)
                        }
                    }
                }
                if let serveAddress, !once {
                    group.addTask {
                        do {
                            try await StaticFileServer(
                                root: settings.outputFolder, host: serveAddress.host, port: serveAddress.port,
                                events: events
                            )
                            .run(logger: logger) { port in
                                logger.info(
                                    "serving \(settings.outputFolder.path) at http://\(serveAddress.host):\(port)/")
                            }
                        } catch  where !Task.isCancelled {
                            // Without its server a watch that was asked to serve is no use:
                            // stop and fail, so a service manager restarts it.
                            logger.error("the server at \(serveAddress.host):\(serveAddress.port) stopped: \(error)")
                            outcome.markFatal()
                        } catch {}
                    }
                }
                await group.next()
                group.cancelAll()
            }
        }
        let layer = self.layer, config = options.config
        let signals = SignalHandlers { signal in
            if signal == SIGHUP {
                state.reload(layer: layer, config: config, console: console)
                wake.wake()
            } else {
                logger.info("stopping")
                work.cancel()
            }
        }
        await work.value
        await OutputHandover.release(
            lock, settings: state.settings, console: console, file: announcements,
            publish: state.settings.publishAfterBuild)
        withExtendedLifetime(signals) {}
        if outcome.isFatal { throw ExitCode(ExitStatus.failure.rawValue) }
        let status = outcome.get()
        if once && status != .success { throw ExitCode(status.rawValue) }
    }

    /// The flags, with the publishing options and `--publish`.
    var layer: SettingsLayer {
        var layer = publishing.adding(to: options.layer)
        if publish { layer.values[.publishAfterBuild] = "true" }
        return layer
    }

    static func seconds(_ text: String) -> Int? {
        SettingsLookup.seconds(in: text).flatMap { $0 > 0 ? $0 : nil }
    }

    static func address(_ text: String) -> (host: String, port: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let host = parts.count == 2 ? String(parts[0]) : "127.0.0.1"
        guard parts.count <= 2, !host.isEmpty, let port = Int(parts.last ?? ""), (0...65_535).contains(port) else {
            return nil
        }
        return (host, port)
    }
}

/// The exit status of the last cycle (for `--once`), and whether the watch failed for good.
final class LastStatus: Sendable {
    private let status = Mutex(ExitStatus.success)
    private let fatal = Mutex(false)
    func set(_ value: ExitStatus) { status.withLock { $0 = value } }
    func get() -> ExitStatus { status.withLock { $0 } }
    func markFatal() { fatal.withLock { $0 = true } }
    var isFatal: Bool { fatal.withLock { $0 } }
}

/// The settings and source of a watch, replaced on SIGHUP (the output folder stays: it is
/// locked).
final class WatchState: Sendable {
    private let current: Mutex<(settings: Settings, source: any ProgramSource)>
    /// The watch's one writer of `feeds/announcements.json`, shared by every cycle.
    let announcements: AnnouncementFile

    init(settings: Settings, source: any ProgramSource, announcements: AnnouncementFile) {
        current = Mutex((settings, source))
        self.announcements = announcements
    }

    /// The settings in force.
    var settings: Settings { current.withLock { $0.settings } }

    /// The build for the next cycle.
    func pipeline() throws -> BuildPipeline {
        let (settings, source) = current.withLock { $0 }
        var pipeline = try BuildPipeline(settings: settings, source: source)
        pipeline.announcements = announcements
        return pipeline
    }

    /// Reads the configuration again; keeps the old one when the new one is wrong.
    func reload(layer: SettingsLayer, config: String?, console: Console) {
        do {
            var (settings, source) = try CommonOptions.resolve(layer: layer, config: config, console: console)
            let folder = current.withLock { $0.settings.outputFolder }
            if settings.outputFolder.standardizedFileURL.path != folder.standardizedFileURL.path {
                console.logger.warning(
                    "configuration reloaded, but the output folder stays \(folder.path) until a restart")
                settings.outputFolder = folder
            }
            current.withLock { $0 = (settings, source) }
            console.logger.info("configuration reloaded")
        } catch {
            console.logger.error("configuration not reloaded: \(error)")
        }
    }
}
