import ArgumentParser
import Foundation
import StagefeedCore

/// `stagefeed check`: validate the configuration and the key, show what would be built.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the configuration and the API key, and show what a build would produce.",
        discussion:
            "Asks the source now (the rate limit still holds) but changes neither the store's data nor the output.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let console = Console(options: options)
        let (settings, source) = try options.resolve(console: console)
        do {
            let pipeline = try BuildPipeline(settings: settings, source: source)
            let inspection = try await source.inspect(normalizer: pipeline.normalizer)
            // status.json changes on every run; what matters is the rest.
            let files = try await pipeline.preview(inspection.program).filter { $0.path != "feeds/status.json" }
            let description =
                settings.source.kind.baseURL.map { "\(source.name) \($0.absoluteString) (key accepted)" }
                ?? "\(source.name)\(settings.source.isDefault ? " (no source configured: the bundled demo festival)" : "")"
            var preview = try pipeline.writer.preview(files)
            preview.removed.removeAll { $0 == "feeds/status.json" }
            var report = CheckReport(
                sourceDescription: description, inspection: inspection, preview: preview,
                outputFolder: settings.outputFolder, now: Date())
            report.themeMisses = pipeline.theme?.misses ?? []
            print(report.text)
        } catch {
            console.error("\(error)")
            throw ExitCode(ExitStatus.of(error).rawValue)
        }
    }
}
