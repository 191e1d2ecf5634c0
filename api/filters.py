"""The events FilterSet: one declarative definition of every event filter.

Used by ``GET /api/events/`` (through django-filter's DRF backend), by the
export endpoints and the timeline page (through :func:`filter_events`). Every
parameter is validated before it reaches the database, so bad input is a 400
naming the parameter, never a 500:

    EventFilter(data=request.GET, queryset=..., request=request)
    .is_valid() / .errors / .qs

Rejected events are hidden unless the reader asks for them (``status`` naming
``rejected`` or ``include_rejected=true``) or may curate events.
"""

from __future__ import annotations

import copy

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from events import dates
from events.models import Citation, Event, EventPerson, EventPlace, EventType, Person, Place

from . import queries

MAX_ID = 2**63 - 1  # the largest primary key any supported database stores
MAX_LIST_ITEMS = 100


# --- form fields: parse and validate one parameter -------------------------------------------

class EDTFBoundsField(forms.CharField):
    """A date in any EDTF form (YYYY, YYYY-MM, YYYY-MM-DD, 1937-22, 193X...) -> DateBounds."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return dates.bounds(value)
        except dates.InvalidEDTF as exc:
            # User text goes in params, never into the message itself: django-filter
            # formats every message with ``%``, so a "%" typed by a user would crash it.
            raise forms.ValidationError("%(reason)s", code="invalid_date", params={"reason": str(exc)}) from exc


class CommaListField(forms.CharField):
    """Comma-separated values -> a list of stripped, non-empty strings."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return []
        items = [item.strip() for item in value.split(",") if item.strip()]
        if len(items) > MAX_LIST_ITEMS:
            raise forms.ValidationError(f"at most {MAX_LIST_ITEMS} values", code="too_many")
        return items


class IdListField(CommaListField):
    """Comma-separated database ids -> a list of ints (each 1..2^63-1)."""

    def to_python(self, value):
        ids = []
        for item in super().to_python(value):
            if not item.isdigit() or not 1 <= int(item) <= MAX_ID:
                raise forms.ValidationError(
                    "%(item)s is not an id (a positive whole number)", code="invalid_id",
                    params={"item": repr(item)},
                )
            ids.append(int(item))
        return ids


class IdOrNameListField(CommaListField):
    """Ids, or (when not a number) a name to look for among names and variants."""

    def to_python(self, value):
        items = super().to_python(value)
        for item in items:
            if item.isdigit() and not 1 <= int(item) <= MAX_ID:
                raise forms.ValidationError("%(item)s is not a valid id", code="invalid_id",
                                            params={"item": repr(item)})
        return items


class EventTypeListField(CommaListField):
    def to_python(self, value):
        slugs = super().to_python(value)
        if slugs:
            known = set(EventType.objects.filter(slug__in=slugs).values_list("slug", flat=True))
            unknown = [slug for slug in slugs if slug not in known]
            if unknown:
                raise forms.ValidationError(
                    "unknown event type %(types)s; see /api/event-types/ for the list",
                    code="unknown_type",
                    params={"types": ", ".join(repr(s) for s in unknown)},
                )
        return slugs


# Computed once: Django builds ``Choices.values`` anew (labels and all) on every access.
STATUSES = frozenset(Event.Status.values)


class StatusListField(CommaListField):
    def to_python(self, value):
        statuses = super().to_python(value)
        allowed = STATUSES
        for status in statuses:
            if status not in allowed:
                raise forms.ValidationError(
                    "unknown status %(status)s; one of: %(allowed)s", code="unknown_status",
                    params={"status": repr(status), "allowed": ", ".join(Event.Status.values)},
                )
        return statuses


class StrictBooleanField(forms.Field):
    """true/false/1/0/yes/no; anything else is an error (not silently false)."""

    TRUE = {"true", "1", "yes", "on"}
    FALSE = {"false", "0", "no", "off", ""}

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError("expected true or false", code="invalid_boolean")


