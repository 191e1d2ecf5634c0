"""Shared, cached access to the corpus files for the extraction tests."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from events.extraction.normalize import NormalizedText, normalize

SOURCES = Path(__file__).resolve().parents[3] / "fixtures" / "sources"

FILES = {
    "000": "000_f5ef5ab2162ad18e.txt",
    "001": "001_e9b9b5efb6246efd.txt",
    "002": "002_5fc3e525d96b021f.txt",
    "003": "003_c05c5337956b655d.txt",
    "004": "004_ef18ee88021a40d8.txt",
}


@lru_cache(maxsize=None)
def raw(key: str) -> str:
    return (SOURCES / FILES[key]).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def normalized(key: str) -> NormalizedText:
    return normalize(raw(key))


@lru_cache(maxsize=None)
def layout(key: str):
    from events.extraction.segment import segment

    return segment(raw(key), FILES[key], normalized(key))
