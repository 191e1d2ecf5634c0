"""Sentence boundaries, exactly as razdel's ``sentenize`` draws them, faster.

razdel decides every candidate boundary (a full stop, ``?``, ``!``, ``;``, a
closing quote or bracket) with a list of rules looking at about ten
characters on either side. Its generic machinery (a record object and lazily
cached properties per candidate, a growing string buffer, a second pass to
find each sentence again in the text) costs ~17 µs per candidate, which made
it one of the largest items of the whole pipeline. This module applies the
same rules, in the same order, with razdel's own word lists and patterns, as
plain code over offsets: same spans, a fraction of the time.
``events/tests/extraction/test_sentences.py`` checks it against razdel on the
whole corpus.
"""

from __future__ import annotations

from razdel.segmenters.punct import (
    CLOSE_BRACKETS, CLOSE_QUOTES, DASHES, ENDINGS, GENERIC_QUOTES, QUOTES,
)
from razdel.segmenters.sentenize import (
    BULLET_BOUNDS, BULLET_CHARS, BULLET_SIZE, DELIMITER, DELIMITERS, FIRST_TOKEN,
    ROMAN, SMILE_PREFIX, SMILES, SPACE_SUFFIX, TOKEN, WORD,
)
from razdel.segmenters.sokr import HEAD_PAIR_SOKRS, HEAD_SOKRS, INITIALS, PAIR_SOKRS, SOKRS
import re
from bisect import bisect_left, bisect_right

WINDOW = 10  # chars of context on each side of a candidate (razdel's SentSplitter)
_CANDIDATE = re.compile(DELIMITER)
# razdel's first token of the right context, read in place (``match(text,
# pos, endpos)`` instead of a slice). Token classes are runs of one class or
# one sign, so a reversed text's first token is the reversed last token: the
# same pattern, matched at the start of the reversed left context, finds
# razdel's ``LAST_TOKEN`` (a ``search`` anchored at the end, which retries
# every start and backtracks every run: it was half of ``_joins``).
_TOKEN_AFTER_SPACES = re.compile(r"\s*" + TOKEN.pattern)
# razdel's ``PAIR_SOKR`` ("т. е", "и.о") on the reversed left context: the
# groups come out last first.
_PAIR_SOKR_REVERSED = re.compile(r"\s*(\w)\s*\.\s*(\w)")
# The first words of razdel's abbreviation pairs ("т" of "т. е."): a left
# token that is none of them forms no pair with the right one.
_PAIR_HEADS = frozenset(pair[0] for pair in PAIR_SOKRS if len(pair) == 2)


def _lower_alpha(token: str) -> bool:
    return token.isalpha() and token.islower()


def _is_sokr(token: str) -> bool:
    if token.isdigit():
        return True
    if not token.isalpha():
        return True  # punctuation
    return token.islower()


def _is_bullet(token: str) -> bool:
    return bool(
        token.isdigit() or token in BULLET_BOUNDS or token.lower() in BULLET_CHARS or ROMAN.match(token)
    )


