"""The fast paths of the exports give what the slow, obvious ones give.

The exports read plain rows (:class:`base.Record`) instead of model
instances and write iCalendar lines by hand; these tests hold them to the
model instances and to the ``icalendar`` package.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models.signals import pre_init
from icalendar import Event as VEvent

from events import exports
from events.exports import base, ics, json, table
from events.models import Event

from .export_data import build_timeline


@pytest.fixture
def timeline(db):
    return build_timeline()


def _ids(events):
    return [event.pk for event in events]


def test_record_walk_gives_the_rows_model_instances_give(timeline):
    records = list(base.iter_events(Event.objects.all(), chunk_size=2))
    models = list(base.prepare(Event.objects.all()))
    assert _ids(records) == _ids(models)
    for record, model in zip(records, models):
        assert table.event_row(record) == table.event_row(model)
        meta = exports.ExportMeta(base_url="https://example.org")
        assert json.event_record(record, meta) == json.event_record(model, meta)


def test_record_walk_keeps_the_callers_order_when_asked(timeline):
    queryset = Event.objects.order_by("-title", "id")
    assert _ids(base.iter_events(queryset, chunk_size=2, keep_order=True)) == _ids(queryset)


@pytest.mark.parametrize("fmt", list(exports.FORMATS))
def test_exports_build_no_model_instances(fmt, timeline):
    built = []

    def count(sender, **kwargs):
        built.append(sender)

    pre_init.connect(count)
    try:
        b"".join(exports.stream(fmt, Event.objects.all(), chunk_size=2))
    finally:
        pre_init.disconnect(count)
    assert built == []


def _reference_vevent(event, meta) -> bytes:
    """The VEVENT as the ``icalendar`` package writes it."""
    days = ics.calendar_days(event)
    entry = VEvent()
    entry.add("uid", f"event-{event.pk}@chronicle")
    entry.add("dtstamp", event.updated_at)
    entry.add("dtstart", days[0])
    if days[1] - days[0] > dt.timedelta(days=1):
        entry.add("dtend", days[1])
    prefix = "≈ " if (event.date_approximate or event.date_uncertain) else ""
    entry.add("summary", prefix + event.title)
    entry.add("description", ics.description(event, meta))
    entry.add("categories", [event.event_type.label_en])
    places = base.place_names(event)
    if places:
        entry.add("location", ", ".join(places))
    return entry.to_ical()


@pytest.mark.parametrize("title", [
    "Short",
    "Письмо " * 30,
    "a" * 73 + "\\" + "b" * 80,  # a backslash escape right at the fold
    "x" * 72 + ";,\\N" + "é" * 50 + "🙂" * 30,
    "line one\r\nline two\rthree\n" * 8,
])
@pytest.mark.parametrize("places", [[], ["Москва, Кремль", "Paris; rive gauche " * 6]])
def test_handwritten_vevent_is_byte_identical_to_icalendar(title, places):
    place_links = [base.Record({"place": base.Record({"name": name})}) for name in places]
    event = base.Record({
        "id": 7, "title": title, "description": title[::-1], "date_text": title[:40],
        "date_edtf": "1932-06", "date_calendar": "gregorian", "date_original_edtf": "",
        "date_earliest": dt.date(1932, 6, 1), "date_latest": dt.date(1932, 6, 30),
        "date_precision": "month", "date_approximate": True, "date_uncertain": False,
        "date_conflict": False, "updated_at": dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=3))),
        "event_type": base.Record({"slug": "letter", "label_en": "Letter, note"}),
        "export_citations": [], "export_people": [], "export_places": place_links,
    })
    meta = exports.ExportMeta()
    assert ics.vevent(event, meta) == _reference_vevent(event, meta)
