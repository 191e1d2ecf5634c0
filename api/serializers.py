"""JSON shapes of the API. Thin: reading is nested and complete, writing is flat.

Reads (``EventSerializer``) give each event with its type, date layers,
people, places and citations in one object. Writes (``EventWriteSerializer``)
take the curatable fields flat and answer with the read shape. Citations are
written through their own endpoint: the client sends offsets, the server
computes quote and line from the source text, so they cannot disagree.
"""

from __future__ import annotations

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.models import (
    ArchivalDocument, Citation, Event, EventPerson, EventPlace, EventType, Person, Place, Source,
)

from .queries import prefetched

# --- small nested pieces ---------------------------------------------------------------------------


class LabelsSerializer(serializers.Serializer):
    en = serializers.CharField(source="label_en")
    ru = serializers.CharField(source="label_ru")
    fr = serializers.CharField(source="label_fr")


class EventTypeSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="label_en", help_text="English label.")
    labels = LabelsSerializer(source="*", help_text="Labels in every interface language.")

    class Meta:
        model = EventType
        fields = ["slug", "label", "labels"]


class DateSerializer(serializers.Serializer):
    """The three date layers of an event (read-only view)."""

    text = serializers.CharField(source="date_text", help_text="The date exactly as the source gives it.")
    edtf = serializers.CharField(source="date_edtf", help_text="Gregorian EDTF value.")
    earliest = serializers.DateField(
        source="date_earliest", allow_null=True,
        help_text="First possible day (0001-01-01 for an open start).",
    )
    latest = serializers.DateField(
        source="date_latest", allow_null=True, help_text="Last possible day (9999-12-31 for an open end)."
    )
    sort = serializers.DateField(source="date_sort", allow_null=True, help_text="Day used for ordering.")
    precision = serializers.CharField(source="date_precision", help_text="day, month, season, year, decade, century.")
    approximate = serializers.BooleanField(source="date_approximate")
    uncertain = serializers.BooleanField(source="date_uncertain")
    calendar = serializers.CharField(source="date_calendar", help_text="Calendar of the source (gregorian, julian).")
    original_edtf = serializers.CharField(
        source="date_original_edtf", help_text="Old Style dates: the EDTF value as written, before conversion."
    )
    display = serializers.CharField(source="date_display", help_text="Human-readable date.")


class PersonLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="person.id")
    name = serializers.CharField(source="person.name")
    role = serializers.CharField()


class PlaceLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="place.id")
    name = serializers.CharField(source="place.name")
    role = serializers.CharField()


class SourceRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class DocumentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(help_text="Number of the document in its collection (№).")
    reference = serializers.CharField(help_text="Archival reference (archive, fond, opis, delo, folios).")


def passage_url(request, source_id: int, start: int, end: int, *, sources_url: str | None = None) -> str:
    """Absolute URL of ``/api/sources/{id}/passage/?start=&end=``.

    ``sources_url`` (the absolute URL of the source list, see
    :func:`sources_base_url`) saves resolving it again for every citation.
    """
    if sources_url is None:
        sources_url = sources_base_url(request)
    return f"{sources_url}{source_id}/passage/?start={start}&end={end}"


def sources_base_url(request) -> str:
    """Absolute URL of the source list (the base of every passage URL)."""
    path = _source_list_path(get_urlconf(), get_script_prefix())
    return request.build_absolute_uri(path) if request is not None else path


@functools.lru_cache(maxsize=16)
def _source_list_path(urlconf, script_prefix: str) -> str:
    """``reverse("source-list")``, resolved once per URLconf and script prefix.

    Reversing walks the URL resolver on every call (a tenth of a millisecond,
    on every page); the answer changes only with the URLconf or the prefix
    the site is mounted under, which are the cache key (the URLconf of the
    settings is ``None`` here, so a change of ``ROOT_URLCONF`` -- tests do
    that -- clears the cache).
    """
    return reverse("source-list", urlconf=urlconf)


