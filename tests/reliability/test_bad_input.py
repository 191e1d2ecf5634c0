"""Hostile input, table by table: query parameters, JSON bodies, admin forms
and files given to ``ingest``. Every case must answer with a clear error
(never a server error, never a traceback) and leave every table exactly as it
was -- rows are counted in all of them, history tables included.
"""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from events.backup import row_counts
from events.models import Event, Person, Place
from events.tests.factories import make_event, make_source

from .formscrape import form_values

SCRIPT = "<script>alert(1)</script>"
SQL = "'; DROP TABLE events_event; --"
TEXT = "Письмо от 1 февраля 1923 г. об интервью.\nЛетом 1937 г. переговоры были прерваны.\n"


@pytest.fixture
def world(db):
    source = make_source("hostile.txt", text=TEXT, title="Hostile input test source")
    event = make_event(source, quote="Письмо от 1 февраля 1923 г. об интервью.", fingerprint="f" * 64)
    person = Person.objects.create(name="Троцкий", variants=["Троцкого"])
    place = Place.objects.create(name="Москва")
    root = User.objects.create_superuser("root", "", "a-long-root-password")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=root).key}")
    return {"source": source, "event": event, "person": person, "place": place, "root": root, "api": api}


def _fill(template: str, world) -> str:
    return template.format(event=world["event"].pk, person=world["person"].pk, place=world["place"].pk,
                           source=world["source"].pk)


def _assert_clear_error(response, key: str) -> None:
    assert response.status_code == 400, (response.status_code, response.content[:300])
    body = response.json()
    assert key in body, body
    message = json.dumps(body[key], ensure_ascii=False)
    assert len(message) > 4 and "Traceback" not in message


# --- query parameters ------------------------------------------------------------------------

QUERY_CASES = [
    # (id, path with query, parameter named in the error)
    ("month 13", "/api/events/?date_from=1935-13-01", "date_from"),
    ("day 32", "/api/events/?date_to=1935-01-32", "date_to"),
    ("february 30", "/api/events/?date_from=1935-02-30", "date_from"),
    ("year 10 digits", "/api/events/?date_from=1234567890", "date_from"),
    ("window reversed", "/api/events/?date_from=1940&date_to=1930", "date_to"),
    ("sql in date", "/api/events/?date_from=" + SQL, "date_from"),
    ("script in type", "/api/events/?type=" + SCRIPT, "type"),
    ("letters in source ids", "/api/events/?source=1,abc", "source"),
    ("id beyond 64 bits", "/api/events/?source=99999999999999999999999", "source"),
    ("unknown status", "/api/events/?status=deleted", "status"),
    ("confidence above 1", "/api/events/?min_confidence=7", "min_confidence"),
    ("confidence not a number", "/api/events/?min_confidence=NaN", "min_confidence"),
    ("boolean not a boolean", "/api/events/?include_rejected=maybe", "include_rejected"),
    ("unknown ordering", "/api/events/?ordering=" + SQL, "ordering"),
    ("nul byte in date", "/api/events/?date_from=1935%00", "date_from"),
    ("percent in ids", "/api/events/?source=5%25d", "source"),
    ("percent in date", "/api/events/?date_from=%25s%25s", "date_from"),
    ("percent in status", "/api/events/?status=%25(x)s", "status"),
    ("percent in document ids", "/api/events/?document=1,%25d", "document"),
    ("export format unknown", "/api/export/?format=exe", "format"),
]


@pytest.mark.parametrize("case,path,key", QUERY_CASES, ids=[c[0] for c in QUERY_CASES])
def test_hostile_query_parameter_gets_a_400_naming_it(world, case, path, key):
    before = row_counts()
    response = APIClient().get(path)
    _assert_clear_error(response, key)
    assert row_counts() == before


SEARCH_TEXTS = [SQL, SCRIPT, "%", "_", "\\", "x" * 5000, "' OR '1'='1", "Троцкий\u0301"]


@pytest.mark.parametrize("text", SEARCH_TEXTS, ids=["sql", "script", "percent", "underscore", "backslash",
                                                    "5000 chars", "or-true", "combining accent"])
