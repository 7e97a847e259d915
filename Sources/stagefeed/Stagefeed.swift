import ArgumentParser
import Foundation
import StagefeedCore

/// The `stagefeed` command: parses the command line and hands over to StagefeedCore.
@main
struct Stagefeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stagefeed",
        abstract: "Static website, feeds, calendars and signage screens from a festival's program.",
        discussion: """
            Settings come from flags, then STAGEFEED_* environment variables, then stagefeed.yml, \
            then defaults. The API key comes from STAGEFEED_API_KEY or --api-key-file, never from a flag.

            Exit status: 0 fresh data rendered (or nothing changed); 3 the source failed and the \
            output was rendered from stored data; 1 failed, output left as it was; 2 usage or \
            configuration error.
            """,
        subcommands: [
            BuildCommand.self, WatchCommand.self, CheckCommand.self, PublishCommand.self, AnnounceCommand.self,
        ])

    /// Runs the command, mapping command-line usage errors to exit status 2 as DESIGN.md
    /// fixes (ArgumentParser's own default is 64).
    static func main() async {
        ProcessMemory.tuneForBuilds()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }
}
