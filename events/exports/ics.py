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


# --- RFC 5545 content lines, written directly ----------------------------------
#
# The ``icalendar`` package builds a component tree per event and costs ~1 ms
# an event; a VEVENT of ours is eight plain lines, so they are written here
# with the same escaping and folding rules (the header still comes from
# ``icalendar``). The tests parse the result back with ``icalendar``.

_FOLD_LIMIT = 75  # octets; a folded segment stays below it, as icalendar writes


def escape_text(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, ``;``, ``,`` and line breaks."""
    return (
        text.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> bytes:
    """A content line as UTF-8, folded (RFC 5545 3.1) between characters, never
    inside one, and never right after an escaping backslash."""
    data = line.encode("utf-8")
    size = len(data)
    if size < _FOLD_LIMIT:
        return data + b"\r\n"
    parts = []
    start = 0
    while size - start >= _FOLD_LIMIT:
        cut = start + _FOLD_LIMIT - 1
        while data[cut] & 0xC0 == 0x80:  # inside a multi-byte character
            cut -= 1
        last = cut - 1
        while data[last] & 0xC0 == 0x80:
            last -= 1
        if data[last] in b"\\^" and last > start:
            cut = last
        parts.append(data[start:cut])
        start = cut
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def _date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def vevent(event: Event, meta: base.ExportMeta) -> bytes | None:
    """One VEVENT as bytes, or ``None`` for an undated event."""
    days = calendar_days(event)
    if days is None:
        return None
    stamp = (event.updated_at or meta.generated_at).astimezone(dt.timezone.utc)
    prefix = "≈ " if (event.date_approximate or event.date_uncertain) else ""
    lines = [b"BEGIN:VEVENT\r\n", fold("SUMMARY:" + escape_text(prefix + event.title))]
    lines.append(f"DTSTART;VALUE=DATE:{_date(days[0])}\r\n".encode())
    if days[1] - days[0] > dt.timedelta(days=1):
        lines.append(f"DTEND;VALUE=DATE:{_date(days[1])}\r\n".encode())
    lines.append(f"DTSTAMP:{stamp:%Y%m%dT%H%M%S}Z\r\nUID:event-{event.pk}@chronicle\r\n".encode())
    lines.append(fold("CATEGORIES:" + escape_text(event.event_type.label_en)))
    lines.append(fold("DESCRIPTION:" + escape_text(description(event, meta))))
    places = base.place_names(event)
    if places:
        lines.append(fold("LOCATION:" + escape_text(", ".join(places))))
    lines.append(b"END:VEVENT\r\n")
    return b"".join(lines)


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
        chunk = vevent(event, meta)
        if chunk is None:
            continue
        buffer.append(chunk)
        size += len(chunk)
        if size >= 64 * 1024:
            yield b"".join(buffer)
            buffer, size = [], 0
    buffer.append(footer)
    yield b"".join(buffer)
