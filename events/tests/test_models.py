"""Behaviour of the data model on the real database (SQLite or PostgreSQL)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from events.models import ArchivalDocument, Citation, Event, EventType, Person, Source

from .factories import SAMPLE_TEXT, make_event, make_source

pytestmark = pytest.mark.django_db


def test_event_types_are_seeded_with_three_languages():
    slugs = set(EventType.objects.values_list("slug", flat=True))
    assert {"plenum", "politburo_session", "letter", "exile", "hunger_strike", "other"} <= slugs
    assert len(slugs) == 39
    letter = EventType.objects.get(slug="letter")
    assert (letter.label_en, letter.label_ru, letter.label_fr) == ("Letter", "Письмо", "Lettre")


def test_saving_an_event_derives_bounds_precision_and_flags():
    event = make_event(date_edtf="1937-22", date_text="летом 1937 г.")
    event.refresh_from_db()
    assert event.date_earliest == dt.date(1937, 6, 1)
    assert event.date_latest == dt.date(1937, 8, 31)
    assert event.date_sort == dt.date(1937, 6, 1)
    assert event.date_precision == "season"
    assert not event.date_approximate and not event.date_uncertain


def test_changing_the_edtf_value_recomputes_bounds_even_with_update_fields():
    event = make_event(date_edtf="1935-06-29")
    event.date_edtf = "1932~"
    event.save(update_fields=["date_edtf"])
    event.refresh_from_db()
    assert (event.date_earliest, event.date_latest) == (dt.date(1932, 1, 1), dt.date(1932, 12, 31))
    assert event.date_approximate and event.date_precision == "year"


def test_julian_date_keeps_original_and_shows_both():
    event = make_event(
        date_edtf="1879-11-07", date_text="26 октября (7 ноября) 1879 г.",
        date_calendar="julian", date_original_edtf="1879-10-26",
    )
    event.refresh_from_db()
    assert event.date_earliest == dt.date(1879, 11, 7)
    assert event.date_display == "7 November 1879 (O.S. 26 October 1879)"
    assert event.date_text == "26 октября (7 ноября) 1879 г."


def test_invalid_edtf_is_rejected_by_validation_with_a_clear_message():
    event = make_event()
    event.date_edtf = "1935-13-45"
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "month 13 does not exist" in str(excinfo.value.message_dict["date_edtf"])


def test_deleting_a_cited_source_is_refused_and_keeps_everything():
    event = make_event()
    source = event.citations.get().source
    with pytest.raises(ProtectedError):
        with transaction.atomic():
            source.delete()
    assert Source.objects.filter(pk=source.pk).exists()
    assert Event.objects.filter(pk=event.pk).exists()
    assert Citation.objects.filter(event=event).count() == 1


def test_a_source_without_citations_can_be_deleted_with_its_documents():
    source = make_source()
    ArchivalDocument.objects.create(source=source, number="1", start=0, end=10)
    source.delete()
    assert not ArchivalDocument.objects.exists()


def test_deleting_an_event_deletes_its_citations_not_its_source():
    event = make_event()
    source = event.citations.get().source
    event.delete()
    assert not Citation.objects.exists()
    assert Source.objects.filter(pk=source.pk).exists()


def test_citation_quote_must_equal_the_source_slice():
    source = make_source()
    event = make_event(source)
    bad = Citation(event=event, source=source, start=0, end=6, line=1, quote="Pismo")
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "quote" in excinfo.value.message_dict


def test_citation_line_is_one_based_and_checked():
    source = make_source()
    event = make_event(source)
    start = SAMPLE_TEXT.index("Летом")
    good = Citation(event=event, source=source, start=start, end=start + 14)
    good.fill_from_source()
    assert good.line == 3 and good.quote == "Летом 1937 г. "
    good.full_clean()
    wrong = Citation(event=event, source=source, start=start, end=start + 5, line=2, quote="Летом")
    with pytest.raises(ValidationError):
        wrong.full_clean()


def test_database_rejects_an_empty_citation_span():
    event = make_event()
    source = event.citations.get().source
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            Citation.objects.create(event=event, source=source, start=5, end=5, line=1, quote="")


def test_database_rejects_confidence_outside_0_1():
    event = make_event()
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            Event.objects.filter(pk=event.pk).update(confidence=1.5)


def test_event_type_in_use_cannot_be_deleted():
    make_event()
    with pytest.raises(ProtectedError):
        EventType.objects.get(slug="letter").delete()


def test_curated_fields_are_recorded_once():
    event = make_event()
    event.mark_curated("title", "date_edtf")
    event.mark_curated("title")
    event.save()
    event.refresh_from_db()
    assert event.curated_fields == ["date_edtf", "title"]
    assert event.is_curated("title") and not event.is_curated("description")


def test_person_keeps_declined_variants_and_validates_wikidata_id():
    person = Person.objects.create(name="Л. Д. Троцкий", variants=["Троцкого", "Л. Д. Троцкому"])
    assert person.all_names() == ["Л. Д. Троцкий", "Троцкого", "Л. Д. Троцкому"]
    person.wikidata_id = "trotsky"
    with pytest.raises(ValidationError):
        person.full_clean()
    person.wikidata_id = "Q33391"
    person.full_clean()


def test_public_queryset_hides_rejected_and_merged_events():
    keep = make_event()
    rejected = make_event(make_source("b.txt"), status="rejected")
    merged = make_event(make_source("c.txt"))
    merged.merged_into = keep
    merged.save()
    assert list(Event.objects.public()) == [keep]
    assert rejected in Event.objects.current()
