"""The admin's substring search can use a trigram index on PostgreSQL."""

import pytest
from django.contrib.admin.sites import site
from django.db import connection

from events.models import Event

from ..factories import make_event

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="trigram indexes are PostgreSQL's"),
]


def test_event_search_finds_cited_passages_through_the_trigram_index():
    make_event(title="Арест Раковского")
    admin = site._registry[Event]
    queryset, _ = admin.get_search_results(None, Event.objects.all(), "аресто")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # a tiny table would be scanned anyway
        try:
            plan = queryset.explain()
        finally:
            cursor.execute("RESET enable_seqscan")
    assert "citation_quote_trgm_idx" in plan, plan
