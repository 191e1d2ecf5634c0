"""What every export format shares: the query, the event walk and the facts.

Exports must stream: a teacher may ask for the whole database (a million
events) and the process must not hold it in memory. So every format is a
generator over :func:`iter_events`, which streams the events as plain
``values_list`` rows and fetches their citations, people and places one
chunk at a time (one query per relation and chunk), so memory is bounded by
the chunk, not by the selection. No model instance is built on the way
(Django's model machinery was most of the export time); the rows are wrapped
in :class:`Record`, which answers the attribute names the formats read.

The helpers here turn an event (a record, or a model instance prefetched by
:func:`prepare`) into plain facts (dates with their flags, people, places,
numbered citations) so the format modules only decide how to lay them out.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db import router
from django.db.models import F, Prefetch, QuerySet

from events import dates
from events.compiled import CompiledQueries, CompiledQuery
from events.models import Citation, Event, EventPerson, EventPlace

CHUNK_SIZE = 2000

# Long source texts (3 MB for the archival collection) must never ride along
# with a citation row; only these columns of the related rows are loaded.
_SOURCE_FIELDS = ("source__id", "source__title", "source__file_name", "source__authors")
_DOCUMENT_FIELDS = (
    "document__id", "document__number", "document__heading", "document__reference_text",
    "document__archive", "document__fond", "document__opis", "document__delo", "document__folios",
)


def ordered(queryset: QuerySet, *, keep_order: bool = False) -> QuerySet:
    """The queryset in the order every export writes it.

    Keeps the caller's filtering. Unless ``keep_order`` (the caller already
    sorted, e.g. ``filter_events`` with an ``ordering`` parameter), imposes
    chronological order -- the order a reader expects in every format -- with
    ``id`` as the tie-breaker so the order is total and stable between runs.
    Undated events come last on every database (SQLite and PostgreSQL
    disagree about NULLs otherwise).
    """
    if keep_order and queryset.query.order_by:
        return queryset
    return queryset.order_by(
        F("date_sort").asc(nulls_last=True), F("date_latest").asc(nulls_last=True), "id"
    )


_CITATION_ORDER = ("-is_primary", "source__file_name", "start", "id")
_PEOPLE_ORDER = ("role", "person__name", "id")
_PLACES_ORDER = ("role", "place__name", "id")


def prepare(queryset: QuerySet, *, keep_order: bool = False) -> QuerySet:
    """The queryset as model instances with everything an export reads prefetched.

    For callers that want real ``Event`` objects (a handful of events); the
    exports themselves walk :func:`iter_events`, which builds no model at all.
    """
    citations = (
        Citation.objects.select_related("source", "document")
        .only(
            "id", "event_id", "start", "end", "line", "quote", "language", "is_primary",
            "date_text", "date_edtf", *_SOURCE_FIELDS, *_DOCUMENT_FIELDS,
        )
        .order_by(*_CITATION_ORDER)
    )
    people = EventPerson.objects.select_related("person").order_by(*_PEOPLE_ORDER)
    places = EventPlace.objects.select_related("place").order_by(*_PLACES_ORDER)
    queryset = queryset.select_related("event_type").prefetch_related(
        Prefetch("citations", queryset=citations, to_attr="export_citations"),
        Prefetch("person_links", queryset=people, to_attr="export_people"),
        Prefetch("place_links", queryset=places, to_attr="export_places"),
    )
    return ordered(queryset, keep_order=keep_order)


# --- the event walk: plain rows, no model instances ----------------------------
#
# Building a Django model costs ~10 us; an exported event used to need five or
# six of them (event, type, citations with their source and document, people,
# places). The walk below reads ``values()`` rows instead and wraps them in
# :class:`Record`, which answers the same attribute names the format modules
# read (``event.title``, ``citation.source.title``, ``link.person.name``), so
# the formats work unchanged on a record or on a model instance.

class Record:
    """Attribute access over a dict of column values (a model stand-in for reading)."""

    __slots__ = ("__dict__",)

    def __init__(self, values: dict):
        self.__dict__ = values

    @property
    def pk(self):
        return self.__dict__["id"]

    def __repr__(self) -> str:
        return f"Record({self.__dict__!r})"


_EVENT_FIELDS = (
    "id", "title", "description", "kind", "status", "confidence", "updated_at",
    "date_text", "date_edtf", "date_calendar", "date_original_edtf", "date_earliest",
    "date_latest", "date_sort", "date_precision", "date_approximate", "date_uncertain",
    "date_conflict", "event_type_id", "event_type__slug", "event_type__label_en",
)
_CITATION_OWN = (
    "id", "event_id", "start", "end", "line", "quote", "language", "is_primary",
    "date_text", "date_edtf", "source_id", "document_id",
)
# Only what the formats print of a source and a document.
_CITATION_SOURCE = ("source__title", "source__file_name")
_CITATION_DOCUMENT = (
    "document__number", "document__reference_text", "document__archive", "document__fond",
    "document__opis", "document__delo", "document__folios",
)


def of_events(model, event_ids: list[int]) -> QuerySet:
    """Rows of ``model`` whose ``event_id`` is one of ``event_ids``.

    The same as ``filter(event_id__in=event_ids)``, but the ids (integers the
    database just gave us) go to the driver as plain parameters: Django's
    lookup would prepare and validate each of the thousands of values on
    every chunk, which cost a quarter of the walk.
    """
    column = f'"{model._meta.db_table}"."{model._meta.get_field("event").column}"'
    placeholders = ", ".join(["%s"] * len(event_ids))
    return model.objects.extra(where=[f"{column} IN ({placeholders})"], params=[int(i) for i in event_ids])


# Compiled relation queries of API pages, by shape and number of events.
_COMPILED = CompiledQueries()


def db_alias() -> str:
    return router.db_for_read(Citation)


class RelatedRows:
    """Fetches citations, people and places of a batch of events: one query each.

    Shared by the exports (chunks of a streamed walk) and the API (one page):
    both read plain rows, never model instances. Sources and documents are few
    and cited again and again, so each becomes one shared record per walk.
    The orders are the caller's: each reader keeps the order it documents.
    ``stream`` reads through a server-side cursor (a chunk of an export can be
    thousands of rows); a page of the API is small and is read in one go,
    from SQL compiled once per shape (:mod:`events.compiled`), which spares
    the cursor's round trips and Django's query building on every request.
    The API sends a page's three statements together (``citation_query``,
    ``link_query``, then ``citation_groups``, ``link_groups`` on their rows).
    """

    def __init__(self, *, citation_order=_CITATION_ORDER, people_order=_PEOPLE_ORDER,
                 places_order=_PLACES_ORDER, stream: bool = True):
        self.stream = stream
        self.sources: dict[int, Record] = {}
        self.documents: dict[int, Record] = {}
        self.citation_order = citation_order
        self.link_orders = {"person": people_order, "place": places_order}

    def _rows(self, query: Callable[[list[int]], CompiledQuery], queryset: Callable[[list[int]], QuerySet],
              event_ids: list[int]):
        """The rows of a relation: ``queryset`` streamed, or (a page) its ``query`` compiled once per shape."""
        if self.stream:
            return queryset(event_ids).iterator()
        ids = [int(i) for i in event_ids]
        if not ids:
            return []
        return query(ids).rows(ids)

    def _citations_queryset(self, event_ids: list[int]) -> QuerySet:
        return (
            of_events(Citation, event_ids).order_by(*self.citation_order)
            .values_list(*_CITATION_OWN, *_CITATION_SOURCE, *_CITATION_DOCUMENT)
        )

    def citation_query(self, ids: list[int]) -> CompiledQuery:
        """The compiled statement of :meth:`citations` for these (integer) ids, to run with them."""
        key = (db_alias(), "citations", self.citation_order, len(ids))
        return _COMPILED.get(key, lambda: self._citations_queryset(ids), ids)

    def citations(self, event_ids: list[int]) -> dict[int, list[Record]]:
        return self.citation_groups(self._rows(self.citation_query, self._citations_queryset, event_ids))

    def citation_groups(self, rows) -> dict[int, list[Record]]:
        """Rows of :meth:`citation_query` as records by event id, sources and documents shared."""
        own = len(_CITATION_OWN)
        doc_at = own + len(_CITATION_SOURCE)
        source_names = [name[len("source__"):] for name in _CITATION_SOURCE]
        document_names = [name[len("document__"):] for name in _CITATION_DOCUMENT]
        groups: dict[int, list[Record]] = {}
        sources, documents = self.sources, self.documents
        for values in rows:
            row = dict(zip(_CITATION_OWN, values))
            source_id, document_id = row["source_id"], row["document_id"]
            source = sources.get(source_id)
            if source is None:
                source = sources[source_id] = Record(
                    {"id": source_id, **dict(zip(source_names, values[own:doc_at]))}
                )
            row["source"] = source
            if document_id is None:
                row["document"] = None
            else:
                document = documents.get(document_id)
                if document is None:
                    document = documents[document_id] = Record(
                        {"id": document_id, **dict(zip(document_names, values[doc_at:]))}
                    )
                row["document"] = document
            groups.setdefault(row["event_id"], []).append(Record(row))
        return groups

    def _links_queryset(self, model, kind: str, event_ids: list[int]) -> QuerySet:
        return (
            of_events(model, event_ids)
            .order_by(*self.link_orders[kind])
            .values_list("id", "event_id", f"{kind}_id", "role", f"{kind}__name")
        )

    def link_query(self, model, kind: str, ids: list[int]) -> CompiledQuery:
        """The compiled statement of :meth:`links` for these (integer) ids, to run with them."""
        key = (db_alias(), kind, model, self.link_orders[kind], len(ids))
        return _COMPILED.get(key, lambda: self._links_queryset(model, kind, ids), ids)

    def links(self, model, kind: str, event_ids: list[int]) -> dict[int, list[Record]]:
        """``EventPerson``/``EventPlace`` rows as records with a ``.person``/``.place``."""
        rows = self._rows(
            lambda ids: self.link_query(model, kind, ids),
            lambda ids: self._links_queryset(model, kind, ids),
            event_ids,
        )
        return self.link_groups(kind, rows)

    @staticmethod
    def link_groups(kind: str, rows) -> dict[int, list[Record]]:
        """Rows of :meth:`link_query` as records by event id."""
        groups: dict[int, list[Record]] = {}
        key = f"{kind}_id"
        for link_id, event_id, target_id, role, name in rows:
            groups.setdefault(event_id, []).append(Record({
                "id": link_id, "event_id": event_id, key: target_id, "role": role,
                kind: Record({"id": target_id, "name": name}),
            }))
        return groups


def iter_events(queryset: QuerySet, chunk_size: int = CHUNK_SIZE, *, keep_order: bool = False) -> Iterator[Record]:
    """Walk the selection as :class:`Record` events, chunk by chunk (flat memory).

    The events come from one streamed ``values_list()`` query (a server-side
    cursor on PostgreSQL); for each chunk of ``chunk_size`` events, their
    citations, people and places come with one query each. Event types are
    shared records.
    """
    own = _EVENT_FIELDS[:-2]
    rows = ordered(queryset, keep_order=keep_order).values_list(*_EVENT_FIELDS).iterator(chunk_size=chunk_size)
    related = RelatedRows()
    types: dict[int, Record] = {}
    while True:
        chunk = list(itertools.islice(rows, chunk_size))
        if not chunk:
            return
        ids = [values[0] for values in chunk]
        citations = related.citations(ids)
        people = related.links(EventPerson, "person", ids)
        places = related.links(EventPlace, "place", ids)
        empty: list = []
        for values in chunk:
            row = dict(zip(own, values))
            event_type = types.get(row["event_type_id"])
            if event_type is None:
                event_type = types[row["event_type_id"]] = Record(
                    {"id": row["event_type_id"], "slug": values[-2], "label_en": values[-1]}
                )
            row["event_type"] = event_type
            event_id = row["id"]
            row["export_citations"] = citations.get(event_id, empty)
            row["export_people"] = people.get(event_id, empty)
            row["export_places"] = places.get(event_id, empty)
            yield Record(row)


@dataclass(frozen=True)
class ExportMeta:
    """What a file says about itself: a title and the filters that made it."""

    title: str = "Chronicle timeline"
    filters: dict[str, str] = field(default_factory=dict)
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    base_url: str = ""  # "https://host" to make links absolute; "" keeps them relative

    def filters_text(self) -> str:
        """The filters as one human line ("type=letter; date_from=1927")."""
        return "; ".join(f"{k}={v}" for k, v in self.filters.items() if v not in ("", None))


# --- dates -------------------------------------------------------------------

@functools.lru_cache(maxsize=65536)
def display_date(edtf_value: str) -> str:
    """``dates.display`` memoised: parsing EDTF is the slowest step per row and
    the same dates come back again and again in a selection."""
    return dates.display(edtf_value) if edtf_value else ""


@functools.lru_cache(maxsize=65536)
def part_bounds(edtf_value: str) -> tuple[dates.DateBounds | None, dates.DateBounds | None]:
    """Bounds of the start and end of an interval, each at its own precision.

    ``1935-06-01/1937`` starts on a day and ends in a year; a single date or a
    set returns the same bounds twice. Open ends are ``None``.
    """
    if not edtf_value:
        return None, None
    if "/" in edtf_value and not edtf_value.startswith(("[", "{")):
        start, end = edtf_value.split("/", 1)
        start_b = None if start in ("", "..") else dates.bounds(start)
        end_b = None if end in ("", "..") else dates.bounds(end)
        return start_b, end_b
    whole = dates.bounds(edtf_value)
    return whole, whole


def known_date(value: dt.date | None) -> dt.date | None:
    """A bound, or ``None`` for the open-end sentinels (0001-01-01, 9999-12-31)."""
    if value is None or value in (dates.OPEN_START, dates.OPEN_END):
        return None
    return value


def date_qualifiers(event: Event) -> list[str]:
    """Words that warn a reader the date is not exact."""
    words = []
    if event.date_approximate:
        words.append("approximate")
    if event.date_uncertain:
        words.append("uncertain")
    if event.date_edtf and event.date_precision and event.date_precision != dates.PRECISION_DAY:
        words.append(f"precision: {event.date_precision}")
    if event.date_conflict:
        words.append("the sources disagree on the date")
    return words


def normalised_date(event: Event) -> str:
    """The normalised English date, with the Old Style original where there is one."""
    if not event.date_edtf:
        return ""
    text = display_date(event.date_edtf)
    if event.date_calendar == dates.JULIAN and event.date_original_edtf:
        text = f"{text} (O.S. {display_date(event.date_original_edtf)})"
    return text


# --- people, places, citations -------------------------------------------------

def person_links(event: Event) -> list[EventPerson]:
    """The event's people with their roles (prefetched by :func:`prepare`)."""
    links = getattr(event, "export_people", None)
    if links is None:
        links = list(event.person_links.select_related("person").order_by("role", "person__name", "id"))
    return links


