"""The negotiation shortcut answers exactly what DRF's negotiation answers."""

from __future__ import annotations

import itertools

import pytest
from rest_framework import renderers
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.test import APIRequestFactory

from api.negotiation import ContentNegotiation


class VersionedJSON(renderers.JSONRenderer):
    media_type = "application/json; version=2"


class AnyRenderer(renderers.BaseRenderer):
    media_type = "*/*"
    format = "any"


class PlainText(renderers.BaseRenderer):
    media_type = "text/plain"
    format = "txt"


RENDERER_LISTS = [
    [renderers.JSONRenderer, renderers.BrowsableAPIRenderer],
    [renderers.BrowsableAPIRenderer, renderers.JSONRenderer],
    [VersionedJSON, renderers.JSONRenderer],
    [AnyRenderer, renderers.JSONRenderer],
    [PlainText, renderers.JSONRenderer],
    [renderers.JSONRenderer],
]
ACCEPTS = [
    None, "*/*", "application/json", "text/html", "text/plain", "application/xml", "",
    "application/json; version=2", "application/json; indent=4", "application/*", "text/*",
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Application/JSON",
]
QUERIES = ["", "format=json", "format=api", "format=txt", "format="]


def negotiate(negotiation, accept, query, renderer_classes, suffix):
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    request = Request(APIRequestFactory().get(f"/api/events/?{query}", **headers))
    try:
        renderer, media_type = negotiation.select_renderer(request, [r() for r in renderer_classes], suffix)
    except NotAcceptable:
        return "406"
    except Exception as exc:  # Http404 for an unknown format
        return type(exc).__name__
    return type(renderer).__name__, media_type


@pytest.mark.parametrize("renderer_classes", RENDERER_LISTS, ids=lambda rs: "+".join(r.__name__ for r in rs))
def test_the_shortcut_chooses_what_drf_chooses(renderer_classes):
    for accept, query, suffix in itertools.product(ACCEPTS, QUERIES, [None, "json"]):
        ours = negotiate(ContentNegotiation(), accept, query, renderer_classes, suffix)
        drf = negotiate(DefaultContentNegotiation(), accept, query, renderer_classes, suffix)
        assert ours == drf, (accept, query, suffix)


def test_a_json_client_gets_json_without_drf_parsing_the_header(monkeypatch):
    def parse(*args, **kwargs):
        raise AssertionError("parsed the Accept header")

    monkeypatch.setattr(DefaultContentNegotiation, "_get_parsed_accept_list", parse)
    for accept in (None, "*/*", "application/json"):
        assert negotiate(ContentNegotiation(), accept, "", RENDERER_LISTS[0], None) == (
            "JSONRenderer", "application/json"
        )


def test_the_api_uses_this_negotiation():
    assert api_settings.DEFAULT_CONTENT_NEGOTIATION_CLASS is ContentNegotiation
