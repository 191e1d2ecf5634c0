"""Events in the admin: the list, the review queue, the event page and merging.

``EventAdmin`` lists every current event (filters, search, import/export,
history); ``ReviewQueueEventAdmin`` shows only what waits for review, lowest
confidence first, with the buttons a reviewer needs to go through it one
event after another. Both share :class:`EventAdminMixin`. The domain work
(status, merge, revert) is done by :mod:`events.curation`.
"""

from __future__ import annotations

import json

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import smart_split
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.formats import base_formats
from simple_history.admin import SimpleHistoryAdmin

from .. import curation
from ..models import Citation, Event, EventPerson, EventPlace, MergeRecord, ReviewQueueEvent
from ..passages import passage_around
from .filters import ConfidenceBandFilter, DecadeFilter, MergedFilter, SourceFilter
from .forms import CitationForm
from .merging import MergeActionMixin
from .resources import EventResource

# Buttons of the change form that save and then open the next event to review.
NEXT_BUTTONS = {
    "_savenext": None,
    "_approvenext": Event.Status.REVIEWED,
    "_rejectnext": Event.Status.REJECTED,
}


def source_text_url(citation: Citation) -> str:
    """The source viewer, scrolled to the cited span."""
    url = reverse("admin:events_source_text", args=[citation.source_id])
    return f"{url}?start={citation.start}&end={citation.end}#cited"


class EventPersonInline(admin.TabularInline):
    model = EventPerson
    extra = 0
    autocomplete_fields = ("person",)
    verbose_name = _("person")
    verbose_name_plural = _("people")


class EventPlaceInline(admin.TabularInline):
    model = EventPlace
    extra = 0
    autocomplete_fields = ("place",)
    verbose_name = _("place")
    verbose_name_plural = _("places")


class CitationInline(admin.StackedInline):
    """Each citation as its passage in context, cited span highlighted."""

    model = Citation
    form = CitationForm
    extra = 0
    fields = (
        "passage", "archival_reference", "source", "document", ("start", "end", "line"),
        ("is_primary", "language"), ("date_text", "date_edtf"),
    )
    readonly_fields = ("passage", "archival_reference", "line")
    raw_id_fields = ("source", "document")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "document")

    @admin.display(description=_("passage"))
    def passage(self, citation):
        if citation.pk is None:
            return "-"
        html = passage_around(citation.source.text, citation.start, citation.end).as_html()
        return format_html(
            '{}<p><a href="{}" class="source-link">{} — line {} (open the source here)</a></p>',
            html, source_text_url(citation), citation.source.file_name, citation.line,
        )

    @admin.display(description=_("archival reference"))
    def archival_reference(self, citation):
        document = citation.document
        if document is None:
            return "-"
        return format_html("№ {} — {}", document.number, document.reference_text or document.heading[:200])


