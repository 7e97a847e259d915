#!/usr/bin/env python3
"""Types a query into the search field of an export's page in headless Chromium and prints
the results' lines (what each result says under its name) as JSON, for the Swift tests: on
a long program, whose navigation lists weeks, a set's day is labelled by its date.

usage: search_labels.py OUTPUT_FOLDER PAGE QUERY"""
import json
import sys

import devtools


def result_lines(root, page, query):
    """The text of each search result for `query` on `page` of the export at `root`."""
    server, base = devtools.serve(root)
    browser = devtools.Browser()
    try:
        browser.navigate(base + page)
        browser.poll("!document.getElementById('search').hidden")
        browser.evaluate("document.getElementById('search-input').focus()")
        browser.type_text(query)
        browser.poll("!document.getElementById('search-results').hidden && "
                     "document.getElementById('search-status').textContent !== ''", seconds=20)
        return json.loads(browser.evaluate(
            "JSON.stringify([...document.querySelectorAll('#search-results li')].map((item) => item.innerText))"))
    finally:
        browser.close()
        server.shutdown()


if __name__ == "__main__":
    print(json.dumps({"results": result_lines(*sys.argv[1:4])}))
