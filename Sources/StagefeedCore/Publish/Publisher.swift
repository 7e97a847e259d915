import Foundation
import Logging

/// Publishes the output folder to an S3-compatible bucket: plans against the store's record
/// of the destination (or the bucket's listing), uploads phase by phase with bounded
/// parallelism, records each phase's successes, stops before the next phase when one
/// failed, and deletes only when every upload went through, so a run that fails half-way
/// never leaves pages pointing at missing files nor removes anything already published.
public struct Publisher: Sendable {
    public var settings: PublishSettings
    /// The output folder and where the store keeps its manifest (the files stagefeed wrote
    /// there: nothing else is ever published).
    public var output: OutputLocation
    public var outputFolder: URL { output.folder }
    public var store: ProgramStore
    public var client: S3Client
    /// Requests in flight at once.
    public var concurrency = 8

    public init(settings: PublishSettings, output: OutputLocation, store: ProgramStore, client: S3Client) {
        self.settings = settings
        self.output = output
        self.store = store
        self.client = client
    }

    /// The store's name for the destination: the service and the bucket with its prefix.
    public var destinationID: String { "\(client.endpoint.base.absoluteString) \(settings.destination)" }

    /// Publishes (or, with `dryRun`, only plans). With `verify`, the bucket is listed and
    /// compared even when the store has a record. Throws when the run cannot start (no
    /// output, no store, the listing refused); what happened after that, failures and a
    /// refusal that stopped the run included, is in the report.
    public func run(
        dryRun: Bool = false, verify: Bool = false, logger: Logger
    ) async throws(PublishError) -> PublishReport {
        let started = ContinuousClock.now
        let local = try LocalObject.all(
            in: output, destination: settings.destination, cachePolicy: settings.cachePolicy)
        let record = try storeCall { () throws(StoreError) in try store.publishedObjects(destination: destinationID) }
        var listing: [String: S3Client.Object]?
        if record == nil || verify {
            logger.info(
                "listing \(settings.destination) to compare (\(record == nil ? "no record of earlier publishes there" : "--verify"))"
            )
            listing = try await listed(local: local)
        }
        let plan = PublishPlan(local: local, record: record ?? [:], listing: listing, deletes: settings.deletes)
        var report = PublishReport(destination: settings.destination, plan: plan, dryRun: dryRun)
        if dryRun {
            report.duration = (ContinuousClock.now - started).seconds
            return report
        }
        if listing != nil {
            try storeCall { () throws(StoreError) in
                try store.recordPublished(
                    destination: destinationID, objects: plan.adopted, removed: plan.vanished, at: Date())
            }
        }

        let total = plan.uploads.count
        if total > 0 {
            let counts = zip(PublishPlan.phaseNames, plan.phases).filter { !$0.1.isEmpty }.map {
                "\($0.0) \($0.1.count)"
            }
            logger.info(
                "uploading \(total) of \(local.count) objects to \(settings.destination) (\(counts.joined(separator: ", ")))"
            )
        }
        for (index, phase) in plan.phases.enumerated() where !phase.isEmpty {
            let objects = Dictionary(uniqueKeysWithValues: phase.map { ($0.object.key, $0.object) })
            let results = await perform(phase.map(\.object.key)) { [outputFolder, client] key in
                let object = objects[key]!
                let body = try LocalObject.read(object.path, in: outputFolder)
                try await client.put(
                    key: object.key, body: body, contentType: object.contentType, cacheControl: object.cacheControl)
                return body.count
            }
            var done: [String: PublishedObject] = [:]
            for upload in phase {
                switch results[upload.object.key] {
                case .success(let size)?:
                    done[upload.object.key] = PublishedObject(
                        md5: upload.object.md5, size: upload.object.size, headers: upload.object.headers)
                    report.uploaded.append(upload.object.key)
                    report.bytes += size
                case .failure(let reason, _)?:
                    report.failures.append((upload.object.key, reason))
                case nil:
                    break
                }
            }
            try storeCall { () throws(StoreError) in
                try store.recordPublished(destination: destinationID, objects: done, removed: [], at: Date())
            }
            logger.debug("\(PublishPlan.phaseNames[index]): \(report.uploaded.count) of \(total) uploaded")
            report.refusal = results.values.compactMap(\.fatal).first
            // A later phase may point at what failed here (a page at its stylesheet): stop.
            if report.refusal != nil || !report.failures.isEmpty || Task.isCancelled { break }
        }

        // Deletions only when everything is in place: a half-way run removes nothing.
        if report.failures.isEmpty && report.refusal == nil && !Task.isCancelled && !plan.deletions.isEmpty {
            logger.info("deleting \(plan.deletions.count) objects stagefeed published before and no longer produces")
            let results = await perform(plan.deletions) { [client] key in
                try await client.delete(key: key)
                return 0
            }
            for key in plan.deletions {
                switch results[key] {
                case .success?: report.deleted.append(key)
                case .failure(let reason, _)?: report.failures.append((key, reason))
                case nil: break
                }
            }
            try storeCall { () throws(StoreError) in
                try store.recordPublished(destination: destinationID, objects: [:], removed: report.deleted, at: Date())
            }
            report.refusal = results.values.compactMap(\.fatal).first
        }
        report.duration = (ContinuousClock.now - started).seconds
        return report
    }

