#!/usr/bin/env python3
"""Uses the fans' features of a built site in headless Chromium the way a fan would, at a
phone's viewport (390x844) and a laptop's (1280x900), and prints what each showed as JSON
for the Swift tests, which hold the expectations: search (typing, Enter), filters across
reloads, the now line and the "Now" button at ?now=, "on now" on the index, the reminder
in the starred-sets calendar, a friend's share link, the phone day view's line breaks,
and all of it again offline after one visit.

usage: fans_check.py OUTPUT_FOLDER PLAN_JSON [--shots FOLDER]

PLAN_JSON names what to use: {"queries": [...], "enter": QUERY, "day": PAGE, "otherDay":
PAGE, "hideStage": SLUG, "kind": KEY, "now": FESTIVAL_TIME, "nowCode": CODE,
"stars": [UID...], "friendLink": FRAGMENT, "friendName": NAME, "wrapPages": [PAGE...],
"offlineQuery": QUERY}. With --shots, screenshots of the phone day view, the search
results and the friends' picks are written there."""
import argparse
import json
import os
import time

from devtools import Browser, serve

VIEWPORTS = [(390, 844), (1280, 900)]

READY = """document.readyState === 'complete' && !document.querySelector('button[data-star][hidden]')
  && (!document.getElementById('search') || !document.getElementById('search').hidden)"""

RESULTS = """(() => {
  const list = document.getElementById('search-results');
  return { shown: !list.hidden, status: document.getElementById('search-status').textContent,
    results: [...list.querySelectorAll('a')].map((a) => ({ name: a.querySelector('.result-name').textContent,
      detail: a.querySelector('.result-detail').textContent, href: a.getAttribute('href') })) };
})()"""

FILTERS = """((stage) => ({
  checked: document.querySelector('input[name="stage"][value="' + stage + '"]').checked,
  column: !!document.querySelector('.column[data-stage="' + stage + '"]') &&
    document.querySelector('.column[data-stage="' + stage + '"]').hidden,
  rows: document.querySelectorAll('#list li[data-stage="' + stage + '"]').length,
  hiddenRows: document.querySelectorAll('#list li[data-stage="' + stage + '"][hidden]').length,
  visibleRows: [...document.querySelectorAll('#list li[data-code]')].filter((row) => !row.hidden).length,
  status: document.getElementById('filter-status').textContent,
}))"""

# Where the now line sits against the time it marks, measured from a block of known times:
# a block's box starts a pixel below its first row and ends a pixel above its last.
NOW_LINE = """((code, now) => {
  const line = document.querySelector('.now-line');
  const block = document.querySelector('.block[data-code="' + code + '"]');
  if (!line || line.hidden || !block) return { shown: false };
  const start = Date.parse(block.dataset.start), end = Date.parse(block.dataset.end);
  const box = block.getBoundingClientRect(), at = line.getBoundingClientRect();
  const top = box.top - 1, bottom = box.bottom + 1;
  const expected = top + (Number(line.dataset.instant) - start) / (end - start) * (bottom - top);
  return { shown: true, center: at.top + at.height / 2, expected: expected, instant: Number(line.dataset.instant),
    width: at.width, label: line.textContent };
})"""

IN_VIEW = """(() => {
  const line = document.querySelector('.now-line');
  const frame = document.querySelector('.timetable').getBoundingClientRect();
  const at = line.getBoundingClientRect();
  return { inFrame: at.top >= frame.top && at.bottom <= frame.bottom,
    inWindow: at.top >= 0 && at.bottom <= innerHeight,
    focused: document.activeElement === document.querySelector('.timetable') };
})()"""

LIST_NOW = """((now) => {
  const row = document.activeElement;
  if (!row || !row.matches('#list li[data-start]')) return { focused: false };
  const box = row.getBoundingClientRect();
  return { focused: true, code: row.dataset.code, onNow: Date.parse(row.dataset.start) <= now && now < Date.parse(row.dataset.end),
    inWindow: box.top >= 0 && box.bottom <= innerHeight };
})"""

