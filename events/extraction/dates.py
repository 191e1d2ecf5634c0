"""Find date expressions in (normalised) text and turn them into EDTF.

This is the "find dates" stage of the extraction pipeline. It is a small
rule engine in the HeidelTime tradition: every word it knows (month names in
all cases, seasons, parts of the year, qualifiers, calendar markers...) lives
in ``resources/dates/<lang>.yaml``; this module only knows the *shapes* of
date expressions ("day month year", "part-of-year year", "from X to Y"...).

Speed matters (the corpus is several megabytes and dateparser manages about
35k chars/s), so each language's rules are compiled once into one big
alternation regex that is scanned with ``search``, behind a gate on the
words a date can begin with; only the few places where it matches are
looked at in Python. Each rule is also compiled on its own,
with named groups, to read the parts of a match and to fall back to the next
rule when a match turns out not to be a date (a year out of range, a page
reference...).

Public API (other stages code against exactly this)::

    find_dates(text, lang, context=None) -> list[DateMention]
    julian_to_gregorian(y, m, d) -> datetime.date
    roman_to_int(s) -> int | None
    iter_with_context(paragraphs, lang, context=None)

Dates are always returned Gregorian; an Old Style source date keeps its
written value in ``original_edtf`` and ``calendar == "julian"``. Only day
dates are converted (a part of a month, a month or a year is left as
written); relative days count from the (Gregorian) document date.

Rules (``DateMention.rule``), tried in this order at each place:
dual (Old/New Style pair), night, from_to (с…по, entre…et, between…and),
open_from (С февраля 1914 г. -> 1914-02/..), day_month_range, day_range,
month_range, season_range, part_range, part_of_month, part_of_year, season,
day_month_year, month_day_year (en), day_month, month_year, month_day (en),
numeric, roman_numeric, decade, year_range, year, month_only, season_only,
year_reference, relative_day. Qualifiers in front (около, не ранее, vers...)
and markers after (``(?)``, по ст. ст.) wrap any of them.
"""

from __future__ import annotations

import calendar as _calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Iterator, NamedTuple

from . import resources
from .types import DateMention

__all__ = [
    "DateContext",
    "find_dates",
    "iter_with_context",
    "julian_to_gregorian",
    "roman_to_int",
]


# How far after the writing day a year-less date must fall to be last year's
# (see ``DateContext.written_on``).
LAST_YEARS_DATE_AFTER = datetime.timedelta(days=183)
# A year-less month told after the story has reached a later month of the
# context year lies nearer ahead than behind when going back would take
# more than this many months (see ``DateContext.month``).
NEXT_YEARS_MONTH_BEHIND = 6


@dataclass
class DateContext:
    """What the caller knows about where ``text`` sits.

    ``year``/``month``: the paragraph's or document's last explicit year
    (and month); year-less dates ("21 октября") take their year from here.
    ``document_date``: the date the document was written, for relative
    expressions ("вчера", "с.г."); relative *days* need day precision.
    ``julian``: True/False forces the source calendar; None applies the
    language's rule (Russian day dates before 1918-02-14 are Old Style).
    ``written_on``: the day the text was written. A year-less date that
    takes ``year`` from here and would fall more than half a year after
    that day is told of the year before ("16 декабря" in a letter of
    February 1929 is December 1928). A nearer one stays: plans told ahead
    ("открывается 15-го марта") and enclosures written a few days after
    their covering note's date are common. A year given earlier in
    ``text`` itself is left alone.
    ``month`` (with ``year``, when no ``written_on`` is given): the month a
    running story has reached. A year-less date that takes ``year`` from
    here and whose month lies more than half a year behind it is told of
    the next year: a story told in order goes on forward ("в начале ноября
    1916 г. ... 27 марта выезжает" is March 1917), while a look back of a
    few months ("в ноябре ... еще в октябре") stays in the year.
    ``this_year``: the year the text is written in when no
    ``document_date`` says it (the latest year an undated document has
    reached): "с. г." is that year, not the year the story is at.
    """

    year: int | None = None
    month: int | None = None
    document_date: datetime.date | None = None
    julian: bool | None = None
    written_on: datetime.date | None = None
    this_year: int | None = None


# --------------------------------------------------------------------------
# Calendars and numerals
# --------------------------------------------------------------------------

# JDN of 0001-01-01 (proleptic Gregorian) is 1721426; date.toordinal() is 1.
_ORDINAL_TO_JDN = 1721425


def julian_to_gregorian(y: int, m: int, d: int) -> datetime.date:
    """Convert a Julian-calendar date to the Gregorian ``datetime.date``.

    Goes through the Julian Day Number, so it is right for every century
    (+10 days in 1582-1700, +11 in the 18th, +12 in the 19th, +13 in
    1900-2099), including the century leap days (29 February 1900 Julian).
    """
    a = (14 - m) // 12
    yy = y + 4800 - a
    mm = m + 12 * a - 3
    jdn = d + (153 * mm + 2) // 5 + 365 * yy + yy // 4 - 32083
    return datetime.date.fromordinal(jdn - _ORDINAL_TO_JDN)


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_CANONICAL = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


def roman_to_int(s: str) -> int | None:
    """Value of a Roman numeral, or None if ``s`` is not one.

    Accepts the OCR look-alikes listed in ``resources/dates/common.yaml``
    (Cyrillic П = II, Ш = III, У = V, Х = X; digit 1 = I), so ``"УП"`` is 7,
    ``"УШ"`` 8, ``"1Х"`` 9 and ``"ХП"`` 12. Only well-formed numerals count
    ("IIII", "VX" are rejected).
    """
    if not s:
        return None
    lookalikes = _common()["roman_lookalikes"]
    latin = "".join(lookalikes.get(ch, ch) for ch in s.strip()).upper()
    if not latin or any(ch not in _ROMAN_VALUES for ch in latin):
        return None
    if not _ROMAN_CANONICAL.fullmatch(latin):
        return None
    total = 0
    for i, ch in enumerate(latin):
        value = _ROMAN_VALUES[ch]
        if i + 1 < len(latin) and _ROMAN_VALUES[latin[i + 1]] > value:
            total -= value
        else:
            total += value
    return total or None


@lru_cache(maxsize=None)
def _common() -> dict:
    data = dict(resources.load("dates", "common"))
    data["roman_lookalikes"] = {str(k): str(v) for k, v in data["roman_lookalikes"].items()}
    return data


# --------------------------------------------------------------------------
# Values: points and intervals, rendered as EDTF
# --------------------------------------------------------------------------


class _Point(NamedTuple):
    """One calendar point at some precision (year, month, day, season or
    part of year via ``sub``, decade).

    Points and values are immutable tuples rather than frozen dataclasses:
    every date read makes a few of them, and a tuple is made several times
    faster (a frozen dataclass sets each field through ``object.__setattr__``)."""

    year: int
    month: int | None = None
    day: int | None = None
    sub: int | None = None  # EDTF level-2 sub-year code (21-24 seasons, 37-41 parts)
    decade: bool = False

    @property
    def precision(self) -> str:
        if self.decade:
            return "decade"
        if self.day:
            return "day"
        if self.month:
            return "month"
        if self.sub:
            return "season"
        return "year"

    def edtf(self) -> str:
        if self.decade:
            return f"{self.year // 10:03d}X"
        if self.sub:
            return f"{self.year:04d}-{self.sub:02d}"
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        if self.day:
            return datetime.date(self.year, self.month, self.day)
        if self.month:
            return datetime.date(self.year, self.month, _month_len(self.year, self.month))
        return datetime.date(self.year + (9 if self.decade else 0), 12, 31)


class _Value(NamedTuple):
    """A point or an interval; ``start``/``end`` None means open (``..``)."""

    start: _Point | None
    end: _Point | None = None
    interval: bool = False
    qualifier: str = ""  # "~" approximate, "?" uncertain

    @property
    def points(self) -> tuple[_Point, ...]:
        start, end = self.start, self.end
        if start is None:
            return () if end is None else (end,)
        return (start,) if end is None else (start, end)

    def edtf(self) -> str:
        q = self.qualifier
        if not self.interval:
            return self.start.edtf() + q
        left = self.start.edtf() + q if self.start else ".."
        right = self.end.edtf() + q if self.end else ".."
        return f"{left}/{right}"


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_len(year: int, month: int) -> int:
    if not 1 <= month <= 12:
        return _calendar.monthrange(year, month)[1]  # raises as it always did
    return 29 if month == 2 and _calendar.isleap(year) else _MONTH_DAYS[month]


def _day_point(year: int, month: int, day: int) -> _Point | None:
    if not (1 <= month <= 12) or not (1 <= day <= _month_len(year, month)):
        return None
    return _Point(year, month, day)


# --------------------------------------------------------------------------
# Building the regexes from the resources
# --------------------------------------------------------------------------

_WS = r"\s+"
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _variants(word: str) -> set[str]:
    """The spellings a resource word is matched in: as written, lower case,
    Capitalised (sentence start) and UPPER CASE (headings). Listing them is
    much faster than re.IGNORECASE, which disables the regex engine's
    first-character shortcuts."""
    word = " ".join(str(word).split())
    if not word:
        return set()
    return {word, word.lower(), word[:1].upper() + word[1:], word.upper()}


def _alt(words: Iterable[str], abbreviation: bool = False, script: str | None = None) -> str:
    """One regex for a list of resource words, as a character trie.

    A trie ("январ(?:я|ь|е...)") lets the engine reject a position on its
    first character; longer words come before their prefixes (alternation
    is ordered, so "года" is tried before "год" and "г"). Inner spaces match
    any whitespace (line breaks too); a word that ends in a letter or digit
    must end there. ``abbreviation``: a final dot is optional. ``script``:
    see ``_root_regex``."""
    spellings: set[str] = set()
    for w in words:
        for v in _variants(w):
            spellings.add(v)
            if abbreviation and not v.endswith("."):
                spellings.add(v + ".")
    return _trie_alt({v: {""} for v in spellings}, script)


def _trie_alt(spellings: dict[str, set[str]], script: str | None = None) -> str:
    """The trie regex of spellings -> what may follow each of them
    (``script``: see ``_root_regex``)."""
    if not spellings:
        return ""
    trie: dict = {}
    for w, after in spellings.items():
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node.setdefault("", set()).update(after)
    return "(?:" + _root_regex(trie, script) + ")"


