import ArgumentParser
import Foundation
import Logging
import StagefeedCore

/// `stagefeed publish`: upload what changed in the output to an S3-compatible bucket.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Upload what changed in the output to S3-compatible storage.",
        discussion: """
            Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN), \
            else the AWS_PROFILE (or default) profile of ~/.aws/credentials. Uploads go assets first, \
            then feeds and calendars, then pages, then index.html; deletions last, and only when \
            every upload went through. Exit status: 0 published or nothing to do, 1 some objects \
            failed (the next run retries them), 2 usage or configuration error.
            """)

    @OptionGroup var options: CommonOptions
    @OptionGroup var publishing: PublishOptions

    @Flag(name: .customLong("dry-run"), help: "Print what would be uploaded and deleted; change nothing.")
    var dryRun = false

    @Flag(help: "List the bucket and compare, even when the store has a record of the last publish.")
    var verify = false

    func run() async throws {
        let console = Console(options: options)
        let settings = try options.settings(layer: publishing.adding(to: options.layer), console: console)
        let lock: OutputLock
        do {
            lock = try OutputLock.acquire(folder: settings.outputFolder, command: "publish")
        } catch {
            console.error("\(error)")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        let status = await Self.publish(settings: settings, console: console, dryRun: dryRun, verify: verify)
        await OutputHandover.release(
            lock, settings: settings, console: console, publish: !dryRun && settings.publish != nil)
        throw ExitCode(status.rawValue)
    }

    /// Publishes the output as `settings` say, printing the plan (dry run), failures and
    /// the summary line; the exit status of the run.
    static func publish(
        settings: Settings, console: Console, dryRun: Bool = false, verify: Bool = false
    ) async -> ExitStatus {
        switch publisher(settings: settings, console: console) {
        case .success(let publisher): return await run(publisher, console: console, dryRun: dryRun, verify: verify)
        case .failure(let status): return status.status
        }
    }

    /// Publishes one file of the output now (after an announcement); the exit status.
    static func publish(file path: String, settings: Settings, console: Console) async -> ExitStatus {
        switch publisher(settings: settings, console: console) {
        case .success(let publisher):
            do {
                if try await publisher.publish(file: path) {
                    console.logger.info("published \(path) to \(publisher.settings.destination)")
                }
                return .success
            } catch {
                console.error("\(path) was not published: \(error)")
                return .failure
            }
        case .failure(let status):
            return status.status
        }
    }

    /// Why no publisher could be made: the exit status, the message already printed.
    struct Refusal: Error {
        var status: ExitStatus
    }

    /// The publisher the settings describe, or the exit status after saying what is missing.
    static func publisher(settings: Settings, console: Console) -> Result<Publisher, Refusal> {
        guard let publish = settings.publish else {
            console.error(
                "publish.to is required (--to, STAGEFEED_PUBLISH_TO or publish: to: in stagefeed.yml): the destination, e.g. s3://bucket/prefix"
            )
            return .failure(Refusal(status: .usage))
        }
        let environment = ProcessInfo.processInfo.environment
        let credentials: AWSCredentials
        do {
            credentials = try AWSCredentials.resolve(environment: environment)
        } catch {
            console.error("\(error)")
            return .failure(Refusal(status: .usage))
        }
        let store: ProgramStore
        do { store = try ProgramStore(folder: settings.cacheFolder) } catch {
            console.error("\(error)")
            return .failure(Refusal(status: .failure))
        }
        let client = S3Client(
            endpoint: publish.endpoint(environment: environment), bucket: publish.destination.bucket,
            credentials: credentials)
        return .success(
            Publisher(
                settings: publish, output: OutputLocation(folder: settings.outputFolder, cache: settings.cacheFolder),
                store: store, client: client))
    }

    private static func run(_ publisher: Publisher, console: Console, dryRun: Bool, verify: Bool) async -> ExitStatus {
        do {
            let report = try await publisher.run(dryRun: dryRun, verify: verify, logger: console.logger)
            if dryRun {
                for upload in report.plan.uploads {
                    console.summary("upload \(upload.object.key) (\(upload.reason.rawValue))")
                }
                for key in report.plan.deletions { console.summary("delete \(key)") }
            }
            for failure in report.failures { console.logger.error("\(failure.key): \(failure.reason)") }
            console.summary(report.summary)
            if let error = report.error {
                console.error("\(error)")
                return .failure
            }
            return .success
        } catch {
            console.error("\(error)")
            return .failure
        }
    }
}
