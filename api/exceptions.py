"""One error format for the whole API, and no 500 for bad input.

Validation problems answer HTTP 400 with DRF's standard body, one key per
parameter or field: ``{"date_from": ["month 13 does not exist ..."]}``; other
errors (not found, not allowed, throttled) answer ``{"detail": "..."}``. A
database error caused by a value the validators let through (a number too
large for a column, a string PostgreSQL refuses) becomes a 400 too, instead
of a server error.
"""

from __future__ import annotations

import logging

from django.db import DataError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)


def api_exception_handler(exc, context):
    response = exception_handler(exc, context)
    if response is not None:
        return response
    if isinstance(exc, (DataError, OverflowError)):
        logger.info("bad input reached the database: %s", exc)
        return Response(
            {"detail": "a value in the request is out of range or malformed for the database"},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return None
