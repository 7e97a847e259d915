import ArgumentParser
import Foundation
import StagefeedCore

/// `stagefeed check`: validate the configuration and the key, show what would be built.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the configuration and the API key, and show what a build would produce.",
        discussion: "Asks the source now (the rate limit still holds) but changes neither the store's data nor the output.")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let console = Console(options: options)
        let (settings, source) = try options.resolve(console: console)
        do {
            let normalizer = ProgramNormalizer(dayStart: settings.dayStart)
            let inspection = try await source.inspect(normalizer: normalizer)
            let now = Date()
            let files = try BuildPipeline.render(inspection.program, context: BuildContext(now: now, sourceName: source.name))
            let description = settings.baseURL.map { "\(source.name) \($0.absoluteString) (key accepted)" }
                ?? "\(source.name)\(settings.sourceIsDefault ? " (no source configured: the bundled demo festival)" : "")"
            let report = CheckReport(sourceDescription: description, inspection: inspection,
                                     preview: try OutputWriter(folder: settings.outputFolder).preview(files),
                                     outputFolder: settings.outputFolder, now: now)
            print(report.text)
        } catch {
            console.error("\(error)")
            throw ExitCode(ExitStatus.of(error).rawValue)
        }
    }
}
