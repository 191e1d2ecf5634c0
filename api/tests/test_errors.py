"""Bad input: always a 400 naming the parameter, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query, param", [
    ("date_from=1935-13-45", "date_from"),
    ("date_to=abc", "date_to"),
    ("date_from=31.12.1935", "date_from"),
    ("date_from=1936&date_to=1935", "date_to"),
    ("date_mode=around", "date_mode"),
    ("type=coronation", "type"),
    ("type=letter,%20coronation", "type"),
    ("page_size=-5", "page_size"),
    ("page_size=0", "page_size"),
    ("page_size=501", "page_size"),
    ("page_size=99999999999999999999999999", "page_size"),
    ("page_size=ten", "page_size"),
    ("cursor=notacursor", "cursor"),
    ("cursor=cD0xMjM%3D", "cursor"),  # valid base64, position of the wrong shape
    ("min_confidence=2", "min_confidence"),
    ("min_confidence=-0.1", "min_confidence"),
    ("min_confidence=abc", "min_confidence"),
    ("min_confidence=1e999", "min_confidence"),
    ("min_confidence=NaN", "min_confidence"),
    ("person=99999999999999999999999", "person"),
    ("source=abc", "source"),
    ("document=-3", "document"),
    ("status=lost", "status"),
    ("include_rejected=maybe", "include_rejected"),
    ("ordering=sideways", "ordering"),
    ("q=" + "x" * 301, "q"),
    ("q=%00", "q"),
])
def test_bad_event_parameters_are_400_with_the_parameter_named(api, corpus, query, param):
    response = api.get(f"/api/events/?{query}")
    assert response.status_code == 400, response.content
    body = response.json()
    assert param in body, body
    assert all(isinstance(message, str) and message for message in body[param])


def test_a_tampered_cursor_is_400(api, corpus):
    import base64
    import json

    for position in (["not-a-date", None, 1], [None, None, 10**30], [1, 2]):
        token = base64.b64encode(f"p={json.dumps(position)}".encode()).decode()
        response = api.get("/api/events/", {"cursor": token})
        assert response.status_code == 400 and "cursor" in response.json()


@pytest.mark.parametrize("url", [
    "/api/events/abc/",
    "/api/events/99999999999999999999999/",
    "/api/events/999999/",
    "/api/sources/99999999999999999999999/passage/?start=0&end=1",
    "/api/people/-1/",
])
def test_unknown_ids_are_404(api, corpus, url):
    response = api.get(url)
    assert response.status_code == 404


@pytest.mark.parametrize("url", [
    "/api/documents/?source=x", "/api/documents/?number=" + "9" * 100, "/api/people/?cursor=%%%", "/api/places/?page_size=0",
])
def test_other_lists_validate_their_parameters(api, corpus, url):
    response = api.get(url)
    assert response.status_code == 400


def test_out_of_range_years_are_400(api, corpus, curator):
    api.force_authenticate(curator)
    response = api.post("/api/people/", {"name": "X", "birth_year": 10**6}, format="json")
    assert response.status_code == 400 and "birth_year" in response.json()


def test_database_errors_from_values_become_400():
    from django.db import DataError

    from api.exceptions import api_exception_handler

    response = api_exception_handler(DataError("value out of range for type smallint"), {})
    assert response.status_code == 400 and "detail" in response.data
    assert api_exception_handler(RuntimeError("a bug"), {}) is None  # real bugs stay 500s