@receiver(setting_changed)
def _forget_source_list_path(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _source_list_path.cache_clear()


class CitationReadSerializer(serializers.Serializer):
    """A citation as readers get it (schema of :func:`citation_data`)."""

    id = serializers.IntegerField()
    source = SourceRefSerializer()
    document = DocumentRefSerializer(allow_null=True)
    start = serializers.IntegerField(help_text="Character offset (Python str index) into the source text.")
    end = serializers.IntegerField()
    line = serializers.IntegerField(help_text="1-based line number of start.")
    quote = serializers.CharField(help_text="Exactly source text [start:end].")
    language = serializers.CharField()
    is_primary = serializers.BooleanField()
    date_text = serializers.CharField(help_text="The date as this passage gives it.")
    date_edtf = serializers.CharField()
    passage_url = serializers.URLField(help_text="Absolute URL of the passage with its context.")


class CitationOutSerializer(CitationReadSerializer):
    """A citation answered by /api/citations/: the read shape plus its event."""

    event = serializers.IntegerField(source="event_id")


def citation_data(citation: Citation, request, sources_url: str | None = None) -> dict:
    """One citation as JSON; plain code, as it runs for every citation of every page.

    ``citation`` is a model instance or a row record (:mod:`api.rows`): only
    attributes both answer are read.
    """
    document = citation.document
    return {
        "id": citation.id,
        "source": {"id": citation.source_id, "title": citation.source.title},
        "document": None if document is None else {
            "id": document.id, "number": document.number, "reference": document.reference_text,
        },
        "start": citation.start,
        "end": citation.end,
        "line": citation.line,
        "quote": citation.quote,
        "language": citation.language,
        "is_primary": citation.is_primary,
        "date_text": citation.date_text,
        "date_edtf": citation.date_edtf,
        "passage_url": passage_url(
            request, citation.source_id, citation.start, citation.end, sources_url=sources_url
        ),
    }


class CitationSerializer(serializers.ModelSerializer):
    """A citation: where the source says so. Quote and line are computed, never sent."""

    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.defer("text"), write_only=True)
    document = serializers.PrimaryKeyRelatedField(
        queryset=ArchivalDocument.objects.all(), allow_null=True, required=False, write_only=True
    )

    class Meta:
        model = Citation
        fields = [
            "id", "event", "source", "document", "start", "end", "line",
            "quote", "language", "is_primary", "date_text", "date_edtf",
        ]
        read_only_fields = ["line", "quote"]
        extra_kwargs = {
            "start": {"min_value": 0, "max_value": 2**31 - 1},
            "end": {"min_value": 1, "max_value": 2**31 - 1},
        }

    def to_representation(self, instance):
        # Answers in the read shape (source and document as small objects).
        return {"event": instance.event_id, **citation_data(instance, self.context.get("request"))}

    def validate(self, attrs):
        source = attrs.get("source") or getattr(self.instance, "source", None)
        start = attrs.get("start", getattr(self.instance, "start", None))
        end = attrs.get("end", getattr(self.instance, "end", None))
        document = attrs.get("document", getattr(self.instance, "document", None))
        if end <= start:
            raise serializers.ValidationError({"end": ["must be greater than start"]})
        length = Source.objects.filter(pk=source.pk).values_list("text", flat=True).first()
        length = len(length or "")
        if end > length:
            raise serializers.ValidationError({"end": [f"beyond the end of the source ({length} characters)"]})
        if document is not None and document.source_id != source.pk:
            raise serializers.ValidationError({"document": ["belongs to another source"]})
        return attrs

    def _fill(self, citation: Citation) -> Citation:
        citation.source = Source.objects.get(pk=citation.source_id)  # with its text
        citation.fill_from_source()
        return citation

    def create(self, validated_data):
        citation = self._fill(Citation(**validated_data))
        citation.save()
        return citation

    def update(self, instance, validated_data):
        for key, value in validated_data.items():
            setattr(instance, key, value)
        self._fill(instance).save()
        return instance


# --- events ------------------------------------------------------------------------------------------


