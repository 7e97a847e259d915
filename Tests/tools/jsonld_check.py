#!/usr/bin/env python3
"""Reads the schema.org JSON-LD blocks of an export's pages the way a search engine does:
each `<script type="application/ld+json">` is taken out of the page's HTML (html.parser),
parsed as JSON, and expanded by a JSON-LD processor (PyLD) with schema.org's context loaded
from the committed excerpt, never from the network. Prints, as JSON for the Swift tests, per
page: the blocks' events, each with its type, name, start, location, status, previous
starts, performers' names, url and image (all read from the expanded form), and every
problem found: a block that is not JSON, a term schema.org does not define, an event
without the properties Google's event documentation requires (name, startDate, location).

usage: jsonld_check.py CONTEXT_FILE OUTPUT_FOLDER PAGE..."""
import html.parser
import json
import sys

from pyld import jsonld

SCHEMA = "http://schema.org/"
context_file, root, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(context_file, encoding="utf-8") as handle:
    context = json.load(handle)
known_terms = set(context["@context"])


def loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org", "https://schema.org/docs/jsonldcontext.jsonld"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": context}
    raise jsonld.JsonLdError(f"no network: {url}", "jsonld.LoadDocumentError", code="loading document failed")


class Blocks(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks, self.inside = [], False

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self.inside = True
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.blocks[-1] += data


def unknown_terms(value, problems, where):
    if isinstance(value, dict):
        for key, item in value.items():
            if key.startswith("@"):
                if key == "@type" and isinstance(item, str) and item not in known_terms:
                    problems.append(f"{where}: type {item} is not a schema.org term")
                continue
            if key not in known_terms:
                problems.append(f"{where}: {key} is not a schema.org term")
            unknown_terms(item, problems, where)
    elif isinstance(value, list):
        for item in value:
            unknown_terms(item, problems, where)


def values(node, name):
    return node.get(SCHEMA + name, [])


def first(node, name):
    items = values(node, name)
    if not items:
        return None
    item = items[0]
    return item.get("@value", item.get("@id", item))


report = {}
for page in pages:
    with open(f"{root}/{page}", encoding="utf-8") as handle:
        parser = Blocks()
        parser.feed(handle.read())
    problems, events = [], []
    for text in parser.blocks:
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            problems.append(f"not JSON: {error}")
            continue
        unknown_terms(document, problems, page)
        expanded = jsonld.expand(document, {"documentLoader": loader})
        for node in expanded:
            types = [kind.removeprefix(SCHEMA) for kind in node.get("@type", [])]
            if not {"Event", "MusicEvent", "Festival"} & set(types):
                continue
            for required in ("name", "startDate", "location"):
                if not values(node, required):
                    problems.append(f"{page}: {types} {first(node, 'name')} has no {required}")
            location = values(node, "location")[0] if values(node, "location") else {}
            events.append({
                "type": types[0],
                "name": first(node, "name"),
                "start": first(node, "startDate"),
                "end": first(node, "endDate"),
                "status": first(node, "eventStatus"),
                "previous": [item.get("@value") for item in values(node, "previousStartDate")],
                "location": first(location, "name") if isinstance(location, dict) else None,
                "venue": first(values(location, "containedInPlace")[0], "name") if values(location, "containedInPlace") else None,
                "performers": [first(item, "name") for item in values(node, "performer")],
                "performerURLs": [first(item, "url") for item in values(node, "performer") if values(item, "url")],
                "superEvent": first(values(node, "superEvent")[0], "name") if values(node, "superEvent") else None,
                "url": first(node, "url"),
                "image": first(node, "image"),
                "offers": [first(item, "url") for item in values(node, "offers")],
            })
    report[page] = {"blocks": len(parser.blocks), "events": events, "problems": problems}
print(json.dumps(report))
