import Foundation

extension Publisher {
    /// Publishes one file of the output now (`feeds/announcements.json` after an
    /// announcement), unless the store's record says the destination has these bytes and
    /// headers already; records what it uploaded. Whether it uploaded.
    public func publish(file path: String) async throws(PublishError) -> Bool {
        let body = try LocalObject.read(path, in: outputFolder)
        let object = LocalObject(
            path: path, key: settings.destination.key(for: path), md5: LocalObject.md5Hex(body), size: body.count,
            contentType: ContentType.of(path), cacheControl: settings.cachePolicy.cacheControl(for: path))
        let record: [String: PublishedObject]?
        do { record = try store.publishedObjects(destination: destinationID) } catch { throw .store(error) }
        if let known = record?[object.key], known.md5 == object.md5, known.headers == object.headers { return false }
        do {
            try await client.put(
                key: object.key, body: body, contentType: object.contentType, cacheControl: object.cacheControl)
        } catch {
            if error.isFatal { throw .refused(error) }
            throw .incomplete(failed: [object.key], firstReason: "\(error)")
        }
        do {
            try store.recordPublished(
                destination: destinationID,
                objects: [object.key: PublishedObject(md5: object.md5, size: object.size, headers: object.headers)],
                removed: [], at: Date())
        } catch {
            throw .store(error)
        }
        return true
    }
}