def place_links(event: Event) -> list[EventPlace]:
    links = getattr(event, "export_places", None)
    if links is None:
        links = list(event.place_links.select_related("place").order_by("role", "place__name", "id"))
    return links


def people_names(event: Event) -> list[str]:
    """Distinct names, in role order (authors first)."""
    return list(dict.fromkeys(link.person.name for link in person_links(event)))


def place_names(event: Event) -> list[str]:
    return list(dict.fromkeys(link.place.name for link in place_links(event)))


def citations_of(event: Event) -> list[Citation]:
    """The event's citations, primary first (prefetched by :func:`prepare`)."""
    cached = getattr(event, "export_citations", None)
    if cached is not None:
        return cached
    return list(
        event.citations.select_related("source", "document")
        .defer("source__text")
        .order_by("-is_primary", "source__file_name", "start", "id")
    )


def document_label(citation: Citation) -> str:
    """"№ 12, РГАСПИ. Ф. 17. Оп. 171. Д. 31. Л. 29–34" or "" when not in a document."""
    doc = citation.document
    if doc is None:
        return ""
    parts = [f"№ {doc.number}"] if doc.number else []
    reference = doc.reference_text or ". ".join(
        p for p in (doc.archive, doc.fond and f"Ф. {doc.fond}", doc.opis and f"Оп. {doc.opis}",
                    doc.delo and f"Д. {doc.delo}", doc.folios and f"Л. {doc.folios}") if p
    )
    if reference:
        parts.append(reference)
    return ", ".join(parts)


