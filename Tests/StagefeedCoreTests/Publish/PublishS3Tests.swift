import Crypto
import Foundation
import Logging
import Synchronization
import Testing

@testable import StagefeedCore

/// `stagefeed publish` against a real S3-compatible server on loopback (moto, signature
/// checking on), read back by another client (boto3). One test at a time: each starts its
/// own server, and the machine is shared.
@Suite(.serialized) struct PublishS3Tests {
    private let logger = Logger(label: "test")
    private let now = Fixtures.instant("2027-07-01T12:00:00+02:00")

    private func draft(moved: Bool) -> ProgramDraft {
        var performances = [
            Fixtures.performance("p1", "2027-07-23T18:00:00+02:00", "2027-07-23T19:00:00+02:00"),
            Fixtures.performance(
                "p2", stage: "s_tent", artist: "a_2", "2027-07-24T20:00:00+02:00", "2027-07-24T21:00:00+02:00"),
        ]
        if moved {
            performances[0] = Fixtures.performance("p1", "2027-07-23T18:30:00+02:00", "2027-07-23T19:30:00+02:00")
            performances.removeLast()
        }
        var draft = Fixtures.draft(performances)
        if moved { draft.artists.removeLast() }
        return draft
    }

    private func publisher(
        _ folder: TemporaryFolder, _ server: MotoS3, to destination: String = "s3://fest",
        through endpoint: URL? = nil, cache: String = "cache"
    ) throws -> Publisher {
        let settings = PublishSettings(destination: S3Destination(parsing: destination)!)
        return Publisher(
            settings: settings, output: OutputLocation(folder: folder.path("output"), cache: folder.path("cache")),
            store: try ProgramStore(folder: folder.path(cache)),
            client: server.client(bucket: settings.destination.bucket, through: endpoint))
    }

    /// The output folder and its records: in `cache/` for builds made here, in `.stagefeed/`
    /// (the default) for builds by the command.
    private func builtOutput(_ folder: TemporaryFolder) -> OutputLocation {
        let commandStore = folder.path(".stagefeed")
        let cache = FileManager.default.fileExists(atPath: commandStore.path) ? commandStore : folder.path("cache")
        return OutputLocation(folder: folder.path("output"), cache: cache)
    }

    /// Every output file is in the bucket under `prefix` with the same bytes and the right headers.
    private func expectMirrored(
        _ folder: TemporaryFolder, in objects: [String: MotoS3.RemoteObject], prefix: String = ""
    ) throws {
        let files = try Manifest.read(for: builtOutput(folder)).files
        #expect(!files.isEmpty)
        for path in files {
            let remote = try #require(objects[prefix + path], "\(prefix + path) is not in the bucket")
            #expect(remote.md5 == LocalObject.md5Hex(try Data(contentsOf: folder.path("output/" + path))), "\(path)")
            #expect(remote.contentType == ContentType.of(path), "\(path)")
            #expect(remote.cacheControl == CachePolicy().cacheControl(for: path), "\(path)")
        }
    }

    @Test func publishesWholeThenNothingThenOnlyWhatChanged() async throws {
        let server = try await MotoS3.start(buckets: ["fest"])
        defer { server.stop() }
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(draft(moved: false), in: folder, at: now)
        let foreign = server.client(bucket: "fest")
        try await foreign.put(
            key: "robots.txt", body: Data("User-agent: *\n".utf8), contentType: "text/plain", cacheControl: "no-cache")

        let first = try publisher(folder, server)
        let files = try Manifest.read(for: builtOutput(folder)).files
        let report = try await first.run(logger: logger)
        #expect(report.failures.isEmpty && report.uploaded.count == files.count && report.plan.unchanged == 0)
        #expect(report.uploaded.last == "index.html", "the root index goes up last")
        #expect(report.uploaded.first?.hasPrefix("assets/") == true, "assets go up first")
        try await expectMirrored(folder, in: try server.objects(in: "fest"))

        let again = try await first.run(logger: logger)
        #expect(again.uploaded.isEmpty && again.deleted.isEmpty && again.plan.unchanged == files.count)

        let change = try await FixtureBuild.run(draft(moved: true), in: folder, at: now.addingTimeInterval(60))
        #expect(!change.write.removed.isEmpty, "the fixture removes an artist's page")
        let changed = try await first.run(logger: logger)
        #expect(Set(changed.uploaded) == Set(change.write.written), "only the files the build rewrote go up")
        #expect(changed.deleted == change.write.removed)
        let objects = try await server.objects(in: "fest")
        try expectMirrored(folder, in: objects)
        #expect(change.write.removed.allSatisfy { objects[$0] == nil })
        #expect(objects["robots.txt"] != nil, "an object stagefeed did not publish survives")
    }