def test_hostile_search_text_is_only_text(world, text):
    """A search string is data: it finds nothing (it is in no title), and breaks nothing."""
    before = row_counts()
    response = APIClient().get("/api/events/", {"q": text})
    assert response.status_code in (200, 400), response.content[:300]
    if response.status_code == 200:
        assert response.json()["results"] == []
    assert row_counts() == before


def test_ids_too_large_for_the_database_are_not_found(world):
    for path in ("/api/events/99999999999999999999999/", "/api/people/-1/", "/api/citations/1e5/"):
        assert APIClient().get(path).status_code == 404, path


# --- JSON bodies -------------------------------------------------------------------------------

EVENT = {"title": "Новое событие", "type": "letter", "date_edtf": "1923-02-01", "date_text": "1 февраля 1923 г."}

BODY_CASES = [
    # (id, method, url, body, field named in the error)
    ("edtf month 13", "post", "/api/events/", {**EVENT, "date_edtf": "1935-13-45"}, "date_edtf"),
    ("edtf words", "post", "/api/events/", {**EVENT, "date_edtf": "summer of '37"}, "date_edtf"),
    ("edtf sql", "patch", "/api/events/{event}/", {"date_edtf": SQL}, "date_edtf"),
    ("edtf extreme year", "patch", "/api/events/{event}/", {"date_edtf": "Y-99999999999999999"}, "date_edtf"),
    ("edtf too long", "patch", "/api/events/{event}/", {"date_edtf": "1935-01-01/" * 30}, "date_edtf"),
    ("title too long", "post", "/api/events/", {**EVENT, "title": "x" * 501}, "title"),
    ("title null", "post", "/api/events/", {**EVENT, "title": None}, "title"),
    ("title a list", "patch", "/api/events/{event}/", {"title": ["a", "b"]}, "title"),
    ("title with nul", "patch", "/api/events/{event}/", {"title": "a\u0000b"}, "title"),
    ("unknown type", "post", "/api/events/", {**EVENT, "type": SCRIPT}, "type"),
    ("confidence a word", "patch", "/api/events/{event}/", {"confidence": "high"}, "confidence"),
    ("confidence above 1", "patch", "/api/events/{event}/", {"confidence": 1.5}, "confidence"),
    ("status invented", "patch", "/api/events/{event}/", {"status": "published"}, "status"),
    ("calendar invented", "patch", "/api/events/{event}/", {"date_calendar": "mayan"}, "date_calendar"),
    ("people not a list", "patch", "/api/events/{event}/", {"people": "Троцкий"}, "people"),
    ("person missing", "patch", "/api/events/{event}/", {"people": [{"id": 10 ** 12}]}, "people"),
    ("person role invented", "patch", "/api/events/{event}/", {"people": [{"id": "{person}", "role": "king"}]},
     "people"),
    ("document id huge", "patch", "/api/events/{event}/", {"document": 10 ** 30}, "document"),
    ("person name empty", "post", "/api/people/", {"name": ""}, "name"),
    ("person variants not list", "post", "/api/people/", {"name": "X", "variants": "Y"}, "variants"),
    ("person variants numbers", "post", "/api/people/", {"name": "X", "variants": [1, 2]}, "variants"),
    ("wikidata id sql", "patch", "/api/people/{person}/", {"wikidata_id": SQL}, "wikidata_id"),
    ("birth year overflow", "patch", "/api/people/{person}/", {"birth_year": 10 ** 10}, "birth_year"),
    ("latitude a word", "patch", "/api/places/{place}/", {"latitude": "north"}, "latitude"),
    ("longitude beyond 180", "patch", "/api/places/{place}/", {"longitude": 540}, "longitude"),
    ("citation end before start", "post", "/api/citations/",
     {"event": "{event}", "source": "{source}", "start": 10, "end": 5}, "end"),
    ("citation beyond text", "post", "/api/citations/",
     {"event": "{event}", "source": "{source}", "start": 0, "end": 10 ** 6}, "end"),
    ("citation negative", "post", "/api/citations/",
     {"event": "{event}", "source": "{source}", "start": -5, "end": 3}, "start"),
    ("citation source missing", "post", "/api/citations/",
     {"event": "{event}", "source": 10 ** 9, "start": 0, "end": 3}, "source"),
]


