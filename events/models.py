"""Chronicle's data model: sources, archival documents, dated events and the
citations that tie every event to the exact passage it came from.

Dates keep three layers (see :mod:`events.dates`): the source's own words,
an EDTF value, and bounds derived from it on save. Curators' work is
protected: ``curated_fields`` lists what a person edited so re-extraction
leaves it alone, and a source cannot be deleted while events cite it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import dates


def validate_edtf(value: str) -> None:
    """Model-field validator: reject invalid EDTF with a message saying why."""
    try:
        dates.validate(value)
    except dates.InvalidEDTF as exc:
        raise ValidationError(str(exc), code="invalid_edtf") from exc


def _string_list(value) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError("expected a list of strings", code="invalid_list")


class DatedModel(models.Model):
    """The three date layers, shared by events and archival documents.

    Setting ``date_edtf`` and saving recomputes the derived columns, so they can
    never drift from the EDTF value they come from.
    """

    date_text = models.CharField(
        _("date as written"), max_length=300, blank=True,
        help_text=_("The date exactly as the source gives it."),
    )
    date_edtf = models.CharField(
        _("EDTF date"), max_length=100, blank=True, validators=[validate_edtf],
        help_text=_(
            "Gregorian EDTF value: 1935-06-29, 1935-06, 1937-22 (summer), 1932~ (about), "
            "1932? (uncertain), 1935/1937 (range), 1932-11/.. (not earlier than), 193X (1930s)."
        ),
    )
    date_calendar = models.CharField(
        _("calendar of the source"), max_length=10, choices=dates.CALENDARS, default=dates.GREGORIAN
    )
    date_original_edtf = models.CharField(
        _("date in the source's calendar"), max_length=100, blank=True,
        help_text=_("For Old Style (Julian) dates: the EDTF value as written, before conversion."),
    )
    date_earliest = models.DateField(_("earliest possible day"), null=True, blank=True, editable=False)
    date_latest = models.DateField(_("latest possible day"), null=True, blank=True, editable=False)
    date_sort = models.DateField(_("sort date"), null=True, blank=True, editable=False)
    date_precision = models.CharField(
        _("precision"), max_length=10, choices=dates.PRECISIONS, blank=True, editable=False
    )
    date_approximate = models.BooleanField(_("approximate"), default=False, editable=False)
    date_uncertain = models.BooleanField(_("uncertain"), default=False, editable=False)

    class Meta:
        abstract = True

    def refresh_date_bounds(self) -> None:
        """Recompute the derived date columns from ``date_edtf``."""
        if not self.date_edtf:
            self.date_earliest = self.date_latest = self.date_sort = None
            self.date_precision = ""
            self.date_approximate = self.date_uncertain = False
            return
        b = dates.bounds(self.date_edtf)
        self.date_earliest, self.date_latest, self.date_sort = b.earliest, b.latest, b.sort
        self.date_precision = b.precision
        self.date_approximate, self.date_uncertain = b.approximate, b.uncertain

    @property
    def date_display(self) -> str:
        """How a reader sees the date: the normalised value, plus the Old Style original."""
        if not self.date_edtf:
            return self.date_text or ""
        text = dates.display(self.date_edtf)
        if self.date_calendar == dates.JULIAN and self.date_original_edtf:
            text = f"{text} (O.S. {dates.display(self.date_original_edtf)})"
        return text

    def save(self, *args, **kwargs):
        self.refresh_date_bounds()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "date_edtf" in update_fields:
            kwargs["update_fields"] = set(update_fields) | {
                "date_earliest", "date_latest", "date_sort", "date_precision",
                "date_approximate", "date_uncertain",
            }
        super().save(*args, **kwargs)


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Source(TimeStamped):
    """One document file as read from disk, with its bibliographic metadata."""

    class Kind(models.TextChoices):
        ARCHIVAL_COLLECTION = "archival_collection", _("archival collection")
        ARTICLE = "article", _("article")
        TRANSLATION = "translation", _("translation")
        OTHER = "other", _("other")

    title = models.CharField(max_length=500)
    authors = models.JSONField(default=list, blank=True, validators=[_string_list])
    languages = models.JSONField(default=list, blank=True, validators=[_string_list])
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)
    file_name = models.CharField(max_length=255, unique=True)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    text = models.TextField(help_text=_("The full text exactly as on disk; offsets point into it."))
    metadata = models.JSONField(
        default=dict, blank=True,
        help_text=_("journal, year, doi, udc, abstract, keywords, where present"),
    )
    ingested_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        ordering = ["file_name"]

    def __str__(self) -> str:
        return self.title or self.file_name

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset in ``text``."""
        return self.text.count("\n", 0, offset) + 1


