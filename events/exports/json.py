"""JSON export: the events with their full date layers, people, places and
citations, streamed as ``{"meta": ..., "events": [...], "count": N}``."""

from __future__ import annotations

import json as _json
from collections.abc import Iterable, Iterator

from events.models import Event

from . import base

CONTENT_TYPE = "application/json"
EXTENSION = "json"


def _iso(value):
    return value.isoformat() if value is not None else None


def event_record(event: Event, meta: base.ExportMeta) -> dict:
    """Everything a program needs about one event, JSON-ready."""
    return {
        "id": event.pk,
        "title": event.title,
        "description": event.description,
        "type": event.event_type.slug,
        "type_label": event.event_type.label_en,
        "kind": event.kind,
        "status": event.status,
        "confidence": event.confidence,
        "date": {
            "text": event.date_text,
            "edtf": event.date_edtf,
            "display": base.normalised_date(event),
            "calendar": event.date_calendar,
            "original_edtf": event.date_original_edtf,
            "earliest": _iso(base.known_date(event.date_earliest)),
            "latest": _iso(base.known_date(event.date_latest)),
            "precision": event.date_precision,
            "approximate": event.date_approximate,
            "uncertain": event.date_uncertain,
            "conflict": event.date_conflict,
        },
        "people": [
            {"id": link.person_id, "name": link.person.name, "role": link.role}
            for link in base.person_links(event)
        ],
        "places": [
            {"id": link.place_id, "name": link.place.name, "role": link.role}
            for link in base.place_links(event)
        ],
        "citations": [
            {
                "number": number,
                "source": {"id": c.source_id, "title": c.source.title, "file_name": c.source.file_name},
                "document": (
                    {"number": c.document.number, "reference": base.document_label(c)}
                    if c.document_id else None
                ),
                "start": c.start,
                "end": c.end,
                "line": c.line,
                "quote": c.quote,
                "language": c.language,
                "is_primary": c.is_primary,
                "date_text": c.date_text,
                "date_edtf": c.date_edtf,
                "passage_url": base.passage_url(c, meta.base_url),
            }
            for number, c in enumerate(base.citations_of(event), start=1)
        ],
    }


def render(events: Iterable[Event], meta: base.ExportMeta | None = None) -> Iterator[bytes]:
    meta = meta or base.ExportMeta()
    return base.chunked_text(_parts(events, meta))


def _parts(events: Iterable[Event], meta: base.ExportMeta) -> Iterator[str]:
    head = {
        "title": meta.title,
        "generated_at": meta.generated_at.isoformat(),
        "filters": meta.filters,
    }
    yield '{"meta": ' + _json.dumps(head, ensure_ascii=False) + ', "events": ['
    count = 0
    for event in events:
        yield ("," if count else "") + "\n" + _json.dumps(event_record(event, meta), ensure_ascii=False)
        count += 1
    yield f'\n], "count": {count}}}\n'
