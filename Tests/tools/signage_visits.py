#!/usr/bin/env python3
"""Visits signage screens of an output folder served on loopback, in one headless Chromium
profile (so the browser's storage carries over), and prints what each step left on the
screen as JSON: the announcement level, the emergency text, the warning banners, the
ticker lines and the act on now.

usage: signage_visits.py OUTPUT_FOLDER STEP...
  PAGE?QUERY        load the page and wait until it has asked for the announcements (and,
                    on a stage's screen, the change feed)
  stop              stop the server; the page stays open
  wait:SECONDS      wait
  address:?QUERY    change the open page's address without loading it (its clock reads
                    ?now= again), then wait 2.5 s"""
import json
import sys
import time

from devtools import Browser, serve

root, *steps = sys.argv[1:]
reading = """(() => {
  const texts = (selector) => Array.from(document.querySelectorAll(selector)).map((node) => node.textContent);
  return {
    announcement: document.body.dataset.announcement || '',
    emergency: document.getElementById('emergency').hidden ? '' : document.getElementById('emergency-text').textContent,
    warnings: texts('#warnings bdi'),
    ticker: document.getElementById('ticker').hidden ? [] : texts('#ticker-track .ticker-copy:first-child .ticker-item'),
    now: (document.getElementById('now-act') || {}).textContent || '',
    state: document.body.dataset.announcementsState || ''
  };
})()"""
ready = """document.body.dataset.announcementsState
  && (document.documentElement.dataset.signage !== 'stage' || !!document.body.dataset.changesState)"""
server, base = serve(root)
browser = Browser(timeout=180)
readings = []
try:
    for step in steps:
        if step == "stop":
            server.shutdown()
            server.server_close()
        elif step.startswith("wait:"):
            time.sleep(float(step[5:]))
        elif step.startswith("address:"):
            browser.evaluate(f"history.replaceState(null, '', {json.dumps(step[8:])})")
            time.sleep(2.5)
        else:
            browser.navigate(base + step)
            if not browser.poll(ready):
                raise SystemExit(f"{step}: the screen never asked for its announcements")
            time.sleep(0.3)
        readings.append(browser.evaluate(reading))
    print(json.dumps(readings))
finally:
    browser.close()
    server.shutdown()
