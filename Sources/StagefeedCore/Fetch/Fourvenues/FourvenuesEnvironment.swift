import Foundation

/// Fourvenues' two environments: alpha (test data) and production (live data).
public enum FourvenuesEnvironment: String, Sendable, CaseIterable {
    case alpha
    case production

    /// The Integrations API's base URL.
    public var baseURL: URL {
        switch self {
        case .alpha: return URL(string: "https://api-alpha.fourvenues.com/integrations")!
        case .production: return URL(string: "https://api.fourvenues.com/integrations")!
        }
    }
}
