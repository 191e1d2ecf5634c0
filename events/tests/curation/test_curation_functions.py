"""events.curation without HTTP: status, merge and revert, people/place merges."""

import pytest

from events import curation
from events.models import Citation, Event, EventPerson, EventPlace, MergeRecord, Person, Place
from events.tests.factories import make_event


def test_set_status_marks_status_curated_and_records_history(events, curator):
    talks = events["talks"]
    assert curation.set_status([talks], Event.Status.REJECTED, user=curator) == 1
    talks.refresh_from_db()
    assert talks.status == Event.Status.REJECTED
    assert "status" in talks.curated_fields
    last = talks.history.first()
    assert last.history_user == curator and last.history_change_reason == "Marked rejected"


def test_set_status_refuses_unknown_status(events):
    with pytest.raises(curation.CurationError):
        curation.set_status([events["talks"]], "deleted")


def test_review_queue_lists_unreviewed_current_events_lowest_confidence_first(events):
    letter, talks, citizenship = events["letter"], events["talks"], events["citizenship"]
    assert list(curation.review_queue()) == [talks, citizenship, letter]
    curation.set_status([citizenship], Event.Status.REVIEWED)
    assert list(curation.review_queue()) == [talks, letter]


def test_next_in_queue_follows_the_order_and_wraps_around(events):
    letter, talks, citizenship = events["letter"], events["talks"], events["citizenship"]
    assert curation.next_in_review_queue() == talks
    assert curation.next_in_review_queue(talks) == citizenship
    assert curation.next_in_review_queue(citizenship) == letter
    assert curation.next_in_review_queue(letter) == talks


def test_next_in_queue_is_none_when_nothing_else_waits(events):
    curation.set_status(list(Event.objects.all()), Event.Status.REVIEWED)
    assert curation.next_in_review_queue(events["letter"]) is None


def test_merge_moves_citations_people_and_places_and_leaves_tombstones(events, curator):
    letter, citizenship = events["letter"], events["citizenship"]
    moscow = Place.objects.get(name="Москва")
    EventPlace.objects.create(event=citizenship, place=moscow)
    citation_ids = set(Citation.objects.filter(event__in=[letter, citizenship]).values_list("pk", flat=True))

    record = curation.merge_events(letter, [citizenship], user=curator, reason="same affair")

    letter.refresh_from_db()
    citizenship.refresh_from_db()
    assert citizenship.merged_into == letter
    assert set(letter.citations.values_list("pk", flat=True)) == citation_ids
    assert letter.citations.filter(is_primary=True).count() == 1  # the target keeps its own primary
    assert set(letter.person_links.values_list("role", flat=True)) == {"author", "subject"}
    assert list(letter.places.all()) == [moscow]
    assert letter.date_conflict  # 1923-02-01 vs 1932
    assert {"people", "places"} <= set(letter.curated_fields)
    assert record.created_by == curator and list(record.merged.all()) == [citizenship]
    assert Event.objects.current().filter(pk=citizenship.pk).count() == 0
    assert "merge #" in citizenship.history.first().history_change_reason


def test_merge_drops_a_duplicate_link_and_revert_restores_everything(events, curator):
    letter, citizenship = events["letter"], events["citizenship"]
    trotsky = Person.objects.get()
    EventPerson.objects.create(event=citizenship, person=trotsky, role=EventPerson.Role.AUTHOR)
    before = {
        "citations": sorted(Citation.objects.values_list("pk", "event_id", "is_primary")),
        "links": sorted(EventPerson.objects.values_list("event_id", "person_id", "role")),
    }

    record = curation.merge_events(letter, [citizenship], user=curator)
    assert letter.person_links.filter(role="author").count() == 1
    curation.revert_merge(record, user=curator)

    citizenship.refresh_from_db()
    letter.refresh_from_db()
    assert citizenship.merged_into is None
    assert not letter.date_conflict
    assert sorted(Citation.objects.values_list("pk", "event_id", "is_primary")) == before["citations"]
    assert sorted(EventPerson.objects.values_list("event_id", "person_id", "role")) == before["links"]
    record.refresh_from_db()
    assert record.is_reverted and record.reverted_by == curator


def test_revert_twice_is_refused(events):
    record = curation.merge_events(events["letter"], [events["talks"]])
    curation.revert_merge(record)
    with pytest.raises(curation.CurationError, match="already reverted"):
        curation.revert_merge(record)


def test_merge_needs_two_distinct_current_events(events):
    letter, talks = events["letter"], events["talks"]
    with pytest.raises(curation.CurationError):
        curation.merge_events(letter, [letter])
    curation.merge_events(letter, [talks])
    with pytest.raises(curation.CurationError, match="already merged"):
        curation.merge_events(events["citizenship"], [Event.objects.get(pk=talks.pk)])
    assert MergeRecord.objects.count() == 1


def test_merge_of_three_events_then_revert(events):
    letter, talks, citizenship = events["letter"], events["talks"], events["citizenship"]
    record = curation.merge_events(talks, [letter, citizenship])
    assert Event.objects.current().count() == 1
    assert Citation.objects.filter(event=talks).count() == 3
    curation.revert_merge(record)
    assert Event.objects.current().count() == 3
    assert Citation.objects.filter(event=talks).count() == 1


def test_merge_people_combines_variants_and_repoints_links(events, curator):
    trotsky = Person.objects.get()
    duplicate = Person.objects.create(name="Троцкому", variants=["Л. Д. Троцкому"], wikidata_id="Q33391")
    EventPerson.objects.create(event=events["talks"], person=duplicate)
    EventPerson.objects.create(event=events["letter"], person=duplicate, role=EventPerson.Role.AUTHOR)

    duplicate_id = duplicate.pk
    result = curation.merge_people(trotsky, [duplicate], user=curator)

    trotsky.refresh_from_db()
    assert trotsky.variants == ["Троцкого", "Троцкому", "Л. Д. Троцкому"]
    assert trotsky.wikidata_id == "Q33391"
    assert not Person.objects.filter(pk=duplicate_id).exists()
    assert set(trotsky.events.all()) == {events["letter"], events["talks"], events["citizenship"]}
    assert (result.links_moved, result.links_dropped) == (1, 1)
    deleted = Person.history.filter(id=duplicate_id, history_type="-").get()
    assert deleted.history_user == curator and "Merged into person" in deleted.history_change_reason


def test_merge_people_refuses_different_authority_ids(db):
    a = Person.objects.create(name="A", wikidata_id="Q1")
    b = Person.objects.create(name="B", wikidata_id="Q2")
    with pytest.raises(curation.CurationError, match="different Wikidata"):
        curation.merge_people(a, [b])
    assert Person.objects.count() == 2


def test_merge_places_fills_coordinates(db, source):
    event = make_event(source)
    paris = Place.objects.create(name="Париж")
    paris_fr = Place.objects.create(name="Paris", latitude=48.85, longitude=2.35)
    EventPlace.objects.create(event=event, place=paris_fr, role=EventPlace.Role.LOCATION)
    curation.merge_places(paris, [paris_fr])
    paris.refresh_from_db()
    assert (paris.latitude, paris.longitude, paris.variants) == (48.85, 2.35, ["Paris"])
    assert list(event.places.all()) == [paris]


def test_curated_changes_keeps_only_curatable_fields():
    assert curation.curated_changes(["title", "confidence", "date_edtf", "fingerprint"]) == ["title", "date_edtf"]
