"""CSV export: one row per event, UTF-8 with a BOM so Excel reads Cyrillic."""

from __future__ import annotations

import csv as _csv
import io
from collections.abc import Iterable, Iterator

from events.models import Event

from . import base, table

CONTENT_TYPE = "text/csv; charset=utf-8"
EXTENSION = "csv"

_BOOLEANS = {True: table.as_text(True), False: table.as_text(False)}


def render(events: Iterable[Event], meta: base.ExportMeta | None = None) -> Iterator[bytes]:
    """Yield the CSV file in chunks: a header row, then one row per event."""
    return base.chunked_text(_lines(events))


def _lines(events: Iterable[Event]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = _csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff"
    writer.writerow(table.COLUMNS)
    yield flush()
    for event in events:
        row = table.event_row(event)
        # csv writes None as "" and str() of the rest (ISO dates); only the
        # booleans need table.as_text's lower-case spelling.
        writer.writerow([
            (_BOOLEANS[value] if value.__class__ is bool else value)
            for value in map(row.__getitem__, table.COLUMNS)
        ])
        yield flush()