class ArchivalDocument(DatedModel, TimeStamped):
    """A numbered archival document inside a source (a letter, a protocol...)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="documents")
    number = models.CharField(max_length=40)
    language = models.CharField(max_length=8, default="ru")
    heading = models.TextField(blank=True)
    genre = models.CharField(max_length=40, blank=True, help_text=_("an event-type slug"))
    archive = models.CharField(max_length=100, blank=True)
    fond = models.CharField(max_length=40, blank=True)
    opis = models.CharField(max_length=40, blank=True)
    delo = models.CharField(max_length=40, blank=True)
    folios = models.CharField(max_length=80, blank=True)
    copy_status = models.CharField(max_length=200, blank=True)
    reference_text = models.TextField(blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    aligned_with = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="translations",
        help_text=_("The original this text translates (004: French -> Russian)."),
    )

    class Meta:
        ordering = ["source", "start"]
        constraints = [
            models.UniqueConstraint(fields=["source", "number", "language"], name="document_number_unique"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="document_span_ordered"),
        ]

    def __str__(self) -> str:
        return f"№ {self.number} ({self.language}) {self.heading[:80]}"

    @property
    def reference(self) -> str:
        return self.reference_text


class EventType(models.Model):
    """The controlled vocabulary of event kinds (seeded by a data migration)."""

    slug = models.SlugField(max_length=40, unique=True)
    label_en = models.CharField(max_length=100)
    label_ru = models.CharField(max_length=100)
    label_fr = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.label_en


class NamedEntity(TimeStamped):
    """Common ground of people and places: a canonical name and its variants."""

    name = models.CharField(max_length=300, db_index=True)
    variants = models.JSONField(
        default=list, blank=True, validators=[_string_list],
        help_text=_("Other spellings and declined forms (Троцкого, Л. Д. Троцкому)."),
    )
    description = models.TextField(blank=True)
    wikidata_id = models.CharField(
        _("Wikidata QID"), max_length=20, blank=True,
        validators=[RegexValidator(r"^Q[1-9]\d*$", "a Wikidata id looks like Q123")],
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def all_names(self) -> list[str]:
        return [self.name, *[v for v in self.variants if v != self.name]]


# Years a person can have: four EDTF digits either side of year 0. The
# validators keep out values the column cannot hold (PostgreSQL's smallint),
# so the admin and the API answer with a form error, not a database error.
YEAR_VALIDATORS = [MinValueValidator(-9999), MaxValueValidator(9999)]


class Person(NamedEntity):
    birth_year = models.SmallIntegerField(null=True, blank=True, validators=YEAR_VALIDATORS)
    death_year = models.SmallIntegerField(null=True, blank=True, validators=YEAR_VALIDATORS)

    history = HistoricalRecords()

    class Meta(NamedEntity.Meta):
        verbose_name_plural = "people"


class Place(NamedEntity):
    latitude = models.FloatField(null=True, blank=True,
                                 validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(null=True, blank=True,
                                  validators=[MinValueValidator(-180), MaxValueValidator(180)])

    history = HistoricalRecords()


class EventQuerySet(models.QuerySet):
    def current(self):
        """Events that were not merged into another one."""
        return self.filter(merged_into__isnull=True)

    def public(self):
        """What anonymous readers see: current and not rejected."""
        return self.current().exclude(status=Event.Status.REJECTED)


class Event(DatedModel, TimeStamped):
    """Something that happened, dated and typed, with its citations."""

    class Status(models.TextChoices):
        EXTRACTED = "extracted", _("extracted")
        REVIEWED = "reviewed", _("reviewed")
        REJECTED = "rejected", _("rejected")

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("the document itself")
        MENTIONED = "mentioned", _("mentioned in a text")

    # Fields a curator may edit; an edited one is listed in ``curated_fields``.
    CURATABLE_FIELDS = (
        "title", "description", "event_type", "date_text", "date_edtf", "date_calendar",
        "date_original_edtf", "people", "places", "status",
    )

    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    event_type = models.ForeignKey(EventType, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.MENTIONED)
    document = models.ForeignKey(
        ArchivalDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="events",
        help_text=_("When the event is the document itself (a letter written, a session held)."),
    )
    people = models.ManyToManyField(Person, through="EventPerson", related_name="events", blank=True)
    places = models.ManyToManyField(Place, through="EventPlace", related_name="events", blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.EXTRACTED, db_index=True)
    confidence = models.FloatField(default=1.0)
    extractor_version = models.CharField(max_length=40, blank=True)
    curated_fields = models.JSONField(default=list, blank=True, validators=[_string_list])
    fingerprint = models.CharField(
        max_length=64, unique=True, null=True, blank=True,
        help_text=_("Stable key of the extracted event; lets re-extraction find it again."),
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_events"
    )
    date_conflict = models.BooleanField(
        default=False, help_text=_("Its citations give different dates for it.")
    )

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date_sort", "date_latest", "id"]
        indexes = [
            models.Index(fields=["date_sort", "id"], name="event_sort_idx"),
            models.Index(fields=["date_earliest", "date_latest"], name="event_bounds_idx"),
            models.Index(fields=["date_latest"], name="event_latest_idx"),
            models.Index(fields=["event_type", "date_sort"], name="event_type_sort_idx"),
            models.Index(fields=["status", "confidence"], name="event_review_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0) & models.Q(confidence__lte=1),
                name="event_confidence_0_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date_text or self.date_edtf}: {self.title}"

    def mark_curated(self, *field_names: str) -> None:
        """Record that a person edited these fields, so ingest keeps them."""
        self.curated_fields = sorted(set(self.curated_fields) | set(field_names))

    def is_curated(self, field_name: str) -> bool:
        return field_name in self.curated_fields


class EventPerson(models.Model):
    class Role(models.TextChoices):
        AUTHOR = "author", _("author")
        RECIPIENT = "recipient", _("recipient")
        SUBJECT = "subject", _("subject")
        MENTIONED = "mentioned", _("mentioned")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="person_links")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="event_links")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MENTIONED)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "person", "role"], name="event_person_role_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.role})"


class EventPlace(models.Model):
    class Role(models.TextChoices):
        LOCATION = "location", _("where it happened")
        ORIGIN = "origin", _("from")
        DESTINATION = "destination", _("to")
        MENTIONED = "mentioned", _("mentioned")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="place_links")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="event_links")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MENTIONED)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "place", "role"], name="event_place_role_unique")
        ]

    def __str__(self) -> str:
        return f"{self.place} ({self.role})"


class Citation(TimeStamped):
    """Where the source says so: an exact character span of the source text."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="citations")
    # PROTECT: a source (or document) cannot vanish from under the events it supports.
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    document = models.ForeignKey(
        ArchivalDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="citations"
    )
    start = models.PositiveIntegerField(help_text=_("Character offset (Python str index) into the source text."))
    end = models.PositiveIntegerField()
    line = models.PositiveIntegerField(help_text=_("1-based line number of the start."))
    quote = models.TextField(help_text=_("Equals source.text[start:end]."))
    language = models.CharField(max_length=8, default="ru")
    is_primary = models.BooleanField(default=False)
    date_text = models.CharField(max_length=300, blank=True, help_text=_("The date as this passage gives it."))
    date_edtf = models.CharField(max_length=100, blank=True, validators=[validate_edtf])

    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_primary", "source", "start"]
        indexes = [models.Index(fields=["source", "start"], name="citation_source_start_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="citation_span_nonempty"),
        ]

    def __str__(self) -> str:
        return f"{self.source.file_name}:{self.line} «{self.quote[:60]}»"

    def clean(self) -> None:
        """The quote must be exactly the cited span of the source text."""
        super().clean()
        if self.source_id is None or self.start is None or self.end is None:
            return
        text = self.source.text
        if self.end > len(text):
            raise ValidationError({"end": f"beyond the end of the source ({len(text)} characters)"})
        if self.end <= self.start:
            raise ValidationError({"end": "must be greater than start"})
        expected = text[self.start:self.end]
        if self.quote and self.quote != expected:
            raise ValidationError({"quote": "does not match the source text at these offsets"})
        if self.line and self.line != self.source.line_of(self.start):
            raise ValidationError({"line": f"the span starts on line {self.source.line_of(self.start)}"})

    def fill_from_source(self) -> None:
        """Set quote and line from the source text and the offsets."""
        self.quote = self.source.text[self.start:self.end]
        self.line = self.source.line_of(self.start)


# --- Curation -----------------------------------------------------------------


class ReviewQueueEvent(Event):
    """The review queue: unreviewed events, lowest confidence first.

    A proxy so the admin can list it on its own page, with its own
    permissions, without a second table.
    """

    class Meta:
        proxy = True
        verbose_name = _("event to review")
        verbose_name_plural = _("review queue")


class MergeRecord(models.Model):
    """One merge of events, with enough detail to undo it.

    ``moves`` records what was re-pointed or dropped (see
    :func:`events.curation.merge_events`), so :func:`events.curation.revert_merge`
    can put every citation, person link and place link back where it was.
    """

    target = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="merges_received")
    merged = models.ManyToManyField(Event, related_name="merges_undergone")
    moves = models.JSONField(default=dict, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reverted_at = models.DateTimeField(null=True, blank=True)
    reverted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        state = " (reverted)" if self.reverted_at else ""
        return f"Merge #{self.pk} into event #{self.target_id}{state}"

    @property
    def is_reverted(self) -> bool:
        return self.reverted_at is not None
