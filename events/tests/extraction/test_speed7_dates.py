"""Speed round 7 of the date finder: each shortcut gives the answer of the
plain form it replaces, on made-up tricky text and on real files."""

from __future__ import annotations

import itertools
import random
import re
import unittest.mock

import pytest

from events.extraction import dates, resources
from events.tests.extraction import corpus

LANGS = tuple(resources.LANGUAGES)
# Every language alone and every pair too: their anchors begin in different
# scripts (or in one), and some have no plural year words or decade suffix.
LANG_SETS = [LANGS] + [tuple(c) for n in (1, 2) for c in itertools.combinations(LANGS, n)]

# Pieces that anchors of either kind and near-misses are made of, glued to
# each other: a digit anchor right before a word ("1923мая"), a word right
# after a digit ("5мая"), digits beyond the BMP, centuries, numeric dates.
PIECES = [
    "мая", "Мая", "5мая", "1923мая", "мая1923", "в мае", "весной", "с весны", "с. г.", "вчера", "XIX века",
    "1923", "12", "123", "12345", "1.02.23", "14/Х-32", "15-16 гг.", "20-е годы", "84-х", "1930s", "30s",
    "les années 30", "mai", "hier", "May", "today", "\U0001d7ce", "\U0001d7ce\U0001d7cf", "\U0001d400", "\U0001f600",
    " ", " ", " ", "\n", ", ", ". ", "-", "—", "/", "(", "x", "Ж", "1", "7", "9",
]


def _texts(count: int = 80, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30))) for _ in range(count)] + [
        "", "1", "1923", "мая", "5мая", "1923мая", "\U0001d7ce923 г.", "x1923", "мая 1923", "12.3.24",
    ]


def _plain_first_anchor(text: str, pos: int, langs: tuple[str, ...]) -> int:
    m = dates.anchor_pattern(langs).search(text, pos)
    return m.start() if m else -1


@pytest.mark.parametrize("langs", LANG_SETS)
def test_anchor_finder_asked_once_answers_like_the_anchor_regex_from_every_position(langs):
    """A finder asked first at ``pos``: its search opens one character
    before ``pos``, where a digit anchor found is passed over."""
    for text in _texts():
        for pos in range(len(text) + 1):
            assert dates.date_anchor_finder(text, langs)(pos) == _plain_first_anchor(text, pos, langs), (text, pos)


@pytest.mark.parametrize("langs", LANG_SETS)
def test_anchor_finder_asked_at_every_position_in_turn_answers_like_the_anchor_regex(langs):
    """One finder asked at every position in turn, re-using its last answer
    until a position passes it."""
    for text in _texts(seed=12):
        next_at = dates.date_anchor_finder(text, langs)
        for pos in range(len(text) + 1):
            assert next_at(pos) == _plain_first_anchor(text, pos, langs), (text, pos)


@pytest.mark.parametrize("key", ["001", "002", "004"])
def test_anchor_finder_asked_past_each_answer_finds_the_anchor_regex_anchors_in_the_corpus(key):
    text = corpus.normalized(key).text[:200000]
    next_at, pos = dates.date_anchor_finder(text), 0
    while True:
        found = next_at(pos)
        assert found == _plain_first_anchor(text, pos, LANGS), pos
        if found < 0:
            break
        pos = found + 1 + found % 50  # (right after an anchor, or some way past it)


@pytest.mark.parametrize("langs", LANG_SETS)
def test_every_script_form_of_the_anchor_search_answers_like_the_anchor_regex(langs, monkeypatch):
    """Whichever script a text is taken to be in (see ``_main_script``)."""
    scripts = list(dates._anchor_searchers(langs)[1])
    for script in scripts:
        monkeypatch.setattr(dates, "_main_script", lambda text, langs, script=script: script)
        for text in _texts(count=30, seed=13):
            next_at = dates.date_anchor_finder(text, langs)
            for pos in range(0, len(text) + 1, 2):
                assert next_at(pos) == _plain_first_anchor(text, pos, langs), (script, text, pos)


# --------------------------------------------------------------------------
# The rules beginning with a number, behind a test of its length
# --------------------------------------------------------------------------

# Numbers of every length, dates of every numeric shape and near-misses, with
# the words the digit rules read after them.
NUMBER_PIECES = [
    "1", "5", "05", "12", "31", "35", "123", "1923", "19230", "0", "00",
    "5 мая", "15 мая 1923 г.", "1923 г.", "1923 г., сентября 15 дня", "1919 г. (февраль)", "1.02.23", "6.09.1923 г.",
    "8. 3. 28 г.", "15/11/24", "1923-05-06", "13.VI. с. г.", "17.11 с.г.", "25.УП.28", "7/Х 1927 г.", "14/Х-32",
    "1930-х гг.", "20-е годы", "90-е гг. XIX столетия", "1935–1937 гг.", "1909-10 г.", "15-16 гг.", "1919 и 1920 гг.",
    "1935-м", "5 мая (18 мая) 1923", "3 mai 1921", "le 1er mai 1921", "May 3, 1931", "the 1930s", "3rd May 1930",
    "1930s", "30s", "12 juin 1927", "15 février 1932",
    " ", " ", " ", ", ", ". ", "-", "—", "/", ".", "(", ")", "\n", "x", "г.", "гг.", "мая", "mai", "May",
]


