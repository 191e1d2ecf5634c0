"""Changelist filters that the stock admin filters cannot express."""

from __future__ import annotations

import json

from django.contrib import admin
from django.db.models import Max, Min, Q
from django.utils.translation import gettext_lazy as _

from ..models import Citation, Event, Source


class DecadeFilter(admin.SimpleListFilter):
    """Events whose sort date falls in a decade (1920s, 1930s...)."""

    title = _("decade")
    parameter_name = "decade"

    MAX_CHOICES = 40

    def lookups(self, request, model_admin):
        # Two index look-ups (first and last sort date) instead of a scan of
        # every row; with an unusually wide range, only decades that occur.
        span = Event.objects.aggregate(first=Min("date_sort"), last=Max("date_sort"))
        if span["first"] is None:
            return []
        first, last = span["first"].year // 10 * 10, span["last"].year // 10 * 10
        if (last - first) // 10 < self.MAX_CHOICES:
            decades = range(first, last + 10, 10)
        else:
            years = model_admin.get_queryset(request).order_by().dates("date_sort", "year")
            decades = sorted({d.year // 10 * 10 for d in years})
        return [(str(decade), f"{decade}s") for decade in decades]

    def queryset(self, request, queryset):
        decade = _int_or_none(self.value())
        if decade is None:
            return queryset
        return queryset.filter(date_sort__year__gte=decade, date_sort__year__lt=decade + 10)


class ConfidenceBandFilter(admin.SimpleListFilter):
    """The extractor's confidence in three bands."""

    title = _("confidence")
    parameter_name = "confidence_band"
    BANDS = {
        "low": (_("low (below 0.5)"), {"confidence__lt": 0.5}),
        "medium": (_("medium (0.5 to 0.8)"), {"confidence__gte": 0.5, "confidence__lt": 0.8}),
        "high": (_("high (0.8 and above)"), {"confidence__gte": 0.8}),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _lookup) in self.BANDS.items()]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value())
        return queryset.filter(**band[1]) if band else queryset


class SourceFilter(admin.SimpleListFilter):
    """Events cited from a source (any of their citations)."""

    title = _("source")
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [(str(pk), name) for pk, name in Source.objects.values_list("pk", "file_name")]

    def queryset(self, request, queryset):
        source_id = _int_or_none(self.value())
        if source_id is None:
            return queryset
        # A semi-join, not a join: an event cited twice from the source is listed
        # once. IN (not a correlated EXISTS) lets the database read the source's
        # citations once; per row, SQLite would scan them through the source index.
        return queryset.filter(pk__in=Citation.objects.filter(source_id=source_id).values("event_id"))


class MergedFilter(admin.SimpleListFilter):
    """Current events by default; merged ones (tombstones) on request."""

    title = _("merged")
    parameter_name = "merged"

    def lookups(self, request, model_admin):
        return [("merged", _("merged into another (tombstones)")), ("all", _("all"))]

    def choices(self, changelist):
        choices = list(super().choices(changelist))
        choices[0]["display"] = _("current (not merged)")
        return choices

    def queryset(self, request, queryset):
        if self.value() == "merged":
            return queryset.filter(merged_into__isnull=False)
        if self.value() == "all":
            return queryset
        return queryset.filter(merged_into__isnull=True)


def search_json_names(queryset, search_term: str, lookups: tuple[str, ...]):
    """Events/people whose JSON name lists contain ``search_term`` as stored.

    SQLite keeps JSON text with non-ASCII characters escaped (``\\u0411...``),
    so a plain ``icontains`` never finds a Cyrillic variant there; this also
    matches the escaped spelling. (Case-insensitive for ASCII only.)
    Returns ``None`` when there is nothing extra to look for.
    """
    term = search_term.strip()
    escaped = json.dumps(term)[1:-1]
    if not term or escaped == term:
        return None
    condition = Q()
    for lookup in lookups:
        condition |= Q(**{f"{lookup}__icontains": escaped})
    return queryset.filter(condition)


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
