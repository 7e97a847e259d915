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
            return "\(endpoint): the account has no active event; mark an event active in Stagecraft"
        case .bundledDataMissing(let file):
            return "the bundled demo file \(file) is missing from the installation"
        }
    }
}
