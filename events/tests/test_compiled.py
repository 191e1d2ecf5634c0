"""Querysets compiled once and run again with other parameters (events/compiled.py)."""

import pytest
from django.db import DataError, connection

from events.compiled import CompiledQueries, CompiledQuery, run_together
from events.models import Citation, Event
from events.tests.factories import make_event, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    source = make_source()
    return [make_event(source, date_edtf=edtf, title=f"E{index}")
            for index, edtf in enumerate(["1923-02-01", "1935?", "1937-22"])]


def test_rerun_gives_the_rows_the_queryset_gives_with_other_parameters(events):
    def rows_of(pk):
        return Event.objects.filter(pk=pk).values("id", "date_earliest", "date_uncertain", "event_type__slug")

    compiled = CompiledQuery(rows_of(events[0].pk))
    for event in events:  # dates and booleans converted as Django converts them (SQLite stores text and 0/1)
        assert compiled.dicts((event.pk,)) == list(rows_of(event.pk))
    assert compiled.dicts((events[1].pk,))[0]["date_uncertain"] is True


def test_cache_compiles_a_shape_once(events):
    cache = CompiledQueries(size=2)
    built = []

    def build(pk):
        built.append(pk)
        return Citation.objects.filter(event_id=pk).values_list("id", "is_primary")

    for event in events:
        rows = cache.get("citations of one", lambda: build(event.pk), (event.pk,)).rows((event.pk,))
        assert [tuple(row) for row in rows] == list(build(event.pk))
    assert built.count(events[0].pk) == 2 and built.count(events[1].pk) == 1  # once compiled, once compared


def test_cache_refuses_a_shape_whose_sql_has_other_parameters(events):
    cache = CompiledQueries()
    with pytest.raises(ValueError, match="parameters"):
        cache.get("hides", lambda: Event.objects.filter(pk=events[0].pk).exclude(status="rejected").values("id"),
                  (events[0].pk,))


def test_cache_forgets_the_least_recently_used_shape(events):
    cache = CompiledQueries(size=2)
    for key in ("a", "b", "a", "c"):
        cache.get(key, lambda: Event.objects.filter(pk=events[0].pk).values("id"), (events[0].pk,))
    assert list(cache._entries) == ["a", "c"]


def test_statements_run_together_give_the_rows_each_gives_alone(events):
    def shape(model, pk):
        return model.objects.filter(**{"pk" if model is Event else "event_id": pk}).values_list("id")

    runs = [(CompiledQuery(shape(Event, events[0].pk)), (events[0].pk,)),
            (CompiledQuery(shape(Citation, events[1].pk)), (events[1].pk,)),
            (CompiledQuery(shape(Event, -1)), (-1,))]
    together = run_together(runs, "default")
    assert together == [query.rows(params) for query, params in runs]
    assert [len(rows) for rows in together] == [1, 1, 0]


def test_a_database_error_in_statements_run_together_is_djangos(events):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite compares a malformed date as text")
    by_day = CompiledQuery(Event.objects.filter(date_earliest="1935-05-02").values("id"))
    with pytest.raises(DataError):  # PostgreSQL refuses the value, as it would from any cursor
        run_together([(by_day, ("1935-05-02",)), (by_day, ("not a date",))], "default")