class EventSerializer(serializers.ModelSerializer):
    """An event as readers get it."""

    type = EventTypeSerializer(source="event_type", read_only=True)
    date = DateSerializer(source="*", read_only=True)
    people = PersonLinkSerializer(source="person_links", many=True, read_only=True)
    places = PlaceLinkSerializer(source="place_links", many=True, read_only=True)
    citations = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id", "title", "description", "type", "date", "people", "places", "status",
            "confidence", "kind", "date_conflict", "citations",
        ]
        read_only_fields = fields

    @extend_schema_field(CitationReadSerializer(many=True))
    def get_citations(self, event):
        return self.to_representation(event)["citations"]

    def to_representation(self, event):
        """Built by hand: the declared fields above give the schema, this gives speed.

        A page holds up to 500 events with their links and citations; DRF's
        generic field machinery costs several times the database time for
        that, plain dictionaries do not. ``test_schema`` checks that both
        agree.
        """
        context = self.context
        request = context.get("request")
        sources_url = context.get("_sources_url")
        if sources_url is None:
            sources_url = context["_sources_url"] = sources_base_url(request)
        types = context.setdefault("_types", {})
        event_type = types.get(event.event_type_id)
        if event_type is None:
            t = event.event_type
            event_type = types[event.event_type_id] = {
                "slug": t.slug, "label": t.label_en, "labels": {"en": t.label_en, "ru": t.label_ru, "fr": t.label_fr},
            }
        return {
            "id": event.id,
            "title": event.title,
            "description": event.description,
            "type": event_type,
            "date": {
                "text": event.date_text,
                "edtf": event.date_edtf,
                "earliest": _iso(event.date_earliest),
                "latest": _iso(event.date_latest),
                "sort": _iso(event.date_sort),
                "precision": event.date_precision,
                "approximate": event.date_approximate,
                "uncertain": event.date_uncertain,
                "calendar": event.date_calendar,
                "original_edtf": event.date_original_edtf,
                "display": event.date_display,
            },
            "people": [
                {"id": link.person_id, "name": link.person.name, "role": link.role}
                for link in prefetched(event, "api_people", "person_links")
            ],
            "places": [
                {"id": link.place_id, "name": link.place.name, "role": link.role}
                for link in prefetched(event, "api_places", "place_links")
            ],
            "status": event.status,
            "confidence": event.confidence,
            "kind": event.kind,
            "date_conflict": event.date_conflict,
            "citations": [
                citation_data(c, request, sources_url)
                for c in prefetched(event, "api_citations", "citations")
            ],
        }


def _iso(day):
    return None if day is None else day.isoformat()


class LinkWriteSerializer(serializers.Serializer):
    id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    role = serializers.CharField(required=False)


