"""iCalendar export: one all-day VEVENT per dated event.

Calendars only know days, so an event is placed on the days its date can
cover: a day is a one-day event, a month or a season or an interval becomes
a multi-day event (DTEND is exclusive, RFC 5545 3.6.1). What a calendar cannot
show -- "about", "perhaps", the source's own words -- is said in the
DESCRIPTION, with the citations. Open intervals ("not earlier than
November 1932") sit on their known end. Undated events are left out: a
calendar has nowhere to put them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from icalendar import Calendar
from icalendar import Event as VEvent

from events.models import Event

from . import base

CONTENT_TYPE = "text/calendar; charset=utf-8"
EXTENSION = "ics"
PRODID = "-//Chronicle//Historical events with citations//EN"


def calendar_days(event: Event) -> tuple[dt.date, dt.date] | None:
    """First day and exclusive end day of the calendar entry, or ``None``."""
    first = base.known_date(event.date_earliest)
    last = base.known_date(event.date_latest)
    if first is None and last is None:
        return None
    if first is None:  # "not later than X": the last possible day
        first = last
    if last is None:  # "not earlier than X": the first possible day
        last = first
    return first, last + dt.timedelta(days=1)


def description(event: Event, meta: base.ExportMeta) -> str:
    """Plain text: the date as written and normalised, warnings, people, citations."""
    lines = []
    if event.date_text:
        lines.append(f"Date in the source: {base.one_line(event.date_text)}")
    if event.date_edtf:
        lines.append(f"Date (normalised): {base.normalised_date(event)} [EDTF {event.date_edtf}]")
    if event.date_approximate:
        lines.append("The date is approximate: the calendar shows the whole period it may fall in.")
    if event.date_uncertain:
        lines.append("The date is uncertain.")
    if event.date_precision and event.date_precision != "day":
        lines.append(f"Known to the {event.date_precision}, not to the day.")
    if event.date_conflict:
        lines.append("The sources disagree on the date.")
    if event.description:
        lines += ["", event.description]
    people = base.people_names(event)
    if people:
        lines.append(f"People: {', '.join(people)}")
    citations = base.citations_of(event)
    if citations:
        lines += ["", "Sources:"]
        lines += [base.citation_line(n, c) for n, c in enumerate(citations, start=1)]
    return "\n".join(lines)


def vevent(event: Event, meta: base.ExportMeta) -> VEvent | None:
    days = calendar_days(event)
    if days is None:
        return None
    entry = VEvent()
    entry.add("uid", f"event-{event.pk}@chronicle")
    entry.add("dtstamp", event.updated_at or meta.generated_at)
    entry.add("dtstart", days[0])
    if days[1] - days[0] > dt.timedelta(days=1):
        entry.add("dtend", days[1])
    prefix = "≈ " if (event.date_approximate or event.date_uncertain) else ""
    entry.add("summary", prefix + event.title)
    entry.add("description", description(event, meta))
    entry.add("categories", [event.event_type.label_en])
    places = base.place_names(event)
    if places:
        entry.add("location", ", ".join(places))
    return entry


def render(events: Iterable[Event], meta: base.ExportMeta | None = None) -> Iterator[bytes]:
    """Yield the calendar: its header, the VEVENTs one by one, ``END:VCALENDAR``."""
    meta = meta or base.ExportMeta()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", meta.title)
    if meta.filters_text():
        calendar.add("x-wr-caldesc", f"Selection: {meta.filters_text()}")
    whole = calendar.to_ical()
    footer = b"END:VCALENDAR\r\n"
    assert whole.endswith(footer)
    yield whole[: -len(footer)]
    buffer: list[bytes] = []
    size = 0
    for event in events:
        entry = vevent(event, meta)
        if entry is None:
            continue
        chunk = entry.to_ical()
        buffer.append(chunk)
        size += len(chunk)
        if size >= 64 * 1024:
            yield b"".join(buffer)
            buffer, size = [], 0
    buffer.append(footer)
    yield b"".join(buffer)
