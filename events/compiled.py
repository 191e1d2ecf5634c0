"""Querysets compiled once and run again with other parameters.

An API page reads a handful of small queries whose SQL has the same shape on
every request: "the citations (people, places) of these N events", "this
event, if visible". Building and compiling such a queryset costs Django more
CPU than PostgreSQL needs to answer it (about two thirds of a detail page's
time went to ``QuerySet.values()``, ``filter()`` and ``as_sql()``). A
:class:`CompiledQuery` keeps the SQL, the column names and the database
converters of one compiled queryset; :class:`CompiledQueries` keeps the
recent shapes, each under a key the caller chooses, and checks that the
parameters it will substitute are exactly the ones the SQL was compiled with.

The statements still go through Django's cursor (so they are logged,
captured by ``CaptureQueriesContext`` and counted by ``assertNumQueries``),
and the database converters Django would apply are applied (SQLite booleans
and dates), so the rows are the rows the queryset itself would give.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.db import connections
from django.db.models import QuerySet


class CompiledQuery:
    """The SQL of a ``values()``/``values_list()`` queryset, to run with new parameters."""

    def __init__(self, queryset: QuerySet):
        query = queryset.query
        self.using = queryset.db
        self.compiler = query.get_compiler(using=self.using)
        self.sql, params = self.compiler.as_sql()
        self.params = tuple(params)
        selected = [column[0] for column in self.compiler.select[: self.compiler.col_count]]
        self.converters = self.compiler.get_converters(selected)
        # The order values() gives its keys in (see django.db.models.query.ValuesIterable).
        self.names = (*query.extra_select, *query.values_select, *query.annotation_select)

    def rows(self, params, cursor=None) -> list:
        """Rows (tuples, or lists after conversion) for ``params``, in the compiled statement's order.

        ``cursor``: a Django cursor of this query's database to run it on (a
        page running several statements opens one cursor for all of them);
        by default one is opened for this statement.
        """
        if cursor is None:
            with connections[self.using].cursor() as cursor:
                return self.rows(params, cursor)
        self.send(params, cursor)
        return self.received(cursor)

    def send(self, params, cursor) -> None:
        """Run the statement on ``cursor``; its rows are read by :meth:`received` (see :func:`run_together`)."""
        cursor.execute(self.sql, params)

    def received(self, cursor) -> list:
        """The rows of the statement last sent on ``cursor``, converted as Django converts them."""
        rows = cursor.fetchall()
        if self.converters:
            rows = list(self.compiler.apply_converters(rows, self.converters))
        return rows

    def dicts(self, params, cursor=None) -> list[dict]:
        """Rows as ``values()`` gives them: dicts by column name."""
        names = self.names
        return [dict(zip(names, row)) for row in self.rows(params, cursor)]


def run_together(runs: list[tuple[CompiledQuery, tuple]], using: str) -> list[list]:
    """The rows of each ``(query, params)`` of ``runs``, their statements sent in one round trip.

    A page's statements that do not depend on each other's rows (a detail's
    event and its three relations; a list page's three relations) each cost
    a round trip when run in turn: a send, a wait for the database and a
    read, each wait also a release and a re-acquisition of the GIL, which
    the other threads of a worker hold in between. On PostgreSQL they go
    out together in psycopg's pipeline mode, one cursor each (a cursor holds
    one result), and PostgreSQL answers them in order. Elsewhere (SQLite)
    they run one after the other. The statements are the same either way
    and still go through Django's cursors (logged, captured, counted); a
    database error is raised as Django's, as from any cursor.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            return [query.rows(params, cursor) for query, params in runs]
    cursors = [connection.cursor() for _ in runs]
    try:
        with connection.wrap_database_errors, connection.connection.pipeline():
            for (query, params), cursor in zip(runs, cursors):
                query.send(params, cursor)
        with connection.wrap_database_errors:
            return [query.received(cursor) for (query, _), cursor in zip(runs, cursors)]
    finally:
        for cursor in cursors:
            cursor.close()


class CompiledQueries:
    """Recently used :class:`CompiledQuery` objects by key (bounded, least recently used out)."""

    def __init__(self, size: int = 512):
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()  # threaded servers share the cache between requests

    def get(self, key, build, params) -> CompiledQuery:
        """The compiled query for ``key``; ``build()`` makes its queryset the first time.

        ``params`` are the parameters the caller will run it with; the
        queryset ``build()`` returns must have been made from them, in that
        order, which is checked when it is compiled: a shape whose SQL carries
        other parameters (a constant from a filter, say) is refused rather
        than silently run with the wrong ones.
        """
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                return entry
        entry = CompiledQuery(build())  # unlocked: two threads compiling one shape is harmless
        if entry.params != tuple(params):
            raise ValueError(f"{key!r}: the SQL's parameters {entry.params!r} are not {tuple(params)!r}")
        with self._lock:
            self._entries[key] = entry
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return entry
