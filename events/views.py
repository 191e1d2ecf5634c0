"""The timeline page: one HTML shell; the events come from the REST API.

The filter choices that rarely change (event types, sources) are rendered
into the page so the form works before any script runs; everything else --
the timeline, the list, the details -- is drawn by ``chronicle/timeline.js``
from ``/api/events/``.
"""

from __future__ import annotations

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
