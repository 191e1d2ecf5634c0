"""Content negotiation: DRF's, answering the everyday ``Accept`` headers without parsing them."""

from __future__ import annotations

from rest_framework.negotiation import DefaultContentNegotiation


class ContentNegotiation(DefaultContentNegotiation):
    """DRF's negotiation with a shortcut for ``*/*``, no header, or one bare media type.

    API clients send ``Accept: application/json``, ``*/*`` or nothing. For
    those DRF parses the header into media type objects, sorts them by
    precedence and matches each against each renderer, to conclude what is
    known at a glance: the first renderer whose media type is that one (or
    the first plain one, for ``*/*``). That was a tenth of the CPU DRF
    spends on a detail page. Any other header (a browser's list, quality
    values, parameters, wildcards), a ``?format=`` override or a format
    suffix goes to DRF unchanged, as does a renderer whose media type has
    a wildcard; ``test_negotiation`` checks the shortcut agrees with DRF.
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        accept = request.META.get("HTTP_ACCEPT", "*/*")
        if (
            not format_suffix
            and (accept == "*/*" or not any(c in accept for c in ",;*"))
            and self.settings.URL_FORMAT_OVERRIDE not in request.query_params
        ):
            for renderer in renderers:
                media_type = renderer.media_type
                if "*" in media_type:
                    break  # a wildcard renderer: DRF's precedence rules decide
                if ";" in media_type:
                    continue  # its parameters match neither */* nor a bare media type
                if accept == "*/*" or accept == media_type:
                    return renderer, media_type
        return super().select_renderer(request, renderers, format_suffix)
