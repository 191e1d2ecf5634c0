"""Refuse source files too large to ingest, before reading a byte of them.

A source is read whole, decoded and analysed in memory; a file far larger
than any real source (the corpus's largest is 3.4 MB) is a mistake or an
attack and would tie up the process for minutes. The limit is
``settings.CHRONICLE_MAX_SOURCE_BYTES`` (environment variable of the same
name; 20 MB by default).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from .extraction.pipeline import SourceReadError

DEFAULT_MAX_SOURCE_BYTES = 20 * 1024 * 1024


def max_source_bytes() -> int:
    return int(getattr(settings, "CHRONICLE_MAX_SOURCE_BYTES", DEFAULT_MAX_SOURCE_BYTES))


def check_source_size(path) -> None:
    """Raise ``SourceReadError`` naming the file, its size and the limit if it is too large."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        return  # read_source reports missing and unreadable files in its own words
    limit = max_source_bytes()
    if size > limit:
        raise SourceReadError(
            f"{path}: file is too large to ingest ({size:,} bytes; the limit is {limit:,} bytes, "
            "set CHRONICLE_MAX_SOURCE_BYTES to change it)"
        )


def check_source_text(path, text: str) -> None:
    """Refuse a decoded text holding NUL characters: it is a binary file that
    happens to decode, and PostgreSQL cannot store NUL in a text column."""
    position = text.find("\x00")
    if position != -1:
        raise SourceReadError(
            f"{Path(path)}: contains NUL bytes (first at character {position}); "
            "this looks like a binary file, not a text source"
        )
