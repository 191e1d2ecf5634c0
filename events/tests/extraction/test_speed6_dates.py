"""Speed shortcuts of the date finder (round 6): each is compared with the
plain form it replaces, on generated values and made-up tricky text, and
must give the same answer."""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import random

import pytest

from events.extraction import dates, resources
from events.extraction.dates import DateContext, _Point, _Value, find_dates
from events.tests.extraction import test_speed_gates_r2dates

LANGS = tuple(resources.LANGUAGES)

# The second round's contexts, and a writing day just before the calendar change.
CONTEXTS = test_speed_gates_r2dates.CONTEXTS + [
    DateContext(year=1918, written_on=datetime.date(1918, 1, 20), this_year=1918),
]

# Dates of every rule and calendar, near the Russian calendar change
# (1918-02-14), with markers, qualifiers and things that are not dates.
PIECES = [
    "6 сентября 1923 г.", "13 февраля 1918 г.", "14 февраля 1918 г.", "1 (14) февраля 1918 г.",
    "31 декабря 1899 (12 января 1900)", "5 мая 1917 г. (по ст. ст.)", "5 мая 1917 г. (н. ст.)",
    "5 мая (?)", "в ночь с 3 на 4 мая", "с 1 по 5 сентября 1917 г.", "между 1916 и 1917 гг.",
    "в конце мая 1916 г.", "в первой половине 1917 г.", "весной-летом 1916 г.", "20-е годы",
    "1930-х гг.", "15-16 гг.", "1916–1917 гг.", "09.07.17 г.", "17.П.1917", "14/Х-17", "13.VI. с. г.",
    "вчера", "сегодня", "около 1917 г.", "не ранее 5 мая 1917 г.", "не позднее июня 1917 г.",
    "в мае", "осенью", "того же года", "С февраля 1914 г.", "л. 17", "С. 1917.", "№ 1917",
    "le 15 février 1917", "vers 1917", "3 May 1917", "May 3, 1917", "1er mai 1917",
    " ", ", ", ". ", "\n", "и ", "x",
]


def _texts(count: int = 200, seed: int = 6) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12))) for _ in range(count)]


TEXTS = _texts() + [" ".join(PIECES)]


def _plain_before_calendar_change(engine, days):
    """``_before_calendar_change`` as it was: each day made a date and
    compared with the day of the change."""
    return engine.julian_until is not None and all(datetime.date(*d) < engine.julian_until for d in days)


# Days around the Russian change (1918-02-14) and far from it.
DAYS = [(y, m, d) for y in (1582, 1899, 1917, 1918, 1919) for m in (1, 2, 3, 12) for d in (1, 13, 14, 15, 28)]


@pytest.mark.parametrize("lang", LANGS)
def test_calendar_change_test_on_day_tuples_agrees_with_dates(lang):
    """The Old Style rule compares (year, month, day) tuples with the day of
    the change, not dates: the same answer for one day and for pairs, on
    days around the change and far from it."""
    engine = dates._engine(lang)
    lists = [[d] for d in DAYS] + [list(pair) for pair in itertools.product(DAYS[::3], DAYS[1::2])]
    for day_list in lists:
        assert dates._before_calendar_change(engine, day_list) == _plain_before_calendar_change(engine, day_list)
    assert len(lists) > 500


def test_julian_test_knows_the_day_of_the_change():
    engine = dates._engine("ru")
    assert engine.julian_until_ymd == (1918, 2, 14)
    before, on = _Value(_Point(1918, 2, 13)), _Value(_Point(1918, 2, 14))
    assert dates._is_julian(engine, DateContext(), before, False, False)
    assert not dates._is_julian(engine, DateContext(), on, False, False)
    assert dates._engine("fr").julian_until_ymd is None


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_has_its_reading_method(lang):
    """Readings are dispatched by rule name through a table made once; it
    holds the method ``getattr`` would find for every rule of the engines."""
    for rule in dates._engine(lang).rules:
        assert dates._RULE_READERS[rule.name] is getattr(dates._Reader, "rule_" + rule.name)


def test_group_names_are_the_rules_group_names():
    for i, names in dates._GROUP_NAMES.items():
        assert names == (f"y{i}", f"yb{i}", f"yr{i}", f"m{i}", f"mb{i}", f"d{i}", f"s{i}")


def _plain_read(self, rule, g):
    return getattr(self, "rule_" + rule)(g)


@pytest.mark.parametrize("lang", LANGS)
def test_find_dates_reads_the_same_as_with_the_plain_forms(lang, monkeypatch):
    """End to end on made-up text in several contexts (running years, a
    document date, Old Style forced either way, a writing day just before
    the calendar change): the dates found are the ones the plain Old Style
    test and reading dispatch give."""
    fast = [find_dates(text, lang, ctx) for text in TEXTS for ctx in CONTEXTS]
    monkeypatch.setattr(dates, "_before_calendar_change", _plain_before_calendar_change)
    monkeypatch.setattr(dates._Reader, "read", _plain_read)
    plain = [find_dates(text, lang, ctx) for text in TEXTS for ctx in CONTEXTS]
    assert fast == plain
    found = [m for ms in fast for m in ms]
    assert len(found) >= 100
    if lang == "ru":
        assert {m.calendar for m in found} == {"julian", "gregorian"}


def test_mentions_are_built_with_their_fields_in_order():
    """``_build`` makes a mention from positional fields: each lands in its
    own field."""
    m = find_dates("около 5 мая 1917 г. (?)", "ru", DateContext())[0]
    assert dataclasses.asdict(m) == {
        "start": 0, "end": 23, "text": "около 5 мая 1917 г. (?)", "edtf": "1917-05-18~",
        "calendar": "julian", "original_edtf": "1917-05-05~", "confidence": m.confidence,
        "inferred": False, "rule": "day_month_year"}
    assert 0 < m.confidence <= 1
