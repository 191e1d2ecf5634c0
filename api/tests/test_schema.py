"""The OpenAPI document: valid, complete, and served with its UI offline."""

import pytest
import yaml
from django.urls import get_resolver
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

EXPECTED_PATHS = {
    "/api/events/", "/api/events/{id}/", "/api/event-types/", "/api/event-types/{slug}/",
    "/api/sources/", "/api/sources/{id}/", "/api/sources/{id}/passage/", "/api/documents/",
    "/api/documents/{id}/", "/api/people/", "/api/people/{id}/", "/api/places/", "/api/places/{id}/",
    "/api/citations/", "/api/citations/{id}/",
}


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_schema_lists_every_api_path(schema):
    assert EXPECTED_PATHS <= set(schema["paths"])


def test_every_route_of_the_router_is_in_the_schema(schema):
    from api.urls import router

    listed = set(schema["paths"])
    for url in router.urls:
        pattern = str(url.pattern)
        if "format" in pattern or pattern in ("^$",):
            continue
        assert any(path.lstrip("/").startswith("api/" + pattern.strip("^$").split("/")[0]) for path in listed), pattern


def test_every_event_filter_is_described(schema):
    from api.filters import EventFilter

    parameters = {p["name"]: p for p in schema["paths"]["/api/events/"]["get"]["parameters"]}
    for name in [*EventFilter.base_filters, "cursor", "page_size"]:
        assert parameters[name].get("description"), name


def test_event_response_schema_has_citations_and_dates(schema):
    event = schema["components"]["schemas"]["Event"]["properties"]
    assert {"id", "title", "type", "date", "people", "places", "citations", "status"} <= set(event)


def test_docs_page_is_served_without_internet(api):
    html = api.get("/api/docs/").content.decode()
    assert "swagger" in html.lower()
    assert "cdn" not in html.lower() and "https://" not in html.split("</head>")[0]


def as_json_schema(node):
    """OpenAPI 3.0 schema -> JSON Schema: ``nullable: true`` becomes "or null"."""
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: as_json_schema(value) for key, value in node.items() if key not in ("nullable", "example")}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@pytest.mark.parametrize("url_of, path, code", [
    (lambda c: "/api/events/", "/api/events/", "200"),
    (lambda c: f"/api/events/{c['pact'].pk}/", "/api/events/{id}/", "200"),
    (lambda c: f"/api/events/{c['letter'].pk}/", "/api/events/{id}/", "200"),
    (lambda c: "/api/events/?date_from=1935-13-45", "/api/events/", "400"),
    (lambda c: f"/api/sources/{c['source'].pk}/passage/?start=0&end=20", "/api/sources/{id}/passage/", "200"),
    (lambda c: "/api/sources/", "/api/sources/", "200"),
    (lambda c: f"/api/sources/{c['source'].pk}/", "/api/sources/{id}/", "200"),
    (lambda c: "/api/documents/", "/api/documents/", "200"),
    (lambda c: "/api/people/", "/api/people/", "200"),
    (lambda c: "/api/places/", "/api/places/", "200"),
    (lambda c: "/api/event-types/", "/api/event-types/", "200"),
    (lambda c: "/api/citations/", "/api/citations/", "200"),
])
def test_responses_match_the_schema(api, corpus, schema, url_of, path, code):
    from jsonschema import Draft202012Validator

    response = api.get(url_of(corpus))
    assert str(response.status_code) == code
    declared = schema["paths"][path]["get"]["responses"][code]["content"]["application/json"]["schema"]
    validator = Draft202012Validator(as_json_schema({**declared, "components": schema["components"]}))
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(response.json())]
    assert not errors, errors
