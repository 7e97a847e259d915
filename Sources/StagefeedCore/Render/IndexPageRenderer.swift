import Foundation

/// `index.html`: a plain, self-contained page listing the festival's days, stages and
/// performances, readable on a phone and in print.
public struct IndexPageRenderer: Renderer {
    public init() {}

    public func render(_ program: Program, context: BuildContext) throws -> [OutputFile] {
        let format = EventTimeFormat(timeZone: program.event.timeZone)
        let stageNames = Dictionary(uniqueKeysWithValues: program.stages.map { ($0.id, $0.name) })
        let event = program.event
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Markup.escape(event.name))</title>
        <link rel="alternate" type="application/feed+json" title="Program changes" href="feeds/changes.json">
        <link rel="alternate" type="application/atom+xml" title="Program changes" href="feeds/changes.xml">
        <style>
        body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:48rem;padding:1rem;color:#1a1a1a;background:#fff}
        h1{font-size:1.8rem;margin:.5rem 0}
        table{border-collapse:collapse;width:100%}
        th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
        th[scope=row]{font-variant-numeric:tabular-nums;white-space:nowrap;font-weight:normal}
        a{color:#0b5394}
        </style>
        </head>
        <body>
        <header>
        <h1>\(Markup.escape(event.name))</h1>
        <p>\(Markup.escape(format.dayTitle(event.startDate))) – \(Markup.escape(format.dayTitle(event.endDate))) · times in \(Markup.escape(event.timeZone.identifier))</p>
        </header>
        <main>

        """
        html += "<nav aria-label=\"Days\"><ul>\n"
        for day in program.days {
            html += "<li><a href=\"#day-\(day.date)\">\(Markup.escape(format.dayTitle(day.date)))</a></li>\n"
        }
        html += "</ul></nav>\n"
        for day in program.days {
            html += "<section id=\"day-\(day.date)\">\n<h2>\(Markup.escape(format.dayTitle(day.date)))</h2>\n"
            let performances = program.performances(on: day.date)
            if performances.isEmpty {
                html += "<p>Nothing scheduled.</p>\n"
            } else {
                html += "<table>\n<thead><tr><th scope=\"col\">Time</th><th scope=\"col\">Stage</th><th scope=\"col\">Performance</th></tr></thead>\n<tbody>\n"
                for performance in performances {
                    let time = "\(format.clockTime(performance.start))–\(format.clockTime(performance.end))"
                    html += "<tr><th scope=\"row\">\(time)</th><td>\(Markup.escape(stageNames[performance.stageID] ?? performance.stageID))</td><td>\(Markup.escape(performance.displayName))</td></tr>\n"
                }
                html += "</tbody>\n</table>\n"
            }
            html += "</section>\n"
        }
        html += "<section>\n<h2>Stages</h2>\n<ul>\n"
        for stage in program.stages {
            html += "<li>\(Markup.escape(stage.name)) (<a href=\"calendar/stages/\(stage.slug).ics\">calendar</a>)</li>\n"
        }
        html += "</ul>\n</section>\n</main>\n<footer>\n<h2>Feeds and calendars</h2>\n<ul>\n"
        html += "<li><a href=\"\(calendarLink(context))\">Whole program calendar</a></li>\n"
        html += "<li><a href=\"feeds/changes.xml\">Program changes</a> (Atom; <a href=\"feeds/changes.json\">JSON Feed</a>)</li>\n"
        html += "<li><a href=\"feeds/program.json\">Program as JSON</a></li>\n"
        html += "<li><a href=\"schedule.xml\">schedule.xml</a> and <a href=\"schedule.json\">schedule.json</a> for schedule apps</li>\n"
        html += "</ul>\n</footer>\n</body>\n</html>\n"
        return [OutputFile(path: "index.html", text: html)]
    }

    /// The calendar subscription: `webcal://` when the public address is known.
    private func calendarLink(_ context: BuildContext) -> String {
        guard let site = context.siteURL, var parts = URLComponents(url: site.appendingPathComponent("calendar/program.ics"), resolvingAgainstBaseURL: false)
        else { return "calendar/program.ics" }
        parts.scheme = "webcal"
        return Markup.escape(parts.string ?? "calendar/program.ics")
    }
}
