"""Historians' dates: an EDTF value and the sortable facts derived from it.

An event's date is kept in three layers: the words of the source (verbatim),
an EDTF string (Library of Congress Extended Date/Time Format, always in the
Gregorian calendar), and derived bounds used for indexing, filtering and
sorting. This module owns the step from layer two to layer three, and the
Julian -> Gregorian conversion Old Style Russian dates need. It is plain
Python so extraction, models, the API and exports share one definition.
"""

from __future__ import annotations

import calendar as _calendar
import functools
import datetime as dt
import re
from dataclasses import dataclass

import edtf
from edtf.parser.edtf_exceptions import EDTFParseException

# Open interval ends ("1932-11/..") are stored as these sentinels so the bounds
# columns never hold NULL and stay usable by ordinary range indexes.
OPEN_START = dt.date(1, 1, 1)
OPEN_END = dt.date(9999, 12, 31)

GREGORIAN = "gregorian"
JULIAN = "julian"
CALENDARS = ((GREGORIAN, "Gregorian"), (JULIAN, "Julian (Old Style)"))

PRECISION_DAY = "day"
PRECISION_MONTH = "month"
PRECISION_SEASON = "season"
PRECISION_YEAR = "year"
PRECISION_DECADE = "decade"
PRECISION_CENTURY = "century"
PRECISIONS = (
    (PRECISION_DAY, "day"),
    (PRECISION_MONTH, "month"),
    (PRECISION_SEASON, "season or part of year"),
    (PRECISION_YEAR, "year"),
    (PRECISION_DECADE, "decade"),
    (PRECISION_CENTURY, "century"),
)
_PRECISION_RANK = {p: i for i, (p, _) in enumerate(PRECISIONS)}

# EDTF level-2 sub-year groupings -> (first month, last month).
SUB_YEAR_MONTHS = {
    21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2),  # spring .. winter (northern)
    25: (3, 5), 26: (6, 8), 27: (9, 11), 28: (12, 2),
    29: (9, 11), 30: (12, 2), 31: (3, 5), 32: (6, 8),
    33: (1, 3), 34: (4, 6), 35: (7, 9), 36: (10, 12),  # quarters
    37: (1, 4), 38: (5, 8), 39: (9, 12),  # quadrimesters
    40: (1, 6), 41: (7, 12),  # semesters
}


class InvalidEDTF(ValueError):
    """The value is not valid EDTF; the message says why, in plain words."""


@dataclass(frozen=True)
class DateBounds:
    """What an EDTF value means on the calendar.

    ``earliest``/``latest`` are the first and last possible day (sentinels for
    open ends); ``sort`` is the day used to order events chronologically.
    """

    edtf: str
    earliest: dt.date
    latest: dt.date
    sort: dt.date
    precision: str
    approximate: bool
    uncertain: bool

    @property
    def is_range(self) -> bool:
        return self.earliest != self.latest


_UNSPECIFIED = re.compile(r"^-?\d*X+$")
_YEAR_ONLY = re.compile(r"^-?\d{4}$")


