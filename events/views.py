"""Chronicle's own pages.

- The timeline page: one HTML shell; the events come from the REST API. The
  filter choices that rarely change (event types, sources) are rendered into
  the page so the form works before any script runs; everything else -- the
  timeline, the list, the details -- is drawn by ``chronicle/timeline.js``
  from ``/api/events/``.
- The source viewer: a whole source text, scrolled to a cited span. Reached
  from the admin (``/admin/events/source/<id>/text/?start=&end=#cited``) so it
  shares the admin's login and look; a user needs permission to view sources.
  The text is escaped by the template, never trusted as markup.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.generic import TemplateView

from events import exports
from events.models import EventType, Source


class TimelinePageView(TemplateView):
    template_name = "chronicle/timeline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event_types"] = EventType.objects.order_by("position", "slug")
        context["sources"] = Source.objects.only("id", "title", "file_name").order_by("file_name")
        context["export_formats"] = list(exports.FORMATS.values())
        context["params"] = self.request.GET
        return context


def source_text(request, source_id: int, *, model_admin):
    """Render ``source.text``; with ``start`` and ``end`` the span is marked ``#cited``."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    source = get_object_or_404(Source, pk=source_id)
    text = source.text
    span = _span(request.GET, len(text))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": source.title or source.file_name,
        "opts": Source._meta,
        "source": source,
        "length": len(text),
        "has_span": span is not None,
    }
    if span is None:
        context.update(before=text, quote="", after="")
    else:
        start, end = span
        context.update(before=text[:start], quote=text[start:end], after=text[end:],
                       start=start, end=end, line=source.line_of(start))
    return TemplateResponse(request, "admin/events/source/text.html", context)


def _span(params, length: int):
    """``(start, end)`` from the query string when it names a span of the text."""
    try:
        start, end = int(params["start"]), int(params["end"])
    except (KeyError, ValueError):
        return None
    if 0 <= start < end <= length:
        return start, end
    return None