# Every word of every name in the phone view's list: a word on more than one line is
# broken, unless it is wider than the whole line on its own (then nothing else could show it).
WRAPS = """(() => {
  const broken = [];
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
  for (const node of document.querySelectorAll('#list .what bdi, #list .what .where, #list .time')) {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const text = walker.currentNode;
      const parent = text.parentElement;
      const width = parent.closest('.what, .time').getBoundingClientRect().width;
      const pattern = /\\S+/g;
      let match;
      while ((match = pattern.exec(text.data))) {
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size < 2) continue;
        probe.style.font = getComputedStyle(parent).font;
        probe.textContent = match[0];
        parent.append(probe);
        const natural = probe.getBoundingClientRect().width;
        probe.remove();
        if (natural <= width) broken.push({ word: match[0], natural: natural, width: width });
      }
    }
  }
  const columns = [...document.querySelectorAll('#list .what')].map((what) => what.getBoundingClientRect().width);
  // Text running out of its row (and off the screen) instead of wrapping.
  const clipped = [...document.querySelectorAll('#list li *')].filter((node) => {
    const box = node.getBoundingClientRect();
    return box.width > 0 && (box.right > innerWidth + 0.5 || box.left < -0.5);
  }).map((node) => node.textContent.slice(0, 40));
  return { broken: broken, clipped: clipped, overflow: document.documentElement.scrollWidth - innerWidth,
    gridShown: document.getElementById('grid') ? document.getElementById('grid').offsetParent !== null : null,
    narrowest: columns.length ? Math.min(...columns) : 0,
    styles: (() => { const what = document.querySelector('#list .what');
      return what ? { overflowWrap: getComputedStyle(what).overflowWrap, hyphens: getComputedStyle(what).hyphens } : null; })() };
})()"""

SCHEDULE = """(() => ({
  rows: [...document.querySelectorAll('#my-schedule li')].map((row) => ({ code: row.dataset.code,
    friends: [...row.querySelectorAll('.friend-mark')].map((mark) => mark.title),
    clash: (row.querySelector('.clash') || { textContent: '' }).textContent,
    mine: row.querySelector('button[data-star]').getAttribute('aria-pressed') === 'true' })),
  friends: [...document.querySelectorAll('#friends-list li')].map((item) => ({
    name: item.querySelector('.friend-name').textContent,
    colour: item.querySelector('.friend-mark').className })),
  sectionShown: !document.getElementById('my-friends').hidden,
  status: document.getElementById('friend-status').textContent,
  hash: location.hash,
}))()"""

DAY_FRIENDS = """(() => [...document.querySelectorAll('#list li[data-code]')].filter((row) => row.querySelector('.friend-marks'))
  .map((row) => ({ code: row.dataset.code, friends: [...row.querySelectorAll('.friend-mark')].map((mark) => mark.title),
    clash: (row.querySelector('.friend-marks .clash') || { textContent: '' }).textContent,
    inGrid: !!document.querySelector('.block[data-code="' + row.dataset.code + '"] .friend-marks') })))()"""


