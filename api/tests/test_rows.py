"""The row read path (api/rows.py) gives exactly the JSON of the model path.

Lists and details are read as ``values()`` rows wrapped in records; writes
still answer from prefetched model instances. Both go through
``EventSerializer``, so for every kind of event (uncertain, approximate,
season, interval, open, undated and Old Style dates; several citations from
several sources, with and without an archival document; people and places
with roles; no links at all) the two must agree key for key and value for
value, in the same order.
"""

import pytest
from rest_framework.test import APIRequestFactory

from api import rows
from api.queries import event_list_queryset, order_events
from api.serializers import EventSerializer
from events.models import ArchivalDocument, Citation, Event, EventPerson, EventPlace, Person, Place
from events.tests.factories import make_event, make_source

pytestmark = pytest.mark.django_db

TEXT = (
    "Первая строка источника.\n"
    "№ 7\n"
    "Записка о переговорах весной 1935 г.\n"
    "РГАСПИ. Ф. 17. Оп. 3. Д. 9. Л. 1–4.\n"
    "Около 1930 г. началась подготовка.\n"
)
OTHER_TEXT = "Другой источник.\nЕщё одна строка о переговорах.\n"

DATES = [
    {"date_edtf": "1935-05-02"},
    {"date_edtf": "1935?"},
    {"date_edtf": "1930~"},
    {"date_edtf": "1937-22"},
    {"date_edtf": "1935-05-01/1937"},
    {"date_edtf": "../1935-06"},
    {"date_edtf": "", "date_text": "без даты"},
    {"date_edtf": "1923-02-14", "date_calendar": "julian", "date_original_edtf": "1923-02-01"},
    {"date_edtf": "[1935-05, 1935-07]"},
]


@pytest.fixture
def varied():
    source = make_source("rows-a.txt", text=TEXT, title="Записки")
    other = make_source("rows-b.txt", text=OTHER_TEXT, title="Другой")
    document = ArchivalDocument.objects.create(
        source=source, number="7", start=TEXT.index("№ 7"), end=TEXT.index("Около"),
        reference_text="РГАСПИ. Ф. 17. Оп. 3. Д. 9. Л. 1–4.",
    )
    people = [Person.objects.create(name=name) for name in ("Литвинов", "Laval", "Потемкин")]
    places = [Place.objects.create(name=name) for name in ("Москва", "Paris")]
    events = []
    for index, date in enumerate(DATES):
        event = make_event(source, title=f"Событие {index}", quote="Записка о переговорах весной 1935 г.",
                           description=f"Описание {index}", confidence=round(0.3 + index / 20, 2),
                           date_conflict=index == 3, **date)
        if index % 2 == 0:  # a second and a third citation: another source, another line
            for quote, cited, in_document in (("Ещё одна строка о переговорах.", other, False),
                                              ("Около 1930 г. началась подготовка.", source, True)):
                start = cited.text.index(quote)
                citation = Citation(event=event, source=cited, start=start, end=start + len(quote),
                                    document=document if in_document else None, date_text="1930",
                                    date_edtf="1930")
                citation.fill_from_source()
                citation.save()
        if index % 3 != 2:
            for person, role in zip(people[index % 3:], ("author", "recipient", "mentioned")):
                EventPerson.objects.create(event=event, person=person, role=role)
            EventPlace.objects.create(event=event, place=places[index % 2], role="location")
        events.append(event)
    Citation.objects.filter(event=events[0], is_primary=True).update(document=document)
    Event.objects.filter(pk=events[5].pk).update(status=Event.Status.REVIEWED)
    return events


def model_json(pk):
    request = APIRequestFactory().get("/api/events/")
    return EventSerializer(event_list_queryset().get(pk=pk), context={"request": request}).data


def test_a_detail_read_from_rows_is_the_model_json(api, varied):
    for event in varied:
        assert api.get(f"/api/events/{event.pk}/").json() == model_json(event.pk), event.date_edtf


def test_a_list_read_from_rows_is_the_model_json_in_order(api, varied):
    listed = api.get("/api/events/?page_size=500").json()["results"]
    assert [row["id"] for row in listed] == list(
        order_events(Event.objects.all(), "date").values_list("id", flat=True)
    )
    assert listed == [model_json(row["id"]) for row in listed]
    # The fixture really is varied: several citations, documents, links, flags.
    assert any(len(row["citations"]) == 3 for row in listed)
    assert any(c["document"] for row in listed for c in row["citations"])
    assert any(len(row["people"]) > 1 for row in listed) and any(not row["places"] for row in listed)
    assert any(row["date"]["uncertain"] for row in listed) and any(row["date"]["approximate"] for row in listed)
    assert any("O.S." in row["date"]["display"] for row in listed)
    assert any(row["date"]["sort"] is None for row in listed)


def test_records_answer_what_the_serializer_reads(varied):
    (record,) = rows.event_records(list(rows.event_rows(Event.objects.filter(pk=varied[0].pk))))
    model = event_list_queryset().get(pk=varied[0].pk)
    assert record.date_display == model.date_display
    assert record.event_type.label_ru == model.event_type.label_ru
    assert [c.id for c in record.api_citations] == [c.id for c in model.api_citations]
    assert [link.person.name for link in record.api_people] == [link.person.name for link in model.api_people]


def test_an_empty_page_runs_no_relation_query(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        assert rows.event_records([]) == []


def test_a_detail_runs_one_query_for_the_event_and_one_per_relation(api, varied, django_assert_num_queries):
    for event in (varied[0], varied[1]):  # compiled the first time, reused the second
        with django_assert_num_queries(4):
            assert api.get(f"/api/events/{event.pk}/").status_code == 200


@pytest.mark.parametrize("query, param", [("include_rejected=maybe", "include_rejected"), ("status=lost", "status")])
def test_a_detail_checks_its_visibility_parameters(api, varied, query, param):
    response = api.get(f"/api/events/{varied[0].pk}/?{query}")
    assert response.status_code == 400 and param in response.json()


def test_a_detail_hides_rejected_and_merged_events_unless_asked(api, varied):
    Event.objects.filter(pk=varied[1].pk).update(status=Event.Status.REJECTED)
    Event.objects.filter(pk=varied[2].pk).update(merged_into=varied[0])
    assert api.get(f"/api/events/{varied[1].pk}/").status_code == 404
    assert api.get(f"/api/events/{varied[1].pk}/?status=rejected").json()["status"] == "rejected"
    assert api.get(f"/api/events/{varied[1].pk}/?include_rejected=true").status_code == 200
    assert api.get(f"/api/events/{varied[2].pk}/?include_rejected=true").status_code == 404
