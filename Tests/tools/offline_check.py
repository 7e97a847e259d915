#!/usr/bin/env python3
"""Checks that the site works offline: serves an output folder over HTTP on loopback,
loads it in headless Chromium, waits for the service worker to take control (and to keep
the pictures the page shows), then stops the server, takes the network away and opens
another page. Prints what that page shows (its pictures too) as JSON for the Swift tests.

usage: offline_check.py OUTPUT_FOLDER FIRST_PAGE SECOND_PAGE"""
import json
import sys
import time

from devtools import Browser, serve

root, first, second = sys.argv[1], sys.argv[2], sys.argv[3]
server, base = serve(root)
browser = Browser()
try:
    browser.navigate(base + first)
    controlled = browser.evaluate("""navigator.serviceWorker.ready.then(() => new Promise((resolve) => {
        if (navigator.serviceWorker.controller) return resolve(true);
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true));
        setTimeout(() => resolve(false), 20000);
    }))""")
    # The pictures the first page shows reach the worker's picture cache once it controls
    # the page (the site's script asks for them again then).
    browser.poll("""Promise.all([...document.images].filter((image) => image.src.includes('/images/'))
        .map((image) => caches.match(image.src))).then((hits) => hits.every(Boolean))""", 20)
    cached = browser.evaluate("caches.keys().then((keys) => Promise.all(keys.map((key) => caches.open(key).then((cache) => cache.keys()))))"
                              ".then((lists) => lists.flat().map((request) => new URL(request.url).pathname))")
    server.shutdown()
    server.server_close()
    browser.send("Network.emulateNetworkConditions",
                 {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}, session=True)
    browser.navigate(base + second)
    time.sleep(0.5)
    page = browser.evaluate("""({
        h1: document.querySelector('h1') && document.querySelector('h1').textContent,
        notice: document.getElementById('offline') && !document.getElementById('offline').hidden
            ? document.getElementById('offline').textContent : null,
        updated: document.getElementById('updated') && document.getElementById('updated').textContent,
        controlled: !!navigator.serviceWorker.controller,
        images: [...document.images].map((image) => ({
            src: image.getAttribute('src'), shown: image.complete && image.naturalWidth > 0,
            width: image.naturalWidth, height: image.naturalHeight }))
    })""")
    print(json.dumps({"controlled": controlled, "cached": cached, "offline_page": page}))
finally:
    browser.close()
