"""The events FilterSet, used directly (as the exports do) and through the API."""

import pytest
from rest_framework.exceptions import ValidationError

from api.filters import EventFilter, filter_events
from events.models import Event, EventPerson, Person
from events.tests.factories import make_event, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def timeline():
    source = make_source()
    return {
        "day": make_event(source, date_edtf="1935-05-02", title="Pact signed", type_slug="treaty"),
        "month": make_event(source, date_edtf="1935-05", title="Talks in May", type_slug="negotiation"),
        "year": make_event(source, date_edtf="1935", title="A year of talks", type_slug="negotiation"),
        "later": make_event(source, date_edtf="1937-22", title="Summer break", type_slug="other"),
        "letter": make_event(source, date_edtf="1923-02-01", title="Trotsky letter", type_slug="letter"),
    }


def titles(queryset):
    return [event.title for event in queryset]


def test_date_window_overlap_is_the_default(timeline):
    result = filter_events({"date_from": "1935-05", "date_to": "1935-05"})
    assert titles(result) == ["A year of talks", "Talks in May", "Pact signed"]


def test_date_mode_within_keeps_only_events_inside_the_window(timeline):
    result = filter_events({"date_from": "1935-05", "date_to": "1935-05", "date_mode": "within"})
    assert titles(result) == ["Talks in May", "Pact signed"]


def test_date_to_uses_the_latest_day_of_its_value(timeline):
    assert "Summer break" in titles(filter_events({"date_from": "1937-08-31", "date_to": "1937"}))
    assert "Summer break" not in titles(filter_events({"date_from": "1937-09-01"}))


def test_type_accepts_several_slugs(timeline):
    result = filter_events({"type": "treaty,letter"})
    assert titles(result) == ["Trotsky letter", "Pact signed"]


def test_unknown_type_is_named_in_the_error(timeline):
    with pytest.raises(ValidationError) as exc:
        filter_events({"type": "letter,coronation"})
    assert "coronation" in str(exc.value.detail["type"][0])


def test_bad_date_is_reported_with_the_reason():
    with pytest.raises(ValidationError) as exc:
        filter_events({"date_from": "1935-13-45"})
    assert "month 13" in str(exc.value.detail["date_from"][0])


def test_window_ending_before_it_starts_is_an_error():
    with pytest.raises(ValidationError) as exc:
        filter_events({"date_from": "1936", "date_to": "1935"})
    assert "date_to" in exc.value.detail


def test_rejected_events_are_hidden_unless_asked(timeline):
    Event.objects.filter(pk=timeline["letter"].pk).update(status=Event.Status.REJECTED)
    assert "Trotsky letter" not in titles(filter_events({}))
    assert titles(filter_events({"status": "rejected"})) == ["Trotsky letter"]
    assert "Trotsky letter" in titles(filter_events({"include_rejected": "true"}))


def test_merged_events_are_never_listed(timeline):
    Event.objects.filter(pk=timeline["month"].pk).update(merged_into=timeline["day"])
    assert "Talks in May" not in titles(filter_events({"include_rejected": "true"}))
    assert "Talks in May" not in titles(filter_events({}, queryset=Event.objects.all()))


def test_min_confidence_is_bounded_and_filters(timeline):
    Event.objects.filter(pk=timeline["year"].pk).update(confidence=0.2)
    assert "A year of talks" not in titles(filter_events({"min_confidence": "0.5"}))
    with pytest.raises(ValidationError) as exc:
        filter_events({"min_confidence": "2"})
    assert "min_confidence" in exc.value.detail


def test_person_by_id_and_by_name_variant(timeline):
    trotsky = Person.objects.create(name="Лев Троцкий", variants=["Троцкого", "Trotsky"])
    EventPerson.objects.create(event=timeline["letter"], person=trotsky, role="author")
    assert titles(filter_events({"person": str(trotsky.pk)})) == ["Trotsky letter"]
    assert titles(filter_events({"person": "Trotsky"})) == ["Trotsky letter"]
    assert titles(filter_events({"person": "Троцкого"})) == ["Trotsky letter"]


def test_huge_ids_are_rejected_before_the_database():
    with pytest.raises(ValidationError) as exc:
        filter_events({"source": "99999999999999999999999"})
    assert "source" in exc.value.detail


def test_full_text_matches_titles_and_quotes(timeline):
    assert titles(filter_events({"q": "pact"})) == ["Pact signed"]
    # The factory cites the first line of the sample text for every event.
    assert len(filter_events({"q": "Троцкого"})) == 5


def test_filterset_interface_for_other_apps(timeline):
    from django.http import QueryDict

    fs = EventFilter(data=QueryDict("type=letter"), queryset=Event.objects.all())
    assert fs.is_valid(), fs.errors
    assert titles(fs.qs) == ["Trotsky letter"]
    bad = EventFilter(data=QueryDict("ordering=sideways"))
    assert not bad.is_valid() and "ordering" in bad.errors


def test_orderings_are_total_and_reversible(timeline):
    forward = [e.pk for e in filter_events({"ordering": "date"})]
    backward = [e.pk for e in filter_events({"ordering": "-date"})]
    assert forward == backward[::-1]
    assert titles(filter_events({"ordering": "title"}))[0] == "A year of talks"
