"""Writes: model permissions, curated fields, computed citations."""

import pytest
from rest_framework.authtoken.models import Token

from events.models import Citation, Event, Person

from .conftest import TEXT

pytestmark = pytest.mark.django_db

NEW_EVENT = {"title": "Plenum opens", "type": "plenum", "date_text": "в октябре 1923 г.", "date_edtf": "1923-10"}


def test_anonymous_users_cannot_write(api, corpus):
    assert api.post("/api/events/", NEW_EVENT, format="json").status_code in (401, 403)
    assert api.patch(f"/api/events/{corpus['pact'].pk}/", {"title": "x"}, format="json").status_code in (401, 403)
    assert api.delete(f"/api/people/{corpus['laval'].pk}/").status_code in (401, 403)
    assert Event.objects.filter(title="x").count() == 0


def test_users_without_model_permissions_cannot_write(api, corpus, reader):
    api.force_authenticate(reader)
    assert api.post("/api/events/", NEW_EVENT, format="json").status_code == 403
    assert api.post("/api/places/", {"name": "Лион"}, format="json").status_code == 403


def test_token_authenticated_curator_creates_an_event(api, corpus, curator):
    token = Token.objects.create(user=curator)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    body = {**NEW_EVENT, "people": [{"id": corpus["trotsky"].pk, "role": "subject"}]}
    response = api.post("/api/events/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["type"]["slug"] == "plenum"
    assert data["date"]["earliest"] == "1923-10-01" and data["date"]["latest"] == "1923-10-31"
    assert data["people"] == [{"id": corpus["trotsky"].pk, "name": "Лев Троцкий", "role": "subject"}]
    event = Event.objects.get(pk=data["id"])
    assert {"title", "event_type", "date_edtf", "people"} <= set(event.curated_fields)


def test_editing_an_event_marks_only_changed_fields_as_curated(api, corpus, curator):
    api.force_authenticate(curator)
    pact = corpus["pact"]
    response = api.patch(
        f"/api/events/{pact.pk}/",
        {"title": pact.title, "date_edtf": "1935-05-03", "places": [{"id": corpus["paris"].pk, "role": "location"}]},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["date"]["sort"] == "1935-05-03"
    pact.refresh_from_db()
    assert pact.curated_fields == ["date_edtf"]
    api.patch(f"/api/events/{pact.pk}/", {"status": "reviewed", "places": []}, format="json")
    pact.refresh_from_db()
    assert pact.curated_fields == ["date_edtf", "places", "status"]
    assert pact.places.count() == 0


def test_invalid_edtf_in_a_write_is_explained(api, corpus, curator):
    api.force_authenticate(curator)
    response = api.patch(f"/api/events/{corpus['pact'].pk}/", {"date_edtf": "1935-13-45"}, format="json")
    assert response.status_code == 400
    assert "month 13" in response.json()["date_edtf"][0]


def test_unknown_person_or_role_in_a_write_is_400(api, corpus, curator):
    api.force_authenticate(curator)
    url = f"/api/events/{corpus['pact'].pk}/"
    assert "people" in api.patch(url, {"people": [{"id": 999999}]}, format="json").json()
    bad_role = api.patch(url, {"people": [{"id": corpus["laval"].pk, "role": "villain"}]}, format="json")
    assert bad_role.status_code == 400 and "villain" in bad_role.json()["people"][0]


def test_curator_deletes_an_event(api, corpus, curator):
    api.force_authenticate(curator)
    assert api.delete(f"/api/events/{corpus['talks'].pk}/").status_code == 204
    assert not Event.objects.filter(pk=corpus["talks"].pk).exists()


def test_citation_quote_and_line_are_computed_from_the_source(api, corpus, curator):
    api.force_authenticate(curator)
    start = TEXT.index("в Париже")
    body = {"event": corpus["pact"].pk, "source": corpus["source"].pk, "start": start, "end": start + 8}
    response = api.post("/api/citations/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["quote"] == "в Париже" and data["line"] == 6
    assert data["source"]["id"] == corpus["source"].pk and data["event"] == corpus["pact"].pk
    moved = api.patch(f"/api/citations/{data['id']}/", {"start": 0, "end": 12}, format="json").json()
    assert moved["quote"] == TEXT[:12] and moved["line"] == 1
    assert Citation.objects.get(pk=data["id"]).quote == TEXT[:12]


@pytest.mark.parametrize("start, end", [(0, 10**6), (10, 5), (-1, 4)])
def test_citation_offsets_outside_the_text_are_400(api, corpus, curator, start, end):
    api.force_authenticate(curator)
    body = {"event": corpus["pact"].pk, "source": corpus["source"].pk, "start": start, "end": end}
    response = api.post("/api/citations/", body, format="json")
    assert response.status_code == 400
    assert set(response.json()) & {"start", "end"}


def test_people_and_places_are_writable_by_curators(api, corpus, curator):
    api.force_authenticate(curator)
    response = api.post("/api/people/", {"name": "Христиан Раковский", "variants": ["Раковского"]}, format="json")
    assert response.status_code == 201
    assert Person.objects.get(pk=response.json()["id"]).variants == ["Раковского"]
    bad = api.post("/api/places/", {"name": "Nowhere", "latitude": 123}, format="json")
    assert bad.status_code == 400 and "latitude" in bad.json()


def test_session_authentication_requires_csrf(corpus, curator):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.login(username="curator", password="x")
    response = client.post("/api/places/", {"name": "Лион"}, format="json")
    assert response.status_code == 403
