"""Each export format, parsed back by the standard tool and checked against
the database (the sample timeline of ``export_data``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import jsonschema
import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from events import exports
from events.exports import base
from events.models import Citation, Event

from .export_data import build_timeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def timeline():
    return build_timeline()


def export_bytes(fmt: str, queryset=None, **meta) -> bytes:
    queryset = Event.objects.all() if queryset is None else queryset
    return b"".join(exports.stream(fmt, queryset, exports.ExportMeta(**meta), chunk_size=3))


def chronological_ids() -> list[int]:
    dated = list(Event.objects.exclude(date_sort=None).order_by("date_sort", "date_latest", "id")
                 .values_list("id", flat=True))
    return dated + list(Event.objects.filter(date_sort=None).order_by("id").values_list("id", flat=True))


# --- CSV -------------------------------------------------------------------------

def test_csv_has_one_row_per_event_in_chronological_order(timeline):
    text = export_bytes("csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [int(r["id"]) for r in rows] == chronological_ids()
    assert list(rows[0].keys()) == list(exports.table.COLUMNS)


def test_csv_cells_match_the_database(timeline):
    rows = {int(r["id"]): r for r in csv.DictReader(io.StringIO(export_bytes("csv").decode("utf-8-sig")))}
    for event in Event.objects.all():
        row = rows[event.pk]
        assert row["title"] == event.title
        assert row["date_text"] == event.date_text
        assert row["date_edtf"] == event.date_edtf
        assert row["type"] == event.event_type.slug
        assert row["date_approximate"] == ("true" if event.date_approximate else "false")
        primary = event.citations.get(is_primary=True)
        assert row["primary_quote"] == base.spreadsheet_safe(" ".join(primary.quote.split()))
        assert row["primary_line"] == str(primary.line)
        assert int(row["citation_count"]) == event.citations.count()


def test_csv_keeps_the_sources_words_and_flags_inexact_dates(timeline):
    rows = {int(r["id"]): r for r in csv.DictReader(io.StringIO(export_bytes("csv").decode("utf-8-sig")))}
    rakovsky = rows[timeline["rakovsky"].pk]
    assert (rakovsky["date_text"], rakovsky["date"]) == ("Около 1932 г.", "about 1932")
    assert rakovsky["date_approximate"] == "true"
    assert (rakovsky["date_earliest"], rakovsky["date_latest"]) == ("1932-01-01", "1932-12-31")
    mission = rows[timeline["mission"].pk]
    assert mission["date_latest"] == ""  # an open end is empty, not 9999-12-31
    arrest = rows[timeline["arrest"].pk]
    assert arrest["date"] == "26 January 1898 (O.S. 14 January 1898)"


def test_csv_lists_every_citation_with_source_document_and_line(timeline):
    rows = {int(r["id"]): r for r in csv.DictReader(io.StringIO(export_bytes("csv").decode("utf-8-sig")))}
    letter = rows[timeline["letter"].pk]
    lines = letter["citations"].split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("[1] Политбюро и троцкистская оппозиция, № 12, РГАСПИ. Ф. 17. Оп. 171.")
    assert ", line 2: «Письмо Л. Д. Троцкого" in lines[0]
    assert letter["people"] == "Лев Троцкий"


def test_csv_defuses_cells_that_a_spreadsheet_would_run_as_formulas():
    assert base.spreadsheet_safe("=SUM(A1)") == "'=SUM(A1)"
    assert base.spreadsheet_safe("-1932") == "-1932"
    assert base.spreadsheet_safe("Около 1932") == "Около 1932"


def test_a_filtered_export_contains_exactly_the_selection(timeline):
    selection = Event.objects.filter(event_type__slug="negotiation")
    rows = list(csv.DictReader(io.StringIO(export_bytes("csv", selection).decode("utf-8-sig"))))
    assert sorted(int(r["id"]) for r in rows) == sorted(selection.values_list("id", flat=True))
    assert len(rows) == 2


# --- XLSX ------------------------------------------------------------------------

def test_xlsx_opens_in_openpyxl_with_events_and_citations_sheets(timeline):
    book = load_workbook(io.BytesIO(export_bytes("xlsx")), read_only=True)
    assert book.sheetnames == ["Events", "Citations"]
    rows = list(book["Events"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header == exports.table.COLUMNS
    by_id = {row[0]: dict(zip(header, row)) for row in body}
    assert [row[0] for row in body] == chronological_ids()
    exile = by_id[timeline["exile"].pk]
    assert exile["title"] == "Высылка Троцкого в Алма-Ату"
    assert exile["date_earliest"].date() == dt.date(1928, 1, 1)
    assert exile["places"] == "Алма-Ата"
    citation_rows = list(book["Citations"].iter_rows(values_only=True))[1:]
    assert len(citation_rows) == Citation.objects.count()
    exile_quotes = {r[10] for r in citation_rows if r[0] == timeline["exile"].pk}
    assert exile_quotes == set(timeline["exile"].citations.values_list("quote", flat=True))


def test_xlsx_cells_keep_their_types(timeline):
    book = load_workbook(io.BytesIO(export_bytes("xlsx")), read_only=True)
    rows = list(book["Events"].iter_rows(values_only=True))
    by_id = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    exile = by_id[timeline["exile"].pk]
    assert isinstance(exile["id"], int) and exile["citation_count"] == 2
    assert exile["date_approximate"] is False
    assert exile["confidence"] == timeline["exile"].confidence  # a number, not text
    assert exile["date_original_edtf"] is None  # empty text is a blank cell


def test_xlsx_continues_on_a_new_sheet_past_excels_row_limit(timeline, monkeypatch):
    """Over the limit, no row is lost and the workbook says where the rest went."""
    monkeypatch.setattr(exports.xlsx, "MAX_ROWS", 4)  # a header and 3 rows per sheet
    book = load_workbook(io.BytesIO(export_bytes("xlsx")), read_only=True)
    events = [n for n in book.sheetnames if n.startswith("Events")]
    assert events[:3] == ["Events", "Events (2)", "Events (3)"]
    ids = []
    for name in events:
        rows = list(book[name].iter_rows(values_only=True))
        assert rows[0] == exports.table.COLUMNS and 1 <= len(rows) - 1 <= 3
        ids += [row[0] for row in rows[1:]]
    assert ids == chronological_ids()
    citations = sum(len(list(book[n].iter_rows())) - 1 for n in book.sheetnames if n.startswith("Citations"))
    assert citations == Citation.objects.count()
    assert "continues on Events (2)" in book.properties.description


def test_xlsx_drops_control_characters_and_cuts_cells_excel_cannot_hold():
    from .export_data import ensure_event_types
    from .factories import make_event

    ensure_event_types()
    event = make_event(title="Rapport\x0b du 3\x01 mars")
    Event.objects.filter(pk=event.pk).update(description="долго " * 7000)
    book = load_workbook(io.BytesIO(export_bytes("xlsx")), read_only=True)
    header, row = list(book["Events"].iter_rows(values_only=True))[:2]
    cells = dict(zip(header, row))
    assert cells["title"] == "Rapport du 3 mars"
    assert len(cells["description"]) == exports.xlsx.MAX_CELL_CHARS
    assert cells["description"].endswith(exports.xlsx.CUT_NOTE)


# --- JSON ------------------------------------------------------------------------

def test_json_carries_all_date_layers_and_citations(timeline):
    data = json.loads(export_bytes("json", filters={"type": "letter"}))
    assert data["count"] == Event.objects.count() == len(data["events"])
    assert data["meta"]["filters"] == {"type": "letter"}
    record = next(e for e in data["events"] if e["id"] == timeline["talks_broken"].pk)
    assert record["date"]["text"] == "Летом 1937 г."
    assert record["date"]["precision"] == "season"
    assert (record["date"]["earliest"], record["date"]["latest"]) == ("1937-06-01", "1937-08-31")
    source_text = timeline["talks_broken"].citations.get().source.text
    citation = record["citations"][0]
    assert source_text[citation["start"]:citation["end"]] == citation["quote"]


# --- TimelineJS ------------------------------------------------------------------

DATE_SCHEMA = {
    "type": "object",
    "required": ["year"],
    "properties": {
        "year": {"type": ["integer", "string"]},
        "month": {"type": ["integer", "string"], "minimum": 1, "maximum": 12},
        "day": {"type": ["integer", "string"], "minimum": 1, "maximum": 31},
        "display_date": {"type": "string"},
    },
    "additionalProperties": False,
}
TEXT_SCHEMA = {
    "type": "object",
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
    "additionalProperties": False,
}
TIMELINEJS_SCHEMA = {
    "type": "object",
    "required": ["events"],
    "properties": {
        "title": {"type": "object", "properties": {"text": TEXT_SCHEMA}},
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date", "text"],
                "properties": {
                    "start_date": DATE_SCHEMA,
                    "end_date": DATE_SCHEMA,
                    "text": TEXT_SCHEMA,
                    "group": {"type": "string"},
                    "display_date": {"type": "string"},
                    "unique_id": {"type": "string"},
                    "autolink": {"type": "boolean"},
                },
                "additionalProperties": False,
            },
        },
    },
}


def test_timelinejs_matches_the_timelinejs3_json_structure(timeline):
    data = json.loads(export_bytes("timelinejs"))
    jsonschema.validate(data, TIMELINEJS_SCHEMA)
    ids = [int(e["unique_id"].removeprefix("event-")) for e in data["events"]]
    assert ids == [i for i in chronological_ids() if i != timeline["undated"].pk]


def test_timelinejs_dates_are_only_as_precise_as_the_source(timeline):
    slides = {e["unique_id"]: e for e in json.loads(export_bytes("timelinejs"))["events"]}
    season = slides[f"event-{timeline['talks_broken'].pk}"]
    assert {k: v for k, v in season["start_date"].items() if k != "display_date"} == {"year": 1937, "month": 6}
    assert {k: v for k, v in season["end_date"].items() if k != "display_date"} == {"year": 1937, "month": 8}
    approximate = slides[f"event-{timeline['rakovsky'].pk}"]
    assert "end_date" not in approximate
    assert approximate["start_date"]["year"] == 1932 and "month" not in approximate["start_date"]
    assert approximate["display_date"] == "about 1932 («Около 1932 г.»)"
    span = slides[f"event-{timeline['convention'].pk}"]
    assert (span["start_date"]["year"], span["end_date"]["year"]) == (1935, 1937)
    letter = slides[f"event-{timeline['letter'].pk}"]
    assert {k: letter["start_date"][k] for k in ("year", "month", "day")} == {"year": 1923, "month": 10, "day": 8}
    assert letter["group"] == "Letter"


def test_timelinejs_slide_text_quotes_the_citations(timeline):
    slides = {e["unique_id"]: e for e in json.loads(export_bytes("timelinejs"))["events"]}
    text = slides[f"event-{timeline['exile'].pk}"]["text"]["text"]
    assert text.count("<blockquote>В январе 1928 г. Троцкий был выслан в Алма-Ату.</blockquote>") == 2
    assert "Soviet–French talks, line 5" in text


# --- iCalendar -------------------------------------------------------------------

def _vevents(payload: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(payload)
    return {str(c["uid"]): c for c in calendar.walk("VEVENT")}


def test_ics_parses_and_has_one_all_day_vevent_per_dated_event(timeline):
    vevents = _vevents(export_bytes("ics"))
    dated = Event.objects.exclude(date_edtf="")
    assert set(vevents) == {f"event-{e.pk}@chronicle" for e in dated}
    letter = vevents[f"event-{timeline['letter'].pk}@chronicle"]
    assert letter.decoded("dtstart") == dt.date(1923, 10, 8)
    assert "dtend" not in letter
    assert "VALUE=DATE" in letter.to_ical().decode()


def test_ics_multi_day_spans_have_an_exclusive_end(timeline):
    vevents = _vevents(export_bytes("ics"))
    season = vevents[f"event-{timeline['talks_broken'].pk}@chronicle"]
    assert season.decoded("dtstart") == dt.date(1937, 6, 1)
    assert season.decoded("dtend") == dt.date(1937, 9, 1)
    open_end = vevents[f"event-{timeline['mission'].pk}@chronicle"]
    assert open_end.decoded("dtstart") == dt.date(1932, 11, 1)


def test_ics_description_says_approximate_and_quotes_the_sources(timeline):
    vevents = _vevents(export_bytes("ics"))
    rakovsky = vevents[f"event-{timeline['rakovsky'].pk}@chronicle"]
    description = str(rakovsky["description"])
    assert "approximate" in description
    assert "Date in the source: Около 1932 г." in description
    assert "«Около 1932 г. Раковский писал «=SUM(A1)» о кризисе.»" in description
    assert str(rakovsky["summary"]).startswith("≈ ")


# --- HTML handout ----------------------------------------------------------------

def test_html_handout_is_chronological_with_numbered_citations(timeline):
    from html.parser import HTMLParser

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.articles, self.notes, self.years, self._in_h2 = [], [], [], False

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "article":
                self.articles.append(int(attrs["id"].removeprefix("event-")))
            if tag == "li" and attrs.get("id", "").startswith("note-"):
                self.notes.append(int(attrs["id"].removeprefix("note-")))
            self._in_h2 = tag == "h2"

        def handle_data(self, data):
            if self._in_h2:
                self.years.append(data)
                self._in_h2 = False

    page = export_bytes("html", title="Trotsky, 1923–1937").decode()
    parser = Collect()
    parser.feed(page)
    assert parser.articles == chronological_ids()
    assert parser.notes == list(range(1, Citation.objects.count() + 1))
    assert parser.years == ["1898", "1923", "1928", "1932", "1935", "1937", "Undated"]
    assert "@page { size: A4" in page
    assert "<title>Trotsky, 1923–1937</title>" in page
    assert "14 января 1898 г. (ст. ст.)" in page
    assert "РГАСПИ. Ф. 17. Оп. 171. Д. 31. Л. 29–34, line 2" in page


def test_html_escapes_text_from_the_sources(timeline):
    Event.objects.filter(pk=timeline["exile"].pk).update(title="<script>alert(1)</script>")
    page = export_bytes("html").decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page


# --- registry --------------------------------------------------------------------

def test_unknown_format_names_the_formats_that_exist():
    with pytest.raises(exports.UnknownFormat, match="csv, xlsx, json, timelinejs, ics, html"):
        exports.get_format("pdf")


@pytest.mark.parametrize("fmt", list(exports.FORMATS))
def test_every_format_streams_in_several_chunks_without_loading_source_texts(fmt, timeline, django_assert_max_num_queries):
    # A constant number of queries per chunk (events + 3 prefetches), whatever the count.
    with django_assert_max_num_queries(4 * 3 + 2) as captured:
        chunks = list(exports.stream(fmt, Event.objects.all(), chunk_size=3))
    assert chunks and all(isinstance(c, bytes) for c in chunks)
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    assert '"events_source"."text"' not in sql
