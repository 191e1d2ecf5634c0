"""Acceptance on the real corpus: ingest 001 and 003, then ask the API.

The corpus is ingested once for the module (outside the per-test
transactions) and removed afterwards so other tests see an empty database.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from events.tests.seeding import ensure_seeded_rows

pytestmark = [pytest.mark.corpus, pytest.mark.slow, pytest.mark.django_db]

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"
FILES = ["001_e9b9b5efb6246efd.txt", "003_c05c5337956b655d.txt"]


def _clear():
    from events.models import ArchivalDocument, Citation, Event, Person, Place, Source

    Event.objects.update(merged_into=None)
    Citation.objects.all().delete()
    Event.objects.all().delete()
    ArchivalDocument.objects.update(aligned_with=None)
    ArchivalDocument.objects.all().delete()
    Source.objects.all().delete()
    Person.objects.all().delete()
    Place.objects.all().delete()


@pytest.fixture(scope="module")
def ingested(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_seeded_rows()
        call_command("ingest", *[str(SOURCES / name) for name in FILES], "--no-progress", stdout=open("/dev/null", "w"))
        try:
            yield
        finally:
            _clear()


def all_results(api, url):
    rows = []
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.content
        rows += response.json()["results"]
        url = response.json()["next"]
    return rows


def test_may_1935_includes_the_soviet_french_pact_citing_003(api, ingested):
    rows = all_results(api, "/api/events/?date_from=1935-05&date_to=1935-05&page_size=500")
    pact = [
        row for row in rows
        if row["date"]["edtf"] == "1935-05-02"
        and any(c["source"]["title"] and "003" in c["passage_url"] or _is_003(c) for c in row["citations"])
    ]
    assert pact, [(r["date"]["edtf"], r["title"]) for r in rows]
    quotes = " ".join(c["quote"] for row in pact for c in row["citations"]).replace("\xa0", " ")
    assert "2 мая 1935" in quotes and "пакт" in quotes


def _is_003(citation):
    from events.models import Source

    return Source.objects.filter(pk=citation["source"]["id"], file_name__startswith="003").exists()


def test_trotsky_letter_opening_001_is_found_by_type_and_day(api, ingested):
    rows = all_results(api, "/api/events/?type=letter&date_from=1923-02-01&date_to=1923-02-01")
    documents = [c["document"] for row in rows for c in row["citations"] if c["document"]]
    assert any(document["number"] == "1" for document in documents), rows
    letter = next(row for row in rows if any(c["document"] and c["document"]["number"] == "1" for c in row["citations"]))
    assert letter["type"]["slug"] == "letter"
    assert any("Троцк" in person["name"] for person in letter["people"]) or "Троцк" in letter["title"]


def test_full_text_finds_the_pact_in_quotes(api, ingested):
    rows = api.get("/api/events/?q=пакт&date_from=1935&date_to=1935").json()["results"]
    assert rows
