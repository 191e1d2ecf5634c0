"""Sources, archival documents, citations and event types in the admin.

Sources get a viewer page (:func:`events.views.source_text`) that shows the
whole text scrolled to a cited span; the event page links every citation to it.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .. import views
from ..models import ArchivalDocument, Citation, EventType, Source
from ..passages import passage_around
from .forms import CitationForm


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ("file_name", "title", "kind", "ingested_at", "text_link")
    search_fields = ("title", "file_name")
    exclude = ("text",)
    readonly_fields = ("text_link",)

    def get_urls(self):
        return [
            path("<int:source_id>/text/", self.admin_site.admin_view(self.text_view), name="events_source_text"),
            *super().get_urls(),
        ]

    def text_view(self, request, source_id):
        return views.source_text(request, source_id, model_admin=self)

    @admin.display(description=_("text"))
    def text_link(self, source):
        if source.pk is None:
            return "-"
        return format_html('<a href="{}">read the text</a>', reverse("admin:events_source_text", args=[source.pk]))


@admin.register(ArchivalDocument)
class ArchivalDocumentAdmin(admin.ModelAdmin):
    list_display = ("number", "language", "genre", "date_text", "source", "reference_text")
    list_filter = ("source", "language", "genre")
    list_select_related = ("source",)
    search_fields = ("heading", "reference_text", "number")


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    """Citations on their own: mostly reached from their event, kept for history and search."""

    form = CitationForm
    list_display = ("source", "line", "short_quote", "event", "is_primary")
    list_select_related = ("source", "event")
    list_filter = ("source", "is_primary", "language")
    search_fields = ("quote",)
    raw_id_fields = ("event", "source", "document")
    readonly_fields = ("passage", "line", "quote")

    @admin.display(description=_("quote"))
    def short_quote(self, citation):
        return citation.quote[:100]

    @admin.display(description=_("passage"))
    def passage(self, citation):
        if citation.pk is None:
            return "-"
        return passage_around(citation.source.text, citation.start, citation.end).as_html()


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ("slug", "label_en", "label_ru", "label_fr")
    search_fields = ("slug", "label_en", "label_ru", "label_fr")
