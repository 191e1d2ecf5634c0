"""TimelineJS3 export (Knight Lab's JSON format), so a teacher can load the
selection into https://timeline.knightlab.com as a story.

TimelineJS only knows exact dates; ours are often a month, a season, "about
1932" or an interval. Each date object carries only the parts we know
(year, or year+month, or year+month+day), spans get an ``end_date``, and
the slide's ``display_date`` says the date the way a historian would
("about 1932", "summer 1937", with the source's own words), so nothing looks
more precise than it is. Citations go into the slide text.
"""

from __future__ import annotations

import json as _json
from collections.abc import Iterable, Iterator

from django.utils.html import escape

from events import dates
from events.models import Event

from . import base

CONTENT_TYPE = "application/json"
EXTENSION = "timelinejs.json"

_PRECISE_TO = {
    dates.PRECISION_DAY: 3,
    dates.PRECISION_MONTH: 2,
    dates.PRECISION_SEASON: 2,
}


def _date_object(bound, *, first: bool) -> dict[str, int]:
    """The TimelineJS date of the first (or last) day of ``bound``, at its precision."""
    day = bound.earliest if first else bound.latest
    depth = _PRECISE_TO.get(bound.precision, 1)
    obj = {"year": day.year}
    if depth >= 2:
        obj["month"] = day.month
    if depth >= 3:
        obj["day"] = day.day
    return obj


def display_date(event: Event) -> str:
    """The date as shown on a slide: normalised, qualified, and as written."""
    normalised = base.normalised_date(event)
    text = normalised or event.date_text
    if event.date_text and normalised and event.date_text != event.date_edtf:
        text = f"{normalised} («{base.one_line(event.date_text)}»)"
    return text


def slide_dates(event: Event) -> dict[str, dict] | None:
    """``start_date``/``end_date`` of a slide, or ``None`` for an undated event."""
    start, end = base.part_bounds(event.date_edtf)
    if start is None and end is None:
        return None
    label = display_date(event)
    first = start or end
    last = end or start
    start_obj = _date_object(first, first=True if start else False)
    end_obj = _date_object(last, first=False)
    result = {"start_date": {**start_obj, "display_date": label}}
    if start is not None and end is not None and end_obj != start_obj:
        result["end_date"] = {**end_obj, "display_date": label}
    return result


def slide_text(event: Event, meta: base.ExportMeta) -> str:
    """The slide body (HTML): description, date warnings, people, numbered citations."""
    parts = []
    if event.description:
        parts.append(f"<p>{escape(event.description)}</p>")
    qualifiers = base.date_qualifiers(event)
    if qualifiers:
        parts.append(f"<p><em>Date: {escape(', '.join(qualifiers))}.</em></p>")
    people = base.people_names(event)
    if people:
        parts.append(f"<p>People: {escape(', '.join(people))}</p>")
    places = base.place_names(event)
    if places:
        parts.append(f"<p>Places: {escape(', '.join(places))}</p>")
    citations = base.citations_of(event)
    if citations:
        items = "".join(
            f'<li><blockquote>{escape(base.one_line(c.quote))}</blockquote>'
            f'<cite><a href="{escape(base.passage_url(c, meta.base_url))}">'
            f"{escape(base.citation_reference(c))}</a></cite></li>"
            for c in citations
        )
        parts.append(f"<ol class=\"citations\">{items}</ol>")
    return "".join(parts)


def slide(event: Event, meta: base.ExportMeta) -> dict | None:
    when = slide_dates(event)
    if when is None:
        return None
    return {
        **when,
        "display_date": when["start_date"]["display_date"],
        "text": {"headline": escape(event.title), "text": slide_text(event, meta)},
        "group": event.event_type.label_en,
        "unique_id": f"event-{event.pk}",
        "autolink": False,
    }


def render(events: Iterable[Event], meta: base.ExportMeta | None = None) -> Iterator[bytes]:
    meta = meta or base.ExportMeta()
    return base.chunked_text(_parts(events, meta))


def _parts(events: Iterable[Event], meta: base.ExportMeta) -> Iterator[str]:
    intro = "Exported from Chronicle. Every event cites the passage it comes from."
    if meta.filters_text():
        intro += f" Selection: {meta.filters_text()}."
    title = {"text": {"headline": escape(meta.title), "text": f"<p>{escape(intro)}</p>"}}
    yield '{"title": ' + _json.dumps(title, ensure_ascii=False) + ', "events": ['
    written = 0
    for event in events:
        data = slide(event, meta)
        if data is None:  # TimelineJS cannot place an undated event
            continue
        yield ("," if written else "") + "\n" + _json.dumps(data, ensure_ascii=False)
        written += 1
    yield "\n]}\n"
