#!/usr/bin/env python3
"""Checks that the site works offline: serves an output folder over HTTP on loopback,
loads it in headless Chromium (DevTools protocol over --remote-debugging-pipe), waits for
the service worker to take control, then stops the server, takes the network away and
opens another page. Prints what that page shows as JSON for the Swift tests.

usage: offline_check.py OUTPUT_FOLDER FIRST_PAGE SECOND_PAGE"""
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

root, first, second = sys.argv[1], sys.argv[2], sys.argv[3]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=root))
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}/"

to_chrome_read, to_chrome_write = os.pipe()
from_chrome_read, from_chrome_write = os.pipe()


def give_pipes():
    os.dup2(to_chrome_read, 3)
    os.dup2(from_chrome_write, 4)


profile = tempfile.mkdtemp(prefix="stagefeed-chromium-")
chrome = subprocess.Popen(
    ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
     f"--user-data-dir={profile}", "about:blank"],
    preexec_fn=give_pipes, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(to_chrome_read)
os.close(from_chrome_write)

buffer = b""
pending_events = []
next_id = 0
deadline = time.time() + 90


def read_message():
    global buffer
    while b"\0" not in buffer:
        if time.time() > deadline:
            raise TimeoutError("Chromium did not answer in time")
        chunk = os.read(from_chrome_read, 65536)
        if not chunk:
            raise EOFError("Chromium closed the DevTools pipe")
        buffer += chunk
    message, buffer = buffer.split(b"\0", 1)
    return json.loads(message)


def send(method, params=None, session=None):
    global next_id
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    os.write(to_chrome_write, json.dumps(message).encode() + b"\0")
    while True:
        reply = read_message()
        if reply.get("id") == next_id:
            if "error" in reply:
                raise RuntimeError(f"{method}: {reply['error']}")
            return reply.get("result", {})
        pending_events.append(reply)


def wait_for(event, session):
    while True:
        for index, message in enumerate(pending_events):
            if message.get("method") == event and message.get("sessionId") == session:
                del pending_events[index]
                return message
        pending_events.append(read_message())


def evaluate(expression, session):
    result = send("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True}, session)
    if "exceptionDetails" in result:
        raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
    return result["result"].get("value")


try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    send("Page.enable", session=session)
    send("Network.enable", session=session)
    send("Page.navigate", {"url": base + first}, session)
    wait_for("Page.loadEventFired", session)
    controlled = evaluate("""navigator.serviceWorker.ready.then(() => new Promise((resolve) => {
        if (navigator.serviceWorker.controller) return resolve(true);
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true));
        setTimeout(() => resolve(false), 20000);
    }))""", session)
    cached = evaluate("caches.keys().then((keys) => Promise.all(keys.map((key) => caches.open(key).then((cache) => cache.keys()))))"
                      ".then((lists) => lists.flat().map((request) => new URL(request.url).pathname))", session)

    server.shutdown()
    server.server_close()
    send("Network.emulateNetworkConditions",
         {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}, session)
    send("Page.navigate", {"url": base + second}, session)
    wait_for("Page.loadEventFired", session)
    time.sleep(0.5)
    page = evaluate("""({
        h1: document.querySelector('h1') && document.querySelector('h1').textContent,
        notice: document.getElementById('offline') && !document.getElementById('offline').hidden
            ? document.getElementById('offline').textContent : null,
        updated: document.getElementById('updated') && document.getElementById('updated').textContent,
        controlled: !!navigator.serviceWorker.controller
    })""", session)
    print(json.dumps({"controlled": controlled, "cached": cached, "offline_page": page}))
finally:
    chrome.kill()
    chrome.wait()
