"""Whole-database backup and restore in one portable, gzip-compressed JSON Lines file.

Why not plain ``dumpdata``/``loaddata``: a backup must be *exact* and its
restore *safe*. This module

* dumps every model (events, citations, people, places, their history tables,
  curated flags, users, groups, API tokens, the admin log) with its primary
  key, so links between rows survive; content types and permissions are
  referred to by natural key because ``migrate`` creates them with ids of its
  own in every database;
* keeps datetimes to the microsecond (Django's JSON encoder cuts them to
  milliseconds, which would reorder history entries made in the same
  millisecond);
* writes a header line first: the format, the applied migrations and the row
  count of every table, so a restore can refuse a database at another schema
  version and can prove it loaded every row;
* restores only into an empty, migrated database, in one transaction: any
  failure leaves the database as it was.

Sessions are not backed up: they are short-lived logins, not data.
"""

from __future__ import annotations

import datetime
import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Deserializer as JSONLDeserializer
from django.core.serializers.jsonl import Serializer as JSONLSerializer
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

FORMAT = "chronicle-backup"
VERSION = 1

# Not backed up: recreated by `migrate` (and referred to by natural key), or transient.
EXCLUDED_MODELS = frozenset({"contenttypes.contenttype", "auth.permission", "sessions.session"})

# Reference rows that migrations create in every new database (the event-type
# vocabulary, the curators' group). A restore replaces them with the backed-up
# ones; every other table must be empty before a restore.
REFERENCE_MODELS = frozenset({"events.eventtype", "auth.group"})


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why and what to do."""


def model_label(model: type[Model]) -> str:
    return model._meta.label_lower


def backed_up_models() -> list[type[Model]]:
    """Every concrete model to back up, parents before the rows that point to them."""
    app_list = []
    for app_config in apps.get_app_configs():
        models = [
            model for model in app_config.get_models()
            if model._meta.managed and not model._meta.proxy and model_label(model) not in EXCLUDED_MODELS
        ]
        if models:
            app_list.append((app_config, models))
    return serializers.sort_dependencies(app_list, allow_cycles=True)


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but datetimes and times keep their microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupSerializer(JSONLSerializer):
    """JSON Lines with many-to-many values sorted, so two dumps of the same
    data are the same bytes whatever order the database returns links in."""

    def handle_m2m_field(self, obj, field):
        super().handle_m2m_field(obj, field)
        if field.name in self._current:
            self._current[field.name] = sorted(self._current[field.name])


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """{app label: sorted names of applied migrations}."""
    applied: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connections[using]).applied_migrations():
        applied.setdefault(app_label, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows per backed-up model, including auto-created many-to-many tables."""
    counts: dict[str, int] = {}
    for model in backed_up_models():
        counts[model_label(model)] = model._base_manager.using(using).count()
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                counts[model_label(through)] = through._base_manager.using(using).count()
    return dict(sorted(counts.items()))


@dataclass
class BackupSummary:
    path: Path
    objects: int
    counts: dict[str, int]


def write_backup(path: str | Path, using: str = DEFAULT_DB_ALIAS) -> BackupSummary:
    """Dump the whole database into ``path`` (gzip-compressed JSON Lines).

    Runs in one repeatable-read snapshot on PostgreSQL (a single transaction),
    so rows written while the backup runs cannot leave it half-consistent.
    The file is written beside its final name and renamed at the end: a
    failed backup never leaves a truncated file under the name asked for.
    """
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        counts = row_counts(using)
        header = {
            "format": FORMAT,
            "version": VERSION,
            "created": datetime.datetime.now(datetime.timezone.utc).isoformat(),
            "database": connection.vendor,
            "migrations": applied_migrations(using),
            "counts": counts,
        }
        objects = 0
        with gzip.open(partial, "wt", encoding="utf-8", compresslevel=6) as stream:
            stream.write(json.dumps(header, ensure_ascii=False, sort_keys=True) + "\n")
            serializer = BackupSerializer()
            for model in backed_up_models():
                queryset = model._base_manager.using(using).order_by(model._meta.pk.name)
                serializer.serialize(
                    queryset.iterator(chunk_size=2000), stream=stream, cls=ExactJSONEncoder,
                    use_natural_foreign_keys=True, use_natural_primary_keys=False,
                )
                objects += counts[model_label(model)]
    partial.replace(path)
    return BackupSummary(path=path, objects=objects, counts=counts)


