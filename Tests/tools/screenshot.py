#!/usr/bin/env python3
"""Takes screenshots of pages in headless Chromium at a given size, after a condition holds:
screenshot.py WIDTHxHEIGHT CONDITION URL=OUT.png [URL=OUT.png ...]

CONDITION is a JavaScript expression polled until it is truthy (up to 15 s), e.g.
"document.body.dataset.announcement === 'emergency'"; `true` takes the page once loaded."""
import base64
import sys
import time

from devtools import Browser

size, condition, *shots = sys.argv[1:]
width, height = (int(part) for part in size.split("x"))
browser = Browser()
try:
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=True)
    for shot in shots:
        url, out = shot.rsplit("=", 1)
        browser.navigate(url)
        if not browser.poll(condition):
            print(f"{url}: {condition} never held", file=sys.stderr)
            sys.exit(1)
        time.sleep(0.5)
        image = browser.send("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        with open(out, "wb") as file:
            file.write(base64.b64decode(image))
finally:
    browser.close()
