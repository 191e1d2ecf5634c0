"""The read path of events as plain rows: no model instance on the way.

A page of ``GET /api/events/`` (and one event's detail) is read as
``values()`` rows, its citations, people and places with one query each
(:class:`events.exports.base.RelatedRows`, the very code the exports walk
with), and wrapped in :class:`~events.exports.base.Record` objects that answer
the attribute names a model instance answers. ``EventSerializer`` then builds
the same JSON from a record as from a prefetched model instance, so the
declared serializers stay the one definition of the shape (and of the OpenAPI
schema), while a page costs no model construction, no ``Prefetch`` machinery
and no per-id lookup preparation. ``api/tests/test_rows.py`` checks that a
record and a model instance give exactly the same JSON.
"""

from __future__ import annotations

from django.db.models import QuerySet

from events.compiled import CompiledQueries, CompiledQuery, run_together
from events.exports.base import Record, RelatedRows, db_alias, normalised_date
from events.models import Event, EventPerson, EventPlace

# Columns of an event the read shape uses, with its type's labels (one join).
EVENT_COLUMNS = (
    "id", "title", "description", "status", "confidence", "kind", "date_conflict",
    "date_text", "date_edtf", "date_calendar", "date_original_edtf", "date_earliest", "date_latest",
    "date_sort", "date_precision", "date_approximate", "date_uncertain", "event_type_id",
)
TYPE_COLUMNS = ("event_type__slug", "event_type__label_en", "event_type__label_ru", "event_type__label_fr")

# The orders the API has always given: primary citation first, then by source
# and position; links in the order they were made.
CITATION_ORDER = ("-is_primary", "source_id", "start", "id")
LINK_ORDER = ("id",)


def event_rows(queryset: QuerySet) -> QuerySet:
    """The events of ``queryset`` as ``values()`` dicts of :data:`EVENT_COLUMNS` and type labels."""
    return queryset.values(*EVENT_COLUMNS, *TYPE_COLUMNS)


_DETAIL = CompiledQueries(size=8)


def visible_event_query(pk: int, *, hide_rejected: bool) -> tuple[CompiledQuery, tuple]:
    """The statement of one current event's row by its key, with its parameters.

    It finds nothing if the event is merged, absent or hidden. Compiled once
    per visibility rule and reused: a detail page runs no queryset building.
    """
    def build():
        queryset = Event.objects.filter(pk=pk, merged_into__isnull=True)
        if hide_rejected:
            queryset = queryset.exclude(status=Event.Status.REJECTED)
        return event_rows(queryset)

    params = (pk, Event.Status.REJECTED.value) if hide_rejected else (pk,)
    return _DETAIL.get((db_alias(), hide_rejected), build, params), params


def detail_record(pk: int, *, hide_rejected: bool) -> Record | None:
    """One visible event as a record (``None`` if merged, absent or hidden).

    Its four statements (the event, its citations, people and places) need
    only its key, so they are sent together (:func:`events.compiled.run_together`):
    one round trip instead of four. For an event that is not shown the
    three relation statements find rows nobody reads.
    """
    event_query, params = visible_event_query(pk, hide_rejected=hide_rejected)
    related = _related_rows()
    found, *relations = run_together([(event_query, params), *relation_runs(related, [pk])], db_alias())
    if not found:
        return None
    return _records([dict(zip(event_query.names, found[0]))], related, *relations)[0]


def event_records(rows: list[dict]) -> list[Record]:
    """Records for event rows, each with ``api_people``/``api_places``/``api_citations``.

    Three statements (citations with source and document, people, places)
    for the whole batch, sent together; none when it is empty.
    """
    if not rows:
        return []
    related = _related_rows()
    relations = run_together(relation_runs(related, [row["id"] for row in rows]), db_alias())
    return _records(rows, related, *relations)


def _related_rows() -> RelatedRows:
    return RelatedRows(
        citation_order=CITATION_ORDER, people_order=LINK_ORDER, places_order=LINK_ORDER, stream=False,
    )


def relation_runs(related: RelatedRows, ids: list[int]) -> list[tuple[CompiledQuery, list[int]]]:
    """The citations, people and places statements of these events, with their parameters."""
    return [
        (related.citation_query(ids), ids),
        (related.link_query(EventPerson, "person", ids), ids),
        (related.link_query(EventPlace, "place", ids), ids),
    ]


def _records(rows: list[dict], related: RelatedRows, citation_rows, people_rows, place_rows) -> list[Record]:
    """The event rows as records holding their relations' records (rows of :func:`relation_runs`)."""
    citations = related.citation_groups(citation_rows)
    people = related.link_groups("person", people_rows)
    places = related.link_groups("place", place_rows)
    types: dict[int, Record] = {}
    empty: list = []
    records = []
    for row in rows:
        values = {name: row[name] for name in EVENT_COLUMNS}
        type_id = values["event_type_id"]
        event_type = types.get(type_id)
        if event_type is None:
            event_type = types[type_id] = Record({
                "id": type_id, "slug": row["event_type__slug"], "label_en": row["event_type__label_en"],
                "label_ru": row["event_type__label_ru"], "label_fr": row["event_type__label_fr"],
            })
        values["event_type"] = event_type
        event_id = values["id"]
        values["api_citations"] = citations.get(event_id, empty)
        values["api_people"] = people.get(event_id, empty)
        values["api_places"] = places.get(event_id, empty)
        record = Record(values)
        # Event.date_display, from the memoised EDTF display the exports use.
        values["date_display"] = normalised_date(record) if values["date_edtf"] else (values["date_text"] or "")
        records.append(record)
    return records
