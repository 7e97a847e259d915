#!/usr/bin/env python3
"""Runs axe-core's WCAG 2.0/2.1/2.2 A and AA rules over pages of a built site in headless
Chromium, at a phone's viewport (390x844) and a laptop's (1280x900), in light and dark mode,
and prints a JSON report: per page, viewport, colour scheme and state the violations (rule,
impact, help, target selectors, a short snippet of HTML).

usage: axe_check.py [--now FESTIVAL_TIME] [--at INSTANT] [--schemes light,dark] [--wait EXPRESSION]
                    (OUTPUT_FOLDER | BASE_URL) PAGE...

OUTPUT_FOLDER is served over HTTP on loopback (the pages register a service worker); a
BASE_URL (http://...) is used as it is. PAGE is a path under it, optionally with a query.

- Each page is audited after its scripts have run: the stars shown, a signage screen past
  "loading", fonts loaded (and, with --wait, once that JavaScript expression holds).
- A signage page (under signage/) given without a query is audited on this machine's clock
  and, with --now (festival time, 2027-07-24T21:40), at that time as well (`?now=...`), so
  it shows sets on now.
- With --at (an instant, 2027-07-24T21:40:00+02:00), a site page that marks sets on now
  (one with [data-start], or the index's "on now") is audited again with the browser's Date.now() starting there,
  so sets on now and sets past are audited too.
- A "my schedule" page (one with #schedule-data) is audited empty, with a few starred sets
  (in localStorage, two of them clashing), as a shared link (#share=..., which offers to
  add a friend) and with a friend's picks beside the stars.
- A page with the search field is audited again with results open (--query, default "a");
  a day page with its filters open, and with a friend's picks marked.

axe-core is the one inside the pinned PyPI package axe-playwright-python (its axe.min.js;
the package itself is not imported). Exit status: 0 when no page has a violation, 1 when
one has, 2 when the check itself failed."""
import argparse
import importlib.util
import json
import os
import sys
import time
import traceback

from devtools import Browser, serve

VIEWPORTS = [(390, 844), (1280, 900)]
WAIT = None
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# The page's scripts have run: stars shown, the signage screen past "loading", fonts in.
READY = """(async () => {
  if (document.readyState !== 'complete') return false;
  if (document.querySelector('button[data-star][hidden]')) return false;
  if (document.body && document.body.dataset.state === 'loading') return false;
  await document.fonts.ready;
  return true;
})()"""

RUN = """(async () => {
  const tags = %s.filter((tag) => axe.getRules([tag]).length > 0);
  const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
  const snippet = (html) => html.length > 200 ? html.slice(0, 200) + '…' : html;
  return {
    tags: tags,
    passes: result.passes.length,
    incomplete: result.incomplete.map((rule) => rule.id),
    violations: result.violations.map((rule) => ({
      id: rule.id, impact: rule.impact, help: rule.help, tags: rule.tags.filter((tag) => tag.startsWith('wcag')),
      nodes: rule.nodes.map((node) => ({
        target: node.target, html: snippet(node.html), summary: node.failureSummary,
      })),
    })),
  };
})()"""

# A friend whose picks are some of the page's sets (every other one, up to six).
FRIEND = """(() => {
  const codes = [...document.querySelectorAll('[data-code]')].map((node) => node.dataset.code)
    .concat(document.getElementById('schedule-data')
      ? JSON.parse(document.getElementById('schedule-data').textContent).sets.map((set) => set.code) : []);
  const unique = [...new Set(codes)].filter((code, index) => index % 2 === 1).slice(0, 6);
  return { key: 'stagefeed:' + (document.documentElement.dataset.festival || 'site') + ':friends',
    value: [{ name: 'Ana', colour: '3', codes: unique }, { name: 'Ben', colour: '6', codes: unique.slice(0, 2) }] };
})()"""

# A few sets of "my schedule", starting with two that overlap so a clash shows.
PICK = """(() => {
  const sets = JSON.parse(document.getElementById('schedule-data').textContent).sets;
  const chosen = [];
  for (const one of sets) {
    const other = sets.find((set) => set.id !== one.id && Date.parse(set.start) < Date.parse(one.end)
      && Date.parse(one.start) < Date.parse(set.end));
    if (other) { chosen.push(one.id, other.id); break; }
  }
  for (const set of sets) if (chosen.length < 5 && !chosen.includes(set.id)) chosen.push(set.id);
  return { key: 'stagefeed:' + (document.documentElement.dataset.festival || 'site') + ':stars', ids: chosen };
})()"""


