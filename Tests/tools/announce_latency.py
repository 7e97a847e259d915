#!/usr/bin/env python3
"""Measures how long `stagefeed announce` takes to reach signage screens: opens a stage's
screen, another stage's screen and the board in headless Chromium (three tabs), runs the
command, and times each screen until it shows the change. Prints JSON for the Swift tests.

usage: announce_latency.py pushed BASE_URL STAGEFEED WORKDIR
       announce_latency.py polled OUTPUT_FOLDER STAGEFEED WORKDIR
  pushed: served by `stagefeed watch --serve` at BASE_URL; the screens must have their
          event stream (/events) open before each command
  polled: OUTPUT_FOLDER served by a plain web server (Python's, which answers conditional
          requests with 304); the screens poll every 15 s

Steps: an emergency for every screen, then --clear --all, then a warning for the first
stage alone (the other screens must have fetched it and still show nothing)."""
import json
import subprocess
import sys
import time

from devtools import Browser, serve

mode, base, stagefeed, workdir = sys.argv[1:5]
server = None
if mode == "polled":
    server, base = serve(base)
pages = {"main-stage": "signage/stages/main-stage.html", "big-top": "signage/stages/big-top.html",
         "board": "signage/board.html"}
limit = 6 if mode == "pushed" else 25
browser = Browser(timeout=240, arguments=("--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                                          "--disable-backgrounding-occluded-windows"))


def command(*arguments):
    started = time.time()
    result = subprocess.run([stagefeed, "announce", *arguments], cwd=workdir, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"announce {arguments}: exit {result.returncode}: {result.stderr}")
    return started, time.time() - started, result.stdout.strip()


def until(sessions, expression, started):
    """Seconds from `started` until `expression` holds on each session (None: never within the limit)."""
    seen = {}
    while len(seen) < len(sessions) and time.time() - started < limit:
        for name, session in sessions.items():
            if name not in seen and browser.evaluate(expression, session=session):
                seen[name] = round(time.time() - started, 3)
        time.sleep(0.05)
    return {name: seen.get(name) for name in sessions}


report = {}
try:
    sessions = {name: browser.open_page(base + path) for name, path in pages.items()}
    browser.send("Network.enable", session=sessions["board"])
    for name, session in sessions.items():
        condition = "document.body.dataset.announcementsState === 'fresh'"
        if mode == "pushed":
            condition += " && document.body.dataset.events === 'open'"
        if not browser.poll(condition, seconds=20, session=session):
            raise SystemExit(f"{name}: not ready ({condition})")

    started, took, said = command("Storm: leave the field by the north gate", "--level", "emergency", "--for", "10m")
    report["emergency"] = until(sessions, "document.body.dataset.announcement === 'emergency' && "
                                "document.getElementById('emergency-text').textContent.indexOf('north gate') >= 0",
                                started)
    report["emergency_command"] = {"seconds": round(took, 3), "said": said}

    started, took, said = command("--clear", "--all")
    report["cleared"] = until(sessions, "document.body.dataset.announcement !== 'emergency' && "
                              "document.getElementById('emergency').hidden", started)
    report["cleared_command"] = {"seconds": round(took, 3), "said": said}

    started, took, said = command("Main Stage only", "--level", "warning", "--screens", "main-stage", "--for", "10m")
    report["targeted"] = until({"main-stage": sessions["main-stage"]},
                               "document.body.dataset.announcement === 'warning'", started)
    # Give the other screens time to hear of it too (a push, or their next poll), then look.
    received = "(localStorage.getItem('stagefeed:announcements:' + location.pathname) || '').indexOf('Main Stage only') >= 0"
    others = {name: session for name, session in sessions.items() if name != "main-stage"}
    report["others_received"] = until(others, received, started)
    report["others_showing"] = {name: browser.evaluate("document.body.dataset.announcement", session=session)
                                for name, session in others.items()}
    if mode == "polled":
        # Conditional polls: the unchanged file came back as 304s (the raw status is in the
        # ExtraInfo event; the page itself sees the cached copy's 200).
        requests = {event["params"]["requestId"] for event in browser.events
                    if event.get("method") == "Network.requestWillBeSent"
                    and event["params"]["request"]["url"].endswith("feeds/announcements.json")}
        statuses = [event["params"]["statusCode"] for event in browser.events
                    if event.get("method") == "Network.responseReceivedExtraInfo"
                    and event["params"]["requestId"] in requests]
        report["poll_statuses"] = {str(status): statuses.count(status) for status in set(statuses)}
    print(json.dumps(report))
finally:
    browser.close()
    if server:
        server.shutdown()