def _joins(text: str, start: int, stop: int, delimiter: str, buffer_start: int) -> bool:
    """razdel's verdict on the candidate ``text[start:stop]``: True = the
    sentence goes on. ``buffer_start`` is where the current sentence began
    (its leading spaces included)."""
    # empty_side and no_space_prefix both join: no space after the mark
    # (nor any text) decides at once (``\s`` and str.isspace agree).
    if not text[stop : stop + 1].isspace():
        return True
    # empty_side, lower_right: both join, so the right side (which decides
    # most candidates: "1923 г. в Москве") is looked at first.
    m = _TOKEN_AFTER_SPACES.match(text, stop, stop + WINDOW)
    if m is None:
        return True
    right_token = m.group(1)
    if right_token.isalpha() and right_token.islower():
        return True
    # the left context, reversed in one slice
    if start > WINDOW:
        left_reversed = text[start - 1 : start - WINDOW - 1 : -1]
    else:
        left_reversed = text[start - 1 :: -1] if start else ""
    m = _TOKEN_AFTER_SPACES.match(left_reversed)
    if m is None:
        return True
    left_token = m.group(1)[::-1]
    # delimiter_right: marks are one-character tokens, words never match
    if len(right_token) == 1 and right_token not in GENERIC_QUOTES:
        # a smiley's first character is the right token ("=", ":" or ";")
        if right_token in DELIMITERS or (
            right_token in ("=", ":", ";") and SMILE_PREFIX.match(text[stop : stop + WINDOW])
        ):
            return True
    if delimiter == ".":
        left_lower = left_token.lower()
        # sokr_left; razdel's pair pattern needs a full stop in the left context
        skip_single = False
        if "." in left_reversed:
            pair = _PAIR_SOKR_REVERSED.match(left_reversed)
            if pair:
                b, a = pair.groups()
                key = (a.lower(), b.lower())
                if key in HEAD_PAIR_SOKRS:
                    return True
                if key in PAIR_SOKRS:
                    if _is_sokr(right_token):
                        return True
                    skip_single = True  # razdel's rule returns here without a verdict
        if not skip_single and (left_lower in HEAD_SOKRS or (left_lower in SOKRS and _is_sokr(right_token))):
            return True
        # inside_pair_sokr
        if left_lower in _PAIR_HEADS and (left_lower, right_token.lower()) in PAIR_SOKRS:
            return True
        # initials_left
        if (left_token.isupper() and len(left_token) == 1) or left_lower in INITIALS:
            return True
        # list_item (a full stop is a bullet bound); a full stop is no quote
        # nor bracket
        if start - buffer_start <= BULLET_SIZE and _bullets_only(text, buffer_start, start):
            return True
        return right_token in DASHES and _dash_right(text, stop)
    # list_item
    if delimiter in BULLET_BOUNDS and start - buffer_start <= BULLET_SIZE and _bullets_only(text, buffer_start, start):
        return True
    # close_quote, close_bracket: a closing mark ends a sentence only after
    # a sentence ending ("«Да.»")
    if delimiter in QUOTES:
        if delimiter in CLOSE_QUOTES:
            if left_token not in ENDINGS:
                return True
        elif delimiter in GENERIC_QUOTES:
            if SPACE_SUFFIX.search(left_reversed[::-1]) or left_token not in ENDINGS:
                return True
    if delimiter in CLOSE_BRACKETS and left_token not in ENDINGS:
        return True
    return right_token in DASHES and _dash_right(text, stop)


def _bullets_only(text: str, start: int, stop: int) -> bool:
    """razdel's list_item: every token of ``text[start:stop]`` is a bullet."""
    return all(_is_bullet(t) for t in TOKEN.findall(text, start, stop))


def _dash_right(text: str, stop: int) -> bool:
    """razdel's dash_right, after a dash: a lower-case word joins."""
    m = WORD.search(text[stop : stop + WINDOW])
    return bool(m and _lower_alpha(m.group(1)))


def _stripped(text: str, start: int, end: int):
    chunk = text[start:end]
    body = chunk.strip()
    if not body:
        return None
    s = start + (len(chunk) - len(chunk.lstrip()))
    return s, s + len(body)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-empty sentence of ``text``, stripped of
    surrounding whitespace - the spans of ``razdel.sentenize(text)``."""
    spans = []
    buffer_start = 0
    for start, stop in _open_candidate_spans(text):
        if _joins(text, start, stop, text[start:stop], buffer_start):
            continue
        span = _stripped(text, buffer_start, stop)
        if span:
            spans.append(span)
        buffer_start = stop
    span = _stripped(text, buffer_start, len(text))
    if span:
        spans.append(span)
    return spans


_MARK = re.compile("[" + re.escape(DELIMITERS + "=:;") + "]")  # a candidate's first character
_SMILE = re.compile(SMILES)


def _candidate_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``_CANDIDATE.finditer(text)``, found ~4x faster: a plain
    character class lets the regex engine jump from mark to mark, and the
    rare smiley (``:)``, ``;-(``) is tried only where one can start."""
    spans = []
    taken = 0  # end of the last smiley: marks inside it are no candidates
    for m in _MARK.finditer(text):
        i = m.start()
        if i < taken:
            continue
        ch = text[i]
        if ch in "=:;":
            smile = _SMILE.match(text, i)
            if smile:
                taken = smile.end()
                spans.append((i, taken))
                continue
            if ch not in DELIMITERS:
                continue
        spans.append((i, i + 1))
    return spans


# Lower-case and upper-case letters (each ``isalpha()`` and ``islower()``
# or ``isupper()``: a test checks every one).
_LOWER_LETTERS = "a-zß-öø-ÿа-яё"
_UPPER_LETTERS = "A-ZÀ-ÖØ-ÞА-ЯЁ"
# razdel's one-letter abbreviations that always join ("1923 г. Троцкий",
# "т. Сталину") unless razdel sees a pair of them ("т. е.").
_HEAD_LETTERS = "".join(sorted(w for w in HEAD_SOKRS if len(w) == 1 and w.isalpha() and w.islower()))