def _number_texts(count: int = 120, seed: int = 21) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(NUMBER_PIECES) for _ in range(rng.randint(1, 12))) for _ in range(count)]


def _plain_digit_alternation(rules):
    return "|".join(pattern for pattern, _ in rules)


@pytest.mark.parametrize("lang", LANGS)
def test_scanner_with_digit_rules_behind_a_number_length_test_finds_the_plain_alternations_dates(lang, monkeypatch):
    """From every position of made-up text full of numbers, and through
    real files: the same date, at the same place, by the same rule."""
    from events.tests.extraction.test_speed_gates_dates import EDGE_CASES

    engine = dates._engine(lang)
    monkeypatch.setattr(dates, "_by_digit_run", _plain_digit_alternation)
    plain = dates._Engine(lang)
    assert plain.scanner.pattern != engine.scanner.pattern
    for text in _number_texts() + [EDGE_CASES[lang]]:
        for pos in range(len(text) + 1):
            got, want = engine.scanner.search(text, pos), plain.scanner.search(text, pos)
            assert (got and (got.span(), got.lastgroup)) == (want and (want.span(), want.lastgroup)), (text, pos)
    key = {"ru": "001", "fr": "004", "en": "003"}[lang]
    text = corpus.normalized(key).text[:300000]
    got = [(m.span(), m.lastgroup) for m in engine.scanner.finditer(text)]
    assert got == [(m.span(), m.lastgroup) for m in plain.scanner.finditer(text)]
    assert len(got) >= 5


@pytest.mark.parametrize("lang", LANGS)
def test_day_gate_with_digit_rules_behind_a_number_length_test_says_what_the_plain_gate_says(lang, monkeypatch):
    engine = dates._engine(lang)
    monkeypatch.setattr(dates, "_by_digit_run", _plain_digit_alternation)
    plain = dates._Engine(lang)
    for text in _number_texts(seed=22):
        for pos in range(len(text) + 1):
            got, want = engine.day_gate.search(text, pos), plain.day_gate.search(text, pos)
            assert (got and got.span()) == (want and want.span()), (text, pos)


@pytest.mark.parametrize("lang", LANGS)
def test_every_digit_rule_begins_with_a_number_of_the_lengths_it_declares(lang):
    """What the length tests rely on, checked on every match of each rule's
    own pattern in made-up text and a real file."""
    engine, declared = _declared_runs(lang)
    assert any(runs is not None for runs in declared.values())
    key = {"ru": "001", "fr": "004", "en": "003"}[lang]
    texts = _number_texts(seed=23) + [corpus.normalized(key).text[:200000]]
    checked = 0
    for i, lengths in declared.items():
        if lengths is None:
            continue
        for text in texts:
            for pos in range(len(text)):
                if text[pos].isdigit() and engine.rules[i].pattern.match(text, pos):
                    digits = len(text[pos:]) - len(text[pos:].lstrip("0123456789"))
                    assert digits in lengths, (engine.rules[i].name, text[pos : pos + 30])
                    checked += 1
    assert checked > 50


def _declared_runs(lang: str):
    """A new engine of ``lang`` and the number lengths (``runs``) each of
    its rules that begin with a digit was added with, by rule index."""
    calls = []
    real = dates._by_digit_run

    def spy(rules):
        calls.append(rules)
        return real(rules)

    with unittest.mock.patch.object(dates, "_by_digit_run", spy):
        engine = dates._Engine(lang)
    # (the scanner's rules come first, each in its named group)
    return engine, {int(re.match(r"\(\?P<r(\d+)>", p).group(1)): runs for p, runs in calls[0]}


@pytest.mark.parametrize("rules,texts", [
    # a day rule, a year rule, one of both lengths between them, then again
    ([("(?P<a>\\d\\d?(?!\\d)x)", dates._DAY_RUN), ("(?P<b>\\d{4}x)", dates._YEAR_RUN), ("(?P<c>\\d+x?)", None),
      ("(?P<d>\\d\\dy)", dates._TWO_DIGIT_RUN), ("(?P<e>\\d{4}y?)", dates._YEAR_RUN), ("(?P<f>\\dz)", dates._DAY_RUN)],
     ["1x", "12x", "123x", "1234x", "12345x", "12y", "1234y", "1234", "1z", "12z", "5", "55"]),
])
def test_digit_rules_behind_a_number_length_test_keep_their_order_of_preference(rules, texts):
    grouped = re.compile(dates._by_digit_run(rules))
    plain = re.compile("|".join(p for p, _ in rules))
    for text in texts:
        got, want = grouped.match(text), plain.match(text)
        assert (got and (got.span(), got.lastgroup)) == (want and (want.span(), want.lastgroup)), text
    assert grouped.pattern.count("(?=") == 4  # (two tests before the rule of any length, two after)
