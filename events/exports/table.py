"""One event as one spreadsheet row: the columns CSV and XLSX share.

Teachers sort and filter these sheets themselves, so every date fact gets
its own column (as written, EDTF, readable, earliest/latest day, flags) and
the citations come both as the primary quote and as one numbered text cell.
"""

from __future__ import annotations

import datetime as dt

from events.models import Event

from . import base

COLUMNS = (
    "id", "date_text", "date", "date_edtf", "date_earliest", "date_latest", "date_precision",
    "date_approximate", "date_uncertain", "date_calendar", "date_original_edtf", "type",
    "type_label", "title", "description", "people", "places", "status", "confidence",
    "citation_count", "primary_source", "primary_reference", "primary_line", "primary_quote",
    "citations",
)

# Text cells a spreadsheet could mistake for a formula (see base.spreadsheet_safe).
TEXT_COLUMNS = frozenset({
    "date_text", "title", "description", "people", "places", "primary_source",
    "primary_reference", "primary_quote", "citations",
})


def event_row(event: Event) -> dict[str, object]:
    """The row of ``event`` by column name; dates are ``datetime.date`` or ``None``."""
    citations = base.citations_of(event)
    primary = citations[0] if citations else None
    row: dict[str, object] = {
        "id": event.pk,
        "date_text": event.date_text,
        "date": base.normalised_date(event),
        "date_edtf": event.date_edtf,
        "date_earliest": base.known_date(event.date_earliest),
        "date_latest": base.known_date(event.date_latest),
        "date_precision": event.date_precision,
        "date_approximate": event.date_approximate,
        "date_uncertain": event.date_uncertain,
        "date_calendar": event.date_calendar,
        "date_original_edtf": event.date_original_edtf,
        "type": event.event_type.slug,
        "type_label": event.event_type.label_en,
        "title": event.title,
        "description": event.description,
        "people": "; ".join(base.people_names(event)),
        "places": "; ".join(base.place_names(event)),
        "status": event.status,
        "confidence": event.confidence,
        "citation_count": len(citations),
        "primary_source": (primary.source.title or primary.source.file_name) if primary else "",
        "primary_reference": base.document_label(primary) if primary else "",
        "primary_line": primary.line if primary else None,
        "primary_quote": base.one_line(primary.quote) if primary else "",
        "citations": "\n".join(base.citation_line(n, c) for n, c in enumerate(citations, 1)),
    }
    for name in TEXT_COLUMNS:
        row[name] = base.spreadsheet_safe(row[name])
    return row


def as_text(value: object) -> str:
    """How a cell reads in a text format (CSV): ISO dates, true/false, empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