# The candidates that can end a sentence: a smiley or a mark followed by a
# space, not by a lower-case word (razdel's lower_right joins), nor a full
# stop after a lone capital (initials_left: "Л. Троцкий") or after a
# one-letter head abbreviation that no full stop comes right before, so
# that razdel's pair rule cannot see one (sokr_left: "1923 г. Троцкий",
# "в г. Москве"; not "т. г."), nor a closing quote or bracket right after
# anything but a sentence ending (close_quote, close_bracket: "(1923) Он",
# not "(Да.) Он"). Any other candidate joins by razdel's rules, whatever
# the rest of its context, so leaving it out changes no verdict (a joining
# candidate leaves the sentence's start where it was). Each test is a
# short look-behind, cheaper than a verdict; longer abbreviations ("тов.")
# are left to ``_joins``: a look-behind per word length cost more than the
# verdicts it spared. One pattern led by a character class lets the regex
# engine skip from mark to mark in C; a smiley is tried first, as razdel's
# pattern does.
_OPEN_CANDIDATE = re.compile(
    "[" + re.escape(DELIMITERS + "=:;") + "]"
    r"(?:(?<=[=:;])-?[)(]{1,3}(?=\s)"
    r"|(?<=[" + re.escape(DELIMITERS) + r"])(?=\s)(?!\s+[" + _LOWER_LETTERS + r"]+(?![^\W\d]))"
    r"(?<!(?<![^\W\d])[" + _UPPER_LETTERS + r"]\.)"
    r"(?<!(?:\d|[^\w\s.])[" + _HEAD_LETTERS + r"]\.)"
    r"(?<![^\s.]\s[" + _HEAD_LETTERS + r"]\.)"
    r"(?<![^\s" + re.escape(ENDINGS) + "][" + re.escape(CLOSE_BRACKETS + CLOSE_QUOTES + GENERIC_QUOTES) + "]))"
)


