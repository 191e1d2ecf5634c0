"""Production settings: `check --deploy` is clean, every response carries the
security headers, and the Content-Security-Policy still lets the admin and the
API docs work (they load no inline script)."""

from __future__ import annotations

import json
import re

import pytest

from .support import manage, production_env

pytestmark = pytest.mark.slow


def test_check_deploy_is_clean_with_a_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert "no issues" in result.stdout + result.stderr


def test_check_deploy_names_what_is_missing_without_https_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING",
                    env=production_env(DJANGO_HTTPS="0"), check=False)
    assert result.returncode != 0
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert code in result.stderr


def test_a_missing_secret_key_stops_start_up_with_a_clear_message():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", env=env, check=False)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def _settings_in(env: dict[str, str]) -> dict:
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'DEBUG': s.DEBUG, 'ALLOWED_HOSTS': s.ALLOWED_HOSTS, 'HSTS': s.SECURE_HSTS_SECONDS,"
        "'SSL_REDIRECT': s.SECURE_SSL_REDIRECT, 'SESSION_SECURE': s.SESSION_COOKIE_SECURE,"
        "'DB_ENGINE': s.DATABASES['default']['ENGINE'], 'DB_NAME': str(s.DATABASES['default']['NAME'])}))"
    )
    return json.loads(manage("shell", "-c", code, env=env).stdout.strip().splitlines()[-1])


def test_debug_is_off_and_hosts_and_database_come_from_the_environment():
    values = _settings_in(production_env(
        DJANGO_ALLOWED_HOSTS="a.example.org, b.example.org",
        DATABASE_URL="postgres://u:p@db.invalid:5432/chronicle_prod",
    ))
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["a.example.org", "b.example.org"]
    assert values["DB_ENGINE"] == "django.db.backends.postgresql"
    assert values["DB_NAME"] == "chronicle_prod"
    assert values["HSTS"] >= 31536000 and values["SSL_REDIRECT"] and values["SESSION_SECURE"]


def test_debug_switch_never_enables_https_only_settings():
    values = _settings_in(production_env(DJANGO_DEBUG="1"))
    assert values["DEBUG"] is True
    assert values["HSTS"] == 0 and not values["SSL_REDIRECT"]


PAGES = ["/api/", "/api/events/", "/api/schema/", "/api/docs/", "/admin/login/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.IGNORECASE)


def _assert_no_inline_script(html: str, page: str) -> None:
    match = INLINE_SCRIPT.search(html)
    assert match is None, f"{page} has an inline script the CSP would block: {html[match.start():match.start() + 120]!r}"


@pytest.mark.django_db
def test_api_docs_load_their_scripts_from_files_allowed_by_the_policy(client):
    page = client.get("/api/docs/")
    html = page.content.decode()
    _assert_no_inline_script(html, "/api/docs/")
    for src in re.findall(r'<script[^>]*\bsrc="([^"]+)"', html):
        script = client.get(src.replace("&amp;", "&"))
        assert script.status_code == 200, src
        assert "javascript" in script["Content-Type"], src


@pytest.mark.django_db
def test_admin_pages_have_no_inline_script(admin_client):
    from events.tests.factories import make_event

    event = make_event()
    for path in ["/admin/", "/admin/events/event/", f"/admin/events/event/{event.pk}/change/",
                 "/admin/events/event/add/", f"/admin/events/event/{event.pk}/history/"]:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        _assert_no_inline_script(response.content.decode(), path)