class Fan:
    def __init__(self, base, plan, shots):
        self.base = base
        self.plan = plan
        self.shots = shots
        self.browser = Browser(timeout=300)

    def js(self, expression):
        self.browser.deadline = time.time() + 60
        return self.browser.evaluate(expression)

    def open(self, path, ready=READY):
        self.browser.deadline = time.time() + 60
        self.browser.navigate("about:blank")
        self.browser.navigate(self.base + path)
        # Generous: on a loaded 2-core CI machine, beside other browsers, a page's scripts
        # once took more than 20 s to finish.
        if not self.browser.poll(ready, seconds=45):
            raise RuntimeError(f"{path}: the page's scripts did not finish")

    def shot(self, name):
        if self.shots:
            self.browser.screenshot(os.path.join(self.shots, name))

    def storage(self, key, value):
        festival = self.js("document.documentElement.dataset.festival")
        full = json.dumps(f"stagefeed:{festival}:{key}")
        if value is None:
            self.js(f"localStorage.removeItem({full})")
        else:
            self.js(f"localStorage.setItem({full}, {json.dumps(json.dumps(value))})")

    def search(self, query, page="index.html", fresh=True):
        if fresh:
            self.open(page)
        self.js("(() => { const input = document.getElementById('search-input'); input.value = ''; input.focus(); })()")
        self.browser.type_text(query)
        self.browser.poll("!document.getElementById('search-results').hidden && "
                          "document.getElementById('search-status').textContent !== ''", seconds=20)
        return self.js(RESULTS)

    def searching(self, width):
        found = {query: self.search(query) for query in self.plan["queries"]}
        self.search(self.plan["enter"])
        self.shot(f"search-{width}.png")
        first = self.js("document.querySelector('#search-results a').href")
        self.browser.press("Enter", "Enter", 13)
        self.browser.deadline = time.time() + 30
        self.browser.wait_for("Page.loadEventFired")
        opened = self.js("location.href")
        return {"queries": found, "enter": {"first": first, "opened": opened}}

    def filtering(self):
        day, stage = self.plan["day"], self.plan["hideStage"]
        self.open(day)
        self.storage("filters", None)
        self.open(day)
        before = self.js(f"({FILTERS})({json.dumps(stage)})")
        self.js("document.getElementById('filters').open = true")
        self.js(f"document.querySelector('input[name=\"stage\"][value={json.dumps(stage)}]').click()")
        hidden = self.js(f"({FILTERS})({json.dumps(stage)})")
        self.open(day)
        reloaded = self.js(f"({FILTERS})({json.dumps(stage)})")
        kind = None
        if self.plan.get("kind"):
            self.js("document.getElementById('filters').open = true")
            self.js(f"(() => {{ const select = document.getElementById('filter-kind'); select.value = {json.dumps(self.plan['kind'])};"
                    " select.dispatchEvent(new Event('change', { bubbles: true })); })()")
            kind = self.js("[...document.querySelectorAll('#list li[data-code]')].filter((row) => !row.hidden)"
                           ".map((row) => row.dataset.kinds)")
        self.js("document.getElementById('filters').open = true")
        self.js("document.getElementById('filter-reset').click()")
        self.open(day)
        restored = self.js(f"({FILTERS})({json.dumps(stage)})")
        return {"before": before, "hidden": hidden, "reloaded": reloaded, "kind": kind, "restored": restored}

    def nowing(self, width):
        now, code, day = self.plan["now"], self.plan["nowCode"], self.plan["day"]
        result = {}
        self.open(f"{day}?now={now}")
        instant = self.js("Stagefeed.now()")
        result["instant"] = instant
        result["button"] = self.js("!document.getElementById('now-button').hidden")
        if width < 600:
            result["gridHidden"] = self.js("document.getElementById('grid').offsetParent === null")
            self.js("document.getElementById('now-button').click()")
            time.sleep(0.3)
            result["list"] = self.js(f"({LIST_NOW})({instant})")
            self.open(f"{day}?now={now}#grid")
        result["line"] = self.js(f"({NOW_LINE})({json.dumps(code)}, {instant})")
        self.js("scrollTo(0, 0); document.querySelector('.timetable').scrollTop = 0")
        result["lineBefore"] = self.js(IN_VIEW)
        self.js("document.getElementById('now-button').click()")
        time.sleep(0.3)
        result["lineAfter"] = self.js(IN_VIEW)
        self.open(f"{self.plan['otherDay']}?now={now}")
        result["otherDay"] = self.js("(() => { const link = document.getElementById('now-link');"
                                     " return { shown: !link.hidden, href: link.getAttribute('href'), text: link.textContent }; })()")
        self.open(f"index.html?now={now}")
        self.browser.poll("!document.getElementById('on-now').hidden", seconds=20)
        result["index"] = self.js("[...document.querySelectorAll('#on-now-list li')].map((item) => item.textContent.replace(/\\s+/g, ' ').trim())")
        return result

    def reminding(self):
        self.open("my/index.html")
        self.storage("stars", self.plan["stars"])
        self.storage("reminder", None)
        calendars = {}
        self.open("my/index.html")
        calendars["default"] = self.js("decodeURIComponent(document.getElementById('my-ics').href.split(',').slice(1).join(','))")
        for choice in ["30", "none", "5"]:
            self.js(f"(() => {{ const select = document.getElementById('my-reminder'); select.value = {json.dumps(choice)};"
                    " select.dispatchEvent(new Event('change')); })()")
            calendars[choice] = self.js("decodeURIComponent(document.getElementById('my-ics').href.split(',').slice(1).join(','))")
        self.open("my/index.html")
        calendars["remembered"] = self.js("document.getElementById('my-reminder').value")
        return calendars

    def befriending(self, width):
        self.open("my/index.html")
        self.storage("friends", None)
        self.storage("stars", self.plan["stars"])
        self.open("my/index.html" + self.plan["friendLink"],
                  READY + " && !document.getElementById('my-shared').hidden")
        offered = self.js("!document.getElementById('friend-form').hidden && !document.getElementById('friend-add').disabled")
        self.js(f"document.getElementById('friend-name').value = {json.dumps(self.plan['friendName'])}")
        self.js("document.querySelector('input[name=\"colour\"][value=\"3\"]').click()")
        self.js("document.getElementById('friend-add').click()")
        self.browser.poll("!document.getElementById('my-friends').hidden")
        added = self.js(SCHEDULE)
        self.shot(f"friends-my-{width}.png")
        self.open(self.plan["day"])
        day = self.js(DAY_FRIENDS)
        if width >= 600:
            self.js("(() => { const block = document.querySelector('.block .friend-marks');"
                    " if (block) block.closest('.block').scrollIntoView({ block: 'center' }); })()")
        else:
            self.js("(() => { const row = document.querySelector('#list .friend-marks');"
                    " if (row) row.closest('li').scrollIntoView({ block: 'center' }); })()")
        time.sleep(0.2)
        self.shot(f"friends-day-{width}.png")
        self.open("my/index.html")
        self.js("document.querySelector('#friends-list button[data-friend]').click()")
        removed = self.js(SCHEDULE)
        # Four friends already: the link offers no fifth.
        self.storage("friends", [{"name": f"F{n}", "colour": str(n), "codes": []} for n in range(1, 5)])
        self.open("my/index.html" + self.plan["friendLink"],
                  READY + " && !document.getElementById('my-shared').hidden")
        full = self.js("({ note: !document.getElementById('friend-full').hidden,"
                       " disabled: document.getElementById('friend-add').disabled })")
        self.storage("friends", None)
        self.storage("stars", None)
        return {"offered": offered, "added": added, "day": day, "removed": removed, "full": full}

    def wrapping(self):
        found = {}
        for page in self.plan["wrapPages"]:
            self.open(page)
            found[page] = self.js(WRAPS)
        self.open(self.plan["day"])
        self.shot("phone-day-390.png")
        self.open(self.plan["day"] + "#grid")
        self.shot("phone-grid-390.png")
        return found

    def offline_visit(self, server):
        self.open("index.html")
        controlled = self.js("""navigator.serviceWorker.ready.then(() => new Promise((resolve) => {
            if (navigator.serviceWorker.controller) return resolve(true);
            navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true));
            setTimeout(() => resolve(false), 20000);
        }))""")
        server.shutdown()
        server.server_close()
        self.browser.offline(True)
        result = {"controlled": controlled}
        self.open(self.plan["day"])
        result["h1"] = self.js("document.querySelector('h1').textContent")
        result["search"] = self.search(self.plan["offlineQuery"], fresh=False)
        stage = self.plan["hideStage"]
        self.js(f"document.querySelector('input[name=\"stage\"][value={json.dumps(stage)}]').click()")
        result["filter"] = self.js(f"({FILTERS})({json.dumps(stage)})")
        self.js("document.getElementById('filter-reset').click()")
        self.open("my/index.html" + self.plan["friendLink"],
                  READY + " && !document.getElementById('my-shared').hidden")
        result["shared"] = self.js("document.querySelectorAll('#my-schedule li').length")
        self.open("manifest.webmanifest", "document.readyState === 'complete'")
        result["manifest"] = self.js("document.body.textContent.length > 0")
        return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("plan")
    parser.add_argument("--shots")
    arguments = parser.parse_args()
    with open(arguments.plan, encoding="utf-8") as file:
        plan = json.load(file)
    if arguments.shots:
        os.makedirs(arguments.shots, exist_ok=True)
    server, base = serve(arguments.site)
    fan = Fan(base, plan, arguments.shots)
    report = {}
    try:
        for width, height in VIEWPORTS:
            fan.browser.viewport(width, height)
            key = f"{width}x{height}"
            report[key] = {
                "search": fan.searching(width),
                "filters": fan.filtering(),
                "now": fan.nowing(width),
                "reminders": fan.reminding(),
                "friends": fan.befriending(width),
            }
            if width < 600:
                report[key]["wraps"] = fan.wrapping()
        fan.browser.viewport(390, 844)
        report["offline"] = fan.offline_visit(server)
    finally:
        fan.browser.close()
        try:
            server.shutdown()
        except Exception:  # noqa: BLE001 - already stopped for the offline visit
            pass
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
