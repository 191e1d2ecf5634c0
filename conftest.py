"""Test-wide fixtures."""

from pathlib import Path

import pytest

from events.tests.seeding import ensure_seeded_rows

SOURCES_DIR = Path(__file__).resolve().parent / "fixtures" / "sources"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return SOURCES_DIR


@pytest.fixture(autouse=True)
def _seeded_rows(request):
    """Every database test starts with the migration-seeded rows present."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    transactional = (
        bool({"transactional_db", "live_server"} & names)
        or (marker is not None and marker.kwargs.get("transaction"))
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        ensure_seeded_rows()
    elif marker is not None or "db" in names:
        request.getfixturevalue("db")
        ensure_seeded_rows()
    yield
