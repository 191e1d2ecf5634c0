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

LANGS = tuple(resources.LANGUAGES)

CONTEXTS = [
    DateContext(),
    DateContext(year=1928, document_date=datetime.date(1928, 7, 9)),
    DateContext(year=1916, julian=True),
    DateContext(year=1917, julian=False, written_on=datetime.date(1917, 2, 1)),
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


def _plain_is_julian(engine, ctx, value, old, new):
    """``_is_julian`` as it was: the day points' dates against the day of
    the calendar change."""
    days = [p for p in value.points if p.day and not p.decade]
    if not days:
        return False
    if old:
        return True
    if new:
        return False
    if ctx.julian is not None:
        return ctx.julian
    if engine.julian_until is None:
        return False
    return all(p.first_day() < engine.julian_until for p in days)


def _points() -> list[_Point | None]:
    days = [_Point(y, m, d) for y in (1582, 1899, 1917, 1918, 1919) for m in (1, 2, 3, 12)
            for d in (1, 13, 14, 15, 28)]
    return [None, _Point(1918), _Point(1918, 2), _Point(1917, sub=21), _Point(1910, decade=True)] + days


@pytest.mark.parametrize("lang", LANGS)
def test_julian_test_on_day_tuples_agrees_with_dates(lang):
    """The Old Style test compares (year, month, day) tuples with the day of
    the change, not dates: the same answer for every kind of point and
    interval, with and without markers and the caller's say."""
    engine = dates._engine(lang)
    points = _points()
    values = [_Value(p) for p in points if p is not None]
    values += [_Value(a, b, interval=True) for a, b in itertools.product(points[::3], points[1::4])]
    contexts = [DateContext(), DateContext(julian=True), DateContext(julian=False)]
    checked = 0
    for value, ctx, old, new in itertools.product(values, contexts, (False, True), (False, True)):
        assert dates._is_julian(engine, ctx, value, old, new) == _plain_is_julian(engine, ctx, value, old, new)
        checked += 1
    assert checked > 1000


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
    monkeypatch.setattr(dates, "_is_julian", _plain_is_julian)
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
