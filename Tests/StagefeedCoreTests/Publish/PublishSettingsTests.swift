import Foundation
import Testing

@testable import StagefeedCore

/// Publishing's settings: the destination, addressing, the `publish:` section of
/// `stagefeed.yml`, and credentials found the AWS way.
@Suite struct PublishSettingsTests {
    @Test func destinationsParseWithOrWithoutAPrefix() throws {
        let plain = try #require(S3Destination(parsing: "s3://fest-2027"))
        #expect(plain.bucket == "fest-2027" && plain.prefix == "" && plain.key(for: "index.html") == "index.html")
        #expect(plain.description == "s3://fest-2027")
        let nested = try #require(S3Destination(parsing: "s3://fest.example/site/2027/"))
        #expect(nested.prefix == "site/2027/" && nested.key(for: "days/x.html") == "site/2027/days/x.html")
        for bad in [
            "fest", "https://fest", "s3://", "s3://ab", "s3://Fest", "s3://fest_2027", "s3://-fest", "s3://fest..x",
            "s3://fest/../x", "s3://fest/a/./b", "s3://\(String(repeating: "a", count: 64))",
        ] {
            #expect(S3Destination(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func addressingIsVirtualHostedUnlessPathStyleIsNeeded() {
        let aws = S3Endpoint(base: S3Endpoint.amazon(region: "eu-central-1"), region: "eu-central-1", pathStyle: false)
        let virtual = aws.address(bucket: "fest", key: "days/a b+ü.html")
        #expect(virtual.url == "https://fest.s3.eu-central-1.amazonaws.com/days/a%20b%2B%C3%BC.html")
        #expect(virtual.host == "fest.s3.eu-central-1.amazonaws.com" && virtual.path == "/days/a b+ü.html")
        #expect(
            aws.address(bucket: "fest.example", key: "a").url == "https://s3.eu-central-1.amazonaws.com/fest.example/a",
            "a dotted bucket would not match the wildcard certificate")
        let forced = S3Endpoint(base: URL(string: "https://minio.example:9000")!, region: "us-east-1", pathStyle: true)
        #expect(forced.address(bucket: "fest", key: "a").url == "https://minio.example:9000/fest/a")
        #expect(forced.address(bucket: "fest", key: "a").host == "minio.example:9000")
        let local = S3Endpoint(base: URL(string: "http://127.0.0.1:9000")!, region: "us-east-1", pathStyle: false)
        let listing = local.address(bucket: "fest", key: "", query: [("list-type", "2"), ("prefix", "site/a b")])
        #expect(listing.url == "http://127.0.0.1:9000/fest/?list-type=2&prefix=site%2Fa%20b")
        let six = S3Endpoint(base: URL(string: "http://[::1]:9000")!, region: "us-east-1", pathStyle: false)
        #expect(six.address(bucket: "fest", key: "a").url == "http://[::1]:9000/fest/a")
    }

