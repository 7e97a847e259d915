#!/usr/bin/env python3
"""Times the site's search as a fan types: serves an output folder on loopback, opens a
page in headless Chromium with its CPU slowed (4x by default, as a mid-range phone),
waits until the search index is loaded, then types each query a character at a time
(real input events) and measures, inside the page, each keystroke from its input event
to the results laid out. With --verify, it also compares every prefix of each query's
answer with a plain scan of every record (the reference the fast search must agree with).
Prints the figures as JSON.

usage: search_timing.py OUTPUT_FOLDER [--page index.html] [--throttle 4] [--queries a,b,...] [--verify]"""
import argparse
import json
import statistics
import time

from devtools import Browser, serve

# Each input event's start (capture on window, before the page's own listener) and end
# (bubbling on document, after it, with the results laid out).
INSTRUMENT = """(() => {
  window.__keystrokes = [];
  let start = 0;
  window.addEventListener('input', () => { start = performance.now(); }, true);
  document.addEventListener('input', () => {
    document.getElementById('search-results').getBoundingClientRect();
    window.__keystrokes.push(performance.now() - start);
  });
  return true;
})()"""

# The reference: every record whose folded text holds every word typed, ranked as the
# search ranks (0 the name starts with the query, 1 a word starts with the first word,
# 2 the rest), in record order within a rank. Returns the prefixes the search answers
# differently, with both answers.
VERIFY = """((queries) => {
  const index = window.__index, differences = [];
  for (const query of queries) for (let end = 1; end <= query.length; end++) {
    const typed = query.slice(0, end), folded = StagefeedSearch.fold(typed).trim();
    if (!folded) continue;
    const words = folded.split(" ");
    const matches = index.records.filter((record) => words.every((word) => record.text.includes(word)));
    const rank = (record) => record.text.startsWith(" " + folded) ? 0 : record.text.includes(" " + words[0]) ? 1 : 2;
    const expected = [0, 1, 2].flatMap((score) => matches.filter((record) => rank(record) === score)).slice(0, 12);
    const found = StagefeedSearch.find(index, typed);
    const names = (records) => records.map((record) => record.kind + ":" + record.name);
    if (found.count !== matches.length || names(found.results).join("|") !== names(expected).join("|")) {
      differences.push({ typed: typed, count: found.count, expected: matches.length,
        results: names(found.results), reference: names(expected) });
    }
  }
  return differences;
})"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("--page", default="index.html")
    parser.add_argument("--throttle", type=float, default=4)
    parser.add_argument("--queries", default="a,ma,bjork,stage 1,workshop 19,zzzz")
    parser.add_argument("--verify", action="store_true")
    arguments = parser.parse_args()
    server, base = serve(arguments.site)
    browser = Browser(timeout=600)
    try:
        browser.viewport(390, 844)
        browser.navigate(base + arguments.page)
        browser.poll("!!window.StagefeedSearch && !document.getElementById('search').hidden", seconds=30)
        browser.throttle(arguments.throttle)
        started = time.time()
        loaded = browser.evaluate("(async () => { const t = performance.now(); const index = await StagefeedSearch.load();"
                                  " window.__index = index; return { ms: performance.now() - t, records: index.records.length, sets: index.sets.length }; })()")
        # Focusing the field hands the loaded index to the search (as a fan's first tap does).
        browser.evaluate("document.getElementById('search-input').focus()")
        time.sleep(0.5)
        browser.evaluate(INSTRUMENT)
        per_query = {}
        for query in [part for part in arguments.queries.split(",") if part]:
            browser.evaluate("(() => { const input = document.getElementById('search-input'); input.value = '';"
                             " input.dispatchEvent(new Event('input')); input.focus(); window.__keystrokes = []; })()")
            browser.type_text(query)
            times = browser.evaluate("window.__keystrokes")
            status = browser.evaluate("document.getElementById('search-status').textContent")
            per_query[query] = {"ms": times, "status": status}
        every = [value for query in per_query.values() for value in query["ms"]]
        queries = [part for part in arguments.queries.split(",") if part]
        differences = browser.evaluate(f"{VERIFY}({json.dumps(queries)})") if arguments.verify else None
        print(json.dumps({
            "differences": differences,
            "throttle": arguments.throttle, "load_ms": loaded["ms"], "records": loaded["records"], "sets": loaded["sets"],
            "keystrokes": len(every), "median_ms": statistics.median(every), "max_ms": max(every),
            "queries": per_query, "seconds": time.time() - started,
        }))
    finally:
        browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