def _fill_body(body, world):
    if isinstance(body, dict):
        return {k: _fill_body(v, world) for k, v in body.items()}
    if isinstance(body, list):
        return [_fill_body(v, world) for v in body]
    if isinstance(body, str) and body.startswith("{") and body.endswith("}") and body[1:-1].isalpha():
        return int(_fill(body, world))
    return body


@pytest.mark.parametrize("case,method,url,body,key", BODY_CASES, ids=[c[0] for c in BODY_CASES])
def test_hostile_json_body_gets_a_400_naming_the_field_and_changes_nothing(world, case, method, url, body, key):
    before = row_counts()
    title = Event.objects.get(pk=world["event"].pk).title
    response = getattr(world["api"], method)(_fill(url, world), _fill_body(body, world), format="json")
    _assert_clear_error(response, key)
    assert row_counts() == before
    assert Event.objects.get(pk=world["event"].pk).title == title


RAW_BODIES = [
    ("not json", b"{title: 'x'", "application/json"),
    ("invalid utf-8", b'{"title": "\xff\xfe"}', "application/json"),
    ("json NaN", b'{"title": "x", "type": "letter", "confidence": NaN}', "application/json"),
    ("a list, not an object", b"[1, 2, 3]", "application/json"),
    ("xml", b"<event><title>x</title></event>", "application/xml"),
]


@pytest.mark.parametrize("case,body,content_type", RAW_BODIES, ids=[c[0] for c in RAW_BODIES])
def test_malformed_request_body_is_refused_and_changes_nothing(world, case, body, content_type):
    before = row_counts()
    response = world["api"].generic("POST", "/api/events/", body, content_type=content_type)
    assert response.status_code in (400, 415), (response.status_code, response.content[:300])
    assert "detail" in response.json() or "non_field_errors" in response.json()
    assert row_counts() == before


def test_oversized_body_is_refused_and_changes_nothing(world):
    before = row_counts()
    body = json.dumps({**EVENT, "description": "x" * (12 * 1024 * 1024)})
    response = world["api"].generic("POST", "/api/events/", body, content_type="application/json")
    assert 400 <= response.status_code < 500, response.status_code
    assert row_counts() == before


def test_injection_strings_in_text_fields_are_stored_verbatim(world):
    """SQL and markup in a title are text: stored as sent, nothing else touched."""
    before = row_counts()
    title = f"{SQL} {SCRIPT}"
    response = world["api"].patch(f"/api/events/{world['event'].pk}/", {"title": title}, format="json")
    assert response.status_code == 200, response.content[:300]
    assert Event.objects.get(pk=world["event"].pk).title == title
    after = row_counts()
    changed = {label for label in before if before[label] != after[label]}
    assert changed == {"events.historicalevent"}  # one history row for the edit, nothing else


# --- admin forms -------------------------------------------------------------------------------

ADMIN_CASES = [
    # (id, url, field, hostile value, text of the error shown)
    ("event edtf month 13", "/admin/events/event/{event}/change/", "date_edtf", "1935-13-01", "month"),
    ("event edtf sql", "/admin/events/event/{event}/change/", "date_edtf", SQL, "EDTF"),
    ("event title too long", "/admin/events/event/{event}/change/", "title", "x" * 501, "at most 500"),
    ("event title nul", "/admin/events/event/{event}/change/", "title", "a\x00b", "Null characters"),
    ("event type missing", "/admin/events/event/{event}/change/", "event_type", "999999", "valid choice"),
    ("person wikidata", "/admin/events/person/{person}/change/", "wikidata_id", "Q1<b>", "Q123"),
    ("person wikidata long", "/admin/events/person/{person}/change/", "wikidata_id", SCRIPT, "at most 20"),
    ("person year overflow", "/admin/events/person/{person}/change/", "birth_year", "99999999999", "less than"),
    ("person year sql", "/admin/events/person/{person}/change/", "death_year", SQL, "whole number"),
    ("place latitude", "/admin/events/place/{place}/change/", "latitude", "north", "number"),
    ("place latitude beyond pole", "/admin/events/place/{place}/change/", "latitude", "91", "less than"),
    ("place longitude infinite", "/admin/events/place/{place}/change/", "longitude", "1e400", "number"),
]


