import Foundation

/// `search/index.json`: what the site's search field looks through, one file for every
/// language (names are not translated; the page formats days and times in its own
/// language). Loaded by the script on first use and kept by the service worker. Compact:
/// arrays by position, names once, times in minutes from `base`:
///
/// ```
/// {"v":1,"zone":"Europe/Berlin","base":<minutes since 1970 of the first day's start>,
///  "days":[["2027-07-23",<start>,<end>],…],     minutes from base
///  "stages":[["Main Stage","main-stage"],…],
///  "artists":[["Café Lune","cafe-lune"],…],
///  "kinds":["Workshop","Techno",…],              activities and genres
///  "sets":[[code,title,artist,stage,day,start,minutes,kinds,lineup],…]}
/// ```
///
/// A set's `title` is `0` when it is its artist's name, `artist` is `-1` when it has none,
/// `code` is its share code (`PerformanceFacts.code`), `kinds` and `lineup` (indexes) are
/// left off when empty. Folding for search (case, accents, width) happens in the browser,
/// on the index and the query alike.
enum SearchIndex {
    static let version = 1

    /// The index as a render unit, with the digest of everything it holds.
    static func unit(for resources: RenderResources) -> RenderUnit {
        var digest = DigestBuilder("search index")
        digest.add(version)
        digest.add(resources.programDigest)
        digest.add(resources.artistsDigest)
        digest.add(resources.setsDigest)
        return RenderUnit(
            key: OutputPaths.searchIndex, digest: digest.finish(), cost: 2000 + resources.performances.count * 60
        ) { sink in
            try sink.emit(OutputFile(path: OutputPaths.searchIndex, contents: Data(json(resources))))
        }
    }

    /// The index's bytes.
    static func json(_ resources: RenderResources) -> [UInt8] {
        let program = resources.program
        let days = MinuteDays(program.days, fallback: program.performances.first?.start)
        let stagePositions = Dictionary(
            program.stages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let artistPositions = Dictionary(
            program.artists.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let dayPositions = Dictionary(
            program.days.enumerated().map { ($1.date, $0) }, uniquingKeysWith: { first, _ in first })
        var kinds: [String] = []
        var kindPositions: [String: Int] = [:]
        var json = JSONWriter(style: .script, capacity: 4096 + program.performances.count * 48)
        json.beginObject()
        json.key("artists")
        json.beginArray()
        for artist in program.artists {
            json.beginArray()
            json.string(artist.name)
            json.string(artist.slug)
            json.endArray()
        }
        json.endArray()
        days.write(into: &json)
        // The sets are written before the kinds they name, which are gathered on the way.
        var sets = JSONWriter(style: .script, capacity: program.performances.count * 40, depth: 1)
        sets.beginArray()
        for (position, performance) in program.performances.enumerated() {
            let facts = resources.performances[position]
            let artist = performance.artistID.flatMap { artistPositions[$0] }
            sets.beginArray()
            sets.string(facts.code)
            if let artist, program.artists[artist].name == performance.displayName {
                sets.number(0)
            } else {
                sets.string(performance.displayName)
            }
            sets.number(artist ?? -1)
            sets.number(stagePositions[performance.stageID] ?? -1)
            sets.number(dayPositions[performance.day] ?? -1)
            let start = days.minutes(performance.start)
            sets.number(start)
            sets.number(max(0, days.minutes(performance.end) - start))
            let names = SetKinds.names(of: performance)
            let lineup = (performance.lineup ?? []).compactMap { artistPositions[$0] }
            if !names.isEmpty || lineup.count > 1 {
                sets.beginArray()
                for name in names {
                    if let known = kindPositions[name] {
                        sets.number(known)
                    } else {
                        kindPositions[name] = kinds.count
                        sets.number(kinds.count)
                        kinds.append(name)
                    }
                }
                sets.endArray()
            }
            if lineup.count > 1 {
                sets.beginArray()
                for member in lineup { sets.number(member) }
                sets.endArray()
            }
            sets.endArray()
        }
        sets.endArray()
        json.key("kinds")
        json.beginArray()
        for kind in kinds { json.string(kind) }
        json.endArray()
        json.key("sets")
        json.raw(sets.bytes)
        json.key("stages")
        json.beginArray()
        for stage in program.stages {
            json.beginArray()
            json.string(stage.name)
            json.string(stage.slug)
            json.endArray()
        }
        json.endArray()
        json.key("v")
        json.number(version)
        json.key("zone")
        json.string(program.event.timeZone.identifier)
        json.endObject()
        return json.bytes
    }
}
