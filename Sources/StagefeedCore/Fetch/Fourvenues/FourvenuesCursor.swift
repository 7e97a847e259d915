import Foundation

/// A Fourvenues sync in progress: full (every event) or incremental (events updated in a
/// date window), and the next page to read. Stored after every page, so a sync that fails
/// half-way resumes where it stopped.
public struct FourvenuesCursor: Sendable, Equatable, Codable {
    public var isFull: Bool
    /// The incremental window, `YYYY-MM-DD`, in the venue's timezone.
    public var startDate: String?
    public var endDate: String?
    /// The next page to read (from 1).
    public var page: Int
    /// When the sync began: the next incremental window starts from it.
    public var startedAt: Date
    /// The page size the pages were read with (a resumed sync must keep it).
    public var limit: Int

    /// The query of the cursor's page.
    func query() -> [(String, String)] {
        var query = [("page", String(page)), ("limit", String(limit))]
        if !isFull, let startDate, let endDate {
            query += [("date_field", "updated_at"), ("start_date", startDate), ("end_date", endDate)]
        }
        return query
    }
}
