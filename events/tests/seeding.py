"""Rows that data migrations seed, and how tests get them back.

A transactional test ends by flushing every table, seeded rows included;
Django re-creates content types and permissions on flush, but not data seeded
by migrations (the event-type vocabulary, the Curators group). Restoring them
(rather than using ``serialized_rollback``, which clashes with the re-created
content types) makes tests independent of the order they run in.
"""

import importlib

_event_types_migration = importlib.import_module("events.migrations.0002_seed_event_types")
_curators_migration = importlib.import_module("events.migrations.0004_curation_curators_group")


def seeded_rows_present() -> bool:
    from django.contrib.auth.models import Group

    from events.models import EventType

    return (
        EventType.objects.count() >= len(_event_types_migration.EVENT_TYPES)
        and Group.objects.filter(name=_curators_migration.GROUP).exists()
    )


def restore_seeded_rows() -> None:
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    _event_types_migration.seed(apps, None)
    group, _created = Group.objects.get_or_create(name=_curators_migration.GROUP)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="events", codename__in=_curators_migration.codenames()
        )
    )


def ensure_seeded_rows() -> None:
    if not seeded_rows_present():
        restore_seeded_rows()
