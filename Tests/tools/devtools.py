"""A small client for headless Chromium's DevTools protocol over --remote-debugging-pipe,
and a quiet HTTP server for an output folder on loopback. Used by the browser checks."""
import fcntl
import functools
import http.server
import json
import os
import select
import shutil
import subprocess
import tempfile
import threading
import time


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    """Serves `folder` on 127.0.0.1 (a free port); returns the server and its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class Browser:
    """Headless Chromium with one page attached; every call waits at most `timeout` seconds."""

    def __init__(self, timeout=90, arguments=()):
        self.deadline = time.time() + timeout
        self.buffer = b""
        self.events = []
        self.next_id = 0
        to_read, self.to_write = os.pipe()
        self.from_read, from_write = os.pipe()

        def give_pipes():
            # Chromium reads fd 3 and writes fd 4. Move both pipe ends out of the way first,
            # so neither is already 3 or 4 (dup2 onto itself would keep close-on-exec).
            reading, writing = fcntl.fcntl(to_read, fcntl.F_DUPFD, 10), fcntl.fcntl(from_write, fcntl.F_DUPFD, 10)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.profile = tempfile.mkdtemp(prefix="stagefeed-chromium-")
        profile = self.profile
        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
             "--window-size=1920,1080", f"--user-data-dir={profile}", *arguments, "about:blank"],
            preexec_fn=give_pipes, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_read)
        os.close(from_write)
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable", session=True)
        self.send("Network.enable", session=True)

    def close(self):
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read(self):
        while b"\0" not in self.buffer:
            remaining = self.deadline - time.time()
            if remaining <= 0 or not select.select([self.from_read], [], [], remaining)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self.from_read, 65536)
            if not chunk:
                raise EOFError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=False):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session if session is True else session
        os.write(self.to_write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def open_page(self, url):
        """Opens another page (a tab) at `url`, once loaded; returns its session for the
        `session=` argument of `send`, `evaluate` and `poll`."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable", session=session)
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired", session=session)
        return session

    def wait_for(self, event, session=True):
        session = self.session if session is True else session
        while True:
            for index, message in enumerate(self.events):
                if message.get("method") == event and message.get("sessionId") == session:
                    del self.events[index]
                    return message
            self.events.append(self._read())

    def navigate(self, url):
        self.send("Page.navigate", {"url": url}, session=True)
        self.wait_for("Page.loadEventFired")

    def reload(self):
        self.send("Page.reload", {"ignoreCache": True}, session=True)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression, session=True):
        result = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True},
                           session=session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def poll(self, expression, seconds=15, session=True):
        """Evaluates `expression` until it is truthy (or time runs out); returns its last value."""
        end = time.time() + seconds
        value = self.evaluate(expression, session=session)
        while not value and time.time() < end:
            time.sleep(0.2)
            value = self.evaluate(expression, session=session)
        return value

    # Helpers for the fans' site checks (fans_check.py, search_timing.py).

    def viewport(self, width, height):
        """A phone's (width < 600: touch, mobile) or a laptop's viewport, scale 1."""
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}, session=True)

    def throttle(self, rate):
        """Slows the page's CPU `rate` times (1: no throttling)."""
        self.send("Emulation.setCPUThrottlingRate", {"rate": rate}, session=True)

    def offline(self, offline=True):
        self.send("Network.emulateNetworkConditions",
                  {"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}, session=True)

    def type_text(self, text):
        """Types `text` into the focused element, one character (and one input event) at a time."""
        for character in text:
            self.send("Input.insertText", {"text": character}, session=True)

    def press(self, key, code, key_code):
        """Presses and releases a key (`Enter`, `Enter`, 13) in the focused element."""
        for kind in ("keyDown", "keyUp"):
            parameters = {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": key_code}
            if kind == "keyDown" and key == "Enter":
                parameters["text"] = "\r"
            self.send("Input.dispatchKeyEvent", parameters, session=True)

    def screenshot(self, path):
        """The viewport as a PNG file."""
        import base64
        data = self.send("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))