    @Test func theCommandPublishesWithADryRunAndRefusesAWrongSecret() async throws {
        let server = try await MotoS3.start(buckets: ["fest"])
        defer { server.stop() }
        let folder = try TemporaryFolder()
        let environment = server.environment()
        #expect(try await CommandRunner.run(["build", "--quiet"], in: folder.url).status == 0)
        let files = try Manifest.read(for: builtOutput(folder)).files
        let target = ["publish", "--to", "s3://fest", "--endpoint", server.endpoint.absoluteString]

        let dry = try await CommandRunner.run(target + ["--dry-run"], in: folder.url, environment: environment)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.split(separator: "\n").filter { $0.hasPrefix("upload ") }.count == files.count)
        #expect(dry.stdout.contains("dry run: would upload \(files.count), delete 0"))
        await #expect(try server.objects(in: "fest").isEmpty, "a dry run changes nothing")

        let real = try await CommandRunner.run(target, in: folder.url, environment: environment)
        #expect(real.status == 0, "\(real.stderr)")
        #expect(real.stdout.contains("s3://fest · \(files.count) uploaded, 0 deleted, 0 unchanged"), "\(real.stdout)")
        try await expectMirrored(folder, in: try server.objects(in: "fest"))
        let second = try await CommandRunner.run(target, in: folder.url, environment: environment)
        #expect(second.stdout.contains("0 uploaded, 0 deleted, \(files.count) unchanged"), "\(second.stdout)")