def citation_reference(citation: Citation) -> str:
    """Where to find the quote: source title, document and archival reference, line."""
    parts = [citation.source.title or citation.source.file_name]
    label = document_label(citation)
    if label:
        parts.append(label)
    parts.append(f"line {citation.line}")
    return ", ".join(parts)


def citation_line(number: int, citation: Citation) -> str:
    """One citation as plain text: ``[1] Source, № 12, line 34: «quote»``."""
    return f"[{number}] {citation_reference(citation)}: «{one_line(citation.quote)}»"


def one_line(text: str) -> str:
    """Collapse the line breaks of a quote (the source's layout, not its words)."""
    return " ".join(text.split())


def passage_url(citation: Citation, base_url: str = "") -> str:
    """Link to the cited passage in the API's source passage view."""
    return f"{base_url}/api/sources/{citation.source_id}/passage/?start={citation.start}&end={citation.end}"


# --- spreadsheet safety -------------------------------------------------------

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Stop a spreadsheet from running a cell as a formula (CSV injection).

    A text starting with ``= + - @`` is prefixed with an apostrophe, the
    convention spreadsheets read as "this is text"; plain numbers stay as they are.
    """
    if value and value.startswith(_FORMULA_PREFIXES):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def chunked_text(parts: Iterable[str], encoding: str = "utf-8", size: int = 64 * 1024) -> Iterator[bytes]:
    """Join many small strings into ~64 KB byte chunks (fewer, larger writes)."""
    buffer: list[str] = []
    length = 0
    for part in parts:
        buffer.append(part)
        length += len(part)
        if length >= size:
            yield "".join(buffer).encode(encoding)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode(encoding)
