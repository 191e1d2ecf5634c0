"""Exports of a selection of events for teachers and their tools.

One module per format (csv, xlsx, json, timelinejs, ics, html), each with
``CONTENT_TYPE``, ``EXTENSION`` and ``render(events, meta) -> Iterator[bytes]``
over any iterable of events. :func:`stream` ties a format to a queryset:
it walks plain rows chunk by chunk with their relations (see
:func:`base.iter_events`), so the API view and the ``export_timeline``
command both stream with flat memory whatever the size of the selection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType

from django.db.models import QuerySet

from . import csv, html, ics, json, timelinejs, xlsx
from .base import CHUNK_SIZE, ExportMeta, iter_events, prepare

__all__ = ["FORMATS", "ExportFormat", "ExportMeta", "UnknownFormat", "get_format", "stream", "prepare"]


class UnknownFormat(ValueError):
    """The requested export format does not exist; the message lists those that do."""


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str
    module: ModuleType

    @property
    def content_type(self) -> str:
        return self.module.CONTENT_TYPE

    @property
    def extension(self) -> str:
        return self.module.EXTENSION

    def filename(self, when: dt.datetime | None = None) -> str:
        """``chronicle-20261125-1432.csv``: a download name that sorts by time."""
        when = when or dt.datetime.now(dt.timezone.utc)
        return f"chronicle-{when:%Y%m%d-%H%M}.{self.extension}"

    def render(self, events, meta: ExportMeta | None = None) -> Iterator[bytes]:
        return self.module.render(events, meta or ExportMeta())


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("csv", "CSV (spreadsheet, plain text)", csv),
        ExportFormat("xlsx", "Excel workbook", xlsx),
        ExportFormat("json", "JSON (all fields)", json),
        ExportFormat("timelinejs", "TimelineJS3 story", timelinejs),
        ExportFormat("ics", "iCalendar", ics),
        ExportFormat("html", "Printable handout (HTML, A4)", html),
    )
}


def get_format(name: str) -> ExportFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormat(
            f"unknown export format {name!r}; choose one of: {', '.join(FORMATS)}"
        ) from None


def stream(
    name: str,
    queryset: QuerySet,
    meta: ExportMeta | None = None,
    chunk_size: int = CHUNK_SIZE,
    *,
    keep_order: bool = False,
) -> Iterator[bytes]:
    """The export of ``queryset`` in format ``name``, as byte chunks.

    ``keep_order`` keeps the queryset's own ordering (``filter_events``
    sorts by its ``ordering`` parameter); otherwise the export is chronological.
    """
    export_format = get_format(name)
    events = iter_events(queryset, chunk_size=chunk_size, keep_order=keep_order)
    return export_format.render(events, meta)