def _open_candidate_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``_candidate_spans(text)`` that may end a sentence (see
    ``_OPEN_CANDIDATE``): about half of them on the corpus, found in one regex
    pass."""
    return [m.span() for m in _OPEN_CANDIDATE.finditer(text)]


# A window of candidates starts this far before the first position asked
# about in it (on a space, see ``_Candidates``) and grows back by twice as
# much each time a sentence or cluster reaches back past it; a position
# further than ``_JUMP`` past the candidates listed so far opens a fresh
# window rather than listing the candidates in between. (Tuning only: any
# positive values give the same sentences.)
_WINDOW_BACK = 200
_JUMP = 400
_SPACE_REACH = 1000  # chars looked back for a space to start a window after


class _Candidates:
    """razdel's verdicts for a text, worked out only where asked.

    A verdict depends on ten characters either side of the candidate and,
    through razdel's list-item rule, on where the current sentence began -
    but only when that was at most ``BULLET_SIZE`` characters earlier. So a
    candidate more than that far from the previous one starts a *cluster*
    that can be decided without knowing anything before it, and a verdict is
    found by deciding its cluster from the start, never the whole text.

    Likewise the candidates themselves are listed only around the positions
    asked about: in one window, from ``lo`` on, that a forward search
    extends as the (rising) positions go on, that a position far past it
    replaces by a fresh one, and that grows back when a sentence or a
    cluster begins before it. A window starts at 0 or right after a space:
    no candidate (marks and smileys, never spaces) straddles that point, and
    the pattern's look-behinds read the text before it, so a search from
    there finds exactly the candidates a search from 0 finds after it.
    """

    FAR = -(1 << 40)  # "the sentence began long before": the list-item rule cannot apply

    def __init__(self, text: str):
        self.text = text
        self._found = None  # the window's search, once one is open

    def _open(self, lo: int) -> None:
        """A fresh, empty window from ``lo`` (0 or right after a space)."""
        self.lo = lo
        self._back = _WINDOW_BACK
        self.starts: list[int] = []
        self.stops: list[int] = []
        # candidate index -> where the sentence open after it began (its
        # own stop when it ends a sentence), None until decided
        self.after: list[int | None] = []
        self._found = _OPEN_CANDIDATE.finditer(self.text, lo)
        self._next = next(self._found, None)  # the first candidate not listed yet

    def _pull(self) -> bool:
        """List the next candidate of the window; False if there is none."""
        m = self._next
        if m is None:
            return False
        a, b = m.span()
        self.starts.append(a)
        self.stops.append(b)
        self.after.append(None)
        self._next = next(self._found, None)
        return True

    def _space_before(self, pos: int) -> int:
        """The offset right after the last space before ``pos`` (0 if none
        is near): where a window may start."""
        floor = max(0, pos - _SPACE_REACH)
        return max(self.text.rfind(" ", floor, pos), self.text.rfind("\n", floor, pos)) + 1

    def _grow_back(self) -> None:
        """Start the window further back, listing the candidates before it."""
        lo = self._space_before(max(0, self.lo - self._back))
        self._back *= 2
        starts, stops = [], []
        for m in _OPEN_CANDIDATE.finditer(self.text, lo):
            a, b = m.span()
            if a >= self.lo:
                break
            starts.append(a)
            stops.append(b)
        self.starts[:0] = starts
        self.stops[:0] = stops
        self.after[:0] = [None] * len(starts)
        self.lo = lo

    def _decide(self, k: int) -> int | None:
        """Decide candidate ``k`` and the undecided ones of its cluster
        before it; where the sentence open after ``k`` began. None when
        the cluster may begin before the window."""
        text, starts, stops, after = self.text, self.starts, self.stops, self.after
        j = k
        while j > 0 and after[j - 1] is None and stops[j - 1] >= starts[j] - BULLET_SIZE:
            j -= 1
        if j > 0:
            buffer_start = after[j - 1]
            if buffer_start is None:
                buffer_start = self.FAR
        elif self.lo == 0:
            buffer_start = 0
        elif starts[0] - BULLET_SIZE > self.lo:
            # a candidate before the window stops before it: too far to matter
            buffer_start = self.FAR
        else:
            return None
        for i in range(j, k + 1):
            a, b = starts[i], stops[i]
            if not _joins(text, a, b, text[a:b], buffer_start):
                buffer_start = b
            after[i] = buffer_start
        return buffer_start

    def _start_before(self, pos: int) -> int | None:
        """Where the raw chunk holding ``pos`` begins (the stop of the last
        candidate before it that ends a sentence); None when that is not
        known inside the window."""
        stops, after = self.stops, self.after
        for j in range(bisect_right(stops, pos) - 1, -1, -1):
            began = after[j]
            if began is None:
                began = self._decide(j)
                if began is None:
                    return None
            if began == stops[j]:
                return began
        return 0 if self.lo == 0 else None

    def sentence_at(self, pos: int) -> tuple[int, int] | None:
        """The stripped sentence whose raw chunk holds ``pos``."""
        if self._found is None:
            self._open(self._space_before(max(0, pos - _WINDOW_BACK)))
        elif self._next is not None and pos - self._next.start() > _JUMP:
            lo = self._space_before(pos - _WINDOW_BACK)
            if lo > self._next.start():  # (not where no space is near: listing on is linear)
                self._open(lo)
        while self._next is not None and self._next.start() <= pos:
            self._pull()
        start = self._start_before(pos)
        while start is None:
            self._grow_back()
            start = self._start_before(pos)
        # the chunk ends at the first candidate after it that ends a
        # sentence: the one before ``pos`` is decided, so every cluster
        # after it is decided inside the window
        stops, after = self.stops, self.after
        j = bisect_right(stops, pos)
        end = len(self.text)
        while j < len(stops) or self._pull():
            began = after[j]
            if began is None:
                began = self._decide(j)
            if began == stops[j]:
                end = began
                break
            j += 1
        return _stripped(self.text, start, end)


def sentences_at(text: str, positions) -> list[tuple[int, int]]:
    """The sentences of ``text`` (as ``sentence_spans`` gives them) that
    contain one of ``positions`` (ascending, each at a non-space character),
    in order, each once - without splitting the rest of the text."""
    positions = list(positions)

    def next_at(pos: int) -> int:
        i = bisect_left(positions, pos)
        return positions[i] if i < len(positions) else -1

    return sentences_found_by(text, next_at)


def sentences_found_by(text: str, next_at) -> list[tuple[int, int]]:
    """Like ``sentences_at``, with the positions given by ``next_at(pos)``:
    the first one ``>= pos`` (at a non-space character), or -1. It is asked
    with rising ``pos`` and never about the inside of a sentence already
    found, so a lazy finder skips those parts of the text."""
    found: list[tuple[int, int]] = []
    candidates = None
    pos = next_at(0)
    while pos >= 0:
        if candidates is None:
            candidates = _Candidates(text)
        span = candidates.sentence_at(pos)
        if span and (not found or span != found[-1]):
            found.append(span)
        pos = next_at(max(pos + 1, span[1] if span else 0))
    return found