    @Test func thePublishSectionOfTheConfigFileFlagsAndEnvironment() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "stagefeed.yml",
            """
            publish:
              to: s3://fest/site
              endpoint: https://account.r2.cloudflarestorage.com
              region: auto
              path_style: true
              delete: false
              cache_short: public, max-age=30
            """)
        let resolver = SettingsResolver(workingDirectory: folder.url)
        let settings = try resolver.resolve(flags: SettingsLayer(origin: .flags), environment: [:], configFlag: nil)
        let publish = try #require(settings.publish)
        #expect(publish.destination == S3Destination(parsing: "s3://fest/site"))
        #expect(publish.endpoint?.absoluteString == "https://account.r2.cloudflarestorage.com")
        #expect(publish.region == "auto" && publish.pathStyle && !publish.deletes)
        #expect(publish.cachePolicy.short == "public, max-age=30")
        #expect(
            publish.cachePolicy.cacheControl(for: "assets/site.0123abcd.css") == "public, max-age=31536000, immutable")
        #expect(publish.cachePolicy.cacheControl(for: "assets/icon.svg") == "public, max-age=30")
        #expect(!settings.publishAfterBuild)

        let overridden = try resolver.resolve(
            flags: SettingsLayer(
                origin: .flags, values: [.publishTo: "s3://other", .publishDelete: "true", .publishAfterBuild: "true"]),
            environment: ["STAGEFEED_PUBLISH_REGION": "eu-west-3"], configFlag: nil)
        #expect(overridden.publish?.destination.bucket == "other" && overridden.publish?.region == "eu-west-3")
        #expect(overridden.publish?.deletes == true && overridden.publishAfterBuild)
        #expect(SettingKey.publishTo.flag == "--to" && SettingKey.publishAfterBuild.flag == "--publish")
        #expect(SettingKey.publishPathStyle.environmentVariable == "STAGEFEED_PUBLISH_PATH_STYLE")
    }

    @Test func publishMistakesNameTheSettingAndLine() throws {
        let folder = try TemporaryFolder()
        let resolver = SettingsResolver(workingDirectory: folder.url)
        try folder.write("stagefeed.yml", "publish:\n  to: s3://fest\n  bucket: nope\n")
        #expect(
            throws: ConfigurationError.unknownSetting(
                path: folder.path("stagefeed.yml").path, key: "publish.bucket", line: 3)
        ) {
            try resolver.resolve(flags: SettingsLayer(origin: .flags), environment: [:], configFlag: nil)
        }
        try folder.write("stagefeed.yml", "publish: s3://fest\n")
        #expect(throws: ConfigurationError.self) {
            try resolver.resolve(flags: SettingsLayer(origin: .flags), environment: [:], configFlag: nil)
        }
        try folder.write("stagefeed.yml", "publish:\n  to: s3://Fest\n")
        do {
            _ = try resolver.resolve(flags: SettingsLayer(origin: .flags), environment: [:], configFlag: nil)
            Issue.record("an invalid bucket name was accepted")
        } catch {
            #expect("\(error)".contains("publish.to in \(folder.path("stagefeed.yml").path) (line 2)"), "\(error)")
        }
        let insecure = SettingsLayer(
            origin: .flags, values: [.publishTo: "s3://fest", .publishEndpoint: "http://storage.example"])
        #expect(throws: ConfigurationError.self) {
            try SettingsResolver(workingDirectory: folder.url).resolve([insecure])
        }
        let noDestination = SettingsLayer(origin: .flags, values: [.publishAfterBuild: "true"])
        #expect(throws: ConfigurationError.self) {
            try SettingsResolver(workingDirectory: folder.url).resolve([noDestination])
        }
    }

    @Test func credentialsComeFromTheEnvironmentThenTheSharedFile() throws {
        let folder = try TemporaryFolder()
        let fromEnvironment = try AWSCredentials.resolve(
            environment: [
                "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "secret-env", "AWS_SESSION_TOKEN": "token-env",
            ],
            home: folder.url.path)
        #expect(fromEnvironment.keys.accessKeyID == "AKIDENV" && fromEnvironment.sessionToken == "token-env")
        #expect(!"\(fromEnvironment)".contains("secret-env") && !"\(fromEnvironment)".contains("token-env"))

        try folder.write(
            ".aws/credentials",
            """
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = secret-default

            # the festival's own key
            [profile festival]
            aws_access_key_id=AKIDFEST
            aws_secret_access_key=secret/fest+1
            aws_session_token = token-fest
            """)
        let standard = try AWSCredentials.resolve(environment: [:], home: folder.url.path)
        #expect(
            standard.keys.accessKeyID == "AKIDDEFAULT" && standard.keys.secretAccessKey == "secret-default"
                && standard.sessionToken == nil)
        let named = try AWSCredentials.resolve(environment: ["AWS_PROFILE": "festival"], home: folder.url.path)
        #expect(named.keys.secretAccessKey == "secret/fest+1" && named.sessionToken == "token-fest")
        #expect(named.origin.contains("profile festival"))
        #expect(throws: PublishError.self) {
            try AWSCredentials.resolve(environment: ["AWS_PROFILE": "missing"], home: folder.url.path)
        }
        #expect(throws: PublishError.self) {
            try AWSCredentials.resolve(environment: ["AWS_ACCESS_KEY_ID": "AKID"], home: folder.url.path)
        }
        let elsewhere = try folder.write(
            "other/creds", "[default]\naws_access_key_id=AKIDOTHER\naws_secret_access_key=x\n")
        #expect(
            try AWSCredentials.resolve(
                environment: ["AWS_SHARED_CREDENTIALS_FILE": elsewhere.path], home: "/nonexistent"
            ).keys.accessKeyID == "AKIDOTHER")
    }

    @Test func textIsServedAsUTF8() {
        #expect(ContentType.of("index.html") == "text/html; charset=utf-8")
        #expect(ContentType.of("calendar/program.ics") == "text/calendar; charset=utf-8")
        #expect(ContentType.of("feeds/program.json") == "application/json; charset=utf-8")
        #expect(ContentType.of("feeds/changes.json") == "application/feed+json; charset=utf-8")
        #expect(ContentType.of("schedule.xml") == "application/xml; charset=utf-8")
        #expect(ContentType.of("assets/site.0123abcd.css") == "text/css; charset=utf-8")
        #expect(ContentType.of("sw.js") == "text/javascript; charset=utf-8")
        #expect(ContentType.of("signage/packages/board.zip") == "application/zip")
        #expect(ContentType.of("assets/photo.JPG") == "image/jpeg")
    }
}
