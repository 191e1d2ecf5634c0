"""``GET /api/export/``: same filters as /api/events/, streamed files, clear errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from events import exports
from events.models import Event
from events.tests.export_data import build_timeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def timeline():
    return build_timeline()


def download(client, **params):
    response = client.get("/api/export/", params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def csv_ids(body: bytes) -> list[int]:
    return [int(row["id"]) for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))]


@pytest.mark.parametrize("fmt", list(exports.FORMATS))
def test_every_format_streams_with_its_content_type_and_file_name(client, timeline, fmt):
    response, body = download(client, format=fmt)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == exports.FORMATS[fmt].content_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline" if fmt == "html" else "attachment")
    assert f'.{exports.FORMATS[fmt].extension}"' in disposition
    assert body


def test_filtered_export_contains_exactly_what_the_events_endpoint_lists(client, timeline):
    params = {"type": "negotiation,letter", "date_from": "1930", "date_to": "1936"}
    listed = client.get("/api/events/", {**params, "page_size": 500}).json()["results"]
    _, body = download(client, format="csv", **params)
    assert sorted(csv_ids(body)) == sorted(e["id"] for e in listed)
    assert sorted(csv_ids(body)) == sorted([timeline["rakovsky"].pk, timeline["convention"].pk])


@pytest.mark.parametrize("param,value,expected", [
    ("person", "Троцкий", {"letter", "exile", "arrest"}),
    ("place", "Париж", {"mission"}),
    ("q", "конвенции", {"convention"}),
])
def test_person_place_and_text_filters_select_the_same_events_in_every_format(client, timeline, param, value, expected):
    wanted = sorted(timeline[name].pk for name in expected)
    _, body = download(client, format="json", **{param: value})
    assert sorted(e["id"] for e in json.loads(body)["events"]) == wanted
    _, body = download(client, format="xlsx", **{param: value})
    rows = list(load_workbook(io.BytesIO(body), read_only=True)["Events"].iter_rows(values_only=True))[1:]
    assert sorted(r[0] for r in rows) == wanted


def test_source_filter_and_calendar_export(client, timeline):
    second = timeline["exile"].citations.exclude(source__file_name="export-sample.txt").get().source
    _, body = download(client, format="ics", source=str(second.pk))
    uids = [str(v["uid"]) for v in Calendar.from_ical(body).walk("VEVENT")]
    assert uids == [f"event-{timeline['exile'].pk}@chronicle"]


def test_rejected_events_are_not_exported_to_anonymous_readers(client, timeline):
    Event.objects.filter(pk=timeline["exile"].pk).update(status=Event.Status.REJECTED)
    _, body = download(client, format="csv")
    assert timeline["exile"].pk not in csv_ids(body)
    assert len(csv_ids(body)) == Event.objects.count() - 1


def test_the_filters_and_title_are_written_into_the_file(client, timeline):
    _, body = download(client, format="json", type="letter", title="Письма")
    meta = json.loads(body)["meta"]
    assert meta["title"] == "Письма"
    assert meta["filters"] == {"type": "letter"}


def test_unknown_format_is_a_400_naming_format(client, timeline):
    response = client.get("/api/export/", {"format": "pdf"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "format" in response.json()
    assert "csv" in json.dumps(response.json(), ensure_ascii=False)


def test_missing_format_is_a_400_naming_format(client):
    response = client.get("/api/export/")
    assert response.status_code == 400
    assert "format" in response.json()


def test_bad_filter_value_is_a_400_naming_the_parameter(client, timeline):
    response = client.get("/api/export/", {"format": "csv", "date_from": "31.12.1932"})
    assert response.status_code == 400
    assert "date_from" in response.json()


def test_schema_documents_the_export_with_formats_and_filters(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/export/"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert sorted(params["format"]["schema"]["enum"]) == sorted(exports.FORMATS)
    assert params["format"]["required"] is True
    assert {"date_from", "date_to", "type", "person", "place", "source", "q"} <= set(params)
    assert "text/csv" in operation["responses"]["200"]["content"]
