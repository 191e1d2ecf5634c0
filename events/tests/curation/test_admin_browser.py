"""The real admin in headless Chromium: a curator goes through the review queue.

Log in, open the review queue, open its first event, see the highlighted
passage (and the source viewer scrolled to it), approve, land on the next
event. Screenshots go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from events.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Playwright's sync API runs an event loop; the ORM calls of this test are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else shutil.which("chromium")
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextmanager
def chromium_page():
    """A headless Chromium page. ORM calls belong outside this block: Playwright's
    greenlets see their own context variables, so a query made inside would open
    a second database connection that nobody closes."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        try:
            yield page
        finally:
            browser.close()


def test_curator_reviews_the_queue_in_a_browser(live_server, curator, events):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (scripts/browser.sh installs it)")
    ARTIFACTS.mkdir(exist_ok=True)
    talks, citizenship = events["talks"], events["citizenship"]
    with chromium_page() as page:
        _review_first_event(page, live_server.url, curator.username, next_pk=citizenship.pk)

    talks.refresh_from_db()
    assert talks.status == Event.Status.REVIEWED
    assert "status" in talks.curated_fields
    assert talks.history.first().history_user == curator


def _review_first_event(page, base_url, username, next_pk):
    """Browser steps only (no ORM here, see :func:`chromium_page`)."""
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    page.wait_for_selector("#content-main")

    page.goto(f"{base_url}/admin/events/reviewqueueevent/")
    first_row = page.locator("#result_list tbody tr").first
    assert "Переговоры прерваны" in first_row.inner_text()  # lowest confidence first
    first_row.locator("a", has_text="Переговоры прерваны").click()

    mark = page.locator("blockquote.passage mark.cited").first
    mark.wait_for()
    assert mark.inner_text() == "Летом 1937 г. переговоры были прерваны."
    assert "корреспондентом" in page.locator("blockquote.passage").first.inner_text()  # context around it
    page.screenshot(path=str(ARTIFACTS / "curation-event-passage.png"), full_page=True)

    # The source viewer opens scrolled to the same span.
    event_url = page.url
    page.locator("a.source-link").first.click()
    cited = page.locator("mark#cited")
    cited.wait_for()
    assert page.url.endswith("#cited")
    assert cited.is_visible() and cited.inner_text() == "Летом 1937 г. переговоры были прерваны."
    page.screenshot(path=str(ARTIFACTS / "curation-source-viewer.png"))

    page.goto(event_url)
    page.click("input[name=_approvenext]")
    page.wait_for_url(f"**/admin/events/reviewqueueevent/{next_pk}/change/")
    assert "Лишение гражданства" in page.locator("#id_title").input_value()
    page.screenshot(path=str(ARTIFACTS / "curation-next-in-queue.png"), full_page=True)