def read_header(path: str | Path) -> dict:
    """The first line of a backup file, checked to be one."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file")
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            header = json.loads(stream.readline())
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path} is not a Chronicle backup (a gzip JSON Lines file): {exc}") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(f"{path} is not a Chronicle backup (no '{FORMAT}' header line)")
    if header.get("version") != VERSION:
        raise BackupError(
            f"{path} is a version {header.get('version')} backup; this Chronicle reads version {VERSION}"
        )
    return header


def _check_schema(header: dict, using: str) -> None:
    here = applied_migrations(using)
    there = header.get("migrations", {})
    if here == there:
        return
    missing = sorted(f"{app}.{name}" for app, names in there.items() for name in names
                     if name not in here.get(app, []))
    extra = sorted(f"{app}.{name}" for app, names in here.items() for name in names
                   if name not in there.get(app, []))
    lines = ["the database schema is not the one the backup was made from."]
    if missing:
        lines.append(f"Applied when the backup was made but not here: {', '.join(missing[:10])}"
                     + (" ..." if len(missing) > 10 else "") + " (run `manage.py migrate`, or update the code).")
    if extra:
        lines.append(f"Applied here but not when the backup was made: {', '.join(extra[:10])}"
                     + (" ..." if len(extra) > 10 else "")
                     + " (restore into a database migrated to the backup's state, then migrate).")
    raise BackupError(" ".join(lines))


def non_empty_tables(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Tables holding data other than what migrations put there: {model label: rows}."""
    counts = row_counts(using)
    reference_through = {
        model_label(field.remote_field.through)
        for label in REFERENCE_MODELS
        for field in apps.get_model(label)._meta.local_many_to_many
    }
    return {label: rows for label, rows in counts.items()
            if rows and label not in REFERENCE_MODELS and label not in reference_through}


def _objects(path: Path, using: str) -> Iterator:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        stream.readline()  # the header
        yield from JSONLDeserializer(stream, using=using, handle_forward_references=True)


@dataclass
class RestoreSummary:
    objects: int
    counts: dict[str, int]


def restore_backup(path: str | Path, using: str = DEFAULT_DB_ALIAS) -> RestoreSummary:
    """Load a backup into an empty, migrated database, all or nothing.

    Refuses (``BackupError``, nothing changed) when the file is not a backup,
    when the database is at another migration state, or when it already holds
    data. Afterwards the row count of every table must equal the backup's,
    or the whole restore is rolled back.
    """
    path = Path(path)
    header = read_header(path)
    _check_schema(header, using)
    occupied = non_empty_tables(using)
    if occupied:
        listing = ", ".join(f"{label}: {rows}" for label, rows in sorted(occupied.items()))
        raise BackupError(
            "the database is not empty, refusing to restore over its data "
            f"({listing}). Restore into a new database: create it, run `manage.py migrate`, "
            "then `manage.py restore FILE`."
        )
    connection = connections[using]
    loaded_models: set[type[Model]] = set()
    objects = 0
    try:
        with transaction.atomic(using=using):
            for label in sorted(REFERENCE_MODELS):
                apps.get_model(label)._base_manager.using(using).all().delete()
            with connection.constraint_checks_disabled():
                deferred = []
                for obj in _objects(path, using):
                    if not router.allow_migrate_model(using, obj.object.__class__):
                        continue
                    obj.save(using=using)
                    loaded_models.add(obj.object.__class__)
                    objects += 1
                    if obj.deferred_fields:
                        deferred.append(obj)
                for obj in deferred:
                    obj.save_deferred_fields(using=using)
            connection.check_constraints(table_names=[m._meta.db_table for m in loaded_models])
            sequence_sql = connection.ops.sequence_reset_sql(no_style(), list(loaded_models))
            if sequence_sql:
                with connection.cursor() as cursor:
                    for statement in sequence_sql:
                        cursor.execute(statement)
            counts = row_counts(using)
            expected = header["counts"]
            if counts != expected:
                diff = {label: (expected.get(label), counts.get(label))
                        for label in sorted(set(expected) | set(counts))
                        if expected.get(label) != counts.get(label)}
                raise BackupError(f"row counts after loading differ from the backup (expected, got): {diff}")
    except BackupError:
        raise
    except (serializers.base.DeserializationError, Exception) as exc:  # noqa: BLE001 - reported, rolled back
        raise BackupError(f"restore failed and was rolled back: {exc}") from exc
    return RestoreSummary(objects=objects, counts=counts)


def iter_lines(path: str | Path) -> Iterable[str]:
    """The decompressed lines of a backup file (for comparing two backups)."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        yield from stream
