"""Speed round 7 of the date finder: each shortcut gives the answer of the
plain form it replaces, on made-up tricky text and on real files."""

from __future__ import annotations

import itertools
import random

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
