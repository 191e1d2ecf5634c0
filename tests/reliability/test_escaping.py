"""Stored text is shown as text everywhere: markup typed into a title, a name,
a source text or a quote never reaches a page as markup -- not in the admin,
not on the timeline page, not in the printable export.
"""

from __future__ import annotations

import shutil

import pytest
from django.contrib.auth.models import User

from events.models import Citation, Event, EventPerson, EventPlace, Person, Place
from events.tests.factories import make_event, make_source

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="window.__xss=1">'
RAW_MARKERS = ["<script>alert(1)", "<img src=x", "onerror=\"window"]
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"

TEXT = f"Предисловие {SCRIPT}.\nПисьмо от 1 февраля 1923 г. {IMG} об интервью.\nКонец.\n"


def make_hostile_world():
    source = make_source("xss.txt", text=TEXT, title=f"Source {SCRIPT}")
    quote = f"Письмо от 1 февраля 1923 г. {IMG} об интервью."
    event = make_event(source, quote=quote, title=f"Title {SCRIPT} {IMG}", date_text=f"1923 {SCRIPT}",
                       description=f"Description {SCRIPT}", fingerprint="e" * 64)
    person = Person.objects.create(name=f"Person {SCRIPT}", variants=[IMG])
    place = Place.objects.create(name=f"Place {SCRIPT}", description=IMG)
    EventPerson.objects.create(event=event, person=person)
    EventPlace.objects.create(event=event, place=place)
    second = make_event(source, quote=f"Предисловие {SCRIPT}.", title=f"Second {SCRIPT}", fingerprint="s" * 64)
    return {"source": source, "event": event, "person": person, "place": place, "second": second,
            "citation": Citation.objects.filter(event=event).first()}


@pytest.fixture
def hostile(db):
    return make_hostile_world()


def _assert_escaped(html: str, where: str, must_show: bool = True) -> None:
    for marker in RAW_MARKERS:
        assert marker not in html, f"{where}: raw markup {marker!r} in the page"
    if must_show:
        assert ESCAPED in html or "&lt;script&gt;" in html, f"{where}: the hostile text is not shown at all"


def admin_pages(w) -> list[str]:
    event, source, person, place, citation = w["event"], w["source"], w["person"], w["place"], w["citation"]
    return [
        "/admin/events/event/",
        f"/admin/events/event/?q={event.title[:5]}",
        f"/admin/events/event/{event.pk}/change/",
        f"/admin/events/event/{event.pk}/history/",
        "/admin/events/reviewqueueevent/",
        "/admin/events/source/",
        f"/admin/events/source/{source.pk}/change/",
        f"/admin/events/source/{source.pk}/text/?start={citation.start}&end={citation.end}",
        "/admin/events/person/",
        f"/admin/events/person/{person.pk}/change/",
        f"/admin/events/person/{person.pk}/history/",
        "/admin/events/place/",
        f"/admin/events/place/{place.pk}/change/",
    ]


def test_admin_pages_show_hostile_text_escaped(hostile, client):
    client.force_login(User.objects.create_superuser("root", "", "a-long-root-password"))
    for path in admin_pages(hostile):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_escaped(response.content.decode(), path)


def test_admin_merge_confirmation_shows_hostile_titles_escaped(hostile, client):
    client.force_login(User.objects.create_superuser("root", "", "a-long-root-password"))
    response = client.post("/admin/events/event/", {
        "action": "merge_selected", "_selected_action": [hostile["event"].pk, hostile["second"].pk],
    })
    assert response.status_code == 200
    _assert_escaped(response.content.decode(), "merge confirmation")


def test_timeline_page_shows_hostile_source_titles_escaped(hostile, client):
    response = client.get("/")
    assert response.status_code == 200
    _assert_escaped(response.content.decode(), "timeline page")


def test_printable_export_shows_hostile_text_escaped(hostile, client):
    response = client.get("/api/export/", {"format": "html", "title": f"Handout {SCRIPT}"})
    assert response.status_code == 200
    html = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    _assert_escaped(html, "printable export")
    assert "Title &lt;script&gt;" in html


def test_export_command_writes_escaped_html(hostile, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "handout.html"
    call_command("export_timeline", "--format", "html", "-o", str(out))
    _assert_escaped(out.read_text(encoding="utf-8"), "export_timeline --format html")


def test_api_returns_hostile_text_as_json_data_not_html(hostile, client):
    response = client.get(f"/api/events/{hostile['event'].pk}/")
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["title"] == hostile["event"].title


# --- in a browser: the timeline page draws the events with JavaScript -------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def hostile_live(transactional_db):
    return make_hostile_world()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_timeline_page_draws_hostile_text_as_text(hostile_live, live_server):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (scripts/browser.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(f"{live_server.url}/")
            page.wait_for_selector(".event-item", timeout=20_000)
            page.click(".event-item")
            page.wait_for_selector("#details-title", timeout=10_000)
            injected = page.evaluate(
                "() => ({img: document.querySelectorAll('img[onerror]').length,"
                " scripts: [...document.scripts].filter(s => s.text.includes('alert')).length,"
                " xss: window.__xss === 1, title: document.querySelector('#details-title').textContent,"
                " quote: document.querySelector('blockquote') && document.querySelector('blockquote').textContent})"
            )
        finally:
            browser.close()
    assert injected["img"] == 0 and injected["scripts"] == 0 and not injected["xss"]
    assert SCRIPT in injected["title"]
    assert IMG in (injected["quote"] or "")
