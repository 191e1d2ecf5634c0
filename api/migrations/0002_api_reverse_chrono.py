"""Index for ``ordering=-date`` (newest first, undated last).

A backward scan of ``event_chrono_idx`` yields NULLs first, so the reverse
order with undated events last needs its own index to avoid sorting every
matching event. PostgreSQL only: SQLite indexes cannot say NULLS LAST.
"""

from django.db import migrations, models
from django.db.models import F

REVERSE_CHRONO = models.Index(
    F("date_sort").desc(nulls_last=True), F("date_latest").desc(nulls_last=True), F("id").desc(),
    name="event_rchrono_idx",
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("events", "Event"), REVERSE_CHRONO)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("events", "Event"), REVERSE_CHRONO)


class Migration(migrations.Migration):
    dependencies = [("api", "0001_api_search")]
    operations = [migrations.RunPython(create, drop)]
