import ArgumentParser
import Foundation
import StagefeedCore

/// `stagefeed build`: pull once, render, write. The cron job.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Pull the program once, render the export and write what changed.")

    @OptionGroup var options: CommonOptions
    @OptionGroup(title: "Publishing") var publishing: PublishOptions

    @Flag(help: "Publish the output after the build (see stagefeed publish).")
    var publish = false

    @Flag(
        help:
            "Render and compare every file even when the source data, settings and theme are those of the last build (restores files changed by hand)."
    )
    var force = false

    func run() async throws {
        let console = Console(options: options)
        let (settings, source) = try options.resolve(layer: layer, console: console)
        if settings.source.isDefault {
            console.logger.notice(
                "no source configured: building the bundled demo festival (set source: in stagefeed.yml or --source)")
        }
        let lock: OutputLock
        do {
            lock = try OutputLock.acquire(folder: settings.outputFolder, command: "build")
        } catch {
            console.error("\(error)")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        let status = await build(settings: settings, source: source, console: console)
        await OutputHandover.release(lock, settings: settings, console: console, publish: settings.publishAfterBuild)
        throw ExitCode(status.rawValue)
    }

    /// Builds (and publishes when asked); the exit status.
    private func build(settings: Settings, source: any ProgramSource, console: Console) async -> ExitStatus {
        do {
            var pipeline = try BuildPipeline(settings: settings, source: source)
            pipeline.alwaysRender = force
            let report = try await pipeline.run(logger: console.logger)
            if !report.write.changedMoreThanStatus {
                console.logger.info("nothing changed in \(settings.outputFolder.path) but feeds/status.json")
            }
            if case .stale(let reason, let since) = report.freshness {
                console.logger.warning(
                    "stale: the source failed (\(reason)); rendered the program last checked at \(since)")
            }
            console.summary(report.summary)
            if settings.publishAfterBuild {
                let published = await PublishCommand.publish(settings: settings, console: console)
                if published != .success { return published }
            }
            return ExitStatus.of(report)
        } catch {
            console.error("\(error)")
            return ExitStatus.of(error)
        }
    }

    /// The flags, with the publishing options and `--publish`.
    var layer: SettingsLayer {
        var layer = publishing.adding(to: options.layer)
        if publish { layer.values[.publishAfterBuild] = "true" }
        return layer
    }
}
