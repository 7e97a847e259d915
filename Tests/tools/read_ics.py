#!/usr/bin/env python3
"""Reads every .ics file below a folder with two independent parsers (icalendar, vobject),
checks the RFC 5545 framing, and prints what it read as JSON for the Swift tests.

Exit status 1, with the reasons on stderr, when any file fails a check."""
import json
import sys
from pathlib import Path

import icalendar
import vobject

problems = []
result = {}

for path in sorted(Path(sys.argv[1]).rglob("*.ics")):
    name = str(path.relative_to(sys.argv[1]))
    raw = path.read_bytes()
    # Framing: CRLF everywhere, no line over 75 octets, folds never split a UTF-8 sequence.
    for number, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"{name}:{number}: bare CR or LF")
        if len(line) > 75:
            problems.append(f"{name}:{number}: {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{name}:{number}: a fold splits a UTF-8 sequence")
    if not raw.endswith(b"\r\n"):
        problems.append(f"{name}: does not end in CRLF")

    calendar = icalendar.Calendar.from_ical(raw)
    for required in ("VERSION", "PRODID", "CALSCALE", "METHOD"):
        if required not in calendar:
            problems.append(f"{name}: no {required}")
    timezones = {}
    for component in calendar.walk("VTIMEZONE"):
        transitions = []
        for sub in component.subcomponents:
            transitions.append({
                "kind": sub.name,
                "start": sub["DTSTART"].dt.isoformat(),
                "from": int(sub["TZOFFSETFROM"].td.total_seconds()),
                "to": int(sub["TZOFFSETTO"].td.total_seconds()),
            })
        timezones[str(component["TZID"])] = transitions
    events = []
    for event in calendar.walk("VEVENT"):
        start, end = event["DTSTART"], event["DTEND"]
        tzid = start.params.get("TZID")
        if tzid is not None and tzid not in timezones:
            problems.append(f"{name}: DTSTART TZID {tzid} has no VTIMEZONE")
        events.append({
            "uid": str(event["UID"]),
            "start": start.dt.timestamp(),
            "end": end.dt.timestamp(),
            "tzid": tzid or "UTC",
            "summary": str(event["SUMMARY"]),
            "description": str(event.get("DESCRIPTION", "")),
            "location": str(event.get("LOCATION", "")),
            "sequence": int(event.get("SEQUENCE", 0)),
            "status": str(event.get("STATUS", "")),
            "dtstamp": event["DTSTAMP"].dt.isoformat(),
            "last_modified": (event.get("LAST-MODIFIED") or event["DTSTAMP"]).dt.isoformat(),
            # Reminders: each VALARM's action, its trigger in seconds from the start
            # (negative: before) and its text.
            "alarms": [{
                "action": str(alarm.get("ACTION", "")),
                "trigger": int(alarm["TRIGGER"].dt.total_seconds()),
                "description": str(alarm.get("DESCRIPTION", "")),
            } for alarm in event.walk("VALARM")],
        })

    # A second, independent parser with its own validation; vobject reads times through
    # the file's own VTIMEZONE, so its instants check the VTIMEZONE against icalendar's.
    try:
        by_uid = {event["uid"]: event for event in events}
        for component in vobject.readComponents(raw.decode("utf-8"), validate=True):
            component.validate(raiseException=True, complainUnrecognized=False)
            for vevent in getattr(component, "vevent_list", []):
                uid = vevent.uid.value
                for field in ("dtstart", "dtend"):
                    instant = getattr(vevent, field).value.timestamp()
                    expected = by_uid[uid]["start" if field == "dtstart" else "end"]
                    if abs(instant - expected) > 0.5:
                        problems.append(f"{name}: {uid} {field} is {instant} through the VTIMEZONE, {expected} through tzdata")
    except Exception as error:  # noqa: BLE001 - any failure is a finding
        problems.append(f"{name}: vobject: {error!r}")

    result[name] = {
        "name": str(calendar.get("X-WR-CALNAME", "")),
        "refresh": str(calendar.get("REFRESH-INTERVAL").to_ical().decode()) if "REFRESH-INTERVAL" in calendar else None,
        "timezones": timezones,
        "events": events,
    }

if problems:
    print("\n".join(problems[:50]), file=sys.stderr)
    sys.exit(1)
json.dump(result, sys.stdout)