def axe_source():
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("axe-playwright-python is not installed (scripts/install-test-tools)")
    with open(os.path.join(spec.submodule_search_locations[0], "axe.min.js"), encoding="utf-8") as file:
        return file.read()


class Auditor:
    def __init__(self, base, axe, schemes, now, at):
        self.base = base
        self.axe = axe
        self.schemes = schemes
        self.now = now
        self.at = at
        self.browser = Browser(timeout=120)
        self.clock_script = None
        self.results = []
        self.query = "a"

    def close(self):
        self.browser.close()

    def send(self, method, params=None):
        self.browser.deadline = time.time() + 60
        return self.browser.send(method, params, session=True)

    def freeze_clock(self, frozen):
        """From the next page on, Date.now() starts at `at` (and runs on), or is real again."""
        if self.clock_script:
            self.send("Page.removeScriptToEvaluateOnNewDocument", {"identifier": self.clock_script})
            self.clock_script = None
        if frozen:
            source = ("(() => { const real = Date.now; const offset = Date.parse(%s) - real(); "
                      "Date.now = () => real() + offset; })();" % json.dumps(self.at))
            self.clock_script = self.send("Page.addScriptToEvaluateOnNewDocument", {"source": source})["identifier"]

    def open(self, path, width, height, scheme):
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
        self.send("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
        self.browser.deadline = time.time() + 60
        self.browser.navigate("about:blank")  # a change of fragment alone would load nothing
        self.browser.navigate(self.base + path)
        if not self.browser.poll(READY, seconds=20):
            raise RuntimeError(f"{path}: the page's scripts did not finish")
        if WAIT and not self.browser.poll(WAIT, seconds=20):
            raise RuntimeError(f"{path}: {WAIT} never held")

    def audit(self, page, state, width, height, scheme):
        self.browser.deadline = time.time() + 120
        self.browser.evaluate(self.axe + ";true")
        result = self.browser.evaluate(RUN % json.dumps(TAGS))
        self.results.append({"page": page, "state": state, "viewport": f"{width}x{height}", "scheme": scheme,
                             "tags": result["tags"], "passes": result["passes"],
                             "incomplete": result["incomplete"], "violations": result["violations"]})

    def check(self, page):
        signage = page.startswith("signage/") or "/signage/" in page
        # Signage is dark whatever the device prefers.
        for width, height in VIEWPORTS:
            for scheme in ["dark"] if signage else self.schemes:
                self.freeze_clock(False)
                self.open(page, width, height, scheme)
                self.audit(page, "as served", width, height, scheme)
                if signage:
                    if self.now and "?" not in page:
                        self.open(f"{page}?now={self.now}", width, height, scheme)
                        self.audit(f"{page}?now={self.now}", "festival clock", width, height, scheme)
                    continue
                self.fans(page, width, height, scheme)
                my = self.browser.evaluate("!!document.getElementById('schedule-data')")
                timed = self.browser.evaluate("!!document.querySelector('[data-start], #on-now')")
                if self.at:
                    self.freeze_clock(True)
                if timed and self.at:
                    self.open(page, width, height, scheme)
                    # The index's "on now" fills in once the search index has loaded.
                    self.browser.poll("!document.getElementById('on-now') || !document.getElementById('on-now').hidden", seconds=10)
                    self.audit(page, f"at {self.at}", width, height, scheme)
                if my:
                    self.my_schedule(page, width, height, scheme)
                self.freeze_clock(False)

    def fans(self, page, width, height, scheme):
        """The search results open; on a day page the filters open, then a friend's picks."""
        if self.browser.evaluate("!!document.getElementById('search-input')"):
            self.browser.evaluate("document.getElementById('search-input').focus()")
            self.browser.type_text(self.query)
            if not self.browser.poll("!document.getElementById('search-results').hidden", seconds=20):
                raise RuntimeError(f"{page}: no search results")
            self.audit(page, f"search results for {self.query!r}", width, height, scheme)
        if self.browser.evaluate("!!document.getElementById('filters')"):
            self.open(page, width, height, scheme)
            self.browser.evaluate("document.getElementById('filters').open = true")
            self.audit(page, "filters open", width, height, scheme)
            friend = self.browser.evaluate(FRIEND)
            self.browser.evaluate(f"localStorage.setItem({json.dumps(friend['key'])}, {json.dumps(json.dumps(friend['value']))})")
            self.open(page, width, height, scheme)
            self.audit(page, "friends' picks", width, height, scheme)
            self.browser.evaluate(f"localStorage.removeItem({json.dumps(friend['key'])})")

    def my_schedule(self, page, width, height, scheme):
        picked = self.browser.evaluate(PICK)
        if not picked["ids"]:
            return
        key = json.dumps(picked["key"])
        state = f" at {self.at}" if self.at else ""
        self.browser.evaluate(f"localStorage.setItem({key}, {json.dumps(json.dumps(picked['ids']))})")
        self.open(page, width, height, scheme)
        if not self.browser.poll("document.querySelectorAll('#my-schedule li').length > 0", seconds=10):
            raise RuntimeError(f"{page}: the starred sets did not show")
        self.audit(page, f"{len(picked['ids'])} starred{state}", width, height, scheme)
        shared = ",".join(picked["ids"][:3])
        self.open(f"{page}#share={shared}", width, height, scheme)
        if not self.browser.poll("!document.getElementById('my-shared').hidden", seconds=10):
            raise RuntimeError(f"{page}: the shared link did not show")
        self.audit(f"{page}#share=…", f"shared link{state}", width, height, scheme)
        friend = self.browser.evaluate(FRIEND)
        self.browser.evaluate(f"localStorage.setItem({json.dumps(friend['key'])}, {json.dumps(json.dumps(friend['value']))})")
        self.open(page, width, height, scheme)
        if not self.browser.poll("!document.getElementById('my-friends').hidden", seconds=10):
            raise RuntimeError(f"{page}: the friends did not show")
        self.audit(page, f"with friends{state}", width, height, scheme)
        self.browser.evaluate(f"localStorage.removeItem({json.dumps(friend['key'])})")
        self.browser.evaluate(f"localStorage.removeItem({key})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--now", help="festival time for signage pages, e.g. 2027-07-24T21:40")
    parser.add_argument("--at", help="an instant for the site's pages, e.g. 2027-07-24T21:40:00+02:00")
    parser.add_argument("--schemes", default="light,dark", help="colour schemes for the site's pages")
    parser.add_argument("--query", default="a", help="what to type into the search field")
    parser.add_argument("--wait", help="a JavaScript expression each page must make true before it is audited")
    parser.add_argument("site", help="output folder to serve, or a base URL")
    parser.add_argument("pages", nargs="+", help="page paths under the site")
    arguments = parser.parse_args()
    global WAIT
    WAIT = arguments.wait
    server = None
    auditor = None
    try:
        axe = axe_source()
        if arguments.site.startswith(("http://", "https://")):
            base = arguments.site if arguments.site.endswith("/") else arguments.site + "/"
        else:
            server, base = serve(arguments.site)
        schemes = [scheme for scheme in arguments.schemes.split(",") if scheme]
        auditor = Auditor(base, axe, schemes, arguments.now, arguments.at)
        auditor.query = arguments.query
        for page in arguments.pages:
            auditor.check(page.lstrip("/"))
    except Exception:  # noqa: BLE001 - any failure of the check itself is exit status 2
        traceback.print_exc()
        return 2
    finally:
        if auditor:
            auditor.close()
        if server:
            server.shutdown()
    failing = [result for result in auditor.results if result["violations"]]
    count = sum(len(node) for result in failing for node in (rule["nodes"] for rule in result["violations"]))
    report = {"axe": axe.split("\n", 1)[0].strip("/*! "), "audits": len(auditor.results),
              "violating_nodes": count, "failing": failing,
              "clean": [f"{r['page']} {r['viewport']} {r['scheme']} ({r['state']})" for r in auditor.results
                        if not r["violations"]]}
    print(json.dumps(report, indent=1, ensure_ascii=False))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
