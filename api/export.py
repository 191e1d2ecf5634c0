"""``GET /api/export/?format=<fmt>&<filters>``: a filtered selection as a file.

The filters are exactly those of ``/api/events/`` (one definition,
:func:`api.filters.filter_events`), so "export what I am looking at" is the
same query string with ``format`` added. The file is streamed: rows are
read from the database in chunks while the client downloads, so exporting
the whole database does not load it into memory.

DRF reads ``?format=`` as a renderer override; here it names the export
file format instead, so this view has its own content negotiation that
ignores it (errors are always JSON).
"""

from __future__ import annotations

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer

from events import exports
from events.models import Event

from .filters import EventFilter, filter_events

# Query parameters that shape the file rather than select events.
FILE_PARAMETERS = ("format", "title")


class ExportFormatNegotiation(BaseContentNegotiation):
    """``format`` is the export format here: always answer errors in JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _filter_parameters() -> list[OpenApiParameter]:
    """The event filters, documented from the FilterSet itself (one source of truth)."""
    return [
        OpenApiParameter(name, OpenApiTypes.STR, description=str(f.extra.get("help_text", "")))
        for name, f in EventFilter.base_filters.items()
    ]


class ExportView(GenericAPIView):
    queryset = Event.objects.current()  # for the model-permission check only
    renderer_classes = [JSONRenderer]
    content_negotiation_class = ExportFormatNegotiation
    filter_backends: list = []
    pagination_class = None

    @extend_schema(
        operation_id="export_events",
        summary="Export the filtered events as a file",
        description=(
            "Streams the events selected by the same filters as `/api/events/` as CSV, XLSX, JSON, "
            "TimelineJS3 JSON, iCalendar or a printable HTML handout with numbered citations. "
            "An unknown `format` or a bad filter value is a 400 naming the parameter."
        ),
        parameters=[
            OpenApiParameter(
                "format", OpenApiTypes.STR, required=True, enum=list(exports.FORMATS),
                description="; ".join(f"{f.name}: {f.label}" for f in exports.FORMATS.values()),
            ),
            OpenApiParameter(
                "title", OpenApiTypes.STR,
                description="Title written into the file (the handout's heading, the calendar name).",
            ),
            *_filter_parameters(),
        ],
        responses={
            **{
                # A JSON file is a JSON document (an object), the others are bytes.
                (200, f.content_type.split(";")[0]): OpenApiResponse(
                    OpenApiTypes.OBJECT if f.content_type.startswith("application/json") else OpenApiTypes.BINARY,
                    description=f.label,
                )
                for f in exports.FORMATS.values()
                if f.name != "timelinejs"
            },
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="{parameter: [message]}"),
        },
    )
    def get(self, request, *args, **kwargs):
        name = request.query_params.get("format", "")
        if name not in exports.FORMATS:
            message = (
                f"unknown export format {name!r}; choose one of: {', '.join(exports.FORMATS)}"
                if name else f"required; one of: {', '.join(exports.FORMATS)}"
            )
            raise ValidationError({"format": [message]})
        events = filter_events(request, user=request.user)
        export_format = exports.get_format(name)
        filters = {
            key: value for key, value in request.query_params.items()
            if key not in FILE_PARAMETERS and value != ""
        }
        meta = exports.ExportMeta(
            title=request.query_params.get("title", "").strip()[:200] or "Chronicle timeline",
            filters=filters,
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
        response = StreamingHttpResponse(
            exports.stream(name, events, meta, keep_order=True),
            content_type=export_format.content_type,
        )
        # The handout opens in the browser, ready to print; the others download.
        disposition = "inline" if name == "html" else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{export_format.filename(meta.generated_at)}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
