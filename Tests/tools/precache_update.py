#!/usr/bin/env python3
"""Checks what the service worker downloads when the export changes: serves OLD_FOLDER on
loopback, loads PAGE in headless Chromium until the worker controls it, then serves
NEW_FOLDER from the same address, asks the worker to update and waits until the new
version controls the page. Then stops the server, takes the network away and opens each
of OFFLINE_PAGES. Prints the paths requested by the first install and by the update, and
what each offline page's <h1> and <title> say, as JSON for the Swift tests.

usage: precache_update.py OLD_FOLDER NEW_FOLDER PAGE OFFLINE_PAGE..."""
import http.server
import json
import sys
import threading
import time

from devtools import Browser


class SwitchingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the server's current folder and notes every path asked for."""

    def __init__(self, *arguments, **keywords):
        super().__init__(*arguments, directory=arguments[2].folder, **keywords)

    def do_GET(self):
        self.server.requests.append(self.path.split("?")[0])
        # The two folders' files may share a modification second: answer every request in
        # full, as a server comparing contents (ETags) would when they differ.
        del self.headers["If-Modified-Since"]
        super().do_GET()

    def log_message(self, *arguments):
        pass


def main():
    old, new, page, offline_pages = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SwitchingHandler)
    server.folder, server.requests = old, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    browser = Browser(timeout=120)
    try:
        browser.navigate(base + page)
        controlled = browser.evaluate("""navigator.serviceWorker.ready.then(() => new Promise((resolve) => {
            if (navigator.serviceWorker.controller) return resolve(true);
            navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true));
            setTimeout(() => resolve(false), 30000);
        }))""")
        first = list(server.requests)
        server.folder, server.requests = new, []
        updated = browser.evaluate("""new Promise((resolve) => {
            navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true));
            navigator.serviceWorker.getRegistration().then((registration) => registration.update());
            setTimeout(() => resolve(false), 30000);
        })""")
        # The old version's caches are gone once the new one has activated.
        browser.poll("caches.keys().then((keys) => keys.filter((key) => key !== 'stagefeed-pictures').length === 1)", 10)
        update = list(server.requests)
        server.shutdown()
        server.server_close()
        browser.send("Network.emulateNetworkConditions",
                     {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}, session=True)
        shown = {}
        for offline_page in offline_pages:
            browser.navigate(base + offline_page)
            time.sleep(0.3)
            shown[offline_page] = browser.evaluate(
                "({ h1: document.querySelector('h1') && document.querySelector('h1').textContent,"
                " title: document.title, text: document.body ? document.body.innerText : '' })")
        print(json.dumps({"controlled": controlled, "updated": updated, "first": first, "update": update,
                          "offline": shown}))
    finally:
        browser.close()


if __name__ == "__main__":
    main()
