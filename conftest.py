"""Test-wide fixtures."""

import importlib
from pathlib import Path

import pytest

SOURCES_DIR = Path(__file__).resolve().parent / "fixtures" / "sources"

_event_types_migration = importlib.import_module("events.migrations.0002_seed_event_types")
_curators_migration = importlib.import_module("events.migrations.0004_curation_curators_group")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return SOURCES_DIR


def restore_seeded_rows() -> None:
    """Put back the rows data migrations create (event types, the Curators group).

    A transactional test ends by flushing every table, seeded rows included;
    Django re-creates content types and permissions on flush, but not data
    seeded by migrations. Restoring them here (rather than with
    ``serialized_rollback``, which clashes with those re-created content
    types) makes tests independent of the order they run in.
    """
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    _event_types_migration.seed(apps, None)
    group, _created = Group.objects.get_or_create(name=_curators_migration.GROUP)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="events", codename__in=_curators_migration.codenames()
        )
    )


@pytest.fixture(autouse=True)
def _seeded_rows_in_transactional_tests(request):
    marker = request.node.get_closest_marker("django_db")
    transactional = (
        "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
        or (marker is not None and marker.kwargs.get("transaction"))
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        restore_seeded_rows()
    yield
