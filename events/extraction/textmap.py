"""Offsets and lines: the bridges between cleaned text and the file on disk.

Stages analyse ``NormalizedText.text`` but every citation must point into the
raw file. ``NormalizedText`` maps cleaned -> raw; the reverse (raw section and
heading spans -> cleaned text) is found here by binary search over that
monotonic map, and 1-based line numbers from counts of the newlines before.
"""

from __future__ import annotations

from itertools import accumulate


class LineIndex:
    """1-based line number of a raw offset: one more than the newlines
    before it.

    A file's events ask for a few hundred line numbers, so the newlines are
    counted (``str.count``, in C) rather than listed: per block of
    ``BLOCK`` characters once, when the index is made, and within the
    offset's block at each look-up - several times cheaper than building a
    table of every line start."""

    BLOCK = 1024

    def __init__(self, raw: str):
        self._raw = raw
        block = self.BLOCK
        # _before[k]: the newlines in raw[: k * BLOCK]
        self._before = [0, *accumulate(raw.count("\n", i, i + block) for i in range(0, len(raw), block))]

    def line(self, offset: int) -> int:
        if offset < 0:
            return 0  # before the first line start, as a bisect over the line starts says
        k = min(offset // self.BLOCK, len(self._before) - 1)
        return self._before[k] + self._raw.count("\n", k * self.BLOCK, offset) + 1


def raw_of(normalized, i: int, raw_len: int) -> int:
    """Raw offset of cleaned offset ``i`` (``len(text)`` maps to the raw end)."""
    if i >= len(normalized.text):
        return raw_len
    return normalized.to_source(i)


def clean_of(normalized, raw_pos: int, raw_len: int) -> int:
    """The first cleaned offset whose raw offset is >= ``raw_pos``."""
    if hasattr(normalized, "to_clean"):
        # Exact even where the map is not monotonic (moved footnotes).
        return normalized.to_clean(raw_pos)
    lo, hi = 0, len(normalized.text)
    while lo < hi:
        mid = (lo + hi) // 2
        if raw_of(normalized, mid, raw_len) < raw_pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def raw_span(normalized, start: int, end: int, raw_len: int) -> tuple[int, int]:
    """Raw span of the cleaned span ``[start, end)`` (end exclusive)."""
    if end <= start:
        s = raw_of(normalized, start, raw_len)
        return s, s
    if hasattr(normalized, "source_span"):
        return normalized.source_span(start, end)
    return raw_of(normalized, start, raw_len), raw_of(normalized, end - 1, raw_len) + 1


class IdentityText:
    """A NormalizedText stand-in for text that needs no cleaning (tests, and
    any caller that analyses the raw text directly)."""

    def __init__(self, text: str):
        self.text = text
        self.footnotes: list[tuple[int, int]] = []

    def to_source(self, i: int) -> int:
        return i

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return start, end
