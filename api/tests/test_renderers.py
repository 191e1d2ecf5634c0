"""The orjson renderer writes exactly the bytes DRF's JSON renderer writes."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid

import pytest
from django.utils.translation import gettext_lazy
from rest_framework import renderers

from api.renderers import JSONRenderer

VARIED = {
    "id": 2**40,
    "title": "Письмо Троцкого — «в Политбюро»",
    "quote": "line one\u2028line two\u2029end \"quoted\" \\ back\tslash\n",
    "confidence": 0.1 + 0.2,
    "ratio": 0.0001,
    "big float": 1e16,
    "flags": [True, False, None],
    "day": datetime.date(1935, 5, 2),
    "moment": datetime.datetime(2026, 11, 25, 19, 50, 1, 123456, tzinfo=datetime.timezone.utc),
    "naive moment": datetime.datetime(1935, 5, 2, 12, 0),
    "time": datetime.time(12, 30, 15, 500),
    "duration": datetime.timedelta(hours=1, seconds=2),
    "amount": decimal.Decimal("12.50"),
    "key": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "label": gettext_lazy("Event"),
    "nested": {1: "int key", "tuple": (1, 2), "set-like": frozenset({3})},
    "empty": {"list": [], "dict": {}, "string": ""},
}


def drf(data, media_type="application/json", context=None):
    return renderers.JSONRenderer().render(data, media_type, context or {})


def test_varied_values_render_to_the_bytes_drf_renders():
    assert JSONRenderer().render(VARIED, "application/json", {}) == drf(VARIED)


def test_floats_below_one_ten_thousandth_are_the_same_numbers_written_without_exponent():
    data = {"tiny": [1e-05, 2.5e-09, -3e-300]}
    ours = JSONRenderer().render(data, "application/json", {})
    assert ours == b'{"tiny":[0.00001,2.5e-9,-3e-300]}'
    assert json.loads(ours) == json.loads(drf(data)) == data


def test_integers_beyond_64_bits_are_rendered_by_drf():
    data = {"huge": 2**70, "negative": -(2**65)}
    assert JSONRenderer().render(data, "application/json", {}) == drf(data)


@pytest.mark.parametrize("media_type, context", [
    ("application/json; indent=4", {}),
    ("application/json", {"indent": 2}),
])
def test_indented_json_is_rendered_by_drf(media_type, context):
    assert JSONRenderer().render(VARIED, media_type, context) == drf(VARIED, media_type, context)


def test_nothing_renders_to_no_bytes():
    assert JSONRenderer().render(None, "application/json", {}) == b""


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/events/", "/api/events/{pact}/", "/api/event-types/", "/api/events/?date_from=1935-13"])
def test_api_responses_are_the_bytes_drf_would_write(api, corpus, path):
    response = api.get(path.format(pact=corpus["pact"].pk), HTTP_ACCEPT="application/json")
    assert isinstance(response.accepted_renderer, JSONRenderer)
    assert response.content == drf(response.data)
