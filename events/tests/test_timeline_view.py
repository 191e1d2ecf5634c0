"""The timeline page's HTML shell (the browser tests cover the behaviour)."""

import pytest

pytestmark = pytest.mark.django_db


def test_root_serves_the_timeline_page_with_filters_and_export_links(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'src="/static/chronicle/timeline.js"' in html
    assert 'name="type" value="politburo_session"' in html
    for fmt in ("csv", "xlsx", "json", "timelinejs", "ics", "html"):
        assert f'href="/api/export/?format={fmt}"' in html
    assert 'role="search"' in html and 'id="event-list"' in html


def test_the_page_script_and_stylesheet_are_served_locally(client):
    for path in ("/static/chronicle/timeline.js", "/static/chronicle/timeline.css"):
        response = client.get(path)
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"http://" not in body and b"https://" not in body  # nothing from the internet
