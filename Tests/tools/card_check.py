#!/usr/bin/env python3
"""Reads the card a shared link would show back from an export's pages in headless
Chromium: serves the output folder on loopback, opens each page, reads its Open Graph and
Twitter meta, its canonical link and description, then lays the card out the way a chat app
previews a link (picture, site, title, description; the picture taken from the output
folder in place of its public address) and takes a screenshot of it. Prints what it read,
as JSON for the Swift tests.

usage: card_check.py OUTPUT_FOLDER SITE_URL SCREENSHOT_FOLDER PAGE..."""
import base64
import html
import json
import os
import sys
import time

from devtools import Browser, serve

root, site, shots, pages = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
os.makedirs(shots, exist_ok=True)
server, base = serve(root)
browser = Browser()
READ = """(() => {
  const meta = (key) => { const node = document.querySelector(`meta[property="${key}"], meta[name="${key}"]`);
                          return node ? node.getAttribute("content") : null; };
  const canonical = document.querySelector('link[rel="canonical"]');
  return { title: meta("og:title"), description: meta("og:description"), siteName: meta("og:site_name"),
           url: meta("og:url"), image: meta("og:image"), imageWidth: meta("og:image:width"),
           imageHeight: meta("og:image:height"), imageType: meta("og:image:type"), imageAlt: meta("og:image:alt"),
           locale: meta("og:locale"), card: meta("twitter:card"), metaDescription: meta("description"),
           canonical: canonical ? canonical.getAttribute("href") : null,
           alternates: [...document.querySelectorAll('meta[property="og:locale:alternate"]')].map((n) => n.content) };
})()"""


def open_page(url):
    """Opens `url` and waits until that document has loaded (not by the load event, which
    the card written in place of the last page fires too)."""
    browser.send("Page.navigate", {"url": url}, session=True)
    browser.poll(f"location.href === {json.dumps(url)} && document.readyState === 'complete'", 30)
    browser.events.clear()


try:
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": 560, "height": 480, "deviceScaleFactor": 1, "mobile": False}, session=True)
    report = {}
    for number, page in enumerate(pages):
        open_page(base + page)
        card = browser.evaluate(READ)
        picture = card["image"] or ""
        local = base + picture[len(site):] if picture.startswith(site) else ""
        large = card["card"] == "summary_large_image"
        figure = f'<img src="{html.escape(local)}" alt="">' if local else ""
        layout = "large" if large else "small"
        preview = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; padding: 20px; background: #e5ddd5; font: 15px/1.35 system-ui, sans-serif; }}
.card {{ width: 500px; background: #fff; border-radius: 10px; overflow: hidden; box-shadow: 0 1px 3px #0003; }}
.large img {{ display: block; width: 100%; height: 262px; object-fit: cover; }}
.small {{ display: flex; }} .small img {{ width: 130px; height: 130px; object-fit: cover; flex: none; }}
.text {{ padding: 10px 14px; }} .site {{ color: #667; font-size: 13px; text-transform: uppercase; }}
.title {{ font-weight: 700; margin: 4px 0; }} .description {{ color: #334; }}
</style></head><body><div class="card {layout}">{figure}<div class="text">
<div class="site">{html.escape(card["siteName"] or "")} · {html.escape(card["url"] or "")}</div>
<div class="title">{html.escape(card["title"] or "")}</div>
<div class="description">{html.escape(card["description"] or "")}</div></div></div></body></html>"""
        # The preview replaces the page in place, so its picture loads from the same server.
        browser.evaluate(f"document.open(); document.write({json.dumps(preview)}); document.close(); true")
        loaded = browser.poll("(() => { const i = document.querySelector('img'); return !i || (i.complete && i.naturalWidth > 0); })()", 10)
        time.sleep(0.2)
        shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=True)
        path = os.path.join(shots, f"card-{number + 1}.png")
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))
        card["preview"] = path
        card["pictureShown"] = bool(loaded) and bool(local)
        report[page] = card
    print(json.dumps(report))
finally:
    browser.close()
    server.shutdown()