class EventWriteSerializer(serializers.ModelSerializer):
    """What curators and tools send to create or change an event.

    Changing a curatable field records it in ``curated_fields``, so a later
    re-extraction keeps the person's work. ``people``/``places``, when given,
    replace the event's links.
    """

    type = serializers.SlugRelatedField(
        source="event_type", slug_field="slug", queryset=EventType.objects.all(),
        help_text="Event type slug (see /api/event-types/).",
    )
    people = LinkWriteSerializer(many=True, required=False, help_text="[{id, role}]; role defaults to mentioned.")
    places = LinkWriteSerializer(many=True, required=False, help_text="[{id, role}]; role defaults to mentioned.")

    class Meta:
        model = Event
        fields = [
            "title", "description", "type", "date_text", "date_edtf", "date_calendar",
            "date_original_edtf", "status", "confidence", "kind", "document", "date_conflict",
            "people", "places",
        ]
        extra_kwargs = {
            "confidence": {"min_value": 0, "max_value": 1},
            "date_edtf": {"required": False},
        }

    def _validate_links(self, links, model, role_choices, field):
        if links is None:
            return None
        ids = {link["id"] for link in links}
        found = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
        missing = sorted(ids - found)
        if missing:
            raise serializers.ValidationError({field: [f"no such {model._meta.verbose_name}: {missing}"]})
        for link in links:
            link.setdefault("role", "mentioned")
            if link["role"] not in role_choices:
                raise serializers.ValidationError(
                    {field: [f"unknown role {link['role']!r}; one of: {', '.join(role_choices)}"]}
                )
        return links

    def validate(self, attrs):
        self._validate_links(attrs.get("people"), Person, EventPerson.Role.values, "people")
        self._validate_links(attrs.get("places"), Place, EventPlace.Role.values, "places")
        if attrs.get("date_original_edtf"):
            from events.models import validate_edtf
            from django.core.exceptions import ValidationError as DjangoValidationError

            try:
                validate_edtf(attrs["date_original_edtf"])
            except DjangoValidationError as exc:
                raise serializers.ValidationError({"date_original_edtf": exc.messages}) from exc
        return attrs

    def _save_links(self, event, people, places):
        if people is not None:
            event.person_links.all().delete()
            EventPerson.objects.bulk_create(
                [EventPerson(event=event, person_id=link["id"], role=link["role"]) for link in
                 {(p["id"], p["role"]): p for p in people}.values()]
            )
        if places is not None:
            event.place_links.all().delete()
            EventPlace.objects.bulk_create(
                [EventPlace(event=event, place_id=link["id"], role=link["role"]) for link in
                 {(p["id"], p["role"]): p for p in places}.values()]
            )

    @staticmethod
    def _links_of(event, name):
        manager = event.person_links if name == "people" else event.place_links
        key = "person_id" if name == "people" else "place_id"
        return sorted((getattr(link, key), link.role) for link in manager.all())

    def create(self, validated_data):
        people = validated_data.pop("people", None)
        places = validated_data.pop("places", None)
        event = Event(**validated_data)
        given = [f for f in Event.CURATABLE_FIELDS if f in validated_data or
                 (f == "people" and people is not None) or (f == "places" and places is not None)]
        event.mark_curated(*given)
        event.save()
        self._save_links(event, people, places)
        return event

    def update(self, event, validated_data):
        people = validated_data.pop("people", None)
        places = validated_data.pop("places", None)
        changed = [
            name for name, value in validated_data.items()
            if name in Event.CURATABLE_FIELDS and getattr(event, name) != value
        ]
        if people is not None and sorted((p["id"], p.get("role", "mentioned")) for p in people) != \
                self._links_of(event, "people"):
            changed.append("people")
        if places is not None and sorted((p["id"], p.get("role", "mentioned")) for p in places) != \
                self._links_of(event, "places"):
            changed.append("places")
        for name, value in validated_data.items():
            setattr(event, name, value)
        event.mark_curated(*changed)
        event.save()
        self._save_links(event, people, places)
        return event

    def to_representation(self, instance):
        from .queries import event_list_queryset

        fresh = event_list_queryset().get(pk=instance.pk)
        return EventSerializer(fresh, context=self.context).data


# --- sources, documents, people, places -------------------------------------------------------


class SourceSerializer(serializers.ModelSerializer):
    """A source's metadata (the full text is served passage by passage)."""

    document_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Source
        fields = [
            "id", "title", "authors", "languages", "kind", "file_name", "sha256", "metadata",
            "ingested_at", "document_count",
        ]


class SourceDetailSerializer(SourceSerializer):
    text_length = serializers.IntegerField(read_only=True, help_text="Length of the text in characters.")
    line_count = serializers.IntegerField(read_only=True, help_text="Number of lines of the text.")

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "text_length", "line_count"]


class PassageSerializer(serializers.Serializer):
    source = SourceRefSerializer()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    line = serializers.IntegerField(help_text="1-based line of start.")
    end_line = serializers.IntegerField(help_text="1-based line of the last cited character.")
    text = serializers.CharField(help_text="The cited span, source text [start:end].")
    before = serializers.CharField(help_text="Up to `context` characters before the span.")
    after = serializers.CharField(help_text="Up to `context` characters after the span.")
    context = serializers.IntegerField()
    text_length = serializers.IntegerField()


class ArchivalDocumentSerializer(serializers.ModelSerializer):
    source = SourceRefSerializer(read_only=True)
    date = DateSerializer(source="*", read_only=True)
    reference = serializers.CharField(read_only=True)

    class Meta:
        model = ArchivalDocument
        fields = [
            "id", "source", "number", "language", "heading", "genre", "date", "archive", "fond",
            "opis", "delo", "folios", "copy_status", "reference", "start", "end", "aligned_with",
        ]


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name", "variants", "description", "wikidata_id", "birth_year", "death_year"]
        extra_kwargs = {
            "birth_year": {"min_value": -9999, "max_value": 9999},
            "death_year": {"min_value": -9999, "max_value": 9999},
        }


class PlaceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Place
        fields = ["id", "name", "variants", "description", "wikidata_id", "latitude", "longitude"]
        extra_kwargs = {
            "latitude": {"min_value": -90, "max_value": 90},
            "longitude": {"min_value": -180, "max_value": 180},
        }
