"""Cursor (keyset) pagination over a total ordering.

DRF's CursorPagination keeps only the first ordering field in the cursor and
steps over ties with an offset, which breaks on NULL positions (undated
events) and grows slow on long runs of equal dates. This subclass keeps DRF's
cursor format, links and schema, but stores the whole ordering key
(e.g. ``date_sort, date_latest, id``) in the cursor and asks for "rows after
this key": pages stay stable while events are added, and the database walks
an index instead of counting an offset.
"""

from __future__ import annotations

import json
from base64 import b64decode
from functools import reduce
from operator import and_, or_
from urllib import parse

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import Cursor, CursorPagination

from . import queries

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50


def _compare(field: str, descending: bool, value, before: bool) -> Q | None:
    """Rows strictly after (or before) ``value`` on one key, NULLs sorting last."""
    if value is None:
        return Q(**{f"{field}__isnull": False}) if before else None
    goes_up = descending == before  # the direction in which the values we want lie
    lookup = "gt" if goes_up else "lt"
    condition = Q(**{f"{field}__{lookup}": value})
    return condition if before else condition | Q(**{f"{field}__isnull": True})


def _equal(field: str, value) -> Q:
    return Q(**{f"{field}__isnull": True}) if value is None else Q(**{field: value})


def keyset_condition(keys, values, before: bool = False) -> Q:
    """Rows strictly after (``before``: before) the row whose key is ``values``."""
    alternatives = []
    for index, ((field, descending), value) in enumerate(zip(keys, values)):
        step = _compare(field, descending, value, before)
        if step is None:
            continue
        same_prefix = [_equal(f, v) for (f, _), v in zip(keys[:index], values[:index])]
        alternatives.append(reduce(and_, [*same_prefix, step]))
    return reduce(or_, alternatives) if alternatives else Q(pk__in=[])


class KeysetCursorPagination(CursorPagination):
    """Cursor pagination; ``page_size`` 1..500 (default 50); bad values are a 400."""

    page_size = DEFAULT_PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    page_size_query_description = f"Results per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE})."
    cursor_query_description = "Opaque position returned in `next` / `previous` links."
    invalid_cursor_message = "invalid cursor; use the `next` or `previous` link of a response"
    ordering = (("id", False),)

    # -- parameters --

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        if not raw.strip().isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"must be a whole number from 1 to {self.max_page_size}"]}
            )
        return int(raw)

    def get_ordering(self, request, queryset, view):
        """The ordering keys: the view's ``get_keyset_ordering()`` or its ``keyset_ordering``."""
        if hasattr(view, "get_keyset_ordering"):
            return tuple(view.get_keyset_ordering())
        return tuple(getattr(view, "keyset_ordering", self.ordering))

    def _invalid_cursor(self):
        return ValidationError({self.cursor_query_param: [self.invalid_cursor_message]})

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            querystring = b64decode(encoded.encode("ascii"), validate=True).decode("ascii")
            tokens = parse.parse_qs(querystring, keep_blank_values=True, strict_parsing=True)
            reverse = bool(int(tokens.get("r", ["0"])[0]))
            position = json.loads(tokens["p"][0])
        except (TypeError, ValueError, KeyError, UnicodeError, IndexError) as exc:
            raise self._invalid_cursor() from exc
        if not isinstance(position, list):
            raise self._invalid_cursor()
        return Cursor(offset=0, reverse=reverse, position=position)

    def _position_values(self, queryset, position):
        """Cursor values converted to the key fields' Python types (checked)."""
        if len(position) != len(self.keys):
            raise self._invalid_cursor()
        values = []
        model = queryset.model
        for (field_name, _), raw in zip(self.keys, position):
            if raw is None:
                values.append(None)
                continue
            field = model._meta.get_field(field_name)
            if not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
                raise self._invalid_cursor()
            try:
                value = field.to_python(raw)
                if field_name == "id" and not 1 <= int(value) < 2**63:
                    raise ValueError("id out of range")
            except (DjangoValidationError, ValueError, TypeError, OverflowError) as exc:
                raise self._invalid_cursor() from exc
            values.append(value)
        return values

    def _key_of(self, instance):
        """The ordering key of a row: a model instance or a ``values()`` dict."""
        values = []
        for field_name, _ in self.keys:
            if isinstance(instance, dict):
                value = instance[field_name]
            else:
                value = getattr(instance, field_name if field_name != "id" else "pk")
            values.append(value.isoformat() if hasattr(value, "isoformat") else value)
        return values

    # -- the page --

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.keys = self.get_ordering(request, queryset, view)
        self.cursor = self.decode_cursor(request)
        reverse = bool(self.cursor and self.cursor.reverse)

        queryset = queryset.order_by(*queries.order_expressions(self.keys, reverse=reverse))
        if self.cursor is not None:
            values = self._position_values(queryset, self.cursor.position)
            queryset = queryset.filter(keyset_condition(self.keys, values, before=reverse))
        rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if reverse:
            rows.reverse()
            self.has_next, self.has_previous = self.cursor is not None, more
        else:
            self.has_next, self.has_previous = more, self.cursor is not None
        self.page = rows
        self.next_position = self._key_of(rows[-1]) if rows else None
        self.previous_position = self._key_of(rows[0]) if rows else None
        if not rows and self.cursor is not None:
            # An empty page past the end: let the client step back from where it was.
            self.next_position = self.previous_position = self.cursor.position
        return rows

    def _link(self, position, reverse: bool):
        tokens = {"p": json.dumps(position, separators=(",", ":"))}
        if reverse:
            tokens["r"] = "1"
        from base64 import b64encode

        from rest_framework.utils.urls import replace_query_param

        encoded = b64encode(parse.urlencode(tokens).encode("ascii")).decode("ascii")
        return replace_query_param(self.base_url, self.cursor_query_param, encoded)

    def get_next_link(self):
        if not self.has_next or self.next_position is None:
            return None
        return self._link(self.next_position, reverse=False)

    def get_previous_link(self):
        if not self.has_previous or self.previous_position is None:
            return None
        return self._link(self.previous_position, reverse=True)

    def get_html_context(self):
        return {"previous_url": self.get_previous_link(), "next_url": self.get_next_link()}


class EventCursorPagination(KeysetCursorPagination):
    """Events: the ordering named by the (already validated) ``ordering`` parameter."""

    def get_ordering(self, request, queryset, view):
        name = request.query_params.get("ordering") or queries.DEFAULT_ORDERING
        return queries.ORDERINGS.get(name, queries.ORDERINGS[queries.DEFAULT_ORDERING])