class EventFilterForm(forms.Form):
    """Checks that need several parameters at once."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start.earliest > end.latest:
            self.add_error("date_to", f"ends before date_from ({start.edtf})")
        return cleaned


# --- filters -------------------------------------------------------------------------------------

class _FieldFilter(filters.Filter):
    """A filter with a custom form field; the work is done by a FilterSet method."""

    def __init__(self, *args, field_class, **kwargs):
        self.field_class = field_class
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class TextParamFilter(_FieldFilter):
    """A parameter documented as a string (dates, comma-separated lists)."""


@extend_schema_field(OpenApiTypes.BOOL)
class BooleanParamFilter(_FieldFilter):
    """A parameter documented as a boolean."""


def param_filter(field_class, method, help_text):
    """A method filter whose OpenAPI schema carries its type and description."""
    is_bool = field_class is StrictBooleanField
    kind = BooleanParamFilter if is_bool else TextParamFilter
    instance = kind(field_class=field_class, method=method, help_text=help_text)
    return extend_schema_field({"type": "boolean" if is_bool else "string", "description": help_text})(instance)


class PerRequestFilterSet(filters.FilterSet):
    """A FilterSet that is cheap to make on every request.

    django-filter deep-copies every declared filter (with its choices and help
    texts) and builds a new form class, labels and form fields for each
    FilterSet it makes: for the event list that was a third of the request's
    Python time. Here each filter is copied shallowly (its own ``model``,
    ``parent`` and bound method, the declaration's read-only settings shared)
    and the form class is built once per FilterSet class: a form copies its
    fields when it is made, so nothing of one request reaches another.
    """

    _form_classes: dict = {}

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: self._copy_filter(declared) for name, declared in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self

    @staticmethod
    def _copy_filter(declared):
        copied = copy.copy(declared)
        copied.__dict__.pop("_field", None)
        if declared.method is not None:
            copied.method = declared.method  # a FilterMethod bound to the copy, not to the declaration
        return copied

    def get_form_class(self):
        cls = type(self)
        form_class = PerRequestFilterSet._form_classes.get(cls)
        if form_class is None:
            form_class = PerRequestFilterSet._form_classes[cls] = super().get_form_class()
        return form_class


class EventFilter(PerRequestFilterSet):
    date_from = param_filter(
        EDTFBoundsField, "filter_date_from",
        "Start of the date window: YYYY, YYYY-MM, YYYY-MM-DD or any EDTF value; its earliest "
        "day is used (1935 -> 1935-01-01).",
    )
    date_to = param_filter(
        EDTFBoundsField, "filter_date_to",
        "End of the date window, same forms as date_from; its latest day is used "
        "(1935-05 -> 1935-05-31).",
    )
    date_mode = filters.ChoiceFilter(
        choices=[("overlap", "overlap"), ("within", "within")], method="filter_noop", empty_label=None,
        help_text="overlap (default): the event's possible dates overlap the window; "
        "within: they lie entirely inside it.",
    )
    type = param_filter(
        EventTypeListField, "filter_type",
        "Event type slugs, comma-separated (letter,treaty); see /api/event-types/.",
    )
    person = param_filter(
        IdOrNameListField, "filter_person",
        "Person ids (comma-separated), or a name matched against names and their variants.",
    )
    place = param_filter(
        IdOrNameListField, "filter_place",
        "Place ids (comma-separated), or a name matched against names and their variants.",
    )
    source = param_filter(IdListField, "filter_source", "Source ids, comma-separated: events cited from them.")
    document = param_filter(
        IdListField, "filter_document",
        "Archival document ids, comma-separated: events that are or cite these documents.",
    )
    status = param_filter(
        StatusListField, "filter_status",
        "Statuses, comma-separated: extracted, reviewed, rejected. Rejected events are hidden "
        "unless asked for here or with include_rejected.",
    )
    include_rejected = param_filter(
        StrictBooleanField, "filter_noop", "true to list rejected events along with the others."
    )
    min_confidence = filters.NumberFilter(
        field_name="confidence", lookup_expr="gte", min_value=0, max_value=1,
        help_text="Only events with at least this extraction confidence (0 to 1).",
    )
    q = filters.CharFilter(
        method="filter_q", max_length=300,
        help_text="Full-text search over titles, descriptions and citation quotes (PostgreSQL: "
        "Russian, French and simple configurations, web-search syntax).",
    )
    ordering = filters.ChoiceFilter(
        choices=[(key, queries.ORDERING_HELP[key]) for key in queries.ORDERINGS],
        method="filter_noop", empty_label=None,
        help_text="Sort order: " + "; ".join(f"{k} = {v}" for k, v in queries.ORDERING_HELP.items())
        + ". Ties are broken by id, so the order is stable.",
    )

    class Meta:
        model = Event
        fields = []
        form = EventFilterForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, user=None):
        if queryset is None:
            queryset = Event.objects.current()
        super().__init__(data=data, queryset=queryset, request=request, prefix=prefix)
        self.user = user if user is not None else getattr(request, "user", None)

    # -- the filters' work --

    def filter_noop(self, queryset, name, value):
        return queryset  # read by other filters / the paginator

    @property
    def _mode(self) -> str:
        return self.form.cleaned_data.get("date_mode") or "overlap"

    def filter_date_from(self, queryset, name, value):
        if value is None:
            return queryset
        if self._mode == "within":
            return queryset.filter(date_earliest__gte=value.earliest)
        return queryset.filter(date_latest__gte=value.earliest)

    def filter_date_to(self, queryset, name, value):
        if value is None:
            return queryset
        if self._mode == "within":
            return queryset.filter(date_latest__lte=value.latest)
        return queryset.filter(date_earliest__lte=value.latest)

    def filter_type(self, queryset, name, value):
        return queryset.filter(event_type__slug__in=value) if value else queryset

    def filter_person(self, queryset, name, value):
        if not value:
            return queryset
        ids = self._entity_ids(value, Person)
        return queryset.filter(id__in=EventPerson.objects.filter(person_id__in=ids).values("event_id"))

    def filter_place(self, queryset, name, value):
        if not value:
            return queryset
        ids = self._entity_ids(value, Place)
        return queryset.filter(id__in=EventPlace.objects.filter(place_id__in=ids).values("event_id"))

    @staticmethod
    def _entity_ids(value, model) -> list[int]:
        ids = {int(item) for item in value if item.isdigit()}
        for name in (item for item in value if not item.isdigit()):
            ids |= set(model.objects.filter(queries.name_matches(name)).values_list("id", flat=True)[:1000])
        return sorted(ids)

    def filter_source(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(id__in=Citation.objects.filter(source_id__in=value).values("event_id"))

    def filter_document(self, queryset, name, value):
        if not value:
            return queryset
        cited = Citation.objects.filter(document_id__in=value).values("event_id")
        return queryset.filter(Q(document_id__in=value) | Q(id__in=cited))

    def filter_status(self, queryset, name, value):
        return queryset.filter(status__in=value) if value else queryset

    def filter_q(self, queryset, name, value):
        return queries.search_events(queryset, value) if value else queryset

    # -- what applies whatever the parameters --

    def may_see_rejected(self) -> bool:
        """Curators (who may change events) see rejected events by default."""
        return may_see_rejected(self.user)

    @property
    def ordering_name(self) -> str:
        return self.form.cleaned_data.get("ordering") or queries.DEFAULT_ORDERING

    def filter_queryset(self, queryset):
        # Merged events live on only as their survivor, whatever queryset was given.
        queryset = super().filter_queryset(queryset).filter(merged_into__isnull=True)
        cleaned = self.form.cleaned_data
        asked = cleaned.get("include_rejected") or Event.Status.REJECTED in (cleaned.get("status") or [])
        if not asked and not self.may_see_rejected():
            queryset = queryset.exclude(status=Event.Status.REJECTED)
        return queries.order_events(queryset, self.ordering_name)


def may_see_rejected(user) -> bool:
    """Curators (who may change events) see rejected events by default."""
    return bool(user and user.is_authenticated and user.has_perm("events.change_event"))


def rejected_hidden(params, user) -> bool:
    """Whether rejected events stay hidden: the list's visibility rule, for one event's detail.

    They are hidden unless the reader asks for them (``include_rejected``, or
    ``status`` naming ``rejected``) or may curate events. The two parameters
    are checked as the list checks them (a 400 naming the parameter); the
    list's other filters do not apply to a detail, so their machinery is not
    run. (Merged events are never shown.)
    """
    if "include_rejected" not in params and "status" not in params:
        return not may_see_rejected(user)  # what the fields below conclude of two absent parameters
    cleaned, errors = {}, {}
    for name, field in (("include_rejected", StrictBooleanField(required=False)),
                        ("status", StatusListField(required=False))):
        try:
            cleaned[name] = field.clean(params.get(name))
        except forms.ValidationError as exc:
            errors[name] = [str(message) for message in exc.messages]
    if errors:
        raise ValidationError(errors)
    asked = cleaned["include_rejected"] or Event.Status.REJECTED in cleaned["status"]
    return not asked and not may_see_rejected(user)


def filter_errors(filterset: EventFilter) -> dict[str, list[str]]:
    """The FilterSet's errors as ``{param: [message, ...]}``."""
    return {field: [str(message) for message in messages] for field, messages in filterset.errors.items()}


def filter_events(request_or_params, queryset=None, user=None):
    """Filtered, ordered events for a request (or a dict/QueryDict of parameters).

    Raises DRF's ``ValidationError({param: [message]})`` on bad input, which the
    API turns into HTTP 400.
    """
    if hasattr(request_or_params, "GET") or hasattr(request_or_params, "query_params"):
        request = request_or_params
        params = getattr(request, "query_params", None) or request.GET
    else:
        request = None
        params = request_or_params
        if isinstance(params, dict):
            query = QueryDict(mutable=True)
            for key, value in params.items():
                if isinstance(value, (list, tuple)):
                    query.setlist(key, [str(v) for v in value])
                elif value is not None:
                    query[key] = str(value)
            params = query
    filterset = EventFilter(data=params, queryset=queryset, request=request, user=user)
    if not filterset.is_valid():
        raise ValidationError(filter_errors(filterset))
    return filterset.qs
