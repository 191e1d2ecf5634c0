"""Throttling of anonymous readers and CORS origins from the environment."""

import importlib

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


def test_anonymous_requests_are_throttled(api, monkeypatch):
    cache.clear()
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/minute"})
    codes = [api.get("/api/event-types/").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    cache.clear()


def test_authenticated_users_are_not_throttled_as_anonymous(api, reader, monkeypatch):
    cache.clear()
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "1/minute"})
    api.force_authenticate(reader)
    assert all(api.get("/api/event-types/").status_code == 200 for _ in range(3))
    cache.clear()


def test_cors_origins_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "https://timeline.example, https://maps.example")
    import timeline.settings as settings_module

    reloaded = importlib.reload(settings_module)
    try:
        assert reloaded.CORS_ALLOWED_ORIGINS == ["https://timeline.example", "https://maps.example"]
    finally:
        monkeypatch.delenv("CORS_ALLOWED_ORIGINS")
        importlib.reload(settings_module)


@override_settings(CORS_ALLOWED_ORIGINS=["https://timeline.example"])
def test_allowed_origin_gets_cors_headers(client):
    allowed = client.get("/api/event-types/", HTTP_ORIGIN="https://timeline.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://timeline.example"
    other = client.get("/api/event-types/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
