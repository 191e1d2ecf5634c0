"""People and places in the admin: variants, authority ids, their events, merging duplicates."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .. import curation
from ..models import Person, Place
from .filters import search_json_names
from .forms import PersonForm, PlaceForm
from .merging import MergeActionMixin

EVENTS_SHOWN = 200


class EntityAdmin(MergeActionMixin, SimpleHistoryAdmin):
    """Shared by people and places."""

    search_fields = ("name", "variants", "wikidata_id")
    ordering = ("name", "pk")
    readonly_fields = ("authority_link", "event_list")
    actions = ["merge_selected"]
    merge_function = None  # curation.merge_people / merge_places

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(event_count=Count("event_links__event", distinct=True))

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        extra = search_json_names(queryset, search_term, ("variants",))
        if extra is not None:
            results = results | extra
        return results, may_have_duplicates

    @admin.display(description=_("events"), ordering="event_count")
    def event_count(self, obj):
        return obj.event_count

    @admin.display(description=_("variants"))
    def variant_list(self, obj):
        return ", ".join(obj.variants)

    @admin.display(description=_("Wikidata"))
    def authority_link(self, obj):
        if not obj.wikidata_id:
            return "-"
        return format_html('<a href="https://www.wikidata.org/wiki/{0}" rel="noopener">{0}</a>', obj.wikidata_id)

    @admin.display(description=_("appears in"))
    def event_list(self, obj):
        """The events this record is linked to, each a link to its page."""
        if obj.pk is None:
            return "-"
        links = (obj.event_links.select_related("event").order_by("event__date_sort", "event_id")
                 [:EVENTS_SHOWN])
        rows = [
            (reverse("admin:events_event_change", args=[link.event_id]),
             link.event.date_display or "-", link.event.title, link.get_role_display())
            for link in links
        ]
        if not rows:
            return "-"
        return format_html('<ul class="entity-events">{}</ul>', format_html_join(
            "", '<li><a href="{}">{} — {}</a> ({})</li>', rows))

    def merge_candidates(self, queryset):
        return list(queryset.order_by("-event_count", "pk"))

    def perform_merge(self, request, target, others):
        return self.merge_function(target, others, user=request.user)

    def merge_done(self, request, target, others, result):
        self.message_user(request, f"Merged {', '.join(result.merged_names)} into {target.name} "
                                   f"({result.links_moved} event link(s) moved).", messages.SUCCESS)
        opts = self.opts
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change",
                                            args=[target.pk]))

    @admin.action(description=_("Merge selected duplicates into one"), permissions=["change", "delete"])
    def merge_selected(self, request, queryset):
        return self.run_merge_action(request, queryset)


@admin.register(Person)
class PersonAdmin(EntityAdmin):
    form = PersonForm
    list_display = ("name", "variant_list", "birth_year", "death_year", "wikidata_id", "event_count")
    fields = ("name", "variants", "description", ("birth_year", "death_year"), "wikidata_id",
              "authority_link", "event_list")
    merge_function = staticmethod(curation.merge_people)


@admin.register(Place)
class PlaceAdmin(EntityAdmin):
    form = PlaceForm
    list_display = ("name", "variant_list", "wikidata_id", "event_count")
    fields = ("name", "variants", "description", ("latitude", "longitude"), "wikidata_id",
              "authority_link", "event_list")
    merge_function = staticmethod(curation.merge_places)
