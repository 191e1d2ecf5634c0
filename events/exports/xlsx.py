"""XLSX export: an "Events" sheet (the CSV columns) and a "Citations" sheet.

Written with XlsxWriter in ``constant_memory`` mode: each row goes to a
temporary file as soon as the next one starts, strings are stored inline (no
shared-string table growing with the selection), so a million rows never sit
in memory. The finished workbook is then read back from disk in chunks.
XlsxWriter was measured against openpyxl's write-only mode on the same
5,000 events (about 40 cells each): 1,580 against 1,250 events per CPU
second, at the same flat memory (see bench/exports and the README).

Excel stops at 1,048,576 rows per sheet (the header included). A bigger
selection does not lose rows: the sheet continues on "Events (2)",
"Events (3)" ... (the same for "Citations"), each with its header, and the
workbook's comments say so. Cells over Excel's 32,767 characters are cut
with a visible note rather than silently.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Iterator

import xlsxwriter

from events.models import Event

from . import base, table

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTENSION = "xlsx"
READ_CHUNK = 256 * 1024

MAX_ROWS = 1_048_576  # rows per sheet in Excel, the header row included
MAX_CELL_CHARS = 32_767  # characters per cell in Excel
CUT_NOTE = " […cut: Excel holds 32,767 characters per cell]"

CITATION_COLUMNS = (
    "event_id", "number", "primary", "source", "document", "line", "start", "end", "language",
    "date_text", "quote", "passage_url",
)

_WIDTHS = {"title": 50, "description": 50, "date_text": 24, "date": 24, "primary_quote": 60,
           "citations": 80, "people": 30, "places": 24, "primary_source": 30, "quote": 80,
           "source": 30, "document": 30, "primary_reference": 30, "passage_url": 40}

# Control characters are illegal in XLSX cells (XlsxWriter would escape them
# as ``_x0001_``, which readers show literally); OCR text has some.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value: str) -> str:
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    if len(value) > MAX_CELL_CHARS:
        value = value[: MAX_CELL_CHARS - len(CUT_NOTE)] + CUT_NOTE
    return value


class _Sheet:
    """Rows appended to a sheet that continues on a new one at Excel's row limit.

    Each value is written with the XlsxWriter method of its type (the
    generic ``write()`` guesses the type again for every cell); ``None`` and
    empty strings are left as blank cells, which costs nothing to write.
    """

    def __init__(self, workbook, title: str, columns: tuple[str, ...], formats: dict):
        self.workbook = workbook
        self.title = title
        self.columns = columns
        self.formats = formats
        self.parts = 0
        self.row = 0
        self._start_part()

    def _start_part(self) -> None:
        self.parts += 1
        name = self.title if self.parts == 1 else f"{self.title} ({self.parts})"
        sheet = self.workbook.add_worksheet(name)
        for index, column in enumerate(self.columns):
            sheet.set_column(index, index, _WIDTHS.get(column, 14))
        sheet.freeze_panes(1, 0)
        sheet.write_row(0, 0, self.columns, self.formats["header"])
        self.sheet = sheet
        self.row = 0
        self._string, self._number = sheet.write_string, sheet.write_number
        self._boolean, self._date = sheet.write_boolean, sheet.write_datetime

    def append(self, values: Iterable[object]) -> None:
        self.row += 1
        if self.row >= MAX_ROWS:
            self._start_part()
            self.row = 1
        row = self.row
        for column, value in enumerate(values):
            kind = type(value)
            if kind is str:
                if value:
                    self._string(row, column, _text(value))
            elif kind is int or kind is float:
                self._number(row, column, value)
            elif kind is bool:
                self._boolean(row, column, value)
            elif kind is dt.date or kind is dt.datetime:
                self._date(row, column, value, self.formats["date"])
            elif value is not None:
                self._string(row, column, _text(str(value)))


def render(events: Iterable[Event], meta: base.ExportMeta | None = None) -> Iterator[bytes]:
    """Yield the XLSX file in chunks (the workbook is built on disk first)."""
    meta = meta or base.ExportMeta()
    with tempfile.TemporaryFile() as handle:
        workbook = xlsxwriter.Workbook(handle, {
            "constant_memory": True,
            # Text stays text: no guessing numbers, formulas or links from strings.
            "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
        })
        formats = {
            "header": workbook.add_format({"bold": True, "valign": "top"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        }
        events_sheet = _Sheet(workbook, "Events", table.COLUMNS, formats)
        citations_sheet = _Sheet(workbook, "Citations", CITATION_COLUMNS, formats)
        columns = table.COLUMNS
        for event in events:
            row = table.event_row(event)
            events_sheet.append([row[name] for name in columns])
            for number, citation in enumerate(base.citations_of(event), start=1):
                citations_sheet.append((
                    event.pk, number, citation.is_primary,
                    base.spreadsheet_safe(citation.source.title or citation.source.file_name),
                    base.spreadsheet_safe(base.document_label(citation)),
                    citation.line, citation.start, citation.end, citation.language,
                    base.spreadsheet_safe(citation.date_text), base.spreadsheet_safe(citation.quote),
                    base.passage_url(citation, meta.base_url),
                ))
        comments = meta.filters_text()
        continued = [s.title for s in (events_sheet, citations_sheet) if s.parts > 1]
        if continued:
            comments = "; ".join(filter(None, [comments, (
                f"more rows than Excel's {MAX_ROWS - 1:,} per sheet: "
                + ", ".join(f"{title} continues on {title} (2)" for title in continued)
            )]))
        workbook.set_properties({"title": meta.title, "comments": comments})
        workbook.close()
        handle.seek(0)
        while chunk := handle.read(READ_CHUNK):
            yield chunk
