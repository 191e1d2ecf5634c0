"""Trigram indexes for the admin's substring search (PostgreSQL only).

The event list searches titles, cited passages and people's names with
``icontains``, which PostgreSQL runs as ``UPPER(col) LIKE UPPER('%word%')``:
a B-tree cannot serve a pattern with a leading wildcard, so every search read
every row (4.5 s at 100,000 events), and the cited passages are most of the
text. A GIN index with ``gin_trgm_ops`` on the same ``UPPER(quote)``
expression serves the citation test (PostgreSQL hashes that subquery once);
titles and names are short and are checked on the rows the ordered list
reads anyway, so they need none.

``pg_trgm`` ships with PostgreSQL and is a trusted extension (a database
owner may create it), but a locked-down server may still refuse: then the
indexes are skipped with a warning and search keeps working, only slower.
SQLite has no such index; nothing is done there.
"""

import warnings

from django.db import DatabaseError, migrations, transaction

INDEXES = (("citation_quote_trgm_idx", "events_citation", "quote"),)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as exc:
        warnings.warn(f"pg_trgm unavailable ({exc}); admin search will not use trigram indexes",
                      RuntimeWarning, stacklevel=1)
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("events", "0005_reliability_value_ranges")]
    operations = [migrations.RunPython(create, drop)]
