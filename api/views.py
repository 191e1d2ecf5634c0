"""The API's views: thin. Querying lives in filters.py / queries.py, shapes in serializers.py."""

from __future__ import annotations

from django.db.models import Count, Value
from django.db.models.functions import Length, Replace, Substr
from django.http import Http404
from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from events.models import ArchivalDocument, Citation, Event, EventType, Person, Place, Source

from . import queries, rows, serializers
from .filters import EventFilter, IdListField, param_filter, rejected_hidden

from .pagination import EventCursorPagination, KeysetCursorPagination

ID_PATTERN = r"[0-9]{1,18}"  # ids too long for a 64-bit column are a 404, not a database error


class EventFilterBackend(filters.DjangoFilterBackend):
    """django-filter's backend, giving the FilterSet the user (rejected-event visibility)."""

    def get_filterset_kwargs(self, request, queryset, view):
        return {"data": request.query_params, "queryset": queryset, "request": request}


BAD_REQUEST = OpenApiResponse(
    response={
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "example": {"date_from": ["month 13 does not exist: use 01-12, or 21-24 for seasons ..."]},
    },
    description="A parameter is malformed: one key per parameter, with the problems found.",
)


@extend_schema_view(
    list=extend_schema(
        summary="List events",
        description="Filtered, chronologically ordered, cursor-paginated. Rejected events are hidden "
        "unless asked for (status, include_rejected); merged events are never listed.",
        responses={200: serializers.EventSerializer(many=True), 400: BAD_REQUEST},
    ),
    retrieve=extend_schema(summary="One event with its citations"),
    create=extend_schema(request=serializers.EventWriteSerializer, responses={201: serializers.EventSerializer}),
    update=extend_schema(request=serializers.EventWriteSerializer, responses=serializers.EventSerializer),
    partial_update=extend_schema(request=serializers.EventWriteSerializer, responses=serializers.EventSerializer),
)
class EventViewSet(viewsets.ModelViewSet):
    """Events: public reads, writes for users with the events model permissions."""

    filter_backends = [EventFilterBackend]
    filterset_class = EventFilter
    pagination_class = EventCursorPagination
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        if self.action in ("list", "retrieve"):
            # Read as rows (see list() and retrieve()); merged events are left out
            # there, by EventFilter and rows.visible_event_query. A bare queryset
            # here costs nothing for the permission check, which only wants its model.
            return Event.objects.all()
        return queries.event_list_queryset(for_reading=False)

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return serializers.EventWriteSerializer
        return serializers.EventSerializer

    # Reads build no model instance: the page (or the one event) is read as
    # values() rows with one query per relation (api/rows.py), and the
    # serializer turns those records into the same JSON it makes of a model.

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(rows.event_rows(queryset))
        records = rows.event_records(page)
        data = self.get_serializer(records, many=True).data
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        # Details obey the list's visibility rules (rejected hidden unless asked),
        # and only those: one event by its key.
        hidden = rejected_hidden(request.query_params, request.user)
        record = rows.detail_record(int(self.kwargs["pk"]), hide_rejected=hidden)
        if record is None:
            raise Http404("No Event matches the given query.")
        return Response(self.get_serializer(record).data)

    def get_object(self):
        # Writers (model permissions) reach every event, rejected or not.
        event = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, event)
        return event

    def perform_destroy(self, instance):
        instance.delete()


class EventTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """The controlled vocabulary of event types (not paginated: a few dozen)."""

    queryset = EventType.objects.all()
    serializer_class = serializers.EventTypeSerializer
    lookup_field = "slug"
    pagination_class = None
    filter_backends = []


