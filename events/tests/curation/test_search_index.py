"""The admin's substring search can use a trigram index on PostgreSQL."""

import pytest
from django.db import connection

from events.models import Citation

from ..factories import make_event

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="trigram indexes are PostgreSQL's"),
]


def test_passage_search_matches_the_trigram_index_expression():
    """The index is on exactly the expression Django writes for ``icontains``
    (``UPPER(quote::text) LIKE UPPER(%s)``), so the planner can use it; which
    plan it picks for a whole admin search depends on the table statistics."""
    make_event(title="Арест Раковского")
    queryset = Citation.objects.filter(quote__icontains="аресто").order_by().values("id")
    # A tiny table would be read whole, or walked along any index: leave the
    # planner only bitmap scans, which need an index that serves the condition.
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        try:
            plan = queryset.explain()
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_indexscan")
    assert "citation_quote_trgm_idx" in plan, plan