def _explain(value: str) -> str:
    """A human explanation of why ``value`` is not valid EDTF."""
    stripped = value.strip()
    if not stripped:
        return "the date is empty; give an EDTF value such as 1935-06-29"
    if stripped != value:
        return "remove the spaces around the date"
    m = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$", value)
    if m:
        year, month, day = int(m[1]), int(m[2]), m[3]
        if not (1 <= month <= 12 or 21 <= month <= 41):
            return (
                f"month {month:02d} does not exist: use 01-12, or 21-24 for seasons "
                "(spring..winter), 33-36 for quarters, 40-41 for halves of the year"
            )
        if day is not None:
            if month > 12:
                return "a season or part of a year cannot have a day"
            last = _calendar.monthrange(year, month)[1]
            return f"day {day} does not exist in {year}-{month:02d} (it has {last} days)"
    if re.match(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$", value):
        return "write dates as YYYY-MM-DD (EDTF), not DD.MM.YYYY"
    return (
        f"{value!r} is not valid EDTF; examples: 1935-06-29 (day), 1935-06 (month), "
        "1937-22 (summer 1937), 1932~ (about 1932), 1932? (perhaps 1932), "
        "1935/1937 (range), 1932-11/.. (from November 1932 on), 193X (the 1930s)"
    )


def parse(value: str):
    """Parse ``value`` with the ``edtf`` package or raise :class:`InvalidEDTF`."""
    if not isinstance(value, str):
        raise InvalidEDTF(f"an EDTF date must be text, not {type(value).__name__}")
    if len(value) > 100:
        raise InvalidEDTF("the date is too long to be an EDTF value (100 characters at most)")
    if value != value.strip() or not value:
        raise InvalidEDTF(_explain(value))
    try:
        parsed = edtf.parse_edtf(value)
    except (EDTFParseException, ValueError, TypeError, OverflowError) as exc:
        raise InvalidEDTF(_explain(value)) from exc
    if parsed is None:
        raise InvalidEDTF(_explain(value))
    # The parser accepts some impossible calendar values; check the bounds too.
    try:
        _compute_bounds(value)
    except (ValueError, OverflowError, KeyError) as exc:
        raise InvalidEDTF(_explain(value)) from exc
    return parsed


# The forms almost every stored date takes (a year, month or day with an
# optional qualifier, a season, an interval of those) are checked by pattern
# and calendar arithmetic: the general ``edtf`` parser needs ~50 ms per value,
# which made every list page and export crawl. Only strings the ``edtf``
# package is known to accept match (see test_dates_fast_path); anything else
# goes through the full parser as before.
_FAST_DAY = r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2})?)?[~?%]?"
_FAST_SEASON_SIDE = r"\d{4}-2[1-4]"
_FAST_FORMS = re.compile(
    rf"^(?:{_FAST_DAY}|\d{{4}}-(?:2[1-9]|3\d|4[01])"
    rf"|(?:{_FAST_DAY}|{_FAST_SEASON_SIDE}|\.\.)/(?:{_FAST_DAY}|{_FAST_SEASON_SIDE}|\.\.))$"
)


def _known_valid(value: str) -> bool:
    """True if ``value`` is a common EDTF form with real calendar dates."""
    if not isinstance(value, str) or value == "../.." or not _FAST_FORMS.match(value):
        return False
    try:
        _compute_bounds(value)
    except (ValueError, OverflowError, KeyError):
        return False
    return True


def _check(value) -> None:
    """Raise :class:`InvalidEDTF` unless ``value`` is valid (fast path first)."""
    if not isinstance(value, str):
        parse(value)  # raises, saying what type it got
    _check_text(value)


@functools.lru_cache(maxsize=65536)
def _check_text(value: str) -> None:
    """Validity of a string, remembered: valid values recur on every page and
    export (exceptions are not cached, so invalid ones are re-explained)."""
    if not _known_valid(value):
        parse(value)


def validate(value: str) -> str:
    """Return ``value`` if it is valid EDTF, else raise :class:`InvalidEDTF`."""
    _check(value)
    return value


def _strip_qualifiers(token: str) -> tuple[str, bool, bool]:
    """Remove EDTF qualification characters; report approximate/uncertain."""
    approximate = "~" in token or "%" in token
    uncertain = "?" in token or "%" in token
    return re.sub(r"[~?%]", "", token), approximate, uncertain


def _single_bounds(token: str) -> tuple[dt.date, dt.date, str, bool, bool]:
    """Bounds of one EDTF date (no interval): (first day, last day, precision, ~, ?)."""
    core, approximate, uncertain = _strip_qualifiers(token)
    if core in ("..", ""):
        raise ValueError("open end")
    negative = core.startswith("-")
    if negative:
        raise ValueError("dates before the common era are not supported")
    if core.startswith("Y"):
        year = int(core[1:])
        return dt.date(year, 1, 1), dt.date(year, 12, 31), PRECISION_YEAR, approximate, uncertain
    parts = core.split("-")
    year_part = parts[0]
    if "X" in year_part:
        if not _UNSPECIFIED.match(year_part) or len(year_part) != 4 or len(parts) > 1:
            raise ValueError(f"unsupported unspecified date {core}")
        digits = year_part.rstrip("X")
        width = 4 - len(digits)
        low = int(digits + "0" * width)
        high = int(digits + "9" * width)
        precision = {1: PRECISION_DECADE, 2: PRECISION_CENTURY}.get(width, PRECISION_CENTURY)
        return dt.date(max(low, 1), 1, 1), dt.date(high, 12, 31), precision, approximate, uncertain
    year = int(year_part)
    if len(parts) == 1:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), PRECISION_YEAR, approximate, uncertain
    month = int(parts[1])
    if len(parts) == 2:
        if 1 <= month <= 12:
            last = _calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last), PRECISION_MONTH, approximate, uncertain
        if month in SUB_YEAR_MONTHS:
            first_month, last_month = SUB_YEAR_MONTHS[month]
            end_year = year + 1 if last_month < first_month else year
            last = _calendar.monthrange(end_year, last_month)[1]
            return (
                dt.date(year, first_month, 1),
                dt.date(end_year, last_month, last),
                PRECISION_SEASON,
                approximate,
                uncertain,
            )
        raise ValueError(f"month {month} out of range")
    day = int(parts[2])
    when = dt.date(year, month, day)
    return when, when, PRECISION_DAY, approximate, uncertain