def _root_regex(trie: dict, script: str | None = None) -> str:
    """The first level of a trie regex, its rare first letters behind one
    test per kind.

    The regex engine tries a word's first letters one after another (each
    alternative is passed over by one comparison, but all are); every
    capital doubles one ("М" of "Мая", "МАЯ" beside "м" of "мая"), and
    capitals are rare at a word start. So the capitals are one alternative:
    a character class looked ahead at, then their own branches
    (``(?=[МН])(?:Мая|Ноября)``: each passed over by one comparison too,
    where a look-behind per letter was a test of its own). Given a ``script`` (see
    ``_script_of``) the text is written in, the small letters of the other
    scripts are one more such alternative. Only one alternative of the first
    level can match where any does (they begin with different letters), so
    the regex matches the same text, in the same order of preference."""
    letters = [ch for ch in trie if ch]
    rare = [sorted(ch for ch in letters if ch.isupper())]
    if script is not None:
        rare.append(sorted(ch for ch in letters if not ch.isupper() and _script_of(ch) != script))
    rare = [group for group in rare if len(group) >= 2]
    grouped = {ch for group in rare for ch in group}
    if not rare or len(grouped) == len(letters):
        return _trie_regex(trie, "")
    common = _trie_regex({ch: node for ch, node in trie.items() if ch not in grouped}, "")
    return "|".join([common] + [
        "(?=[" + "".join(map(re.escape, group)) + "])" + _trie_regex({ch: trie[ch] for ch in group}, "")
        for group in rare])


def _script_of(ch: str) -> str:
    """The script a letter belongs to, as Unicode names it ("LATIN", "CYRILLIC")."""
    return unicodedata.name(ch, "").split(" ")[0]


def _trie_regex(node: dict, last: str) -> str:
    branches = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " else re.escape(ch)
        branches.append(piece + _trie_regex(node[ch], ch))
    if "" in node:
        # A word ends where letters end; a glued digit (footnote marker,
        # "октября1923") does not extend it.
        end = r"(?![^\W\d_])" if last.isalnum() else ""
        after = node[""]
        tail = "" if "" in after else "(?:" + "|".join(sorted(after)) + ")"
        branches.append(end + tail)
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


_WS_QUANTIFIER = re.compile(r"\\s([*+])(?![+?])")


@lru_cache(maxsize=None)
def _spelled_class(category: str) -> str:
    r"""The character class ``category`` (one that names a Unicode category,
    such as ``[\W\d_]``) written out as the characters of the Basic
    Multilingual Plane it holds, plus every character beyond that plane.

    A search for a pattern that opens with a class first skips, in C, to a
    character of the class; a category is looked up in Unicode's tables at
    every character, a written-out class is one bitmap test, and the scans
    of whole paragraphs below run about twice as fast to their candidates.
    The written-out class is wider only beyond the BMP (rare letters and
    signs); ``_search_from_class`` checks a match there against
    ``category`` itself."""
    plane = "".join(map(chr, range(0x10000)))
    codes = sorted({ord(ch) for ch in re.findall(category, plane)})
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    spelled = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in runs)
    return f"[{spelled}\U00010000-\U0010ffff]"


def _search_from_class(pattern: re.Pattern, category: re.Pattern, text: str, pos: int,
                       end: int | None = None) -> re.Match | None:
    """``pattern.search(text, pos, end)`` for a pattern that opens with
    ``_spelled_class`` of ``category``: a match whose first character lies
    beyond the BMP and is not of ``category`` is passed over, so the match
    found is the one the pattern opening with ``category`` finds."""
    end = len(text) if end is None else end
    m = pattern.search(text, pos, end)
    while m is not None and text[m.start()] > "\uffff" and category.match(text, m.start()) is None:
        m = pattern.search(text, m.start() + 1, end)
    return m


def _next_word_starts(then: list[str] | None, digit: bool = True) -> frozenset[str] | None:
    """The beginnings a word that comes after a rule's first word can have
    when the rule says which words come next (``then``): the first two
    letters of one of those words, in any of their spellings, and "" if a
    number may come instead (``digit``); None when the rule does not say
    (anything may follow)."""
    if then is None:
        return None
    return frozenset(v.split()[0][:2] for w in then for v in _variants(w)) | ({""} if digit else set())


def _next_word_test(starts: frozenset[str] | None) -> str:
    """What must follow a word when only ``starts`` (see ``_next_word_starts``)
    may begin the next one: spaces, then one of them (a digit for ""); ""
    when anything may follow. A digit is let through only where a rule
    takes one: "в 1920" begins no date at "в" (only "в мае" does; the year
    is read from its own digits), and "в" + digit is frequent.

    The beginnings are grouped by their first letter ("ян|Ян|ЯН|ма|..." ->
    "я[н]|Я[нН]|м[а]|..."): the regex engine tries the alternatives of a
    group one after another, and this test runs after every "в" and "с"."""
    if starts is None:
        return ""
    seconds: dict[str, set[str]] = {}
    for start in starts - {""}:
        seconds.setdefault(start[0], set()).add(start[1:])
    branches = [r"\d"] if "" in starts else []
    for first in sorted(seconds):
        after = seconds[first]
        if "" in after:  # a one-letter beginning: any second letter will do
            branches.append(re.escape(first))
        else:
            branches.append(re.escape(first) + "[" + "".join(re.escape(c) for c in sorted(after)) + "]")
    return r"\s+(?:" + "|".join(branches) + ")" if branches else "(?!)"


def _possessive(pattern: str) -> str:
    r"""``\s*`` -> ``\s*+`` and ``\s+`` -> ``\s++`` (Python 3.11+)."""
    return _WS_QUANTIFIER.sub(lambda m: "\\s" + m.group(1) + "+", pattern)


def _first_chars(words: Iterable[str]) -> str:
    """A character class of the first letters of ``words`` (all spellings)."""
    chars = sorted({v[0] for w in words for v in _variants(w)})
    return "[" + "".join(re.escape(c) for c in chars) + "]"


def _key(s: str) -> str:
    """Lookup key for a matched word: lower-case, single spaces, no final dot."""
    return " ".join(s.lower().split()).rstrip(".")


# A Roman numeral as the numeric rules read one (a month, a century), OCR
# look-alikes included (see ``roman_to_int``).
_ROMAN_NUMERAL = r"(?=[1lІі]*[IVXПШУХivxпшух])[IVXПШУХІ1ivxпшухіl]{1,5}(?!\w)"


