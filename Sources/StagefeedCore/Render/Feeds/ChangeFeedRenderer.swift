import Foundation

/// `feeds/changes.json` (JSON Feed 1.1) and its Atom twin `feeds/changes.xml`: the program
/// changes recent builds noticed, newest first, one item per change, each with a stable id,
/// a sentence for people and the details in a `_stagefeed` object.
public struct ChangeFeedRenderer: WholeRenderer {
    /// How many changes the store keeps.
    public static let storedChanges = 200
    /// How many the feeds show at most (and they stay under `maximumBytes`).
    public static let shownChanges = 100
    public static let maximumBytes = 250_000

    /// The default language's strings and clock: change sentences are written in them.
    public var strings: Strings
    public var locale: SiteLocale
    public var clock: ClockStyle?

    public init(strings: Strings, locale: SiteLocale = .english, clock: ClockStyle? = nil) {
        self.strings = strings
        self.locale = locale
        self.clock = clock
    }

    public func render(_ program: Program, context: BuildContext, into sink: any OutputSink) throws {
        let format = EventTimeFormat(timeZone: program.event.timeZone, locale: locale.locale, clock: clock)
        var changes = Array(context.changes.prefix(Self.shownChanges))
        let pages = artistPages(program, changes: changes, context: context)
        var json = try FeedEncoding.encode(
            JSONFeed(program, changes: changes, pages: pages, context: context, format: format, strings: strings))
        while json.count > Self.maximumBytes && !changes.isEmpty {
            changes.removeLast(max(1, changes.count / 10))
            json = try FeedEncoding.encode(
                JSONFeed(program, changes: changes, pages: pages, context: context, format: format, strings: strings))
        }
        try sink.emit(OutputFile(path: "feeds/changes.json", contents: json))
        try sink.emit(
            OutputFile(
                path: "feeds/changes.xml", text: atom(program, changes: changes, context: context, format: format)))
    }

    /// The page of the artist of each changed set that has one, by the set's id (with a
    /// public address). Looked up for the hundred sets shown only: tables of the whole
    /// program were 16 MB at 20,000 sets, held while the feeds' entries were.
    private func artistPages(
        _ program: Program, changes: [ProgramChange], context: BuildContext
    ) -> [String: String] {
        guard let site = context.siteURL else { return [:] }
        let changed = Set(changes.map(\.performanceID))
        var artistIDs: [String: String] = [:]
        for performance in program.performances where changed.contains(performance.id) {
            artistIDs[performance.id] = performance.artistID
        }
        let wanted = Set(artistIDs.values)
        var slugs: [String: String] = [:]
        for artist in program.artists where wanted.contains(artist.id) { slugs[artist.id] = artist.slug }
        return artistIDs.compactMapValues { id in
            slugs[id].map { site.appendingPathComponent("artists/\($0)/").absoluteString }
        }
    }

    private func atom(
        _ program: Program, changes: [ProgramChange], context: BuildContext, format: EventTimeFormat
    ) -> String {
        let utc = Date.ISO8601FormatStyle()
        let feedID = StableUUID.make("changes\u{1F}\(context.sourceName)\u{1F}\(program.event.id)").uuidString
            .lowercased()
        var text =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(locale.tag)\">\n"
        text += "  <id>urn:uuid:\(feedID)</id>\n"
        text += "  <title>\(Markup.escape(strings.format("changes_title", ["event": program.event.name])))</title>\n"
        // Never the build's clock: the feed stays byte-identical while nothing changes.
        let updated =
            changes.first?.at ?? context.lastChange(of: program)
            ?? program.festivalCalendar.start(of: program.event.startDate)
        text += "  <updated>\(utc.format(updated))</updated>\n"
        text += "  <author><name>\(Markup.escape(program.event.name))</name></author>\n"
        text += "  <generator version=\"\(StagefeedVersion.current)\">stagefeed</generator>\n"
        if let site = context.siteURL {
            text +=
                "  <link rel=\"self\" href=\"\(Markup.escape(site.appendingPathComponent("feeds/changes.xml").absoluteString))\"/>\n"
            text += "  <link rel=\"alternate\" href=\"\(Markup.escape(site.absoluteString))\"/>\n"
        }
        for change in changes {
            let sentence = Markup.escape(change.sentence(format: format, strings: strings))
            text += "  <entry>\n    <id>urn:uuid:\(change.id)</id>\n    <title>\(sentence)</title>\n"
            text +=
                "    <updated>\(utc.format(change.at))</updated>\n    <content type=\"text\">\(sentence)</content>\n  </entry>\n"
        }
        return text + "</feed>\n"
    }

    /// The JSON Feed 1.1 document.
    private struct JSONFeed: Encodable {
        struct Details: Encodable {
            let kind, performance_id, title, start, end, stage_id, stage, day: String
            let previous_title, previous_start, previous_stage_id, previous_stage: String?
        }
        struct Item: Encodable {
            let id, title, content_text, date_published: String
            let url: String?
            let _stagefeed: Details
        }

        let version = "https://jsonfeed.org/version/1.1"
        let title, description: String
        let home_page_url, feed_url: String?
        let language: String
        let items: [Item]

        init(
            _ program: Program, changes: [ProgramChange], pages: [String: String], context: BuildContext,
            format: EventTimeFormat, strings: Strings
        ) {
            title = strings.format("changes_title", ["event": program.event.name])
            description = strings["changes_description"]
            language = strings.language
            home_page_url = context.siteURL?.absoluteString
            feed_url = context.siteURL?.appendingPathComponent("feeds/changes.json").absoluteString
            items = changes.map { change in
                let sentence = change.sentence(format: format, strings: strings)
                return Item(
                    id: change.id, title: sentence, content_text: sentence, date_published: format.iso8601(change.at),
                    url: pages[change.performanceID],
                    _stagefeed: Details(
                        kind: change.kind.rawValue, performance_id: change.performanceID, title: change.title,
                        start: format.iso8601(change.start), end: format.iso8601(change.end), stage_id: change.stageID,
                        stage: change.stageName, day: change.day.description, previous_title: change.previousTitle,
                        previous_start: change.previousStart.map(format.iso8601),
                        previous_stage_id: change.previousStageID,
                        previous_stage: change.previousStageName))
            }
        }
    }
}