def bounds(value: str) -> DateBounds:
    """Derive earliest/latest/sort day, precision and flags from an EDTF value.

    Raises :class:`InvalidEDTF` for anything the ``edtf`` package rejects.
    """
    _check(value)
    return _compute_bounds(value)


def _compute_bounds(value: str) -> DateBounds:
    if value.startswith("[") or value.startswith("{"):
        # A set: "one of" / "all of" these dates. Bounds span its members.
        members = [m for m in re.split(r",|\.\.", value.strip("[]{}")) if m]
        parts = [_single_bounds(m) for m in members]
        earliest = min(p[0] for p in parts)
        latest = max(p[1] for p in parts)
        precision = max((p[2] for p in parts), key=_PRECISION_RANK.__getitem__)
        one_of = value.startswith("[")
        return DateBounds(
            value, earliest, latest, earliest, precision, any(p[3] for p in parts), one_of
        )
    if "/" in value:
        start_token, end_token = value.split("/", 1)
        open_start = start_token in ("", "..")
        open_end = end_token in ("", "..")
        start = None if open_start else _single_bounds(start_token)
        end = None if open_end else _single_bounds(end_token)
        earliest = OPEN_START if start is None else start[0]
        latest = OPEN_END if end is None else end[1]
        known = [p for p in (start, end) if p is not None]
        precision = max((p[2] for p in known), key=_PRECISION_RANK.__getitem__)
        sort = earliest if start is not None else latest
        return DateBounds(
            value,
            earliest,
            latest,
            sort,
            precision,
            any(p[3] for p in known),
            any(p[4] for p in known),
        )
    earliest, latest, precision, approximate, uncertain = _single_bounds(value)
    return DateBounds(value, earliest, latest, earliest, precision, approximate, uncertain)


def julian_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Convert an Old Style (Julian) calendar date to the Gregorian date.

    Uses Julian Day Numbers, so it is right for every century, including the
    extra day the Julian calendar gains in 1700, 1800 and 1900.
    """
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return dt.date.fromordinal(jdn - 1721425)


def gregorian_to_julian(when: dt.date) -> tuple[int, int, int]:
    """The Julian calendar (year, month, day) of a Gregorian date."""
    jdn = when.toordinal() + 1721425
    c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = d - 4800 + m // 10
    return year, month, day


_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)
_SUB_YEAR_EN = {
    21: "spring", 22: "summer", 23: "autumn", 24: "winter",
    33: "first quarter of", 34: "second quarter of", 35: "third quarter of", 36: "end of",
    37: "early", 38: "mid", 39: "late", 40: "first half of", 41: "second half of",
}


def _display_single(token: str) -> str:
    core, approximate, uncertain = _strip_qualifiers(token)
    parts = core.split("-")
    if "X" in parts[0]:
        digits = parts[0].rstrip("X")
        text = f"{digits}0s" if len(digits) == 3 else f"{int(digits) + 1}th century"
    elif len(parts) == 1:
        text = parts[0]
    elif int(parts[1]) > 12:
        text = f"{_SUB_YEAR_EN.get(int(parts[1]), 'part of')} {parts[0]}"
    elif len(parts) == 2:
        text = f"{_MONTHS_EN[int(parts[1]) - 1]} {parts[0]}"
    else:
        text = f"{int(parts[2])} {_MONTHS_EN[int(parts[1]) - 1]} {parts[0]}"
    if approximate:
        text = f"about {text}"
    if uncertain:
        text = f"{text} (uncertain)"
    return text


def display(value: str) -> str:
    """A short English rendering of an EDTF value for people ("about 1932")."""
    try:
        _check(value)
    except InvalidEDTF:
        return value
    if value.startswith(("[", "{")):
        joiner = " or " if value.startswith("[") else " and "
        members = [m for m in value.strip("[]{}").split(",") if m]
        return joiner.join(
            " to ".join(_display_single(p) for p in m.split("..") if p) for m in members
        )
    if "/" in value:
        start, end = value.split("/", 1)
        if start in ("", ".."):
            return f"not later than {_display_single(end)}"
        if end in ("", ".."):
            return f"not earlier than {_display_single(start)}"
        return f"{_display_single(start)} – {_display_single(end)}"
    return _display_single(value)
