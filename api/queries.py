"""Query building blocks shared by the API views, the filters and the exports.

Kept apart from the views so the same definitions of "the events a reader may
see", "full-text match" and "chronological order" serve the REST API, the
export endpoints and the benchmark alike.
"""

from __future__ import annotations

import json
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import connections
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from events.models import Citation, Event, EventPerson, EventPlace

# PostgreSQL text-search configurations the corpus needs: Russian and French
# stemming, plus 'simple' so names, numbers and English words match verbatim.
SEARCH_CONFIGS = ("russian", "french", "simple")

# Orderings a client may ask for: name -> ((field, descending), ...). Every one
# ends with the primary key so the order is total, which keyset (cursor)
# pagination needs to be stable.
ORDERINGS: dict[str, tuple[tuple[str, bool], ...]] = {
    "date": (("date_sort", False), ("date_latest", False), ("id", False)),
    "-date": (("date_sort", True), ("date_latest", True), ("id", True)),
    "title": (("title", False), ("id", False)),
    "-title": (("title", True), ("id", True)),
    "confidence": (("confidence", False), ("id", False)),
    "-confidence": (("confidence", True), ("id", True)),
}
DEFAULT_ORDERING = "date"
ORDERING_HELP = {
    "date": "chronological (earliest first; undated events last)",
    "-date": "reverse chronological",
    "title": "by title",
    "-title": "by title, descending",
    "confidence": "least confident first",
    "-confidence": "most confident first",
}


def order_expressions(keys, reverse: bool = False):
    """ORDER BY expressions for ordering ``keys``; NULLs come last.

    Explicit NULL placement makes SQLite and PostgreSQL agree (they differ by
    default), so cursors mean the same thing on both. ``reverse`` walks the
    same order backwards (NULLs then come first), for "previous page".
    """
    exprs = []
    for field, descending in keys:
        expr = F(field).desc if descending != reverse else F(field).asc
        exprs.append(expr(nulls_first=True) if reverse else expr(nulls_last=True))
    return exprs


def order_events(queryset: QuerySet, ordering: str = DEFAULT_ORDERING) -> QuerySet:
    """Sort events by a named ordering (see :data:`ORDERINGS`)."""
    return queryset.order_by(*order_expressions(ORDERINGS[ordering]))


# Columns the read serializer uses; nothing else is fetched for a page.
EVENT_READ_FIELDS = (
    "id", "title", "description", "event_type", "status", "confidence", "kind", "date_conflict",
    "date_text", "date_edtf", "date_calendar", "date_original_edtf", "date_earliest", "date_latest",
    "date_sort", "date_precision", "date_approximate", "date_uncertain",
)
CITATION_READ_FIELDS = (
    "id", "event_id", "source_id", "document_id", "start", "end", "line", "quote", "language",
    "is_primary", "date_text", "date_edtf", "source__id", "source__title", "document__id",
    "document__number", "document__reference_text",
)


def event_list_queryset(*, for_reading: bool = True) -> QuerySet:
    """Current (not merged) events with everything the serializer reads.

    A fixed number of queries whatever the page size: one for the events
    (joined with their type), one each for people, places and citations (with
    source and document). The source's full text is never loaded. With
    ``for_reading`` only the columns the API shows are fetched (a page is
    built several times faster); writers get whole rows.
    """
    citations = Citation.objects.select_related("source", "document").order_by(
        "-is_primary", "source_id", "start", "id"
    )
    people = EventPerson.objects.select_related("person").order_by("id")
    places = EventPlace.objects.select_related("place").order_by("id")
    events = Event.objects.current().select_related("event_type")
    if for_reading:
        citations = citations.only(*CITATION_READ_FIELDS)
        people = people.only("id", "event_id", "person_id", "role", "person__id", "person__name")
        places = places.only("id", "event_id", "place_id", "role", "place__id", "place__name")
        events = events.only(*EVENT_READ_FIELDS, "event_type__slug", "event_type__label_en",
                             "event_type__label_ru", "event_type__label_fr")
    else:
        citations = citations.defer("source__text")
    # to_attr: plain lists, which spares Django a queryset clone per event.
    return events.prefetch_related(
        Prefetch("person_links", queryset=people, to_attr="api_people"),
        Prefetch("place_links", queryset=places, to_attr="api_places"),
        Prefetch("citations", queryset=citations, to_attr="api_citations"),
    )


def prefetched(event, attribute: str, relation: str):
    """The links prefetched by :func:`event_list_queryset`, or a query when absent."""
    links = getattr(event, attribute, None)
    return links if links is not None else getattr(event, relation).all()


def is_postgresql(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def search_vector(*fields: str):
    """The tsvector of ``fields`` under every configuration, concatenated.

    The same expression is indexed (GIN) by the ``api`` migration, so a
    search uses the index; keep the two in step.
    """
    vectors = [SearchVector(*fields, config=config) for config in SEARCH_CONFIGS]
    return reduce(lambda a, b: a + b, vectors)


def search_query(text: str):
    """The user's words as a web-search query under every configuration."""
    queries = [SearchQuery(text, config=config, search_type="websearch") for config in SEARCH_CONFIGS]
    return reduce(lambda a, b: a | b, queries)


EVENT_SEARCH_FIELDS = ("title", "description")
CITATION_SEARCH_FIELDS = ("quote",)


def _case_variants(word: str) -> set[str]:
    # SQLite's LIKE folds ASCII case only; try the usual casings of other scripts.
    return {word, word.lower(), word.upper(), word.capitalize()}


def search_events(queryset: QuerySet, text: str) -> QuerySet:
    """Events whose title, description or any citation quote matches ``text``.

    PostgreSQL: full-text search (Russian, French and simple configurations,
    web-search syntax: words, "phrases", OR, -excluded). Elsewhere: every
    word must occur (case-insensitively as far as the database can) in the
    title, description or a quote.
    """
    text = text.strip()
    if not text:
        return queryset
    if is_postgresql(queryset):
        # One id set from both GIN indexes (a UNION): a selective query touches
        # only its matches, and no text vector is computed while walking events.
        query = search_query(text)
        in_event = Event.objects.filter(
            SearchVectorExact(search_vector(*EVENT_SEARCH_FIELDS), query)
        ).order_by().values("id")
        in_quote = Citation.objects.filter(
            SearchVectorExact(search_vector(*CITATION_SEARCH_FIELDS), query)
        ).order_by().values("event_id")
        return queryset.filter(id__in=in_event.union(in_quote))
    conditions = []
    for word in text.split():
        word = word.strip('"')
        if not word:
            continue
        per_word = []
        for variant in _case_variants(word):
            per_word += [
                Q(title__icontains=variant),
                Q(description__icontains=variant),
                Q(Exists(Citation.objects.filter(event=OuterRef("pk"), quote__icontains=variant))),
            ]
        conditions.append(reduce(or_, per_word))
    return queryset.filter(reduce(and_, conditions)) if conditions else queryset


def name_matches(text: str) -> Q:
    """People or places whose name or one of its variants contains ``text``."""
    conditions = []
    for variant in _case_variants(text.strip()):
        conditions.append(Q(name__icontains=variant))
        conditions.append(Q(variants__icontains=variant))
        # JSON text may store non-ASCII characters escaped (\\u0422...).
        escaped = json.dumps(variant)[1:-1]
        if escaped != variant:
            conditions.append(Q(variants__icontains=escaped))
    return reduce(or_, conditions)
