import Foundation

/// Reads Fourvenues responses (the `success` / `data` envelope): a page of events, each
/// kept with its own JSON for the store, and the channels that verify a key.
public enum FourvenuesDecoder {
    /// A page of events: those that decode, with their JSON, and an error for each that
    /// does not (it is skipped, not fatal: one broken night must not stop a venue's site).
    public static func page(
        _ body: Data, endpoint: String
    ) throws(SourceError)
        -> (events: [(FourvenuesEvent, Data)], skipped: [(id: String?, error: SourceError)])
    {
        let data = try unwrap(body, endpoint: endpoint)
        guard case .array(let items) = data else {
            throw .wrongShape(endpoint: endpoint, expected: "a list of events", found: data.typeName)
        }
        var events: [(FourvenuesEvent, Data)] = []
        var skipped: [(id: String?, error: SourceError)] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for (index, item) in items.enumerated() {
            var label = "event \(index)"
            var id: String?
            if case .object(let fields) = item, case .string(let text)? = fields["_id"] {
                id = text
                label += " (_id \(text))"
            }
            do {
                let event = try FourvenuesEvent(FieldReader(item, endpoint: endpoint, item: label))
                events.append((event, (try? encoder.encode(item)) ?? Data()))
            } catch {
                skipped.append((id, error))
            }
        }
        return (events, skipped)
    }

    /// One stored event's JSON, decoded again.
    static func event(_ body: Data, id: String) throws(SourceError) -> FourvenuesEvent {
        guard let value = JSONValue.parse(body) else { throw .notJSON(endpoint: "stored event \(id)") }
        return try FourvenuesEvent(FieldReader(value, endpoint: "stored event", item: id))
    }

    /// The names of the channels a key can see (`GET /channels/`).
    public static func channels(_ body: Data, endpoint: String) throws(SourceError) -> [String] {
        let data = try unwrap(body, endpoint: endpoint)
        guard case .array(let items) = data else {
            throw .wrongShape(endpoint: endpoint, expected: "a list of channels", found: data.typeName)
        }
        var names: [String] = []
        for (index, item) in items.enumerated() {
            names.append(try FieldReader(item, endpoint: endpoint, item: "channel \(index)").string("name"))
        }
        return names
    }

    /// The `data` of an envelope, or the error it describes.
    static func unwrap(_ body: Data, endpoint: String) throws(SourceError) -> JSONValue {
        guard let document = JSONValue.parse(body) else { throw .notJSON(endpoint: endpoint) }
        guard case .object(let envelope) = document else {
            throw .wrongShape(endpoint: endpoint, expected: "an object with success and data", found: document.typeName)
        }
        if case .bool(false)? = envelope["success"] {
            var message = "no error message"
            for key in ["error", "message"] { if case .string(let text)? = envelope[key] { message = text } }
            throw .unsuccessful(endpoint: endpoint, message: message)
        }
        guard let data = envelope["data"], data != .null else {
            throw .wrongShape(endpoint: endpoint, expected: "an object with data", found: "no data")
        }
        return data
    }
}
