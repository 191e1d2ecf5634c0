"""A cited span shown inside its passage, for curators to judge at a glance.

Curators decide whether the machine read a passage right, so they need the
words around the quote, not just the quote. Everything here escapes the
source text: sources are data, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html

DEFAULT_RADIUS = 300
ELLIPSIS = "…"
MIN_SLACK = 20  # a long word still fits


@dataclass(frozen=True)
class Passage:
    """The cited span (``quote``) with up to ``radius`` characters either side."""

    before: str
    quote: str
    after: str
    truncated_before: bool
    truncated_after: bool

    def as_html(self) -> str:
        """Escaped passage with the cited span in ``<mark>``."""
        return format_html(
            '<blockquote class="passage">{}{}<mark class="cited">{}</mark>{}{}</blockquote>',
            ELLIPSIS if self.truncated_before else "",
            self.before,
            self.quote,
            self.after,
            ELLIPSIS if self.truncated_after else "",
        )


def passage_around(text: str, start: int, end: int, radius: int = DEFAULT_RADIUS) -> Passage:
    """The span ``text[start:end]`` with context, cut at word boundaries.

    The context is at most ``radius`` characters each way; a cut falls on
    whitespace when there is some within the last fifth of the window (at
    least ``MIN_SLACK`` characters), so
    passages do not begin or end in the middle of a word.
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}:{end} is outside a text of {len(text)} characters")
    lo = max(0, start - radius)
    hi = min(len(text), end + radius)
    slack = max(radius // 5, MIN_SLACK)
    if lo > 0:
        lo = _word_start(text, lo, start, slack)
    if hi < len(text):
        hi = _word_end(text, hi, end, slack)
    return Passage(
        before=text[lo:start],
        quote=text[start:end],
        after=text[end:hi],
        truncated_before=lo > 0,
        truncated_after=hi < len(text),
    )


def _word_start(text: str, lo: int, limit: int, slack: int) -> int:
    """Move ``lo`` forward past a partial word, by at most ``slack`` characters."""
    if text[lo - 1].isspace() or text[lo].isspace():
        return lo
    for i in range(lo, min(lo + slack, limit)):
        if text[i].isspace():
            return i + 1
    return lo


def _word_end(text: str, hi: int, limit: int, slack: int) -> int:
    """Move ``hi`` back before a partial word, by at most ``slack`` characters."""
    if text[hi].isspace() or text[hi - 1].isspace():
        return hi
    for i in range(hi - 1, max(hi - 1 - slack, limit - 1), -1):
        if text[i].isspace():
            return i
    return hi
