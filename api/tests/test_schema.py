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
