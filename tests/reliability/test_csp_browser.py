"""In a real browser, the Content-Security-Policy blocks nothing that the
admin and the Swagger UI need: no CSP violation is reported and both pages
render their content."""

from __future__ import annotations

import shutil

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser_page():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (scripts/browser.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        page.csp_messages = messages
        try:
            yield page
        finally:
            browser.close()


def _violations(page) -> list[str]:
    return [text for text in page.csp_messages if "Content Security Policy" in text]


def test_swagger_ui_renders_under_the_policy(live_server, browser_page):
    browser_page.goto(f"{live_server.url}/api/docs/")
    browser_page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert browser_page.locator(".swagger-ui .opblock").count() > 0
    assert _violations(browser_page) == []


@pytest.fixture
def event_and_superuser(django_user_model):
    """Created before the browser starts: Playwright's event loop forbids ORM calls."""
    from events.tests.factories import make_event

    django_user_model.objects.create_superuser("root", "", "a-long-test-password")
    return make_event()


def test_admin_works_under_the_policy(live_server, event_and_superuser, browser_page):
    event = event_and_superuser
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_selector("#content-main")
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    page.wait_for_selector("#event_form")
    # The admin's own JavaScript ran: the inline formset added its "add another" row link.
    page.wait_for_selector(".add-row a", timeout=10_000)
    assert _violations(page) == []
