"""Reading events: the shape of an event and its citations."""

import pytest

from .conftest import ids, rejected, results

pytestmark = pytest.mark.django_db


def test_event_list_is_chronological(api, corpus):
    assert ids(api.get("/api/events/")) == [corpus["letter"].pk, corpus["pact"].pk, corpus["talks"].pk]


def test_event_has_type_date_people_places_and_citations(api, corpus):
    row = api.get(f"/api/events/{corpus['pact'].pk}/").json()
    assert row["title"] == "Soviet–French pact signed"
    assert row["type"] == {"slug": "treaty", "label": "Treaty",
                           "labels": {"en": "Treaty", "ru": "Договор", "fr": "Traité"}}
    assert row["date"]["edtf"] == "1935-05-02"
    assert row["date"]["earliest"] == row["date"]["latest"] == "1935-05-02"
    assert row["date"]["precision"] == "day"
    assert row["date"]["display"] == "2 May 1935"
    assert row["people"] == [{"id": corpus["laval"].pk, "name": "Pierre Laval", "role": "subject"}]
    assert row["places"] == [{"id": corpus["paris"].pk, "name": "Париж", "role": "location"}]
    assert row["confidence"] == 0.9 and row["status"] == "extracted" and row["date_conflict"] is False
    (citation,) = row["citations"]
    text = corpus["source"].text
    assert citation["quote"] == text[citation["start"]:citation["end"]]
    assert citation["line"] == text.count("\n", 0, citation["start"]) + 1 == 6
    assert citation["source"] == {"id": corpus["source"].pk, "title": "Политбюро и оппозиция"}
    assert citation["document"] is None
    assert citation["passage_url"] == (
        f"http://testserver/api/sources/{corpus['source'].pk}/passage/"
        f"?start={citation['start']}&end={citation['end']}"
    )


def test_citation_names_its_archival_document(api, corpus):
    row = api.get(f"/api/events/{corpus['letter'].pk}/").json()
    assert row["kind"] == "document"
    assert row["citations"][0]["document"] == {
        "id": corpus["document"].pk, "number": "1", "reference": "РГАСПИ. Ф. 17. Оп. 171. Д. 31. Л. 29–34.",
    }


def test_passage_url_answers_the_quote(api, corpus):
    citation = api.get(f"/api/events/{corpus['talks'].pk}/").json()["citations"][0]
    passage = api.get(citation["passage_url"]).json()
    assert passage["text"] == citation["quote"]
    assert passage["line"] == citation["line"]


def test_season_dates_have_bounds(api, corpus):
    date = api.get(f"/api/events/{corpus['talks'].pk}/").json()["date"]
    assert (date["earliest"], date["latest"], date["precision"]) == ("1937-06-01", "1937-08-31", "season")
    assert date["display"] == "summer 1937"


def test_rejected_event_detail_is_hidden_from_anonymous_readers(api, corpus):
    rejected(corpus["talks"])
    assert api.get(f"/api/events/{corpus['talks'].pk}/").status_code == 404
    assert api.get(f"/api/events/{corpus['talks'].pk}/?include_rejected=true").status_code == 200


def test_curators_see_rejected_events(api, corpus, curator):
    rejected(corpus["talks"])
    api.force_authenticate(curator)
    assert corpus["talks"].pk in ids(api.get("/api/events/"))


def test_merged_event_detail_is_gone(api, corpus):
    from events.models import Event

    Event.objects.filter(pk=corpus["talks"].pk).update(merged_into=corpus["pact"])
    assert api.get(f"/api/events/{corpus['talks'].pk}/").status_code == 404
    assert corpus["talks"].pk not in ids(api.get("/api/events/?include_rejected=true"))


def test_event_types_have_labels_in_three_languages(api, db):
    rows = api.get("/api/event-types/").json()
    letter = next(row for row in rows if row["slug"] == "letter")
    assert letter["labels"] == {"en": "Letter", "ru": "Письмо", "fr": "Lettre"}
    assert api.get("/api/event-types/letter/").json()["label"] == "Letter"


def test_people_and_places_are_searchable_by_variants(api, corpus):
    assert [p["name"] for p in results(api.get("/api/people/?q=Trotsky"))] == ["Лев Троцкий"]
    assert [p["name"] for p in results(api.get("/api/places/?q=Paris"))] == ["Париж"]
    assert [p["name"] for p in results(api.get("/api/people/"))] == ["Pierre Laval", "Лев Троцкий"]


def test_documents_filter_by_source_and_number(api, corpus):
    rows = results(api.get(f"/api/documents/?source={corpus['source'].pk}&number=1"))
    assert [row["id"] for row in rows] == [corpus["document"].pk]
    assert rows[0]["reference"].startswith("РГАСПИ")
    assert rows[0]["date"]["edtf"] == "1923-02-01"
    assert results(api.get("/api/documents/?number=2")) == []
    assert api.get(f"/api/documents/{corpus['document'].pk}/").json()["number"] == "1"