    /// The bucket's objects under the prefix, with the headers (HEAD) of those whose bytes
    /// match a local file, so a change of headers alone is seen too.
    private func listed(local: [LocalObject]) async throws(PublishError) -> [String: S3Client.Object] {
        var listing: [String: S3Client.Object]
        do { listing = try await client.list(prefix: settings.destination.prefix) } catch { throw .refused(error) }
        let matching = local.filter { listing[$0.key]?.etag == $0.md5 }.map(\.key)
        let heads = await perform(matching) { [client] key in try await client.head(key: key) }
        if let refusal = heads.values.compactMap(\.fatal).first { throw .refused(refusal) }
        for key in matching {
            // An object whose headers could not be read is sent again.
            listing[key]?.headers = heads[key]?.value?.headers ?? ""
        }
        return listing
    }

    /// One object's outcome: the work's result, or why it failed (and whether that failure
    /// stops the run).
    private enum Outcome<Value: Sendable>: Sendable {
        case success(Value)
        case failure(String, fatal: S3Error?)

        var value: Value? {
            if case .success(let value) = self { return value }
            return nil
        }

        var fatal: S3Error? {
            if case .failure(_, let fatal) = self { return fatal }
            return nil
        }
    }

    /// Runs `work` for every key, at most `concurrency` at once; stops starting new work
    /// after a failure that applies to the whole run, or when the task is cancelled. Keys
    /// never started have no result.
    private func perform<Value: Sendable>(
        _ keys: [String], _ work: @escaping @Sendable (String) async throws -> Value
    ) async -> [String: Outcome<Value>] {
        await withTaskGroup(of: (String, Outcome<Value>).self) { group in
            var results: [String: Outcome<Value>] = [:]
            var next = keys.makeIterator()
            var stopped = false
            func start() {
                guard !stopped, !Task.isCancelled, let key = next.next() else { return }
                group.addTask {
                    do {
                        return (key, .success(try await work(key)))
                    } catch let error as S3Error {
                        return (key, .failure("\(error)", fatal: error.isFatal ? error : nil))
                    } catch {
                        return (key, .failure("\(error)", fatal: nil))
                    }
                }
            }
            for _ in 0..<max(1, concurrency) { start() }
            while let (key, outcome) = await group.next() {
                results[key] = outcome
                if outcome.fatal != nil { stopped = true }
                start()
            }
            return results
        }
    }

    private func storeCall<T>(_ body: () throws(StoreError) -> T) throws(PublishError) -> T {
        do { return try body() } catch { throw .store(error) }
    }
}
