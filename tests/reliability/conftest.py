"""Fixtures of the reliability tests."""

import pytest

from .databases import DatabaseFactory


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    """Throwaway databases of the suite's kind (SQLite files or PostgreSQL databases)."""
    factory = DatabaseFactory(tmp_path_factory.mktemp("databases"))
    yield factory
    factory.close()
