#!/usr/bin/env python3
"""Checks that a signage screen rides out a lost feed: serves an output folder over HTTP
on loopback, opens a signage page in headless Chromium and waits until the page has
polled its feed, then deletes the feed and reloads the page (as a player would after a
restart). Prints what the screen showed before and after as JSON for the Swift tests.

usage: signage_offline.py OUTPUT_FOLDER PAGE_WITH_QUERY FEED_PATH EXPECTED_TEXT"""
import json
import os
import sys

from devtools import Browser, serve

root, page, feed, expected = sys.argv[1:5]
screen = """({ now: document.getElementById('now-act').textContent,
               next: document.getElementById('next-act').textContent,
               status: document.getElementById('status').textContent })"""
server, base = serve(root)
browser = Browser()
try:
    browser.navigate(base + page)
    browser.poll(f"document.getElementById('now-act').textContent === {json.dumps(expected)}")
    online = browser.evaluate(screen)
    os.remove(os.path.join(root, feed))
    browser.reload()
    browser.poll("document.getElementById('status').textContent !== ''")
    offline = browser.evaluate(screen)
    print(json.dumps({"online": online, "offline": offline}))
finally:
    browser.close()
    server.shutdown()
