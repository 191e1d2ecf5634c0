"""Django admin registrations (the curation workflow is built on these)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ArchivalDocument, Citation, Event, EventType, Person, Place, Source


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    fields = ("source", "document", "line", "start", "end", "quote", "is_primary")
    readonly_fields = ("quote",)
    raw_id_fields = ("source", "document")


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ("date_text", "date_edtf", "event_type", "title", "status", "confidence")
    list_filter = ("status", "event_type", "date_precision", "date_calendar")
    search_fields = ("title", "description", "citations__quote")
    list_select_related = ("event_type",)
    date_hierarchy = "date_sort"
    inlines = [CitationInline]
    readonly_fields = ("date_earliest", "date_latest", "date_sort", "date_precision",
                       "date_approximate", "date_uncertain", "fingerprint", "extractor_version")


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ("file_name", "title", "kind", "ingested_at")
    search_fields = ("title", "file_name")
    exclude = ("text",)


@admin.register(ArchivalDocument)
class ArchivalDocumentAdmin(admin.ModelAdmin):
    list_display = ("number", "language", "genre", "date_text", "source", "reference_text")
    list_filter = ("source", "language", "genre")
    search_fields = ("heading", "reference_text")


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("name", "birth_year", "death_year", "wikidata_id")
    search_fields = ("name", "variants")


@admin.register(Place)
class PlaceAdmin(SimpleHistoryAdmin):
    list_display = ("name", "wikidata_id")
    search_fields = ("name", "variants")


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ("slug", "label_en", "label_ru", "label_fr")