@pytest.mark.parametrize("case,url,field,value,message", ADMIN_CASES, ids=[c[0] for c in ADMIN_CASES])
def test_hostile_admin_form_value_is_shown_as_an_error_and_changes_nothing(
        world, client, case, url, field, value, message):
    client.force_login(world["root"])
    url = _fill(url, world)
    page = client.get(url)
    assert page.status_code == 200
    data = form_values(page.content.decode())
    assert field in data, sorted(data)
    data[field] = value
    before = row_counts()
    response = client.post(url, data)
    assert response.status_code == 200, response.status_code  # the form again, not a redirect
    html = response.content.decode()
    assert "errornote" in html and message in html, html[html.find("errorlist"):][:400]
    assert row_counts() == before


# --- files given to ingest ---------------------------------------------------------------------

def _write(tmp_path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    return path


FILE_CASES = [
    ("empty", lambda tmp: _write(tmp, "empty.txt", b""), "empty"),
    ("only whitespace", lambda tmp: _write(tmp, "blank.txt", b" \n\t\r\n" * 100), "empty"),
    ("invalid utf-8", lambda tmp: _write(tmp, "latin1.txt", "Lettre du 3 février 1924".encode("latin-1")),
     "UTF-8"),
    ("utf-16", lambda tmp: _write(tmp, "utf16.txt", "Письмо от 1 февраля 1923 г.".encode("utf-16")), "UTF-8"),
    ("binary", lambda tmp: _write(tmp, "image.txt", bytes(range(256)) * 64), "UTF-8"),
    ("nul bytes", lambda tmp: _write(tmp, "nul.txt", b"1 May 1935\x00\x00 treaty signed\n"), "NUL"),
    ("missing", lambda tmp: tmp / "no-such-file.txt", "cannot read"),
    ("a directory", lambda tmp: tmp, "cannot read"),
]


@pytest.mark.parametrize("case,make,message", FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_hostile_source_file_is_refused_with_a_clear_message(world, tmp_path, case, make, message):
    path = make(tmp_path)
    before = row_counts()
    with pytest.raises(CommandError) as error:
        call_command("ingest", str(path), "--no-progress", stdout=io.StringIO())
    assert message in str(error.value) and str(path.name) in str(error.value)
    assert row_counts() == before


def test_a_200_mb_file_is_refused_before_it_is_read(world, tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # sparse: instant, and takes no disk space
        handle.truncate(200 * 1024 * 1024)
    before = row_counts()
    with pytest.raises(CommandError) as error:
        call_command("ingest", str(path), "--no-progress", stdout=io.StringIO())
    assert "too large" in str(error.value) and "209,715,200 bytes" in str(error.value)
    assert "CHRONICLE_MAX_SOURCE_BYTES" in str(error.value)
    assert row_counts() == before


def test_one_bad_file_among_good_ones_stops_everything_before_writing(world, tmp_path, corpus_dir):
    good = sorted(corpus_dir.glob("000_*.txt"))[0]
    bad = _write(tmp_path, "bad.txt", b"\xff\xfe")
    before = row_counts()
    with pytest.raises(CommandError):
        call_command("ingest", str(good), str(bad), "--no-progress", stdout=io.StringIO())
    assert row_counts() == before


def test_size_limit_comes_from_the_settings(world, tmp_path, settings):
    settings.CHRONICLE_MAX_SOURCE_BYTES = 10
    path = _write(tmp_path, "small.txt", b"1 May 1935: a treaty.\n")
    with pytest.raises(CommandError, match="limit is 10 bytes"):
        call_command("ingest", str(path), "--no-progress", stdout=io.StringIO())


assert len(QUERY_CASES) + len(BODY_CASES) + len(RAW_BODIES) + len(ADMIN_CASES) + len(FILE_CASES) + 1 >= 40
