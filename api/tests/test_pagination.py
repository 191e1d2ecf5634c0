"""Cursor pagination: stable pages, bounded size, a fixed number of queries."""

import pytest

from events.models import Citation, EventPerson, EventPlace, Person, Place
from events.tests.factories import make_event, make_source

from .conftest import ids, results

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_events(db):
    """23 events, with runs of equal dates and undated ones, each fully linked."""
    source = make_source()
    person = Person.objects.create(name="Someone")
    place = Place.objects.create(name="Somewhere")
    events = []
    for index in range(23):
        edtf = ["1930", "1930-05", "1930-05-01", "1931", ""][index % 5]
        event = make_event(source, date_edtf=edtf, title=f"Event {index:02d}")
        EventPerson.objects.create(event=event, person=person, role="mentioned")
        EventPlace.objects.create(event=event, place=place, role="mentioned")
        events.append(event)
    return events


def walk(api, url):
    seen, pages = [], 0
    while url:
        response = api.get(url)
        seen += ids(response)
        url = response.json()["next"]
        pages += 1
    return seen, pages


def test_walking_the_pages_gives_every_event_once_in_order(api, many_events):
    for ordering in ["date", "-date", "title", "-title", "confidence", "-confidence"]:
        everything = ids(api.get(f"/api/events/?ordering={ordering}&page_size=500"))
        seen, pages = walk(api, f"/api/events/?ordering={ordering}&page_size=4")
        assert seen == everything, ordering
        assert sorted(seen) == sorted(e.pk for e in many_events)
        assert pages == 6


def test_undated_events_come_last(api, many_events):
    rows = results(api.get("/api/events/?page_size=500"))
    dates = [row["date"]["sort"] for row in rows]
    assert dates[-4:] == [None] * 4 and None not in dates[:-4]


def test_previous_link_walks_back(api, many_events):
    first = api.get("/api/events/?page_size=5").json()
    second = api.get(first["next"]).json()
    back = api.get(second["previous"]).json()
    assert [r["id"] for r in back["results"]] == [r["id"] for r in first["results"]]
    assert back["previous"] is None
    assert first["previous"] is None


def test_pages_are_stable_when_events_are_added_before_the_cursor(api, many_events):
    first = api.get("/api/events/?page_size=5").json()
    make_event(date_edtf="1900", title="Much earlier", source=many_events[0].citations.first().source)
    second = api.get(first["next"]).json()
    expected = ids(api.get("/api/events/?page_size=500"))
    assert [r["id"] for r in second["results"]] == expected[6:11]


def test_page_size_defaults_to_50(api, db):
    from events.models import Event, EventType

    letter = EventType.objects.get(slug="letter")
    Event.objects.bulk_create([Event(title=f"E{index}", event_type=letter) for index in range(52)])
    assert len(results(api.get("/api/events/"))) == 50


@pytest.mark.parametrize("page_size", [5, 50])
def test_list_runs_a_fixed_number_of_queries(api, many_events, django_assert_num_queries, page_size):
    # Every event also cites a second source with an archival document.
    source = make_source("second.txt", text="Другой текст документа.\n")
    for event in many_events:
        Citation.objects.create(event=event, source=source, start=0, end=6, line=1, quote="Другой")
    # type slugs check, events (with type), people, places, citations (with source and document)
    with django_assert_num_queries(5):
        response = api.get(f"/api/events/?page_size={page_size}&type=letter&q=Письмо&date_from=1900")
    assert len(results(response)) == min(page_size, 19)  # the 4 undated events are outside any window
    assert all(len(row["citations"]) == 2 for row in results(response))
