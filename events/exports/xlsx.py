"""XLSX export: an "Events" sheet (the CSV columns) and a "Citations" sheet.

openpyxl's write-only mode streams rows to a temporary file as they are
appended, so a million rows never sit in memory; the finished workbook is
then read back from disk in chunks.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from events.models import Event

from . import base, table

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTENSION = "xlsx"
READ_CHUNK = 256 * 1024

CITATION_COLUMNS = (
    "event_id", "number", "primary", "source", "document", "line", "start", "end", "language",
    "date_text", "quote", "passage_url",
)

_WIDTHS = {"title": 50, "description": 50, "date_text": 24, "date": 24, "primary_quote": 60,
           "citations": 80, "people": 30, "places": 24, "primary_source": 30, "quote": 80,
           "source": 30, "document": 30, "primary_reference": 30, "passage_url": 40}


def _clean(value: object) -> object:
    """Control characters are illegal in XLSX cells; OCR text has some."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _sheet(workbook: Workbook, title: str, columns: tuple[str, ...]):
    sheet = workbook.create_sheet(title)
    for index, name in enumerate(columns, start=1):
        letter = _column_letter(index)
        sheet.column_dimensions[letter].width = _WIDTHS.get(name, 14)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        cell.alignment = Alignment(vertical="top")
        header.append(cell)
    sheet.append(header)
    return sheet


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def render(events: Iterable[Event], meta: base.ExportMeta | None = None) -> Iterator[bytes]:
    """Yield the XLSX file in chunks (the workbook is built on disk first)."""
    meta = meta or base.ExportMeta()
    workbook = Workbook(write_only=True)
    workbook.properties.title = meta.title
    workbook.properties.description = meta.filters_text()
    events_sheet = _sheet(workbook, "Events", table.COLUMNS)
    citations_sheet = _sheet(workbook, "Citations", CITATION_COLUMNS)
    for event in events:
        row = table.event_row(event)
        # Plain values: openpyxl gives dates a date format by itself, and
        # per-cell objects would cost a third of the time.
        events_sheet.append([_clean(row[name]) for name in table.COLUMNS])
        for number, citation in enumerate(base.citations_of(event), start=1):
            citations_sheet.append([_clean(v) for v in (
                event.pk, number, citation.is_primary,
                base.spreadsheet_safe(citation.source.title or citation.source.file_name),
                base.spreadsheet_safe(base.document_label(citation)),
                citation.line, citation.start, citation.end, citation.language,
                base.spreadsheet_safe(citation.date_text), base.spreadsheet_safe(citation.quote),
                base.passage_url(citation, meta.base_url),
            )])
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        while chunk := handle.read(READ_CHUNK):
            yield chunk