class EventAdminMixin:
    """What the event list and the review queue have in common."""

    change_form_template = "admin/events/event/change_form.html"
    list_display = ("date_cell", "event_type", "title", "status", "confidence", "source_cell", "document_cell")
    list_display_links = ("title",)
    list_select_related = ("event_type", "document")
    list_per_page = 50
    show_full_result_count = False  # one COUNT on 100,000 rows is enough
    search_fields = ("title", "citations__quote", "people__name", "people__variants")
    search_help_text = _("Searches titles, cited passages and people's names (all their forms).")
    inlines = [EventPersonInline, EventPlaceInline, CitationInline]
    raw_id_fields = ("document",)
    fieldsets = (
        (None, {"fields": ("primary_passage", "title", "event_type", "kind", "status", "description")}),
        (_("Date"), {
            "fields": ("date_text", "date_edtf", "date_calendar", "date_original_edtf", "date_summary"),
            "description": _("Type the date as EDTF; the page explains a value it cannot read."),
        }),
        (_("Extraction"), {
            "classes": ("collapse",),
            "fields": ("confidence", "date_conflict", "document", "curated_fields", "merge_state",
                       "extractor_version", "fingerprint"),
        }),
    )
    readonly_fields = ("primary_passage", "date_summary", "confidence", "curated_fields", "merge_state",
                       "extractor_version", "fingerprint")
    actions = ["approve_selected", "reject_selected"]

    # --- list ---

    def get_queryset(self, request):
        """Events with their citations' source and document, fetched for the shown page only.

        A prefetch (one query for the page) rather than a correlated subquery:
        the database would evaluate a subquery for every row before sorting
        and cutting the page, which is what makes a list of 100,000 slow.
        """
        citations = (Citation.objects.select_related("source", "document")
                     .only("id", "event", "is_primary", "start", "source__id", "source__file_name",
                           "document__id", "document__number")
                     .order_by("-is_primary", "start"))
        return self.base_queryset().prefetch_related(
            Prefetch("citations", queryset=citations, to_attr="listed_citations"))

    def base_queryset(self):
        return Event.objects.all()

    @admin.display(description=_("date"), ordering="date_sort")
    def date_cell(self, event):
        """The source's words over the normalised reading."""
        return format_html('{}<br><small class="date-normalised">{}</small>',
                           event.date_text or "-", event.date_display or "-")

    @staticmethod
    def _listed_primary(event):
        citations = getattr(event, "listed_citations", None)
        return citations[0] if citations else None

    @admin.display(description=_("source"))
    def source_cell(self, event):
        citation = self._listed_primary(event)
        return citation.source.file_name if citation else "-"

    @admin.display(description=_("document"))
    def document_cell(self, event):
        if event.document_id:
            return f"№ {event.document.number}"
        citation = self._listed_primary(event)
        return f"№ {citation.document.number}" if citation and citation.document_id else "-"

    def get_search_results(self, request, queryset, search_term):
        """Every word must occur in the title, a cited passage or a person's names.

        Related rows are tested with EXISTS, so no join multiplies the events
        and no DISTINCT over 100,000 wide rows is needed.
        """
        words = [w.strip("\"'") for w in smart_split(search_term) if w.strip("\"'")]
        if not words:
            return queryset, False
        condition = Q()
        for word in words:
            people = Q(person__name__icontains=word) | Q(person__variants__icontains=word)
            escaped = json.dumps(word)[1:-1]
            if escaped != word:  # SQLite stores JSON with non-ASCII escaped
                people |= Q(person__variants__icontains=escaped)
            condition &= (
                Q(title__icontains=word)
                | Exists(Citation.objects.filter(event=OuterRef("pk"), quote__icontains=word))
                | Exists(EventPerson.objects.filter(people, event=OuterRef("pk")))
            )
        return queryset.filter(condition), False

    # --- event page ---

    @admin.display(description=_("source says"))
    def primary_passage(self, event):
        """The primary citation's passage at the top of the page (all citations are below)."""
        citation = (event.citations.select_related("source").order_by("-is_primary", "start").first()
                    if event.pk else None)
        if citation is None:
            return "-"
        return format_html(
            '{}<p><a href="{}" class="source-link">{} — line {}</a></p>',
            passage_around(citation.source.text, citation.start, citation.end).as_html(),
            source_text_url(citation), citation.source.file_name, citation.line,
        )

    @admin.display(description=_("reading"))
    def date_summary(self, event):
        if not event.date_edtf:
            return "-"
        flags = [label for flag, label in ((event.date_approximate, "approximate"),
                                          (event.date_uncertain, "uncertain")) if flag]
        return format_html("{} — between {} and {}, precision: {}{}", event.date_display,
                           event.date_earliest, event.date_latest, event.date_precision or "-",
                           f" ({', '.join(flags)})" if flags else "")

    @admin.display(description=_("merges"))
    def merge_state(self, event):
        parts = []
        if event.merged_into_id:
            url = reverse("admin:events_event_change", args=[event.merged_into_id])
            parts.append(format_html('Merged into <a href="{}">event #{}</a>.', url, event.merged_into_id))
        records = event.merges_received.all() if event.pk else []
        parts.extend(
            format_html('<a href="{}">{}</a>', reverse("admin:events_mergerecord_change", args=[r.pk]), r)
            for r in records
        )
        return format_html_join(mark_safe("<br>"), "{}", ((p,) for p in parts)) if parts else "-"

    def save_model(self, request, obj, form, change):
        """A curator's save protects every curatable field it changed.

        Changes are measured against the stored event, not only the form's
        initial values: a revert from history starts from an old version, and
        its form sees no change although the event does change.
        """
        status = NEXT_BUTTONS.get(next((b for b in NEXT_BUTTONS if b in request.POST), None))
        if status:
            obj.status = status
        changed = set(curation.curated_changes(form.changed_data))
        stored = Event.objects.filter(pk=obj.pk).first() if change else None
        if stored is not None:
            changed |= set(curation.changed_fields(stored, obj))
            obj.curated_fields = list(stored.curated_fields)  # a revert must not drop protection
        obj.mark_curated(*changed)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        event = form.instance
        touched = {EventPerson: "people", EventPlace: "places"}
        edited = [touched[fs.model] for fs in formsets if fs.model in touched and fs.has_changed()]
        if edited and not all(event.is_curated(name) for name in edited):
            event.mark_curated(*edited)
            event._change_reason = f"Curated {', '.join(edited)}"
            event.save(update_fields=["curated_fields", "updated_at"])

    def response_change(self, request, obj):
        button = next((b for b in NEXT_BUTTONS if b in request.POST), None)
        if button is None:
            return super().response_change(request, obj)
        self.message_user(request, format_html("Saved “{}”.", obj), messages.SUCCESS)
        return self._redirect_to_next(request, obj)

    def _redirect_to_next(self, request, after):
        following = curation.next_in_review_queue(after)
        if following is None:
            self.message_user(request, _("The review queue is empty."), messages.INFO)
            return HttpResponseRedirect(reverse("admin:events_reviewqueueevent_changelist"))
        opts = self.opts
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[following.pk])
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["show_review_buttons"] = bool(change and obj is not None and obj.merged_into_id is None
                                              and self.has_change_permission(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- actions ---

    @admin.action(description=_("Approve selected events (reviewed)"), permissions=["change"])
    def approve_selected(self, request, queryset):
        count = curation.set_status(self._events(queryset), Event.Status.REVIEWED, user=request.user)
        self.message_user(request, f"{count} event(s) marked reviewed.", messages.SUCCESS)

    @admin.action(description=_("Reject selected events"), permissions=["change"])
    def reject_selected(self, request, queryset):
        count = curation.set_status(self._events(queryset), Event.Status.REJECTED, user=request.user)
        self.message_user(request, f"{count} event(s) rejected.", messages.SUCCESS)

    @staticmethod
    def _events(queryset):
        """Plain :class:`Event` instances (history is recorded for those, not proxies)."""
        return Event.objects.filter(pk__in=queryset.values("pk")).order_by("pk")


@admin.register(Event)
class EventAdmin(MergeActionMixin, ImportMixin, ExportActionMixin, EventAdminMixin, SimpleHistoryAdmin):
    """Every event: chronological, filterable, searchable, exportable, with history."""

    list_filter = ("status", "event_type", SourceFilter, "date_precision", "date_calendar",
                   DecadeFilter, ConfidenceBandFilter, MergedFilter)
    date_hierarchy = "date_sort"
    ordering = ("date_sort", "date_latest", "id")
    actions = ["approve_selected", "reject_selected", "merge_selected"]
    resource_classes = [EventResource]
    formats = [base_formats.CSV, base_formats.XLSX, base_formats.JSON]

    def has_import_permission(self, request):
        # An import adds and changes events: it needs both permissions (the
        # library's default lets any staff user in).
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_or_change_permission(request)

    def get_export_queryset(self, request):
        primary_first = Citation.objects.select_related("source").order_by("-is_primary", "start")
        return super().get_export_queryset(request).prefetch_related(
            Prefetch("citations", queryset=primary_first), "people"
        )

    merge_title = _("Merge events")
    too_few_message = _("Select at least two events to merge.")

    def merge_candidates(self, queryset):
        return list(self._events(queryset).order_by("created_at", "pk"))

    def perform_merge(self, request, target, others):
        return curation.merge_events(target, others, user=request.user)

    def merge_done(self, request, target, others, record):
        url = reverse("admin:events_mergerecord_change", args=[record.pk])
        self.message_user(request, format_html(
            '{} event(s) merged into “{}”. <a href="{}">Undo</a> is possible from the merge record.',
            len(others), target, url), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:events_event_change", args=[target.pk]))

    @admin.action(description=_("Merge selected events into one"), permissions=["change"])
    def merge_selected(self, request, queryset):
        return self.run_merge_action(request, queryset)


class QueueChangeList(ChangeList):
    """A changelist whose order cannot be changed from the URL."""

    def get_ordering(self, request, queryset):
        return ["confidence", "id"]


@admin.register(ReviewQueueEvent)
class ReviewQueueEventAdmin(EventAdminMixin, admin.ModelAdmin):
    """Unreviewed events, lowest confidence first, for going through one by one."""

    list_display = ("confidence", "date_cell", "event_type", "title", "source_cell", "document_cell")
    list_filter = ("event_type", SourceFilter, ConfidenceBandFilter, DecadeFilter)
    ordering = ("confidence", "id")
    sortable_by = ()  # the queue's order is the point of it

    def base_queryset(self):
        # Plain Event instances: simple_history records saves of the concrete model.
        return curation.review_queue()

    def get_ordering(self, request):
        return ("confidence", "id")

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def has_add_permission(self, request):
        return False

    def history_view(self, request, object_id, extra_context=None):
        """The event's full history (django-simple-history) lives on the event's page."""
        return HttpResponseRedirect(reverse("admin:events_event_history", args=[object_id]))


@admin.register(MergeRecord)
class MergeRecordAdmin(admin.ModelAdmin):
    """Merges of events, each one undoable."""

    list_display = ("__str__", "target", "merged_list", "created_by", "created_at", "reverted_at")
    list_select_related = ("target", "created_by")
    readonly_fields = ("target", "merged_list", "moves", "reason", "created_by", "created_at",
                       "reverted_at", "reverted_by")
    fields = readonly_fields
    actions = ["revert_selected"]
    change_form_template = "admin/events/mergerecord/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("merged")

    @admin.display(description=_("merged events"))
    def merged_list(self, record):
        return format_html_join(
            ", ", '<a href="{}">#{}</a>',
            ((reverse("admin:events_event_change", args=[e.pk]), e.pk) for e in record.merged.all()),
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("<int:pk>/revert/", self.admin_site.admin_view(self.revert_view),
                 name="events_mergerecord_revert"),
            *super().get_urls(),
        ]

    def _can_revert(self, request):
        return request.user.has_perm("events.change_event")

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["can_revert"] = obj is not None and not obj.is_reverted and self._can_revert(request)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def revert_view(self, request, pk):
        """POST: undo the merge and go to the event it had been merged into."""
        record = get_object_or_404(MergeRecord, pk=pk)
        if not self._can_revert(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:events_mergerecord_change", args=[pk]))
        try:
            curation.revert_merge(record, user=request.user)
        except curation.CurationError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(request, f"{record} undone.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:events_event_change", args=[record.target_id]))

    @admin.action(description=_("Undo selected merges"))
    def revert_selected(self, request, queryset):
        if not self._can_revert(request):
            raise PermissionDenied
        done = 0
        for record in queryset.filter(reverted_at__isnull=True).order_by("-created_at", "-pk"):
            curation.revert_merge(record, user=request.user)
            done += 1
        self.message_user(request, f"{done} merge(s) undone.", messages.SUCCESS)