@dataclass
class _Rule:
    """One rule with named groups; compiled on first use, since only the
    rules that actually match somewhere need their own regex."""

    name: str
    source: str
    _compiled: re.Pattern | None = None

    @property
    def pattern(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled


class _Engine:
    """The compiled rules of one language."""

    def __init__(self, lang: str):
        self.lang = lang
        common = _common()
        res = resources.load("dates", lang)
        self.res = res
        self.common = common

        # --- lookup tables -------------------------------------------------
        self.month_of: dict[str, int] = {}
        for num, forms in (res.get("months") or {}).items():
            for form in forms:
                self.month_of[_key(form)] = int(num)
        for num, forms in (res.get("month_abbreviations") or {}).items():
            for form in forms:
                self.month_of[_key(form)] = int(num)
        self.issue_month_forms = _issue_month_forms(res.get("issue_months") or {})
        for form, num in self.issue_month_forms.items():
            self.month_of[_key(form)] = num
        month_alt = _alt(
            [f for forms in (res.get("months") or {}).values() for f in forms]
            + [f + "." for forms in (res.get("month_abbreviations") or {}).values() for f in forms]
            + [f for forms in (res.get("month_abbreviations") or {}).values() for f in forms]
        )

        self.season_of = {
            _key(w): int(code) for code, ws in (res.get("seasons") or {}).items() for w in ws
        }
        self.part_of = {_key(w): kind for kind, ws in (res.get("parts") or {}).items() for w in ws}
        self.yref_of = {
            _key(w): kind for kind, ws in (res.get("year_references") or {}).items() for w in ws
        }
        self.relday_of = {_key(w): int(v) for w, v in (res.get("relative_days") or {}).items()}
        restating = res.get("restating_words") or []
        # a few words ("после этого"), then "а именно" right before the date
        self.restating = re.compile(
            r"^[^.;!?]{0,40}?(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(restating, key=len, reverse=True))
            + r")[\s,:]*$", re.I) if restating else None
        self.qual_kind = {}
        for kind in ("approximate", "not_before", "not_after"):
            for w in res.get(kind) or []:
                self.qual_kind[_key(w)] = kind

        self.month_parts = {k: tuple(v) for k, v in common["month_parts"].items()}
        self.year_parts = {k: int(v) for k, v in common["year_parts"].items()}
        self.year_part_months = {k: tuple(v) for k, v in common["year_part_months"].items()}
        self.confidence = common["confidence"]
        until = str(res.get("julian_until") or "")
        self.julian_until = datetime.date.fromisoformat(until) if until else None
        ju = self.julian_until
        self.julian_until_ymd = (ju.year, ju.month, ju.day) if ju is not None else None
        self.century = int(common["two_digit_century"])

        # --- fragments -------------------------------------------------------
        dash = "[" + re.escape(common["dashes"]) + "]"
        DASH = rf"\s*{dash}\s*"
        daysuf = res.get("day_suffix_regex") or ""
        decsuf = res.get("decade_suffix_regex") or ""
        # A year must not be the start of a decade ("1930-х", "1930s") or
        # run on into letters ("1935abc"); a glued year word is fine.
        year_guard = r"(?!\d)"
        if decsuf:
            year_guard += rf"(?!{decsuf}(?!\w))"
        yw = _alt(res.get("year_words") or [])
        ywpl = _alt(res.get("year_words_plural") or [])
        YWOPT = rf"(?:\s*{yw})?" if yw else ""
        def raw_words(key):
            value = res.get(key) or {}
            if isinstance(value, dict):
                return [w for ws in value.values() for w in (ws if isinstance(ws, list) else [])]
            return list(value)

        yref = _alt(raw_words("year_references"))
        seasons = _alt(raw_words("seasons"))
        parts = _alt(raw_words("parts"))
        plinks = _alt(res.get("part_links") or [])
        slinks = _alt(res.get("season_links") or [])

        def D(i):
            suffix = f"(?:{daysuf})?" if daysuf else ""
            return rf"(?P<d{i}>3[01]|[12]\d|0?[1-9])(?!\d){suffix}"

        # "в октябре м-це 1927 года", "в конце марта месяца"
        month_noun = _alt(res.get("month_nouns") or [])
        month_tail = rf"(?>(?:\s+{month_noun})?)" if month_noun else ""

        def M(i):
            return rf"(?P<m{i}>{month_alt}){month_tail}"

        def Y(i):
            return rf"(?P<y{i}>\d{{4}}){year_guard}"

        def YX(i):
            """A year (with optional year word) or a year reference."""
            alts = [Y(i) + YWOPT]
            if yref:
                alts.append(rf"(?P<yr{i}>{yref})")
            return "(?:" + "|".join(alts) + ")"

        def yref_alt(i):
            return rf"|(?P<yr{i}>{yref})" if yref else ""

        def S(i):
            return rf"(?P<s{i}>{seasons})" if seasons else None

        def ATOM(i, bare_day=False):
            """One end of a "from ... to ..." range. The first end may be a
            bare day ("с 1 по 5 сентября")."""
            if bare_day:
                head = rf"(?:{D(i)}(?:\s+{M(i)})?|(?P<mb{i}>{month_alt}))"
            else:
                head = rf"(?:{D(i)}\s+)?{M(i)}"
            if seasons:
                head = rf"(?:{head}|{S(i)})"
            bare = rf"(?P<yb{i}>\d{{4}}){year_guard}{YWOPT}"
            return rf"(?:{head}(?:{MYSEP}{YX(i)})?|{bare})"

        PSEP = r"(?:\s*-\s*|\s+)"
        # Month to year: OCR sometimes glues them ("октября1923 г.").
        MYSEP = r"\s*,?\s*"
        plink = rf"(?:{plinks}\s*)?" if plinks else ""
        slink = rf"(?:{slinks}\s*)?" if slinks else ""

        # name, pattern, first chars, first words, beginnings of the word after the first (see ``add``)
        rules: list[tuple[str, str, str, list[str], frozenset[str] | None]] = []
        # Each rule is stored with the characters it can start with, so the
        # combined regex can skip it with one character-class test, and with
        # the words it can start with, for the combined regex's front gate.
        digit = [str(i) for i in range(10)]
        month_words = [f for fs in (res.get("months") or {}).values() for f in fs] + [
            f for fs in (res.get("month_abbreviations") or {}).values() for f in fs
        ]

        # For each rule beginning with a number, the lengths the run of
        # digits that begins its matches can have (None: not known).
        runs_of: list[frozenset[int] | None] = []

        def add(name, pat, first, then=None, number=True, runs=None):
            """A rule, the words (or digits) it can start with and, for a
            rule whose first word is no date word by itself (a preposition,
            "ночь"), the words that can come after that word and a space,
            and whether a number can (``number``): see the front gate. A
            rule beginning with a number may say how many digits that
            number has (``runs``): see ``_by_digit_run``."""
            if pat:
                rules.append((name, pat, _first_chars(first), list(first), _next_word_starts(then, number)))
                runs_of.append(runs)


        # Old Style with the New Style date in brackets.
        add("dual", rf"{D(1)}\s+{M(1)}\s*,?\s*{Y(1)}{YWOPT}\s*\(\s*{D(2)}\s+{M(2)}\s*,?\s*{Y(2)}{YWOPT}\s*\)", digit,
            runs=_DAY_RUN)
        add("dual", rf"{D(1)}\s+{M(1)}\s*\(\s*{D(2)}\s+{M(2)}\s*\)\s*,?\s*{YX(2)}", digit, runs=_DAY_RUN)
        # Nights.
        night, nfrom, nto = (_alt(res.get(k) or []) for k in ("night", "night_from", "night_to"))
        if night and nfrom and nto:
            add("night", rf"{night}\s+{nfrom}\s+{D(1)}\s+{nto}\s+{D(2)}\s+{M(2)}(?:{MYSEP}{YX(2)})?", res.get("night"),
                then=res.get("night_from"), number=False)
        if night and nto:
            add("night", rf"{night}\s+{nto}\s+{D(2)}\s+{M(2)}(?:{MYSEP}{YX(2)})?", res.get("night"),
                then=res.get("night_to"), number=False)
        # From ... to ..., between ... and ...
        rfrom, rto = _alt(res.get("range_from") or []), _alt(res.get("range_to") or [])
        between, rand = _alt(res.get("range_between") or []), _alt(res.get("range_and") or [])
        first_atom = ATOM(1, bare_day=True)
        if rfrom and rto:
            add("from_to", rf"{rfrom}\s+{first_atom}\s+{rto}\s+{ATOM(2)}", res.get("range_from"),
                then=month_words + raw_words("seasons"))
        if between and rand:
            add("from_to", rf"{between}\s+{first_atom}\s+{rand}\s+{ATOM(2)}", res.get("range_between"),
                then=month_words + raw_words("seasons"))
        ofrom = _alt(res.get("open_from") or [])
        if ofrom:
            # "С февраля 1914 г.", "depuis mars 1929": an interval open at the end.
            # Only from a month or a day: "с 1902 г." is mostly a state
            # ("член партии с 1902 г."), and is read as the year alone.
            add("open_from", rf"{ofrom}\s+(?:{D(1)}\s+)?{M(1)}{MYSEP}{YX(1)}", res.get("open_from"), then=month_words)
        # Dash ranges.
        add("day_month_range", rf"{D(1)}\s+{M(1)}{DASH}{D(2)}\s+{M(2)}(?:{MYSEP}{YX(2)})?", digit, runs=_DAY_RUN)
        add("day_range", rf"{D(1)}{DASH}{D(2)}\s+{M(2)}(?:{MYSEP}{YX(2)})?", digit, runs=_DAY_RUN)
        add("month_range", rf"{M(1)}(?:\s+{Y(1)}{YWOPT})?{DASH}{M(2)}(?:{MYSEP}{YX(2)})?", month_words)
        if seasons:
            # "весной-летом 1939 г.", "осенью—зимой 1932—1933 гг."
            add("season_range", rf"{S(1)}{DASH}{S(2)}\s+{slink}(?:{Y(2)}(?:{DASH}(?P<y3>\d{{4}}|\d{{2}})(?!\d))?{YWOPT}{yref_alt(2)})", raw_words("seasons"))
        # Parts of a month / of a year.
        if parts:
            # "в конце 1932 — начале 1933 г.", "в конце августа – начале сентября"
            add("part_range", rf"(?P<p1>{parts}){PSEP}{plink}(?:{M(1)})?(?:{MYSEP}{Y(1)}{YWOPT})?{DASH}"
                rf"(?P<p2>{parts}){PSEP}{plink}(?:{M(2)})?(?:{MYSEP}{YX(2)})?", raw_words("parts"))
            add("part_of_month", rf"(?P<p>{parts}){PSEP}{plink}{M(1)}(?:{MYSEP}{YX(1)})?", raw_words("parts"))
            add("part_of_year", rf"(?P<p>{parts}){PSEP}{plink}{YX(1)}", raw_words("parts"))
        if seasons:
            add("season", rf"{S(1)}\s+{slink}{YX(1)}", raw_words("seasons"))
        # Full dates.
        add("day_month_year", rf"{D(1)}\s+{M(1)}{MYSEP}{YX(1)}", digit, runs=_DAY_RUN)
        if res.get("month_day_order"):
            add("month_day_year", rf"{M(1)}\s+{D(1)}\s*,?\s+{YX(1)}", month_words)
        record_day = _alt(res.get("record_day_words") or [])
        if yw and record_day:
            # Year first, as records and protocols date themselves:
            # "1927 г., сентября 15 дня".
            add("year_month_day", rf"(?<![\d.,/]){Y(1)}\s*{yw}\s*,?\s*{M(1)}\s+{D(1)}\s+{record_day}", digit,
                runs=_YEAR_RUN)
        if yw:
            # A year with its month in brackets: "В 1919 г. (февраль) арестован".
            add("year_month", rf"(?<![\d.,/]){Y(1)}\s*{yw}\s*\(\s*{M(1)}\s*\)", digit, runs=_YEAR_RUN)
        add("day_month", rf"{D(1)}\s+{M(1)}", digit, runs=_DAY_RUN)
        add("month_year", rf"{M(1)}{MYSEP}{YX(1)}", month_words)
        if yw:
            # "от октября 28 года": a two-digit year needs the year word.
            add("month_year", rf"{M(1)}\s+(?P<y1>\d{{2}})(?!\d)\s*{yw}", month_words)
        if res.get("month_day_order"):
            add("month_day", rf"{M(1)}\s+{D(1)}", month_words)
        roman = _ROMAN_NUMERAL
        # Numeric dates: 1.02.23г., 6.09.1923 г., 8. 3. 28 г., 15/11/24;
        # Roman months: 17.П.1925, 25.УП.28, 14/Х-32, 5.XI.27.
        nb = r"(?<![\d.,/])"
        ny = r"(?P<y1>\d{4}|\d{2})(?!\d)(?![.,/]\d)"
        add("numeric", rf"{nb}(?P<d1>3[01]|[12]\d|0?[1-9])[ ]?[./][ ]?(?P<n1>1[0-2]|0?[1-9])[ ]?[./][ ]?{ny}{YWOPT}", digit,
            runs=_DAY_RUN)
        add("numeric", rf"{nb}(?P<y1>\d{{4}})-(?P<n1>1[0-2]|0[1-9])-(?P<d1>3[01]|[12]\d|0[1-9])(?![\d-])", digit,
            runs=_YEAR_RUN)
        if yref:
            # Day and month with the year given by reference: "13.VI. с. г.",
            # "29/Х с.г.", "от 17.11 с.г.".
            add("numeric", rf"{nb}(?P<d1>3[01]|[12]\d|0?[1-9])[ ]?[./][ ]?(?P<n1>1[0-2]|0?[1-9])(?!\d)\.?\s*(?P<yr1>{yref})", digit,
                runs=_DAY_RUN)
            add("roman_numeric", rf"{nb}(?P<d1>3[01]|[12]\d|0?[1-9])[ ]?[./][ ]?(?P<r1>{roman})\.?\s*(?P<yr1>{yref})", digit,
                runs=_DAY_RUN)
        add("roman_numeric", rf"{nb}(?P<d1>3[01]|[12]\d|0?[1-9])[ ]?[./][ ]?(?P<r1>{roman})[ ]?[./-][ ]?{ny}{YWOPT}", digit,
            runs=_DAY_RUN)
        # "7/Х 1927 г." (cipher telegrams' dispatch lines): a four-digit year
        # after a space, with its year word so that "5/III 1927" in a list of
        # numbers is not taken.
        if yw:
            add("roman_numeric", rf"{nb}(?P<d1>3[01]|[12]\d|0?[1-9])[ ]?/[ ]?(?P<r1>{roman})\s+(?P<y1>\d{{4}})\s*(?:{yw})", digit,
                runs=_DAY_RUN)
        # Decades: "1930-х гг.", "20-е годы", "1930s", "les années 1930".
        decpre = _alt(res.get("decade_prefixes") or [])
        if decsuf:
            tail = rf"\s*{ywpl}" if res.get("decade_requires_year_word") else r"(?!\w)"
            if ywpl or not res.get("decade_requires_year_word"):
                # "90-е гг. XIX столетия": a two-digit decade of a named century.
                cent = _alt(res.get("century_words") or [])
                century = rf"(?:\s+(?P<c1>{roman})\s*{cent})?" if cent else ""
                add("decade", rf"(?P<y1>\d{{4}}|\d{{2}}){decsuf}{tail}{century}", digit)
        if decpre:
            add("decade", rf"{decpre}\s+(?P<y1>\d{{4}}|\d{{2}})(?!\d)", res.get("decade_prefixes"), then=[])
        # Year ranges: "1935–1937 гг.", "1909-10 г.", "15-16 гг.".
        add("year_range", rf"(?<![\d.,/]){Y(1)}{DASH}(?P<y2>\d{{4}}|\d{{2}}){year_guard}{YWOPT}", digit, runs=_YEAR_RUN)
        if ywpl:
            # (two digits, then spaces or a dash, unless a dash is a digit)
            add("year_range", rf"(?<![\d.,/])(?P<yy1>\d{{2}}){DASH}(?P<y2>\d{{2}})(?!\d)\s*{ywpl}", digit,
                runs=None if _DIGIT.search(common["dashes"]) else _TWO_DIGIT_RUN)
        # Single years with a cue.
        ysuf = res.get("year_suffix_regex") or ""
        if yw:
            add("year", rf"(?<![\d.,/]){Y(1)}\s*{yw}", digit, runs=_YEAR_RUN)
        if ywpl and rand:
            # "в 1919 и 1920 гг.": the first year of a list, cued by the
            # plural year word after the last one.
            add("year", rf"(?<![\d.,/]){Y(1)}(?=(?:\s*,\s*\d{{2,4}})*\s*(?:,|{rand})\s*\d{{2,4}}\s*{ywpl})", digit,
                runs=_YEAR_RUN)
        if ysuf:
            add("year", rf"(?<![\d.,/])(?P<y1>\d{{4}}){ysuf}", digit)
        yprep = _alt(res.get("year_prepositions") or [])
        if yprep:
            # (not "in 1935–1937": the range is read at its first year)
            add("year", rf"(?P<prep>{yprep})\s+(?P<body>{Y(1)})(?![.,]\d)(?!{DASH}\d)", res.get("year_prepositions"),
                then=[])
        mprep = _alt(res.get("month_prepositions") or [])
        if mprep:
            stop = r"\d" + (f"|{yref}" if yref else "")
            add("month_only", rf"{mprep}\s+(?P<body>{M(1)})(?!\s*,?\s*(?:{stop})|{DASH})", res.get("month_prepositions"),
                then=month_words, number=False)
        issue_nouns = (res.get("issue_months") or {}).get("nouns") or []
        if mprep and self.issue_month_forms and issue_nouns:
            # "в июньском номере журнала": a month given by an issue of a
            # periodical; read as a month with no year (the running year).
            forms = list(self.issue_month_forms)
            add("month_only", rf"{mprep}\s+(?P<body>(?P<m1>{_alt(forms)})\s+{_alt(issue_nouns)})",
                res.get("month_prepositions"), then=forms, number=False)
        alone = res.get("season_alone") or {}
        if alone.get("words"):
            # "Осенью Симонов уехал", "au printemps": a season with no year
            # takes the running year (low confidence, inferred).
            sprep = _alt(alone.get("prepositions") or [])
            head = rf"(?P<prep>{sprep})\s+" if sprep else ""
            stop = r"\d" + (f"|{yref}" if yref else "") + f"|{slinks}" * bool(slinks)
            first = alone.get("prepositions") or alone["words"]
            add("season_only", rf"{head}(?P<body>(?P<s1>{_alt(alone['words'])}))(?!\s*,?\s*(?:{stop})|{DASH})", first,
                then=alone["words"] if sprep else None, number=False)
        if yref:
            add("year_reference", rf"(?P<yr1>{yref})", raw_words("year_references"))
        rel = _alt(res.get("relative_days") or {})
        if rel:
            add("relative_day", rf"(?P<rel>{rel})", list(res.get("relative_days") or {}))

        # --- compile ---------------------------------------------------------
        flags = 0
        # Whitespace runs are matched possessively: a pattern never needs to
        # give spaces back, and backtracking into long runs of spaces (004
        # has them) would be quadratic or worse.
        rules = [(n, _possessive(p), first, words, then) for n, p, first, words, then in rules]
        self.rules: list[_Rule] = [_Rule(n, p) for n, p, *_ in rules]
        quals = _alt(raw_words("approximate") + raw_words("not_before") + raw_words("not_after"))
        qprep = _alt(res.get("qualifier_prepositions") or [])
        qual = ""
        if quals:
            qual = rf"(?:(?P<qual>{quals})\s+" + (rf"(?:{qprep}\s+)?" if qprep else "") + ")?"
        # Rules that start with a digit and rules that start with a word can
        # never match at the same place, so they form two groups behind one
        # test each; inside a group the resource order is kept (the digit
        # rules' behind a test of the number's length, see ``_by_digit_run``).
        digit_first = _first_chars(digit)
        digit_rules: list[tuple[str, frozenset[int] | None]] = []
        word_rules: list[str] = []
        for i, (_, p, first, *_) in enumerate(rules):
            inner = _NAMED_GROUP.sub("(?:", p)
            if first == digit_first:
                digit_rules.append((f"(?P<r{i}>{inner})", runs_of[i]))
            else:
                word_rules.append(f"(?={first})(?P<r{i}>{inner})")
        body = "|".join(
            f"(?={gate})(?:{alternation})"
            for gate, alternation in ((r"\d", _by_digit_run(digit_rules)), (r"[^\W\d_]", "|".join(word_rules)))
            if alternation
        )
        # One test before anything else: a digit, or a whole word that a
        # qualifier or a word rule can begin with (the words each rule was
        # added with) - and, after a word that is no date word by itself (a
        # preposition, a qualifier), a space and the beginning of a word
        # that can come next. Most word starts fail it within a letter or
        # two (the trie's branches begin with a literal, which the regex
        # engine skips in C), and do not try the qualifier and every rule's
        # own test one after another: a first-letter test alone let through
        # almost every Russian word, a word test every "в" and "с".
        # A spelling that begins several rules (or a qualifier) may be
        # followed by what any of them allows: one test of the beginnings
        # they allow together.
        followed: dict[str, frozenset[str] | None] = {}

        def follow(words, starts):
            for w in words:
                for v in _variants(w):
                    known = followed.get(v, frozenset())
                    followed[v] = None if known is None or starts is None else known | starts

        for _, _, first, words, starts in rules:
            if first != digit_first:
                follow(words, starts)
        if quals:
            gate_words = list({w: None for _, _, first, words, _ in rules if first != digit_first for w in words})
            after_qual = _next_word_starts(gate_words + (res.get("qualifier_prepositions") or []))
            follow(raw_words("approximate") + raw_words("not_before") + raw_words("not_after"), after_qual)
        self.front_gate = _possessive(
            rf"(?=\d|{_trie_alt({v: {_next_word_test(starts)} for v, starts in followed.items()})})")
        # Not inside a word, nor right after a slash ("№ 178/с 3 ноября") or
        # a hyphen glued to a word: in "№ П43/18-с 20 сентября" the "с" is the
        # registration number's suffix (секретно), not the preposition "from".
        # (The front gate comes before the hyphen test: it rejects most places.)
        core = rf"{self.front_gate}(?<!\w-){qual}(?:{body})"
        self._master_source = rf"(?<![\w/]){core}"
        self._master: re.Pattern | None = None
        # What ``find_dates`` runs: the master regex reading the character
        # before the date instead of looking back at it. A regex that opens
        # with a character class is scanned for in C, from one non-word
        # character to the next, instead of entering the regex at every
        # position of the text. Its dates begin one character after the
        # match (see ``_next_date_match``).
        # (Its first character written out: see ``_spelled_class``.)
        self.scanner = re.compile(rf"{_spelled_class(_BEFORE_DATE.pattern)}{core}", flags)
        self.group_names = [f"r{i}" for i in range(len(rules))]
        # Where the rules that can give a day with a year of its own begin,
        # for ``may_hold_day_with_year`` (compiled here, as the scanner is:
        # the engine is built before timing starts).
        day_gate = _day_gate_source([(p, first == digit_first, runs_of[i])
                                     for i, (n, p, first, *_) in enumerate(rules) if n in DAY_WITH_YEAR_RULES])
        self.day_gate = re.compile(day_gate) if day_gate else None
        self.group_index = {name: i for i, name in enumerate(self.group_names)}
        # The scanner's group number -> its rule's index; the qualifier's
        # group number (0: none).
        self.rule_of_group = {self.scanner.groupindex[name]: i for name, i in self.group_index.items()}
        self.qual_group = self.scanner.groupindex.get("qual", 0)

        old = res.get("old_style_regex") or ""
        new = res.get("new_style_regex") or ""
        tails = [r"\(\s?(?P<unc>\?)\s?\)"]
        if old:
            tails.append(f"(?P<old>{old})")
        if new:
            tails.append(f"(?P<new>{new})")
        self.tail = re.compile(r"\s*(?:" + "|".join(tails) + ")", re.IGNORECASE)
        markers = "|".join(common.get("reference_markers") or [])
        # A marker stands after a space or punctuation, not after an initial
        # ("Г.С. 14/X-32" is a date, "М., 2004. С. 169" a page).
        self.reference_before = (
            re.compile(rf"(?:^|(?<=[\s,;:(\[]))(?:{markers})\s*$") if markers else None
        )


    @property
    def master(self) -> re.Pattern:
        """The combined regex of the rules, with the look-behind the scanner
        reads as a character. Compiled on first use (it is as costly as the
        scanner, and only the tests of the gates need it)."""
        if self._master is None:
            self._master = re.compile(self._master_source)
        return self._master


# The lengths of the run of digits a rule beginning with a number can begin
# with (``runs`` of a rule, see ``_Engine``): a day or a month number, a
# four-digit year, a two-digit one.
_DAY_RUN = frozenset({1, 2})
_YEAR_RUN = frozenset({4})
_TWO_DIGIT_RUN = frozenset({2})
# The classes of those lengths, each with a test of the number at a place (no
# two classes share a length).
_DIGIT_RUN_TESTS = ((_DAY_RUN, r"\d\d?(?!\d)"), (_YEAR_RUN, r"\d{4}(?!\d)"))


def _by_digit_run(rules: list[tuple[str, frozenset[int] | None]]) -> str:
    """The alternation of ``rules`` (patterns of rules that begin with a
    digit, each with the lengths the run of digits its matches begin with
    can have, or None), matching what their plain alternation matches, in
    the same order of preference.

    At a place the run of digits has one length, so of the rules whose
    lengths fall in one class of ``_DIGIT_RUN_TESTS`` only one class's can
    match there: consecutive such rules go behind one test per class, and a
    number tries only the rules of its length (a year no day rule, a day no
    year rule, "123" none). A rule of no single class is tried alone, in its
    place among them."""
    out: list[str] = []
    pending: dict[frozenset[int], list[str]] = {}

    def flush():
        for lengths, test in _DIGIT_RUN_TESTS:
            if lengths in pending:
                out.append(f"(?={test})(?:" + "|".join(pending[lengths]) + ")")
        pending.clear()

    for pattern, runs in rules:
        lengths = next((lengths for lengths, _ in _DIGIT_RUN_TESTS if runs is not None and runs <= lengths), None)
        if lengths is None:
            flush()
            out.append(pattern)
        else:
            pending.setdefault(lengths, []).append(pattern)
    flush()
    return "|".join(out)


# The rules whose reading can be one day with a year written in the date
# itself (a day of ``day_month`` or ``month_day`` takes the running year, of
# ``relative_day`` the document's; every other rule reads a month, a year,
# a season or an interval; a qualifier adds a sign or makes an interval).
DAY_WITH_YEAR_RULES = frozenset({"dual", "day_month_year", "month_day_year", "year_month_day", "numeric",
                                 "roman_numeric"})


def _day_gate_source(rules: list[tuple[str, bool, frozenset[int] | None]]) -> str:
    """A regex for where any of ``rules`` (patterns, each with whether it
    begins with a digit and the lengths of that number, see
    ``_by_digit_run``) can begin, the character before it included, as the
    scanner reads it (see ``_Engine.scanner``): ``find_dates`` reads every
    date at a place where the rule's own pattern matches (see
    ``_interpret``), after a character the scanner's class holds (a
    qualifier before it ends in spaces) or at the text's start. The rules
    beginning with a digit and those beginning with a word are behind one
    test each; "" when there are no rules."""
    if not rules:
        return ""
    digits = _by_digit_run([(_NAMED_GROUP.sub("(?:", p), runs) for p, digit, runs in rules if digit])
    words = "|".join(_NAMED_GROUP.sub("(?:", p) for p, digit, _ in rules if not digit)
    body = "|".join(f"(?={gate})(?:{alternation})" for gate, alternation in ((r"\d", digits), (r"[^\W\d_]", words))
                    if alternation)
    return f"{_spelled_class(_BEFORE_DATE.pattern)}(?:{body})"


def may_hold_day_with_year(text: str, lang: str) -> bool:
    """False when ``find_dates(text, lang, ...)`` cannot find a day date
    with a year of its own (a day-precision EDTF, not ``inferred``), with
    any context: no rule of ``DAY_WITH_YEAR_RULES`` matches ``text`` at a
    place where a date can begin. One search, in C, from one non-word
    character to the next, where reading the text's dates runs every rule
    (and an ``_interpret`` per number found)."""
    gate = _engine(lang).day_gate
    if gate is None:
        return False
    # (a date at the text's start is read behind a line break, as
    # ``_next_date_match`` reads it)
    return _search_from_class(gate, _BEFORE_DATE, "\n" + text, 0) is not None


@lru_cache(maxsize=None)
def _engine(lang: str) -> _Engine:
    return _Engine(lang)


# --------------------------------------------------------------------------
# Interpreting one match
# --------------------------------------------------------------------------


@dataclass
class _State:
    """What a scan of one text knows as it goes (never global)."""

    context: DateContext
    year: int | None  # last explicit year seen (starts at context.year)
    explicit: bool = False  # has ``year`` come from the text itself yet?


class _Reject(Exception):
    """This rule matched text that is not a date after all."""


class _GroupNames(NamedTuple):
    """The names of the groups of a rule's ``i``-th date (``d1``, ``m1``...)."""

    y: str
    yb: str
    yr: str
    m: str
    mb: str
    d: str
    s: str


# Made once, not formatted at every reading.
_GROUP_NAMES = {i: _GroupNames(*(f"{kind}{i}" for kind in _GroupNames._fields)) for i in (1, 2, 3)}


class _Reader:
    """Turns one rule match into a value, reading words via the engine.

    Besides the value, a reading leaves a few flags that the confidence and
    calendar steps use: ``inferred`` (year from context), ``bare`` (a year
    range with no cue), ``relative`` (from the document date), ``month_only``
    (a month with no year), ``vague`` (a part of a month) and
    ``dual_original`` (the Old Style half of a dual date)."""

    # The flags as a reading starts (a rule method sets the ones it needs).
    inferred = False
    bare = False
    relative = False
    month_only = False
    vague = False
    dual_original: _Point | None = None
    context_year = False  # the running year came from the caller

    def __init__(self, engine: _Engine, state: _State, text: str, match: re.Match):
        self.e = engine
        self.state = state
        self.text = text
        self.match_end = match.end()

    def ends_with_digit(self) -> bool:
        """True if the match ends in a digit, i.e. has no year word after it."""
        return self.text[self.match_end - 1 : self.match_end].isdigit()

    # ---- parts ------------------------------------------------------------
    def year(self, g: dict, i: int, required: bool = True) -> int | None:
        keys = _GROUP_NAMES[i]
        raw = g.get(keys.y) or g.get(keys.yb)
        if raw:
            y = int(raw)
            c = self.e.common
            if len(raw) == 2:
                y += self.e.century
            elif not (c["year_min"] <= y <= c["year_max"]):
                raise _Reject
            return y
        ref = g.get(keys.yr)
        if ref:
            return self.reference_year(ref)
        if required:
            raise _Reject
        return None

    def reference_year(self, ref: str) -> int:
        kind = self.e.yref_of.get(_key(ref))
        ctx = self.state.context
        doc_year = ctx.document_date.year if ctx.document_date else None
        base = {
            "this": doc_year or ctx.this_year or ctx.year or self.state.year,
            "same": self.state.year or ctx.year or doc_year,
            "previous": (doc_year or ctx.year or self.state.year),
            "next": (doc_year or ctx.year or self.state.year),
        }.get(kind)
        if base is None:
            raise _Reject
        self.inferred = True
        if kind == "previous":
            return base - 1
        if kind == "next":
            return base + 1
        return base

    def running_year(self) -> int:
        y = self.state.year or self.state.context.year
        if y is None:
            raise _Reject
        self.inferred = True
        self.context_year = self.context_year or not self.state.explicit
        return y

    def month(self, g: dict, i: int) -> int | None:
        keys = _GROUP_NAMES[i]
        raw = g.get(keys.m) or g.get(keys.mb)
        if not raw:
            return None
        return self.e.month_of[_key(raw)]

    def day(self, g: dict, i: int) -> int | None:
        raw = g.get(_GROUP_NAMES[i].d)
        return int(raw) if raw else None

    def point(self, y: int, m: int | None, d: int | None) -> _Point:
        if d:
            p = _day_point(y, m, d)
            if p is None:
                raise _Reject
            return p
        return _Point(y, m)

    # ---- rules --------------------------------------------------------------
    def read(self, rule: str, g: dict) -> _Value:
        return _RULE_READERS[rule](self, g)

    def rule_dual(self, g):
        """Two dates for one day, one in brackets: Old Style and New Style,
        in either order. Same-year reading first; a gap of up to two weeks
        tells which is which, a bigger one means the Old Style date is in
        the year before ("31 декабря 1899 (12 января 1900)")."""
        y2 = self.year(g, 2)
        y1 = self.year(g, 1, required=False)
        m1, m2 = self.month(g, 1), self.month(g, 2)
        first = self.point(y1 or y2, m1, self.day(g, 1))
        second = self.point(y2, m2, self.day(g, 2))
        gap = (first.first_day() - second.first_day()).days
        if y1 is None and gap > 14:
            first = self.point(y2 - 1, m1, self.day(g, 1))
            gap = (first.first_day() - second.first_day()).days
        old, new = (second, first) if gap > 0 else (first, second)
        self.dual_original = old
        return _Value(new)

    def rule_night(self, g):
        m2 = self.month(g, 2)
        y2 = self.year(g, 2, required=False) or self.running_year()
        end = self.point(y2, m2, self.day(g, 2))
        if g.get("d1"):
            d1 = self.day(g, 1)
            start = self.point(y2, m2, d1) if d1 < end.day else None
            if start is None:  # "с 31 на 1 июня": the night spans two months
                start = _Point(*_shift(end.first_day(), -1))
        else:
            start = _Point(*_shift(end.first_day(), -1))
        return _Value(start, end, interval=True)

    def rule_from_to(self, g):
        y2 = self.year(g, 2, required=False)
        m2 = self.month(g, 2)
        s2 = self.season(g, 2)
        y1 = self.year(g, 1, required=False)
        m1 = self.month(g, 1)
        s1 = self.season(g, 1)
        d1, d2 = self.day(g, 1), self.day(g, 2)
        if not (m2 or s2 or g.get("yb2")):
            raise _Reject
        if y2 is None:
            y2 = y1 if y1 is not None else self.running_year()
        if d1 and not m1:
            if y1 is not None:
                raise _Reject
            m1 = m2  # "с 1 по 5 сентября"
            if not m1:
                raise _Reject
        if y1 is None:
            y1 = y2 if not (m1 and m2 and m1 > m2) else y2 - 1
        if not (m1 or s1 or d1) and not (m2 or s2 or d2):
            self.check_bare_years(g, y1, y2)
        start = _Point(y1, sub=s1) if s1 else self.point(y1, m1, d1)
        end = _Point(y2, sub=s2) if s2 else self.point(y2, m2, d2)
        if start.first_day() > end.last_day():
            raise _Reject
        return _Value(start, end, interval=True)

    def check_bare_years(self, g, y1, y2):
        """Two bare years joined by "с/по", "между/и" need a year word at the
        end or must both be plausible years."""
        c = self.e.common
        has_cue = not self.ends_with_digit()
        lo, hi = c["bare_range_min"], c["bare_range_max"]
        if not has_cue and not (lo <= y1 <= hi and lo <= y2 <= hi):
            raise _Reject

    def season(self, g, i):
        raw = g.get(_GROUP_NAMES[i].s)
        return self.e.season_of[_key(raw)] if raw else None

    def rule_day_month_range(self, g):
        y2 = self.year(g, 2, required=False) or self.running_year()
        m1, m2 = self.month(g, 1), self.month(g, 2)
        y1 = y2 - 1 if m1 > m2 else y2
        start, end = self.point(y1, m1, self.day(g, 1)), self.point(y2, m2, self.day(g, 2))
        return _Value(start, end, interval=True)

    def rule_day_range(self, g):
        y = self.year(g, 2, required=False) or self.running_year()
        m = self.month(g, 2)
        d1, d2 = self.day(g, 1), self.day(g, 2)
        if d1 >= d2:
            raise _Reject
        return _Value(self.point(y, m, d1), self.point(y, m, d2), interval=True)

    def rule_month_range(self, g):
        y2 = self.year(g, 2, required=False) or self.running_year()
        m1, m2 = self.month(g, 1), self.month(g, 2)
        y1 = self.year(g, 1, required=False)
        if y1 is None:
            y1 = y2 - 1 if m1 > m2 else y2
        if (y1, m1) >= (y2, m2):
            raise _Reject
        return _Value(_Point(y1, m1), _Point(y2, m2), interval=True)

    def rule_season_range(self, g):
        y = self.year(g, 2)
        s1, s2 = self.season(g, 1), self.season(g, 2)
        if g.get("y3"):  # two years: the first season in the first year
            raw = g["y3"]
            end_year = int(raw) if len(raw) == 4 else (y // 100) * 100 + int(raw)
            if end_year != y + 1:
                raise _Reject
            return _Value(_Point(y, sub=s1), _Point(end_year, sub=s2), interval=True)
        y1 = y - 1 if s1 > s2 else y  # "зимой-весной": the winter before
        if s1 == s2:
            raise _Reject
        return _Value(_Point(y1, sub=s1), _Point(y, sub=s2), interval=True)

    def rule_part_of_month(self, g):
        kind = self.e.part_of[_key(g["p"])]
        if kind not in self.e.month_parts:
            raise _Reject  # "первая половина мая": not in the table
        m = self.month(g, 1)
        y = self.year(g, 1, required=False) or self.running_year()
        first, last = self.e.month_parts[kind]
        last = min(last, _month_len(y, m))
        self.vague = True
        return _Value(_Point(y, m, first), _Point(y, m, last), interval=True)

    def rule_part_range(self, g):
        """From a part of a month/year to another: months (or days) that
        bound both parts. EDTF intervals cannot hold sub-year groupings."""
        k1, k2 = self.e.part_of[_key(g["p1"])], self.e.part_of[_key(g["p2"])]
        m1, m2 = self.month(g, 1), self.month(g, 2)
        y2 = self.year(g, 2, required=False) or self.running_year()
        y1 = self.year(g, 1, required=False)
        if (m1 is None) != (m2 is None) or not (m1 or g.get("y1")):
            raise _Reject
        if m1 is not None:
            if k1 not in self.e.month_parts or k2 not in self.e.month_parts:
                raise _Reject
            if y1 is None:
                y1 = y2 - 1 if m1 > m2 else y2
            first = self.e.month_parts[k1][0]
            last = min(self.e.month_parts[k2][1], _month_len(y2, m2))
            start, end = self.point(y1, m1, first), self.point(y2, m2, last)
            self.vague = True
        else:
            if y1 is None:
                raise _Reject
            start = _Point(y1, self.e.year_part_months[k1][0])
            end = _Point(y2, self.e.year_part_months[k2][1])
        if start.first_day() > end.first_day():
            raise _Reject
        return _Value(start, end, interval=True)

    def rule_open_from(self, g):
        y = self.year(g, 1)
        return _Value(self.point(y, self.month(g, 1), self.day(g, 1)), None, interval=True)

    def rule_part_of_year(self, g):
        kind = self.e.part_of[_key(g["p"])]
        y = self.year(g, 1)
        return _Value(_Point(y, sub=self.e.year_parts[kind]))

    def rule_season(self, g):
        return _Value(_Point(self.year(g, 1), sub=self.season(g, 1)))

    def rule_day_month_year(self, g):
        return _Value(self.point(self.year(g, 1), self.month(g, 1), self.day(g, 1)))

    rule_month_day_year = rule_day_month_year
    rule_year_month_day = rule_day_month_year

    def rule_day_month(self, g):
        return _Value(self.point(self.running_year(), self.month(g, 1), self.day(g, 1)))

    rule_month_day = rule_day_month

    def rule_month_year(self, g):
        return _Value(_Point(self.year(g, 1), self.month(g, 1)))

    rule_year_month = rule_month_year

    def rule_numeric(self, g):
        return _Value(self.point(self.year(g, 1), int(g["n1"]), self.day(g, 1)))

    def rule_roman_numeric(self, g):
        month = roman_to_int(g["r1"])
        if not month or month > 12:
            raise _Reject
        return _Value(self.point(self.year(g, 1), month, self.day(g, 1)))

    def rule_decade(self, g):
        raw = g["y1"]
        century = self.e.century
        if g.get("c1") and len(raw) == 2:
            number = roman_to_int(g["c1"])
            if not number:
                raise _Reject
            century = (number - 1) * 100
        y = int(raw) + (century if len(raw) == 2 else 0)
        if y % 10:
            raise _Reject
        c = self.e.common
        if not (c["plausible_year_min"] <= y <= c["plausible_year_max"]):
            raise _Reject
        return _Value(_Point(y, decade=True))

    def rule_year_range(self, g):
        c = self.e.common
        if g.get("yy1"):
            y1 = int(g["yy1"]) + self.e.century
        else:
            y1 = self.year(g, 1)
        raw2 = g["y2"]
        y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
        if y2 <= y1:
            raise _Reject
        if self.ends_with_digit():
            lo, hi = c["bare_range_min"], c["bare_range_max"]
            if not (lo <= y1 <= hi and lo <= y2 <= hi):
                raise _Reject
            self.bare = True
        return _Value(_Point(y1), _Point(y2), interval=True)

    def rule_year(self, g):
        y = self.year(g, 1)
        if g.get("body"):
            c = self.e.common
            if not (c["plausible_year_min"] <= y <= c["plausible_year_max"]):
                raise _Reject
        return _Value(_Point(y))

    def rule_month_only(self, g):
        self.month_only = True
        return _Value(_Point(self.running_year(), self.month(g, 1)))

    def rule_season_only(self, g):
        self.month_only = True  # same standing as a month with no year
        return _Value(_Point(self.running_year(), sub=self.season(g, 1)))

    def rule_year_reference(self, g):
        return _Value(_Point(self.year(g, 1)))

    def rule_relative_day(self, g):
        doc = self.state.context.document_date
        if doc is None or not isinstance(doc, datetime.date):
            raise _Reject
        offset = self.e.relday_of[_key(g["rel"])]
        day = doc + datetime.timedelta(days=offset)
        self.inferred = True
        self.relative = True
        return _Value(_Point(day.year, day.month, day.day))


# Each rule's reading method, by rule name (``_Reader.read``).
_RULE_READERS = {name.removeprefix("rule_"): method for name, method in vars(_Reader).items()
                 if name.startswith("rule_")}


def _shift(day: datetime.date, days: int) -> tuple[int, int, int]:
    d = day + datetime.timedelta(days=days)
    return d.year, d.month, d.day


# --------------------------------------------------------------------------
# The scan
# --------------------------------------------------------------------------


def find_dates(text: str, lang: str, context: DateContext | None = None) -> list[DateMention]:
    """All date expressions in ``text``, in order, non-overlapping.

    ``text`` is already normalised (see the normalize stage); offsets are
    indexes into it. Year-less dates take the last explicit year seen earlier
    in ``text``, else ``context.year``; if there is none they are skipped.
    Nothing outside this call is changed.
    """
    context = context or DateContext()
    engine = _engine(lang)
    state = _State(context=context, year=context.year)
    found: list[DateMention] = []
    pos = 0
    while True:
        m, start, shift = _next_date_match(engine, text, pos)
        if m is None:
            break
        mention = _interpret(engine, state, text, m, start, shift)
        if mention is None:
            pos = start + 1
            continue
        found.append(mention)
        pos = mention.end if mention.end > start else start + 1
    if len(found) < 2:
        return found  # (the passes below look at pairs of dates)
    return _restated_relative_days(engine, text, _share_following_years(text, found))


def _next_date_match(engine: _Engine, text: str, pos: int) -> tuple[re.Match | None, int, int]:
    """The first date at or after ``pos`` that ``engine.master.search(text,
    pos)`` finds: the scanner's match, where the date begins in ``text`` and
    by how much the match's offsets exceed ``text``'s. A date at the very
    start of the text has no character before it for the scanner to read:
    it is matched in a copy of the text behind a line break, which no
    look-behind of the rules tells from the start of a text (they only
    refuse letters, digits and some punctuation before them)."""
    if pos == 0:
        # (one search of the copy, from the line break on, finds a date at
        # the start or the first one after it)
        m = _search_from_class(engine.scanner, _BEFORE_DATE, "\n" + text, 0)
        return (m, m.start(), 1) if m is not None else (None, -1, 0)
    m = _search_from_class(engine.scanner, _BEFORE_DATE, text, pos - 1)
    return (m, m.start() + 1, 0) if m is not None else (None, -1, 0)


# Year-less dates that can borrow the year of a date right after them.
_BORROWING_RULES = frozenset({"day_month", "month_only"})
_LENDING_RULES = frozenset({"day_month_year", "month_year"})
FOLLOWING_YEAR_REACH = 60  # chars between a year-less date and the dated one it shares a year with
_CLAUSE_END = re.compile(r"[.;!?()«»\"]")
# EDTF of a day, the start of one of a month or day, of a year (compiled
# here, not on a text's first pair of dates).
_DAY_EDTF = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH_EDTF = re.compile(r"\d{4}-\d{2}")
_YEAR_EDTF = re.compile(r"\d{4}")


def _restated_relative_days(engine: _Engine, text: str, found: list[DateMention]) -> list[DateMention]:
    """A relative day restated right after as a date ("Через две недели
    после этого, а именно 11 февраля"; "c'est-à-dire le 3 mai") is that
    date: the writer settled it, whatever day the count would give."""
    if engine.restating is None:
        return found
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if a.rule != "relative_day" or b.rule == "relative_day" or not _DAY_EDTF.fullmatch(b.edtf):
            continue
        if engine.restating.match(text[a.end : b.start]):
            found[i] = replace(a, edtf=b.edtf, calendar=b.calendar, original_edtf=b.original_edtf)
    return found


def _share_following_years(text: str, found: list[DateMention]) -> list[DateMention]:
    """A year-less date followed closely, in the same clause, by a date of
    the same or a later day that gives its year shares that year: "он
    начался 22 дек., и кончился 29 декабря 1920 года" is December 1920,
    whatever year the text before was at. Only where no calendar conversion
    is involved (both Gregorian, the year after Russia's change)."""
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if a.rule not in _BORROWING_RULES or not a.inferred or b.rule not in _LENDING_RULES or b.inferred:
            continue
        gap = text[a.end : b.start]
        if len(gap) > FOLLOWING_YEAR_REACH or _CLAUSE_END.search(gap):
            continue
        if a.calendar != "gregorian" or b.calendar != "gregorian" or not _MONTH_EDTF.match(b.edtf):
            continue
        year = int(b.edtf[:4])
        if year <= 1918 or a.edtf[4:] > b.edtf[4 : len(a.edtf)] or year == int(a.edtf[:4]):
            continue
        found[i] = replace(a, edtf=f"{year:04d}{a.edtf[4:]}")
    return found


# Resource lists whose words can carry a date on their own. Every rule of
# the engines needs at least one of them or a digit ("в конце мая" -> мая,
# "того же года" -> the year reference, "вчера" -> the relative day).
# A part of a month or year ("в конце", "начала", "fin") is none: it is no
# date without a month word, a four-digit year or a year reference after it
# (``part_of_month``, ``part_of_year``, and ``part_range``, which needs a
# month or a year at its first part), and that word is an anchor of its
# own: a space, a dash or a part link comes before it, and a link that ends
# in a letter ("de") ends at a word's end (see ``_trie_regex``), so no
# letter is glued to it.
# A season is none either (see ``_season_anchors``).
_ANCHOR_LISTS = ("months", "month_abbreviations", "year_references")


def _phrases(firsts: Iterable[str], seconds: Iterable[str]) -> list[str]:
    """Every "first second" (a space: any whitespace, see ``_alt``) in every
    spelling the engines match each word in, since they match the two words
    apart (``_variants``: "En été", "en Été")."""
    return [f"{a} {b}" for f in firsts for a in _variants(f) for s in seconds for b in _variants(s)]


def _season_anchors(res: dict) -> list[str]:
    """A season word ("лета", "été") is a date of its own only alone
    (``season_only``) or as the first end of a range of seasons ("с весны
    по осень", ``from_to``); with a year ("летом 1929 г.", ``season``,
    ``season_range``) the year or year reference is the anchor. So the
    anchors are: the words that stand alone, behind their prepositions
    where the language asks for one ("en été", not "a été"), and the
    seasons after the range's first word ("с весны")."""
    alone = res.get("season_alone") or {}
    words, preps = list(alone.get("words") or []), list(alone.get("prepositions") or [])
    anchors = _phrases(preps, words) if preps else words
    seasons = [w for ws in (res.get("seasons") or {}).values() for w in ws]
    for first, second in (("range_from", "range_to"), ("range_between", "range_and")):
        if res.get(first) and res.get(second):
            anchors += _phrases(res[first], seasons)
    return anchors


@lru_cache(maxsize=None)
def _anchor_words(langs: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of ``anchor_pattern`` as the resources list them, and its
    century words."""
    words: list[str] = []
    for lang in langs:
        res = resources.load("dates", lang)
        for key in _ANCHOR_LISTS:
            value = res.get(key) or {}
            if isinstance(value, dict):
                words += [w for ws in value.values() if isinstance(ws, list) for w in ws]
            else:
                words += list(value)
        words += list(res.get("relative_days") or {})
        words += _season_anchors(res)
        words += list(res.get("decade_prefixes") or [])  # "les années 30"
    # A century completes a decade written before it ("в 90-е гг. | XIX
    # столетия"), and the sentence splitter may cut between the two: the
    # century's sentence must be read too, to be joined back.
    centuries = [w for lang in langs for w in resources.load("dates", lang).get("century_words") or []]
    return tuple(words), tuple(centuries)


@lru_cache(maxsize=None)
def _anchor_parts(langs: tuple[str, ...]) -> tuple[str, str, str]:
    """The word part, the century part of ``anchor_pattern`` (both without
    their word-start guard) and a character class of the characters they
    can begin with."""
    words, centuries = _anchor_words(langs)
    word_alt = _alt(words) if words else ""
    century_alt = rf"[{_CENTURY_LETTERS}]{{1,5}}\s*" + _alt(centuries) if centuries else ""
    first = sorted({v[0] for w in words for v in _variants(w)} | (set(_CENTURY_LETTERS) if centuries else set()))
    first_class = "[" + "".join(re.escape(c) for c in first) + "]" if first else ""
    return word_alt, century_alt, first_class


def _issue_month_forms(issue_months: dict) -> dict[str, int]:
    """Every form of the month adjectives of ``issue_months`` (a resource
    entry: stems per month and the endings they take) with its month."""
    endings = issue_months.get("endings") or [""]
    return {stem + ending: int(num) for num, stems in (issue_months.get("adjectives") or {}).items()
            for stem in stems for ending in endings}


# The letters of a century's Roman numeral ("XIX столетия"), Cyrillic Х too.
_CENTURY_LETTERS = "IVXХІ"


@lru_cache(maxsize=None)
def _digit_anchor(langs: tuple[str, ...]) -> str:
    """The digits a date of ``langs`` cannot do without, from the first
    digit of a whole run (no digit before or after it), each with what the
    rules that read it need after it (see ``_Engine``):

    * four digits: a year;
    * a day and month number written with dots or slashes and a year of two
      or four digits (the ``numeric`` and ``roman_numeric`` rules:
      "1.02.23", "8. 3. 28", "14/Х-32", "5.XI.27");
    * two digits, a dash and two digits (``year_range`` "15 - 16 гг.", in a
      language with plural year words);
    * two digits and a decade suffix ("30s"), with the plural year word
      where the language asks for one ("20-е годы").

    Every other way a date uses a one- or two-digit number goes with a
    month, season or year-reference word ("6 сентября", "октября 28 года",
    "13.VI. с. г.", "17.11 с.г."), with a four-digit year ("с 1 по 5 1920",
    "7/Х 1927 г.") or with a decade prefix ("les années 30"), which are
    anchors of their own (see ``anchor_pattern``). So three digits
    ("с. 171"), five and more, a lone count or list number ("46 тт.",
    "1. Письмо"), a file or page reference ("Ф. 17. Оп. 2", "Л. 5–6") open
    no sentence for reading. Everything looked at after the digits lies
    inside the date a rule would match, so a sentence holding the date
    holds its anchor. The pattern opens with "\\d" (its look-back comes
    second) so that a search reads its first digit as the character it
    skips to (see ``_anchor_searchers``)."""
    dash = "[" + re.escape(_common()["dashes"]) + "]"
    sep = r"[ ]?[./][ ]?"
    # (the year as the rules' ``ny`` reads it: two or four digits, and no
    # dot and digit after them)
    numeric = rf"{sep}(?:\d\d?{sep}|{_ROMAN_NUMERAL}[ ]?[./-][ ]?)\d\d(?:\d\d)?(?!\d)(?![.,/]\d)"
    two_digit = []
    if any(resources.load("dates", lang).get("year_words_plural") for lang in langs):
        two_digit.append(rf"\s*{dash}\s*\d\d(?!\d)")
    for lang in langs:
        res = resources.load("dates", lang)
        suffix, plural = res.get("decade_suffix_regex"), _alt(res.get("year_words_plural") or [])
        if suffix and not res.get("decade_requires_year_word"):
            two_digit.append(rf"{suffix}(?!\w)")
        elif suffix and plural:  # "20-е годы", not "заявление 84-х"
            two_digit.append(rf"{suffix}\s*{plural}")
    alternatives = [r"\d\d\d(?!\d)", rf"\d?(?!\d){numeric}"]
    if two_digit:
        alternatives.append(rf"\d(?!\d)(?:{'|'.join(two_digit)})")
    return rf"\d(?<!\d\d)(?:{'|'.join(alternatives)})"


@lru_cache(maxsize=None)
def anchor_pattern(langs: tuple[str, ...]) -> re.Pattern:
    """A regex for what no date of ``langs`` can do without: a year or a
    day/month number in a numeric date or range (see ``_digit_anchor``), or
    a month, season, part-of-year, year-reference, relative-day or
    decade-prefix word (in the spellings the engines accept) at the start of
    a word, or a century.

    It is a cheap necessary condition, ~3x faster to scan than the engines'
    master regexes: a text with no match holds no date (``find_dates`` finds
    nothing in it), so callers skip it. The first such word of any date is
    never glued to a preceding letter (rules begin after a non-word
    character and join their words with spaces, dashes or commas), hence the
    word-start guard."""
    word_alt, century_alt, _ = _anchor_parts(langs)
    alternatives = [_digit_anchor(langs)]
    if word_alt:
        alternatives.append(r"(?<![^\W\d_])" + word_alt)
    if century_alt:
        alternatives.append(r"(?<![^\W\d_])" + century_alt)
    return re.compile("|".join(alternatives))


_DIGIT = re.compile(r"\d")
# What the scanner reads before a date (see ``_Engine.scanner``).
_BEFORE_DATE = re.compile(r"[^\w/]")
_NON_LETTER = re.compile(r"[\W\d_]")


@lru_cache(maxsize=None)
def _anchor_searchers(langs: tuple[str, ...]) -> tuple[re.Pattern | None, dict[str | None, re.Pattern]]:
    """The regexes of ``date_anchor_finder``: the word and century anchors
    alone (for the start of a text, None if there are none), and one search
    for every anchor *with the character before it*, a non-letter.

    Opening with a character class lets the regex engine skip from one
    non-letter to the next in C instead of trying the whole alternation at
    every position. At that character either a digit anchor begins (the
    character is its first digit: the group) or a word or century anchor
    begins right after it (a word anchor asks for a non-letter before it,
    and a digit is one). One search finds the first anchor of either kind:
    a digit anchor at a character comes before a word anchor after it, so
    the alternatives are tried in that order.

    The search comes in one form per script of the words' first letters,
    each fastest on a text in that script and all matching the same (see
    ``_root_regex``); ``_main_script`` picks one for a text."""
    word_alt, century_alt, first_class = _anchor_parts(langs)
    alternatives = "|".join(a for a in (word_alt, century_alt) if a)
    at_start = re.compile(f"(?:{alternatives})") if alternatives else None
    words, _ = _anchor_words(langs)
    # the digit anchor after its first digit, which the class has read
    digit = rf"(?<=\d)({_digit_anchor(langs).removeprefix(_DIGIT.pattern)})"
    searchers: dict[str | None, re.Pattern] = {}
    for script in _anchor_scripts(langs) or (None,):
        alt = "|".join(a for a in (_alt(words, script=script) if words else "", century_alt) if a)
        branches = digit + (f"|(?={first_class})(?:{alt})" if alt else "")
        searchers[script] = re.compile(f"{_spelled_class(_NON_LETTER.pattern)}(?:{branches})")
    return at_start, searchers


@lru_cache(maxsize=None)
def _anchor_scripts(langs: tuple[str, ...]) -> dict[str, re.Pattern]:
    """The scripts the anchor words begin in, each with a regex of those
    first letters (small ones: capitals are rare at a word start)."""
    words, _ = _anchor_words(langs)
    letters: dict[str, set[str]] = {}
    for w in words:
        for v in _variants(w):
            if not v[0].isupper():
                letters.setdefault(_script_of(v[0]), set()).add(v[0])
    return {script: re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]")
            for script, chars in sorted(letters.items())}


# How much of a text tells the script it is written in.
_SCRIPT_SAMPLE = 100


def _main_script(text: str, langs: tuple[str, ...]) -> str | None:
    """The script whose anchor first letters ``text`` uses most (judged on
    its beginning): the form of the word search that is fastest on it. Any
    answer gives the same anchors."""
    scripts = _anchor_scripts(langs)
    if not scripts:
        return None
    sample = text[:_SCRIPT_SAMPLE]
    return max(scripts, key=lambda script: len(scripts[script].findall(sample)))


def date_anchor_finder(text: str, langs: tuple[str, ...] = tuple(resources.LANGUAGES)):
    """A function ``next_at(pos)``: the first offset ``>= pos`` of ``text``
    where an anchor (see ``anchor_pattern``) begins, or -1 - the same as
    ``anchor_pattern(langs).search(text, pos).start()``, several times
    faster. Calls must come with rising ``pos``.

    One search (see ``_anchor_searchers``) runs from the character before
    ``pos`` to the first anchor, and its answer serves every later call
    that does not pass it: a caller that skips the sentence around an
    anchor (``sentences_found_by`` does) never has the rest of that
    sentence looked at."""
    at_start, searchers = _anchor_searchers(langs)
    search = searchers[_main_script(text, langs)]
    # The first anchor at or after the last ``pos`` asked about (-1: none
    # is left; -2: not looked for yet).
    found = 0 if at_start is not None and at_start.match(text, 0) else -2

    def next_at(pos: int) -> int:
        nonlocal found
        if found >= pos or found == -1:
            return found
        m = _search_from_class(search, _NON_LETTER, text, max(pos - 1, 0))
        # (a digit anchor begins at the character the match opens with, so
        # one found at ``pos - 1`` is passed over)
        while m is not None and m.start() + (m.lastindex is None) < pos:
            m = _search_from_class(search, _NON_LETTER, text, m.start() + 1)
        found = -1 if m is None else m.start() + (m.lastindex is None)
        return found

    return next_at


def has_date_anchor(text: str, start: int = 0, end: int | None = None,
                    langs: tuple[str, ...] = tuple(resources.LANGUAGES)) -> bool:
    """False only if ``text[start:end]`` cannot hold a date of any of
    ``langs`` (see ``anchor_pattern``), judged as ``find_dates`` would see
    that slice: ``end`` acts as the end of the text; a letter or a digit
    just before ``start`` (which the anchors' look-backs would see) makes
    it slice."""
    pattern = anchor_pattern(langs)
    end = len(text) if end is None else end
    if start > 0 and _LETTER_OR_DIGIT.match(text, start - 1):
        return pattern.search(text[start:end]) is not None
    return pattern.search(text, start, end) is not None


# What the anchors' look-backs look at: a letter before a word, a digit
# before a digit run.
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


@lru_cache(maxsize=None)
def _anchor_starts(langs: tuple[str, ...]) -> re.Pattern:
    return re.compile(f"(?={anchor_pattern(langs).pattern})")


def date_anchor_positions(text: str, langs: tuple[str, ...] = tuple(resources.LANGUAGES)) -> list[int]:
    """Every offset of ``text`` where an anchor (see ``anchor_pattern``)
    begins, overlapping ones included: a part of ``text`` that contains none
    of them holds no date (parts begin after a space, as sentences do)."""
    return [m.start() for m in _anchor_starts(langs).finditer(text)]


def _interpret(engine: _Engine, state: _State, text: str, m: re.Match, start: int,
               shift: int = 0) -> DateMention | None:
    """Read the scanner's match of a date beginning at ``start`` (its offsets
    ``shift`` past ``text``'s); if its rule rejects it, try the later rules
    at the same place (alternation stops at the first rule that *matches*,
    not at the first that makes sense)."""
    # The rule's group is the outermost named group of the match, so it
    # closes last (a qualifier before it closes earlier). Groups are taken
    # by number: a name is looked up at every call.
    group = m.lastindex
    index = engine.rule_of_group[group]
    body_start = m.start(group) - shift
    qual = m.group(engine.qual_group) if engine.qual_group else None
    rules = engine.rules
    for span_start, q in ((start, qual), (body_start, None)) if qual else ((body_start, None),):
        for i in range(index, len(rules)):
            rm = rules[i].pattern.match(text, body_start)
            if rm is None:
                continue
            mention = _build(engine, state, text, rules[i].name, rm, span_start, q)
            if mention is not None:
                return mention
    return None


# Rules whose number may be a page, folio or archival reference instead.
_REFERENCE_RULES = frozenset({"numeric", "roman_numeric", "year_range", "year", "decade"})
# Precisions from the finest: a value's confidence is its finest point's.
_PRECISION_RANK = {p: i for i, p in enumerate(("day", "month", "season", "year", "decade"))}


def _finest_precision(points: tuple[_Point, ...]) -> str:
    """The finest precision among ``points`` ("year" if there are none)."""
    if not points:
        return "year"
    finest = points[0].precision
    for p in points[1:]:
        if _PRECISION_RANK[p.precision] < _PRECISION_RANK[finest]:
            finest = p.precision
    return finest


def _behind_the_story(context: DateContext, year: int, first: _Point) -> bool:
    """True if ``first``, read in ``year`` from the context, lies more than
    ``NEXT_YEARS_MONTH_BEHIND`` months before the month the story has reached."""
    return (context.month is not None and year == context.year and first.year == year
            and first.month is not None and context.month - first.month > NEXT_YEARS_MONTH_BEHIND)


def _build(engine, state, text, rule, rm, span_start, qual) -> DateMention | None:
    if rule in _REFERENCE_RULES and engine.reference_before is not None:
        at = rm.start()
        if engine.reference_before.search(text[max(0, at - 8) : at]):
            return None
    reader = _Reader(engine, state, text, rm)
    g = rm.groupdict()
    try:
        value = reader.read(rule, g)
        written = state.context.written_on
        if reader.context_year and written is not None and value.points and state.year \
                and value.points[0].first_day() > written + LAST_YEARS_DATE_AFTER:
            # told of a day still to come that year: it is the year before
            saved, state.year = state.year, state.year - 1
            try:
                reader = _Reader(engine, state, text, rm)
                value = reader.read(rule, g)
            finally:
                state.year = saved
        elif reader.context_year and written is None and value.points and state.year \
                and _behind_the_story(state.context, state.year, value.points[0]):
            saved, state.year = state.year, state.year + 1
            try:
                reader = _Reader(engine, state, text, rm)
                value = reader.read(rule, g)
            finally:
                state.year = saved
    except _Reject:
        return None

    start = rm.start("body") if g.get("body") else span_start
    end = rm.end()
    tail = engine.tail.match(text, end)
    old_marker = new_marker = False
    qualifier = ""
    if tail:
        end = tail.end()
        if tail.group("unc"):
            qualifier = "?"
        markers = tail.groupdict()
        old_marker = bool(markers.get("old"))
        new_marker = bool(markers.get("new"))
    # Qualifiers in front ("около", or a preposition that is one: "vers").
    if not qual and g.get("prep") and _key(g["prep"]) in engine.qual_kind:
        qual = g["prep"]
        start = rm.start()
    if qual:
        kind = engine.qual_kind.get(_key(qual))
        if kind == "approximate":
            qualifier = "~"
        elif kind == "not_before":
            value = _Value(value.start, None, interval=True)
        elif kind == "not_after":
            value = _Value(None, value.end if value.interval else value.start, interval=True)
    if qualifier:
        value = value._replace(qualifier=qualifier)

    # Calendar.
    cal = "gregorian"
    original = ""
    dual = reader.dual_original
    if dual is not None:
        cal, original = "julian", dual.edtf()
    else:
        # A part of a month ("в начале ноября 1916 г.") is ten days wide:
        # converting it would only pretend to a precision it lacks.
        # A relative day is counted from the document date, which is
        # Gregorian already.
        vague = (reader.vague or reader.relative) and not old_marker
        julian = not vague and _is_julian(engine, state.context, value, old_marker, new_marker)
        if julian:
            original = value.edtf()
            value = _to_gregorian(value)
            cal = "julian"

    # Confidence.
    conf = engine.confidence
    points = value.points
    confidence = conf[points[0].precision if len(points) == 1 else _finest_precision(points)]
    if reader.bare:
        confidence = min(confidence, conf["bare_range"])
    if reader.inferred:
        confidence = min(confidence, conf["inferred"])
    if reader.relative:
        confidence = min(confidence, conf["relative"])
    if rule in ("part_of_month", "part_range"):
        confidence = min(confidence, conf["month"])
    if reader.month_only:
        confidence = min(confidence, conf["month_only"])

    # Explicit years feed the running year for later year-less dates.
    if not reader.inferred and points:
        state.year = points[-1].year
        state.explicit = True

    # (positional: start, end, text, edtf, calendar, original_edtf,
    # confidence, inferred, rule)
    return DateMention(start, end, text[start:end], value.edtf(), cal, original, confidence,
                       reader.inferred, rule)


def _is_julian(engine: _Engine, ctx: DateContext, value: _Value, old: bool, new: bool) -> bool:
    """Old Style? Explicit markers win, then the caller, then the language's
    rule. Only day dates are converted: the calendars differ by under two
    weeks, so a month or a year is left as written (and called Gregorian)."""
    days = [(p.year, p.month, p.day) for p in value.points if p.day and not p.decade]  # (precision "day")
    if not days:
        return False
    if old:
        return True
    if new:
        return False
    if ctx.julian is not None:
        return ctx.julian
    return _before_calendar_change(engine, days)


def _before_calendar_change(engine: _Engine, days: list[tuple[int, int, int]]) -> bool:
    """Do all ``days`` fall before the language's change to the Gregorian
    calendar (False if it has none)? Days are (year, month, day) tuples,
    which order as their dates do: no date is made of each."""
    until = engine.julian_until_ymd
    if until is None:
        return False
    for day in days:
        if day >= until:
            return False
    return True


def _to_gregorian(value: _Value) -> _Value:
    def conv(p: _Point | None) -> _Point | None:
        if p is None or p.precision != "day":
            return p
        d = julian_to_gregorian(p.year, p.month, p.day)
        return _Point(d.year, d.month, d.day)

    return value._replace(start=conv(value.start), end=conv(value.end))


def iter_with_context(
    paragraphs: Iterable[str], lang: str, context: DateContext | None = None
) -> Iterator[tuple[int, list[DateMention]]]:
    """``find_dates`` over consecutive paragraphs, carrying the last explicit
    year from one paragraph to the next. Yields (paragraph index, mentions);
    offsets are relative to each paragraph. The caller's context is copied,
    never changed."""
    ctx = replace(context) if context else DateContext()
    for i, para in enumerate(paragraphs):
        mentions = find_dates(para, lang, ctx)
        explicit = [mm for mm in mentions if not mm.inferred]
        if explicit:
            year = _year_of(explicit[-1])
            if year:
                ctx = replace(ctx, year=year)
        yield i, mentions


def _year_of(mention: DateMention) -> int | None:
    edtf = mention.original_edtf or mention.edtf
    last = edtf.split("/")[-1]
    digits = _YEAR_EDTF.match(last)
    return int(digits.group(0)) if digits else None