        let wrongSecret = "wrong/Secret+\(UUID().uuidString)"
        let refused = try await CommandRunner.run(
            target + ["--verify"], in: folder.url, environment: server.environment(secret: wrongSecret))
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("SignatureDoesNotMatch") && refused.stderr.contains(server.accessKey),
            "\(refused.stderr)")
        for secret in [wrongSecret, server.secret] {
            #expect(!refused.stderr.contains(secret) && !refused.stdout.contains(secret))
        }
        let noBucket = try await CommandRunner.run(
            ["publish", "--to", "s3://missing-bucket", "--endpoint", server.endpoint.absoluteString],
            in: folder.url, environment: environment)
        #expect(
            noBucket.status == 1 && noBucket.stderr.contains("bucket missing-bucket does not exist"),
            "\(noBucket.stderr)")
        let noCredentials = try await CommandRunner.run(
            target, in: folder.url,
            environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "HOME": folder.url.path])
        #expect(noCredentials.status == 2 && noCredentials.stderr.contains("no credentials"), "\(noCredentials.stderr)")
        let noDestination = try await CommandRunner.run(["publish"], in: folder.url, environment: environment)
        #expect(noDestination.status == 2 && noDestination.stderr.contains("publish.to is required"))
    }

    @Test func buildPublishPublishesAfterTheBuild() async throws {
        let server = try await MotoS3.start(buckets: ["fest"])
        defer { server.stop() }
        let folder = try TemporaryFolder()
        try folder.write("stagefeed.yml", "publish:\n  to: s3://fest\n  endpoint: \(server.endpoint.absoluteString)\n")
        let run = try await CommandRunner.run(
            ["build", "--publish"], in: folder.url, environment: server.environment())
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(
            lines.count == 2 && lines[0].hasPrefix("demo · fresh") && lines[1].hasPrefix("s3://fest · "),
            "\(run.stdout)")
        try await expectMirrored(folder, in: try server.objects(in: "fest"))

        let watch = try await CommandRunner.run(
            ["watch", "--once", "--publish", "--refresh"], in: folder.url, environment: server.environment())
        #expect(watch.status == 0, "\(watch.stderr)")
        #expect(
            watch.stdout.contains("s3://fest · 1 uploaded, 0 deleted"),
            "only feeds/status.json changed: \(watch.stdout)")
        try await expectMirrored(folder, in: try server.objects(in: "fest"))
    }

    @Test func aBusyServiceIsRetriedAndTheRunEndsWhole() async throws {
        let server = try await MotoS3.start(buckets: ["fest"])
        defer { server.stop() }
        let proxy = await FaultProxy.start(upstream: server.endpoint) { method, path, attempt in
            guard method == "PUT" else { return nil }
            if path.hasSuffix("/index.html") && path.contains("/days/") { return attempt <= 2 ? 503 : nil }
            if path.hasPrefix("/fest/calendar/") { return attempt == 1 ? 429 : nil }
            return attempt == 1 && path.unicodeScalars.reduce(0) { $0 + Int($1.value) } % 3 == 0 ? 500 : nil
        }
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(draft(moved: false), in: folder, at: now)
        var publisher = try publisher(folder, server, through: proxy.url)
        publisher.client.retry.firstDelay = .milliseconds(20)
        let report = try await publisher.run(logger: logger)
        let injected = await proxy.log.injected
        #expect(injected.count >= 5 && Set(injected.map(\.status)) == [429, 500, 503])
        #expect(report.failures.isEmpty, "\(report.failures)")
        try await expectMirrored(folder, in: try server.objects(in: "fest"))
        // The order the server saw: every asset before anything else, the root index last.
        let puts = await proxy.log.order.filter { $0.hasPrefix("PUT ") }
        let lastAsset = try #require(puts.lastIndex { $0.hasPrefix("PUT /fest/assets/") })
        let firstOther = try #require(puts.firstIndex { !$0.hasPrefix("PUT /fest/assets/") })
        #expect(lastAsset < firstOther)
        let feeds = puts.indices.filter {
            puts[$0].hasPrefix("PUT /fest/feeds/") || puts[$0].hasPrefix("PUT /fest/calendar/")
        }
        let pages = puts.indices.filter { puts[$0].hasSuffix(".html") && puts[$0] != "PUT /fest/index.html" }
        #expect(feeds.max()! < pages.min()!)
        #expect(puts.last == "PUT /fest/index.html")
        await proxy.stop()
    }

    @Test func aFailureHalfWayDeletesNothingAndTheNextRunRetriesIt() async throws {
        let server = try await MotoS3.start(buckets: ["fest"])
        defer { server.stop() }
        let broken = "feeds/program.json"
        let failing = Mutex(false)
        let proxy = await FaultProxy.start(upstream: server.endpoint) { method, path, _ in
            failing.withLock { $0 } && method == "PUT" && path.hasSuffix(broken) ? 500 : nil
        }
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(draft(moved: false), in: folder, at: now)
        var publisher = try publisher(folder, server, through: proxy.url)
        publisher.client.retry.firstDelay = .milliseconds(20)
        _ = try await publisher.run(logger: logger)
        let change = try await FixtureBuild.run(draft(moved: true), in: folder, at: now.addingTimeInterval(60))

        failing.withLock { $0 = true }
        let report = try await publisher.run(logger: logger)
        #expect(report.failures.map(\.key) == [broken])
        #expect(
            await proxy.log.injected.count == publisher.client.retry.attempts,
            "a persistent 500 is tried 5 times, then given up")
        #expect(report.error.map { "\($0)".contains("1 object(s) not published (\(broken))") } == true)
        #expect(
            report.uploaded.allSatisfy { !$0.hasSuffix(".html") },
            "pages wait for the feeds they show: \(report.uploaded)")
        #expect(report.deleted.isEmpty, "nothing is deleted when an upload failed")
        let during = try await server.objects(in: "fest")
        #expect(change.write.removed.allSatisfy { during[$0] != nil })

        failing.withLock { $0 = false }
        let healed = try await publisher.run(logger: logger)
        #expect(Set(healed.uploaded + report.uploaded) == Set(change.write.written) && healed.uploaded.contains(broken))
        #expect(healed.deleted == change.write.removed)
        try await expectMirrored(folder, in: try server.objects(in: "fest"))
        await proxy.stop()
    }

    /// moto's own signature check rebuilds a path or a `prefix` with `+`, non-ASCII or `/`
    /// decoded and rejects even boto3's requests for them, so this round trip runs on a
    /// moto without signature checking; `signaturesMatchBotocore` checks those signatures.
    @Test func keysWithSpacesUTF8AndPlusRoundTrip() async throws {
        let server = try await MotoS3.start(auth: false, buckets: ["plain"])
        defer { server.stop() }
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(draft(moved: false), in: folder, at: now)
        let prefix = "Fest 2027+ü/Bühne & Zelt/"
        let first = try publisher(folder, server, to: "s3://plain/" + prefix)
        let report = try await first.run(logger: logger)
        #expect(report.failures.isEmpty)
        let objects = try await server.objects(in: "plain")
        try expectMirrored(folder, in: objects, prefix: prefix)
        #expect(objects.count == report.uploaded.count)

        // A fresh store has no record: the bucket is listed under the prefix and nothing goes up again.
        var fresh = try publisher(folder, server, to: "s3://plain/" + prefix, cache: "other-cache")
        fresh.client.listPageSize = 7
        #expect(report.uploaded.count > 14, "the listing takes several pages")
        let relisted = try await fresh.run(logger: logger)
        #expect(relisted.uploaded.isEmpty && relisted.plan.unchanged == report.uploaded.count)
    }

    @Test func signaturesMatchBotocore() async throws {
        let endpoint = S3Endpoint(base: URL(string: "http://127.0.0.1:9000")!, region: "eu-central-1", pathStyle: true)
        let credentials = SignatureV4.Credentials(
            accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        let date = Fixtures.instant("2026-11-28T12:00:00Z")
        let requests: [(method: String, key: String, query: [(String, String)], body: String)] = [
            ("PUT", "Fest 2027+ü/Bühne & Zelt/a b+c~d.html", [], "<p>ü</p>"),
            ("GET", "", [("list-type", "2"), ("prefix", "Fest 2027+ü/"), ("continuation-token", "1/abc+=")], ""),
            ("DELETE", "feeds/program.json", [], ""),
        ]
        for request in requests {
            let address = endpoint.address(bucket: "fest", key: request.key, query: request.query)
            let hash = SignatureV4.payloadHash(Data(request.body.utf8))
            var headers = [
                ("host", address.host), ("x-amz-date", SignatureV4.amzDate(date)), ("x-amz-content-sha256", hash),
                ("x-amz-security-token", "FQoGZXIvYXdzE+token/with=="),
            ]
            if request.method == "PUT" {
                headers += [
                    ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "public, max-age=60"),
                    ("Content-MD5", Data(Insecure.MD5.hash(data: Data(request.body.utf8))).base64EncodedString()),
                ]
            }
            let ours = SignatureV4(credentials: credentials, region: "eu-central-1")
                .sign(
                    method: request.method, path: address.path, query: request.query, headers: headers,
                    payloadHash: hash, at: date)
            let spec: [String: Any] = [
                "method": request.method, "url": address.url, "body": request.body, "region": "eu-central-1",
                "headers": Dictionary(uniqueKeysWithValues: headers), "access_key": credentials.accessKeyID,
                "secret": credentials.secretAccessKey,
            ]
            let input = try JSONSerialization.data(withJSONObject: spec)
            let result = try await ExternalTool.run(
                "sh",
                [
                    "-c", "printf '%s' \"$0\" | python3 \"$1\"", String(decoding: input, as: UTF8.self),
                    MotoS3.tools.appendingPathComponent("botocore_sign.py").path,
                ])
            let theirs = try JSONDecoder().decode([String: String].self, from: Data(result.output.utf8))
            #expect(ours.canonicalRequest == theirs["canonical_request"], "\(request.method) \(request.key)")
            #expect(ours.authorization == theirs["authorization"], "\(request.method) \(request.key)")
        }
    }
}