class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Sources: metadata; the text itself is read passage by passage."""

    pagination_class = KeysetCursorPagination
    keyset_ordering = (("file_name", False), ("id", False))
    lookup_value_regex = ID_PATTERN
    filter_backends = []

    def get_queryset(self):
        queryset = Source.objects.defer("text").annotate(document_count=Count("documents"))
        if self.action == "retrieve":
            queryset = queryset.annotate(
                text_length=Length("text"),
                line_count=Length("text") - Length(Replace("text", Value("\n"), Value(""))) + 1,
            )
        return queryset

    def get_serializer_class(self):
        return serializers.SourceDetailSerializer if self.action == "retrieve" else serializers.SourceSerializer

    @extend_schema(
        summary="A cited passage with its context",
        parameters=[
            OpenApiParameter("start", int, required=True, description="Offset of the first character (0-based)."),
            OpenApiParameter("end", int, required=True, description="Offset after the last character."),
            OpenApiParameter("context", int, description="Characters of context each side, 0..2000 (default 300)."),
        ],
        responses={200: serializers.PassageSerializer, 400: BAD_REQUEST},
    )
    @action(detail=True, methods=["get"], url_path="passage", url_name="passage")
    def passage(self, request, pk=None):
        start, end, context = passage_params(request.query_params)
        source = get_object_or_404(
            Source.objects.defer("text").annotate(text_length=Length("text")), pk=pk
        )
        if end > source.text_length:
            raise ValidationError({"end": [f"beyond the end of the source ({source.text_length} characters)"]})
        return Response(serializers.PassageSerializer(passage_of(source, start, end, context)).data)


MAX_CONTEXT = 2000
DEFAULT_CONTEXT = 300


def _int_param(params, name, *, default=None, minimum=0, maximum=2**31 - 1):
    raw = params.get(name)
    if raw is None or raw == "":
        if default is None:
            raise ValidationError({name: ["this parameter is required"]})
        return default
    if not raw.strip().isdigit() or not minimum <= int(raw) <= maximum:
        raise ValidationError({name: [f"must be a whole number from {minimum} to {maximum}"]})
    return int(raw)


def passage_params(params) -> tuple[int, int, int]:
    start = _int_param(params, "start")
    end = _int_param(params, "end", minimum=1)
    context = _int_param(params, "context", default=DEFAULT_CONTEXT, maximum=MAX_CONTEXT)
    if end <= start:
        raise ValidationError({"end": ["must be greater than start"]})
    return start, end, context


def passage_of(source: Source, start: int, end: int, context: int) -> dict:
    """The span and its context, cut by the database (a source can be megabytes)."""
    first = max(start - context, 0)
    last = min(end + context, source.text_length)
    head = Substr("text", 1, start) if start else Value("")
    row = (
        Source.objects.filter(pk=source.pk)
        .annotate(
            piece=Substr("text", first + 1, last - first),
            lines_before=Length(head) - Length(Replace(head, Value("\n"), Value(""))) if start else Value(0),
        )
        .values("piece", "lines_before")
        .get()
    )
    piece = row["piece"] or ""
    text = piece[start - first:end - first]
    return {
        "source": {"id": source.pk, "title": source.title},
        "start": start,
        "end": end,
        "line": (row["lines_before"] or 0) + 1,
        "end_line": (row["lines_before"] or 0) + 1 + text.count("\n", 0, max(len(text) - 1, 0)),
        "text": text,
        "before": piece[: start - first],
        "after": piece[end - first:],
        "context": context,
        "text_length": source.text_length,
    }


class DocumentFilter(filters.FilterSet):
    source = param_filter(IdListField, "filter_source", "Source ids, comma-separated.")
    number = filters.CharFilter(field_name="number", max_length=40, help_text="Document number (№), exact.")
    language = filters.CharFilter(field_name="language", max_length=8, help_text="Language code (ru, fr).")

    class Meta:
        model = ArchivalDocument
        fields = []

    def filter_source(self, queryset, name, value):
        return queryset.filter(source_id__in=value) if value else queryset


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Archival documents (numbered letters, protocols... inside a source)."""

    queryset = ArchivalDocument.objects.select_related("source").defer("source__text")
    serializer_class = serializers.ArchivalDocumentSerializer
    pagination_class = KeysetCursorPagination
    keyset_ordering = (("source_id", False), ("start", False), ("id", False))
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = DocumentFilter
    lookup_value_regex = ID_PATTERN


class NameFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="filter_q", max_length=200, help_text="Part of the name or of one of its variants."
    )

    def filter_q(self, queryset, name, value):
        return queryset.filter(queries.name_matches(value)) if value.strip() else queryset


class PersonFilter(NameFilter):
    class Meta:
        model = Person
        fields = []


class PlaceFilter(NameFilter):
    class Meta:
        model = Place
        fields = []


class PersonViewSet(viewsets.ModelViewSet):
    queryset = Person.objects.all()
    serializer_class = serializers.PersonSerializer
    pagination_class = KeysetCursorPagination
    keyset_ordering = (("name", False), ("id", False))
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = PersonFilter
    lookup_value_regex = ID_PATTERN


class PlaceViewSet(viewsets.ModelViewSet):
    queryset = Place.objects.all()
    serializer_class = serializers.PlaceSerializer
    pagination_class = KeysetCursorPagination
    keyset_ordering = (("name", False), ("id", False))
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = PlaceFilter
    lookup_value_regex = ID_PATTERN


@extend_schema_view(
    list=extend_schema(responses=serializers.CitationOutSerializer(many=True)),
    retrieve=extend_schema(responses=serializers.CitationOutSerializer),
    create=extend_schema(responses={201: serializers.CitationOutSerializer}),
    update=extend_schema(responses=serializers.CitationOutSerializer),
    partial_update=extend_schema(responses=serializers.CitationOutSerializer),
)
class CitationViewSet(viewsets.ModelViewSet):
    """Citations: send event, source, start, end; quote and line are computed."""

    queryset = Citation.objects.select_related("source", "document").defer("source__text")
    serializer_class = serializers.CitationSerializer
    pagination_class = KeysetCursorPagination
    keyset_ordering = (("id", False),)
    filter_backends = []
    lookup_value_regex = ID_PATTERN
