"""Indexes the API's queries need, kept with the API.

- ``event_chrono_idx`` (date_sort, date_latest, id): the default chronological
  order, matching the keyset cursor, so a page is an index range scan.
- On PostgreSQL, GIN indexes on the full-text vectors of events (title,
  description) and citations (quote), built from the very expressions
  :mod:`api.queries` searches with, so PostgreSQL can use them. An expression
  index stays correct after every edit, bulk insert or raw update, unlike a
  stored search column maintained in ``save()``.

They are created with the schema editor inside RunPython so SQLite (no GIN)
simply skips the full-text ones; the models' state is untouched.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models

CHRONO = models.Index(fields=["date_sort", "date_latest", "id"], name="event_chrono_idx")


def _search_indexes():
    from api.queries import CITATION_SEARCH_FIELDS, EVENT_SEARCH_FIELDS, search_vector

    return [
        ("Event", GinIndex(search_vector(*EVENT_SEARCH_FIELDS), name="event_search_gin")),
        ("Citation", GinIndex(search_vector(*CITATION_SEARCH_FIELDS), name="citation_search_gin")),
    ]


def create(apps, schema_editor):
    schema_editor.add_index(apps.get_model("events", "Event"), CHRONO)
    if schema_editor.connection.vendor == "postgresql":
        for model_name, index in _search_indexes():
            schema_editor.add_index(apps.get_model("events", model_name), index)


def drop(apps, schema_editor):
    schema_editor.remove_index(apps.get_model("events", "Event"), CHRONO)
    if schema_editor.connection.vendor == "postgresql":
        for model_name, index in _search_indexes():
            schema_editor.remove_index(apps.get_model("events", model_name), index)


class Migration(migrations.Migration):
    dependencies = [("events", "0002_seed_event_types")]
    operations = [migrations.RunPython(create, drop)]
