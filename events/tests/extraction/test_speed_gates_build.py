"""The shortcuts the event-building stage takes for speed never change what
it finds: each cheap check is compared with the work it spares, on the
corpus and on made-up edge cases."""

from __future__ import annotations

import datetime

import pytest

from events.extraction import build, resources
from events.extraction.dates import DateContext, find_dates
from events.tests.extraction import corpus


def _explicit_days(text: str, lang: str, context: DateContext) -> list:
    """What ``EventBuilder._explicit_days`` keeps of a paragraph's dates."""
    return [d for d in find_dates(text, lang, context) if build.day_of(d.edtf) and not d.inferred]


@pytest.mark.parametrize("text,has_day", [
    ("6 сентября 1923 г. он выехал", True),
    ("1. Москва 09.07.28 г.", True),
    ("№ 97 от 14.2.29 г.", True),
    ("Le 15 février 1932 il fut arrêté.", True),
    ("On 3 May 1930 he was arrested.", True),
    ("5 мая того же года он выехал", False),
    ("13 июня с. г. и вчера", False),
    ("Вчера, 5 мая, он уехал.", False),
    ("le trois mai de cette année", False),
    ("", False),
])
def test_paragraphs_without_a_figure_hold_no_explicit_day(text, has_day):
    context = DateContext(year=1928, document_date=datetime.date(1928, 7, 9))
    found = any(_explicit_days(text, lang, context) for lang in resources.LANGUAGES)
    assert found is has_day
    assert build.may_hold_explicit_day(text) or not found


@pytest.mark.parametrize("key", ["001", "004"])
def test_figure_gate_hides_no_explicit_day_of_a_real_file(key):
    """Every paragraph (line of the cleaned text) in which the date rules
    find a day with its own year has a figure; and most lines have none,
    so the gate spares real work."""
    lines = corpus.normalized(key).text.split("\n")[:3000]
    context = DateContext(year=1928)
    skipped = 0
    for line in lines:
        if build.may_hold_explicit_day(line):
            continue
        skipped += bool(line.strip())
        assert not any(_explicit_days(line, lang, context) for lang in resources.LANGUAGES), line
    assert skipped > 100
