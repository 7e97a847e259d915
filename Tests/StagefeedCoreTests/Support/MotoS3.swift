import Foundation

@testable import StagefeedCore

/// A real S3-compatible server on loopback for the publishing tests: moto's server
/// (`Tests/tools/moto_s3.py`, PyPI `moto[server]`), with signature checking on unless
/// told otherwise. It stops when its standard input closes: on `stop()`, or when the test
/// process ends.
final class MotoS3: Sendable {
    /// An object as another S3 client (boto3) reads it back.
    struct RemoteObject: Decodable, Equatable {
        var size: Int
        var md5: String
        var contentType: String?
        var cacheControl: String?

        enum CodingKeys: String, CodingKey {
            case size, md5
            case contentType = "content_type"
            case cacheControl = "cache_control"
        }
    }

    private struct Info: Decodable {
        var endpoint: String
        var access_key: String
        var secret: String
    }

    let endpoint: URL
    let accessKey: String
    let secret: String
    private let process: Process
    private let input: Pipe

    private init(endpoint: URL, accessKey: String, secret: String, process: Process, input: Pipe) {
        self.endpoint = endpoint
        self.accessKey = accessKey
        self.secret = secret
        self.process = process
        self.input = input
    }

    static var tools: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tools")
    }

    /// Starts a server holding `buckets`; `auth` turns signature checking on after setup.
    /// Waits for it off Swift's cooperative threads (moto takes seconds to start), so the
    /// servers of tests running beside this one keep answering.
    static func start(auth: Bool = true, buckets: [String]) async throws -> MotoS3 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", tools.appendingPathComponent("moto_s3.py").path] + (auth ? ["--auth"] : [])
            + buckets.flatMap { ["--bucket", $0] }
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var line = Data()
                while !line.contains(UInt8(ascii: "\n")) {
                    let chunk = output.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    line.append(chunk)
                }
                continuation.resume(returning: line)
            }
        }
        guard let info = try? JSONDecoder().decode(Info.self, from: line), let url = URL(string: info.endpoint) else {
            process.terminate()
            throw MotoError(
                detail:
                    "moto_s3.py did not start (is moto[server] installed? scripts/install-test-tools installs it): \(String(decoding: line, as: UTF8.self))"
            )
        }
        return MotoS3(endpoint: url, accessKey: info.access_key, secret: info.secret, process: process, input: input)
    }

    struct MotoError: Error, CustomStringConvertible {
        var detail: String
        var description: String { detail }
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// The server's credentials, or its access key with a wrong secret.
    func credentials(secret override: String? = nil) -> AWSCredentials {
        AWSCredentials(
            keys: .init(accessKeyID: accessKey, secretAccessKey: override ?? secret), sessionToken: nil,
            origin: "the test")
    }

    /// The environment `stagefeed publish` finds its credentials in.
    func environment(secret override: String? = nil) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": accessKey, "AWS_SECRET_ACCESS_KEY": override ?? secret, "AWS_SESSION_TOKEN": "",
            "AWS_PROFILE": "",
            "AWS_SHARED_CREDENTIALS_FILE": "", "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "",
        ]
    }

    /// A client for `bucket` signing with these credentials, through `endpoint` (default: the server).
    func client(bucket: String, through endpoint: URL? = nil, secret override: String? = nil) -> S3Client {
        S3Client(
            endpoint: S3Endpoint(base: endpoint ?? self.endpoint, region: "us-east-1", pathStyle: true),
            bucket: bucket, credentials: credentials(secret: override))
    }

    /// Every object of `bucket`, read back by boto3.
    func objects(in bucket: String) async throws -> [String: RemoteObject] {
        let result = try await ExternalTool.run(
            "python3",
            [
                MotoS3.tools.appendingPathComponent("s3_objects.py").path,
                endpoint.absoluteString, accessKey, secret, bucket,
            ])
        guard result.status == 0, let data = result.output.split(separator: "\n").last.map({ Data($0.utf8) }) else {
            throw MotoError(detail: "s3_objects.py failed: \(result.output)")
        }
        return try JSONDecoder().decode([String: RemoteObject].self, from: data)
    }
}
