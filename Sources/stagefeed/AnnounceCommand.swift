import ArgumentParser
import Foundation
import StagefeedCore
import Synchronization

/// `stagefeed announce`: put a message on the screens now, list those on them, or clear
/// them; the store keeps them and `feeds/announcements.json` follows at once, no rebuild.
struct AnnounceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "announce",
        abstract: "Put a message on the screens now (no rebuild); list or clear the messages.",
        usage: """
            stagefeed announce [options] "TEXT" [--level info|warning|emergency] [--screens all|board|STAGE-SLUG ...] \
            [--for DURATION | --until TIME] [--text-LANG "TEXT" ...] [--publish]
              stagefeed announce [options] --list
              stagefeed announce [options] --clear ID|--all
            """,
        discussion: """
            info runs as a ticker line, warning as a banner across the top, emergency takes the whole \
            screen. Without --for or --until a message lasts until the end of the festival day. \
            --text-LANG gives the text in one of the export's languages (--text-de "…"); other \
            screens show TEXT. The file is written at once, or by the build or watch that holds the \
            output folder. Exit status: 0 done, 1 failed, 2 bad input (nothing changed).
            """)

    @OptionGroup var options: CommonOptions
    @OptionGroup(title: "Publishing") var publishing: PublishOptions

    @Flag(help: "Publish feeds/announcements.json at once (also done when publish.after_build is set).")
    var publish = false

    @Option(help: ArgumentHelp("How screens show it (default: info).", valueName: "info|warning|emergency"))
    var level: String = "info"

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "The screens that show it: all (default), board, or stage slugs (several, or comma-separated).",
            valueName: "all|board|slug"))
    var screens: [String] = []

    @Option(
        name: .customLong("for"),
        help: ArgumentHelp("How long it stays, e.g. 20m, 2h.", valueName: "duration"))
    var duration: String?

    @Option(
        help: ArgumentHelp(
            "When it ends: HH:MM (festival time, this festival day), YYYY-MM-DDTHH:MM or ISO 8601.",
            valueName: "time"))
    var until: String?

    @Flag(help: "List the messages on the screens now.")
    var list = false

    @Flag(help: "Clear the message with the ID given (or every message with --all).")
    var clear = false

    @Flag(help: "With --clear: clear every message.")
    var all = false

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "The text (at most 500 characters), or with --clear the message's ID; --text-LANG TEXT for each translation.",
            valueName: "text"))
    var words: [String] = []

    /// The text or id, and the translations, read from the words the parser left.
    struct Words {
        var text: String?
        var translations: [(tag: String, text: String)] = []
    }

    func validate() throws {
        let words = try parsedWords()
        if list && (clear || all || words.text != nil || !words.translations.isEmpty) {
            throw ValidationError("--list takes no text and cannot be used with --clear")
        }
        if clear && all == (words.text != nil) {
            throw ValidationError(
                "--clear takes the ID of one message, or --all (stagefeed announce --list shows them)")
        }
        if all && !clear { throw ValidationError("--all goes with --clear") }
        if Announcement.Level(rawValue: level) == nil {
            throw ValidationError("--level: \"\(level)\" is not info, warning or emergency")
        }
    }

    /// TEXT (the first word that is not an option) and `--text-LANG TEXT` / `--text-LANG=TEXT`.
    func parsedWords() throws -> Words {
        var result = Words()
        var remaining = words[...]
        while let word = remaining.popFirst() {
            if word.hasPrefix("--text-") {
                let option = word.dropFirst(2)
                if let equals = option.firstIndex(of: "=") {
                    result.translations.append(
                        (
                            String(option[option.index(option.startIndex, offsetBy: 5)..<equals]),
                            String(option[option.index(after: equals)...])
                        ))
                } else {
                    guard let value = remaining.popFirst() else { throw ValidationError("\(word) needs a text") }
                    result.translations.append((String(option.dropFirst(5)), value))
                }
            } else if word.hasPrefix("-") && word.count > 1 && word != "--" {
                throw ValidationError("unknown option \(word)")
            } else if word == "--" {
                continue
            } else if result.text == nil {
                result.text = word
            } else {
                throw ValidationError("unexpected \"\(word)\": give the text as one argument, in quotes")
            }
        }
        return result
    }

    func run() async throws {
        let console = Console(options: options)
        var layer = publishing.adding(to: options.layer)
        if publish { layer.values[.publishAfterBuild] = "true" }
        // The program is read from the store (or the bundled demo), never fetched.
        layer.values[.offline] = "true"
        let (settings, source) = try options.resolve(layer: layer, console: console)
        let store: ProgramStore
        do { store = try ProgramStore(folder: settings.cacheFolder) } catch {
            console.error("\(error)")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        // Publishing asked for but impossible is refused before anything changes.
        if settings.publishAfterBuild && !list,
            case .failure(let refusal) = PublishCommand.publisher(
                settings: settings, console: console)
        {
            throw ExitCode(refusal.status.rawValue)
        }
        let file = AnnouncementFile(store: store, folder: settings.outputFolder)
        let words = try parsedWords()
        let who = Self.user()
        if list {
            do { print(Announcer.listing(try store.announcements(inForceAt: Date()))) } catch {
                console.error("\(error)")
                throw ExitCode(ExitStatus.failure.rawValue)
            }
            return
        }
        let message: String
        do {
            if clear {
                message = try clearing(words.text, store: store, by: who)
            } else {
                let program = try await source.load(
                    normalizer: ProgramNormalizer(dayStart: settings.rendering.dayStart)
                )
                .program()
                let request = AnnouncementRequest(
                    text: words.text, translations: words.translations, level: Announcement.Level(rawValue: level)!,
                    screens: screens, duration: duration, until: until)
                let draft = try request.draft(
                    program: program, locales: settings.rendering.locales, now: Date(), setBy: who)
                let announcement = try store.addAnnouncement(draft, at: Date())
                message = Self.describe(announcement)
            }
        } catch let error as AnnouncementError {
            console.error("\(error)")
            throw ExitCode(ExitStatus.usage.rawValue)
        } catch {
            console.error("\(error)")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        try await deliver(message, file: file, settings: settings, console: console)
    }

    /// Clears one message or all; what to say about it.
    private func clearing(_ id: String?, store: ProgramStore, by who: String) throws -> String {
        if let id {
            guard let number = Int64(id.trimmingCharacters(in: CharacterSet(charactersIn: "#"))),
                let cleared = try store.clearAnnouncement(id: number, by: who, at: Date())
            else { throw AnnouncementError.notInForce(id: id) }
            return "announcement \(cleared.id) cleared"
        }
        let cleared = try store.clearAllAnnouncements(by: who, at: Date())
        return cleared.isEmpty ? "no announcements were on the screens" : "\(cleared.count) announcement(s) cleared"
    }

    /// Writes (and publishes) the file, or leaves it to the process holding the folder.
    private func deliver(_ message: String, file: AnnouncementFile, settings: Settings, console: Console) async throws {
        let published = PublishedStatus()
        let delivery: Announcer.Delivery
        do {
            delivery = try await Announcer(file: file).deliver {
                guard settings.publishAfterBuild else { return }
                published.set(
                    await PublishCommand.publish(file: AnnouncementFeed.path, settings: settings, console: console))
            }
        } catch {
            console.error("\(message), but \(AnnouncementFeed.path) could not be written: \(error)")
            throw ExitCode(ExitStatus.failure.rawValue)
        }
        switch delivery {
        case .written:
            console.summary("\(message); \(settings.outputFolder.path)/\(AnnouncementFeed.path) written")
        case .handedOver(let holder):
            console.summary(
                "\(message); \(holder) holds \(settings.outputFolder.path) and writes \(AnnouncementFeed.path)")
            if settings.publishAfterBuild {
                console.logger.notice("it publishes the file if it was started with --publish (publish.after_build)")
            }
        }
        if published.status != .success { throw ExitCode(published.status.rawValue) }
    }

    /// `announcement 3 (emergency, all screens) until Fri 23 22:30`.
    static func describe(_ announcement: Announcement) -> String {
        let format = EventTimeFormat(timeZone: announcement.timeZone, clock: .twentyFourHour)
        let screens =
            announcement.screens == [.all]
            ? "all screens" : announcement.screens.map(\.description).joined(separator: ", ")
        let end = format.shortDatedDay(format.localDate(announcement.end)) + " " + format.clockTime(announcement.end)
        return "announcement \(announcement.id) (\(announcement.level.rawValue), \(screens)) until \(end)"
    }

    /// Who is announcing, on which machine: `anna@stage-pc`.
    static func user() -> String {
        let environment = ProcessInfo.processInfo.environment
        let name =
            environment["USER"] ?? environment["LOGNAME"] ?? getpwuid(geteuid()).flatMap {
                String(cString: $0.pointee.pw_name)
            }
            ?? "uid \(geteuid())"
        return "\(name)@\(ProcessInfo.processInfo.hostName)"
    }
}

/// The exit status of the publishes an announcement caused (the last failure counts).
final class PublishedStatus: Sendable {
    private let value = Mutex(ExitStatus.success)
    func set(_ status: ExitStatus) { if status != .success { value.withLock { $0 = status } } }
    var status: ExitStatus { value.withLock { $0 } }
}
