import Foundation

/// The bundled demo festival: Stagecraft-shaped JSON shipped with stagefeed and read
/// through the same decoder as the live API, so `stagefeed build` works out of the box.
public struct DemoSource: ProgramSource {
    public let name = "demo"
    /// The demo never changes; a short floor lets one try watch mode quickly.
    public let pollingFloor: Duration = .seconds(1)

    public init() {}

    /// The demo's pictures come from the bundle (`BundledImages`), never the network.
    public var imageAccess: ImageAccess? {
        ImageAccess(storeKey: name) { _ in BundledImages() }
    }

    public func load(normalizer: ProgramNormalizer) async throws -> SourceOutcome {
        let draft = try StagecraftDecoder.draft(bodies: try Self.bodies())
        return SourceOutcome(program: try normalizer.normalize(draft), freshness: .fresh)
    }

    public func inspect(normalizer: ProgramNormalizer) async throws -> SourceInspection {
        SourceInspection(program: try await load(normalizer: normalizer).program())
    }

    /// The bundled response bodies, one per endpoint.
    static func bodies() throws(SourceError) -> [StagecraftEndpoint: Data] {
        var bodies: [StagecraftEndpoint: Data] = [:]
        for endpoint in StagecraftEndpoint.allCases {
            let file = "\(endpoint.rawValue).json"
            guard
                let url = Bundle.module.url(
                    forResource: endpoint.rawValue, withExtension: "json", subdirectory: "demo"),
                let body = try? Data(contentsOf: url)
            else { throw .bundledDataMissing(file: file) }
            bodies[endpoint] = body
        }
        return bodies
    }
}
