import Foundation

/// Why a source could not give a program: the data was wrong, or the API could not be read.
/// Every message names the endpoint and, for data, the item and field at fault.
public enum SourceError: Error, Equatable, CustomStringConvertible {
    case notJSON(endpoint: String)
    case unsuccessful(endpoint: String, message: String)
    case wrongShape(endpoint: String, expected: String, found: String)
    case missingField(endpoint: String, item: String, field: String)
    case invalidField(endpoint: String, item: String, field: String, expected: String, found: String)
    case noActiveEvent(endpoint: String)
    case bundledDataMissing(file: String)
    case unauthorized(endpoint: String)
    case revoked(endpoint: String)
    case notFound(endpoint: String)
    case rateLimited(endpoint: String, detail: String)
    case serverError(endpoint: String, status: Int, attempts: Int)
    case timedOut(endpoint: String, attempts: Int)
    case unreachable(endpoint: String, detail: String)
    case tooLarge(endpoint: String, limit: Int)
    case unexpectedStatus(endpoint: String, status: Int)
    case storeFailed(detail: String)
    /// The run was stopped (SIGTERM to a watch) while waiting on the API.
    case cancelled(endpoint: String)
    /// The API refused the request for a reason only the user can fix (Fourvenues' 401, 403, 404, 422).
    case refused(endpoint: String, status: Int, advice: String)

    public var description: String {
        switch self {
        case .notJSON(let endpoint):
            return "\(endpoint): the response is not valid JSON (empty, truncated or not JSON at all)"
        case .unsuccessful(let endpoint, let message):
            return "\(endpoint): the API answered success: false (\(message))"
        case .wrongShape(let endpoint, let expected, let found):
            return "\(endpoint): expected data to be \(expected), found \(found)"
        case .missingField(let endpoint, let item, let field):
            return "\(endpoint): \(item): required field \(field) is missing or empty"
        case .invalidField(let endpoint, let item, let field, let expected, let found):
            return "\(endpoint): \(item): field \(field) should be \(expected), found \(found)"
        case .noActiveEvent(let endpoint):
            return "\(endpoint): the festival has no active event; mark an event active in Stagecraft"
        case .bundledDataMissing(let file):
            return "the bundled demo file \(file) is missing from the installation"
        case .unauthorized(let endpoint):
            return
                "\(endpoint): 401 unauthorized: the API key was refused; check the key sent in X-API-Key (STAGEFEED_API_KEY or --api-key-file)"
        case .revoked(let endpoint):
            return
                "\(endpoint): 403 forbidden: this key was revoked; an admin generates a new one under Settings → API Keys"
        case .notFound(let endpoint):
            return "\(endpoint): 404 not found; check base_url (it ends in /api/v1)"
        case .rateLimited(let endpoint, let detail):
            return "\(endpoint): rate limited (429): \(detail)"
        case .serverError(let endpoint, let status, let attempts):
            return "\(endpoint): the server failed with HTTP \(status) (\(attempts) attempt\(attempts == 1 ? "" : "s"))"
        case .timedOut(let endpoint, let attempts):
            return "\(endpoint): no complete answer in time (\(attempts) attempt\(attempts == 1 ? "" : "s"))"
        case .unreachable(let endpoint, let detail):
            return "\(endpoint): could not connect: \(detail)"
        case .tooLarge(let endpoint, let limit):
            return "\(endpoint): the response is larger than \(limit / (1 << 20)) MiB; refusing to read it"
        case .unexpectedStatus(let endpoint, let status):
            return
                "\(endpoint): unexpected HTTP status \(status) (redirects are not followed: point base_url at the final address)"
        case .storeFailed(let detail):
            return "the local store failed: \(detail)"
        case .cancelled(let endpoint):
            return "\(endpoint): stopped before the API answered"
        case .refused(let endpoint, let status, let advice):
            return "\(endpoint): \(status): \(advice)"
        }
    }
}
