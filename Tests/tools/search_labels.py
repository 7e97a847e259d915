#!/usr/bin/env python3
"""Types a query into the search field of an export's page in headless Chromium and prints
the results' lines (what each result says under its name) as JSON, for the Swift tests: on
a long program, whose navigation lists weeks, a set's day is labelled by its date.

usage: search_labels.py OUTPUT_FOLDER PAGE QUERY"""
import json
import sys

from devtools import Browser, serve

root, page, query = sys.argv[1], sys.argv[2], sys.argv[3]
server, base = serve(root)
browser = Browser()
try:
    browser.navigate(base + page)
    browser.poll("!document.getElementById('search').hidden")
    browser.evaluate("document.getElementById('search-input').focus()")
    browser.type_text(query)
    browser.poll("!document.getElementById('search-results').hidden && "
                 "document.getElementById('search-status').textContent !== ''", seconds=20)
    lines = browser.evaluate(
        "JSON.stringify([...document.querySelectorAll('#search-results li')].map((item) => item.innerText))")
    print(json.dumps({"results": json.loads(lines)}))
finally:
    browser.close()
    server.shutdown()
