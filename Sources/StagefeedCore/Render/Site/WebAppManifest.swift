import Foundation

/// `manifest.webmanifest`, one per language (at the language's home, which is its
/// `start_url`), through the theme's `manifest` template, so the site can be added to a
/// home screen. Its icons are the theme's: `icon.svg` (any size), `icon-maskable.svg`
/// (drawn with the safe zone a maskable icon needs) and PNGs named `icon-<size>.png` or
/// `icon-maskable-<size>.png`, each listed when the theme has it.
enum WebAppManifest {
    /// One icon of the manifest.
    struct Icon: Equatable {
        var asset: String
        var sizes: String
        var type: String
        var purpose: String
    }

    /// The theme's icons among its assets (by name): SVGs first (any, then maskable), then
    /// PNGs by size.
    static func icons(in assets: [String]) -> [Icon] {
        var svgs: [Icon] = []
        var pngs: [(size: Int, icon: Icon)] = []
        for name in assets.sorted() {
            switch name {
            case "icon.svg": svgs.append(Icon(asset: name, sizes: "any", type: "image/svg+xml", purpose: "any"))
            case "icon-maskable.svg":
                svgs.append(Icon(asset: name, sizes: "any", type: "image/svg+xml", purpose: "maskable"))
            default:
                guard let match = name.wholeMatch(of: /icon-(maskable-)?([0-9]{2,4})\.png/), let size = Int(match.2)
                else { continue }
                pngs.append(
                    (
                        size,
                        Icon(
                            asset: name, sizes: "\(size)x\(size)", type: "image/png",
                            purpose: match.1 == nil ? "any" : "maskable")
                    ))
            }
        }
        return svgs.sorted { $0.purpose < $1.purpose }
            + pngs.sorted { ($0.size, $0.icon.purpose) < ($1.size, $1.icon.purpose) }.map(\.icon)
    }

    /// The manifest of `locale`'s pages as a render unit.
    static func unit(
        theme: Theme, locale: SiteLocale, strings: Strings, event: Event, assets: [String: String]
    ) -> RenderUnit {
        let path = locale.folder + OutputPaths.manifest
        let root = OutputPaths.root(of: path)
        let icons = icons(in: Array(theme.assets.keys))
        var digest = DigestBuilder("web app manifest")
        digest.add(theme.digest)
        digest.add(locale.tag)
        digest.add([event.name, event.description ?? ""])
        for icon in icons { digest.add([icon.asset, assets[Self.templateName(icon.asset)] ?? ""]) }
        return RenderUnit(key: path, digest: digest.finish(), cost: 200) { [theme] sink in
            func string(_ text: String) -> String {
                var json = JSONWriter(style: .script)
                json.string(text)
                return String(decoding: json.bytes, as: UTF8.self)
            }
            var list = JSONWriter(style: .script)
            list.beginArray()
            for icon in icons {
                guard let asset = assets[Self.templateName(icon.asset)] else { continue }
                list.beginObject()
                list.key("purpose")
                list.string(icon.purpose)
                list.key("sizes")
                list.string(icon.sizes)
                list.key("src")
                list.string(root + asset)
                list.key("type")
                list.string(icon.type)
                list.endObject()
            }
            list.endArray()
            let description = Paragraphs.of(event.description).first ?? ""
            let values = TemplateDictionary([
                "name": .text(string(event.name)),
                "shortName": .text(string(shortName(event.name))),
                "description": .text(string(description)),
                "lang": .text(string(locale.tag)),
                "dir": .text(string(locale.isRightToLeft ? "rtl" : "ltr")),
                "startURL": .text(string(OutputPaths.index)),
                "scope": .text(string("./")),
                "icons": .text(String(decoding: list.bytes, as: UTF8.self)),
                "t": .object(StringTable(strings.values)),
            ])
            var output = TemplateOutput()
            try theme.render("manifest", page: values, frame: nil, fragments: nil, into: &output)
            try sink.emit(OutputFile(path: path, contents: Data(output.bytes)))
        }
    }

    /// The name under a home-screen icon: the festival's name up to 12 characters, else its
    /// words that fit (at least the first).
    static func shortName(_ name: String) -> String {
        guard name.count > 12 else { return name }
        var short = ""
        for word in name.split(separator: " ") {
            let longer = short.isEmpty ? String(word) : short + " " + word
            if longer.count > 12 && !short.isEmpty { break }
            short = longer
        }
        return short
    }

    /// An asset's name as templates see it (`icon-192.png` → `icon_192_png`).
    static func templateName(_ asset: String) -> String {
        String(asset.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}
