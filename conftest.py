"""Test-wide fixtures."""

from pathlib import Path

import pytest

SOURCES_DIR = Path(__file__).resolve().parent / "fixtures" / "sources"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return SOURCES_DIR
