"""The event changelist: columns, each filter, search, order, constant query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import curation
from events.models import Citation, Event, EventPerson, Person
from events.tests.factories import make_event, make_source

URL = reverse("admin:events_event_changelist")


def titles(response):
    return [event.title for event in response.context["cl"].result_list]


def test_list_shows_verbatim_and_normalised_dates_source_and_status(admin_client_logged, events):
    response = admin_client_logged.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Летом 1937 г." in html and "summer 1937" in html.lower()
    assert "000_sample.txt" in html
    assert "extracted" in html.lower()


def test_list_is_chronological(admin_client_logged, events):
    assert titles(admin_client_logged.get(URL)) == ["Письмо Троцкого", "Лишение гражданства", "Переговоры прерваны"]


@pytest.mark.parametrize("query, expected", [
    ({"status__exact": "rejected"}, ["Переговоры прерваны"]),
    ({"event_type__id__exact": "negotiation"}, ["Переговоры прерваны"]),
    ({"date_precision__exact": "year"}, ["Лишение гражданства"]),
    ({"date_calendar__exact": "julian"}, ["Письмо Троцкого"]),
    ({"decade": "1930"}, ["Лишение гражданства", "Переговоры прерваны"]),
    ({"decade": "1920"}, ["Письмо Троцкого"]),
    ({"confidence_band": "low"}, ["Переговоры прерваны"]),
    ({"confidence_band": "medium"}, ["Лишение гражданства"]),
    ({"confidence_band": "high"}, ["Письмо Троцкого"]),
    ({"date_sort__year": "1937"}, ["Переговоры прерваны"]),
])
def test_each_filter_narrows_the_list(admin_client_logged, events, query, expected):
    curation.set_status([events["talks"]], Event.Status.REJECTED)
    letter = events["letter"]
    letter.date_calendar, letter.date_original_edtf = "julian", "1923-01-19"
    letter.save()
    if "event_type__id__exact" in query:
        query = {"event_type__id__exact": str(events["talks"].event_type_id)}
    response = admin_client_logged.get(URL, query)
    assert response.status_code == 200
    assert titles(response) == expected


def test_source_filter_lists_events_cited_from_the_source_once(admin_client_logged, events):
    other = make_source(file_name="other.txt", text="Другой текст про 1940 год.\n")
    lone = make_event(other, title="Другое", date_edtf="1940", quote="Другой текст")
    # A second citation of the same source must not list the event twice.
    c = Citation(event=lone, source=other, start=0, end=6)
    c.fill_from_source()
    c.save()
    response = admin_client_logged.get(URL, {"source": str(other.pk)})
    assert titles(response) == ["Другое"]
    response = admin_client_logged.get(URL, {"source": str(events["letter"].citations.get().source_id)})
    assert len(titles(response)) == 3


def test_merged_events_are_hidden_unless_asked_for(admin_client_logged, events):
    curation.merge_events(events["letter"], [events["talks"]])
    assert "Переговоры прерваны" not in titles(admin_client_logged.get(URL))
    assert titles(admin_client_logged.get(URL, {"merged": "merged"})) == ["Переговоры прерваны"]
    assert len(titles(admin_client_logged.get(URL, {"merged": "all"}))) == 3


@pytest.mark.parametrize("term, expected", [
    ("гражданства", ["Лишение гражданства"]),       # title
    ("переговоры были", ["Переговоры прерваны"]),   # quote
    ("Троцкий Л", ["Письмо Троцкого", "Лишение гражданства"]),  # person
    ("Троцкого", ["Письмо Троцкого", "Лишение гражданства"]),  # a person's declined variant (+ a title)
])
def test_search_covers_titles_quotes_and_people(admin_client_logged, events, term, expected):
    assert titles(admin_client_logged.get(URL, {"q": term})) == expected


def _add_events(source, n):
    person = Person.objects.create(name=f"Person {n}")
    for i in range(n):
        event = make_event(source, title=f"Event {n}-{i}", date_edtf=f"19{10 + i}",
                           quote="Летом 1937 г. переговоры были прерваны.")
        EventPerson.objects.create(event=event, person=person)


def test_changelist_query_count_does_not_grow_with_rows(admin_client_logged, source):
    _add_events(source, 3)
    admin_client_logged.get(URL)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert admin_client_logged.get(URL).status_code == 200
    _add_events(source, 12)
    with CaptureQueriesContext(connection) as many:
        response = admin_client_logged.get(URL)
    assert len(response.context["cl"].result_list) == 15
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]


def test_review_queue_query_count_does_not_grow_with_rows(admin_client_logged, source):
    url = reverse("admin:events_reviewqueueevent_changelist")
    _add_events(source, 3)
    admin_client_logged.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client_logged.get(url)
    _add_events(source, 12)
    with CaptureQueriesContext(connection) as many:
        admin_client_logged.get(url)
    assert len(many) == len(few)
