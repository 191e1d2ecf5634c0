"""Speed shortcuts of the dates and event-building stages (second round):
each gate is compared with the work it spares, on made-up tricky text and
on every line of the real files, and must give the same answer."""

from __future__ import annotations

import datetime
import random
import re

import pytest

from events.extraction import build, dates, resources
from events.extraction.dates import DateContext, find_dates
from events.tests.extraction import corpus

LANGS = tuple(resources.LANGUAGES)

# Contexts that change which dates are read and how (a running year, a
# document date for relative days, Old Style forced either way).
CONTEXTS = [
    DateContext(),
    DateContext(year=1928, document_date=datetime.date(1928, 7, 9)),
    DateContext(year=1916, julian=True),
    DateContext(year=1930, julian=False, written_on=datetime.date(1930, 2, 1)),
]

# Days with and without years of their own, near-misses and what can stand
# in front of a date (qualifiers, prepositions, glued letters, slashes).
PIECES = [
    "6 сентября 1923 г.", "6 сентября", "сентября 1923", "6-го сентября 1923 года", "09.07.28 г.", "14.2.29",
    "17.П.1925", "25.УП.28", "14/Х-32", "7/Х 1927 г.", "5/III 1927", "1923-09-06", "13.VI. с. г.", "29/Х с.г.",
    "5 мая того же года", "12 (25) октября 1917 г.", "12 октября (25 октября) 1917", "около", "не ранее",
    "примерно", "до", "с", "по", "в ночь на", "весной", "в конце", "вчера", "сегодня", "№", "л.", "с.", "оп.",
    "le 15 février 1932", "le 1er mai 1930", "vers le", "3 May 1930", "May 3, 1931", "May 3rd 1931", "about",
    "1923", "12", "31", "32", "00", "1", "/", ".", "-", "—", " ", " ", " ", ", ", "\n", "(", ")", "x", "Ж", "г.",
    "\U0001d7ce", "\U0001d400", "\U0001f600",
]


def _tricky_texts(count: int = 300, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30))) for _ in range(count)]


TEXTS = _tricky_texts() + ["", "1", "6 сентября 1923", "a6 сентября 1923", "/6 сентября 1923", "\U0001f6006.09.1923"]


def _days_with_year(text: str, lang: str, context: DateContext) -> list:
    """What ``EventBuilder._explicit_days`` keeps of a paragraph's dates."""
    return [d for d in find_dates(text, lang, context) if build.day_of(d.edtf) and not d.inferred]


@pytest.mark.parametrize("lang", LANGS)
def test_day_gate_hides_no_day_with_a_year_in_made_up_text(lang):
    """Where the day gate says no, the date rules find no day with its own
    year in any context; where they find one, its rule is one the gate
    knows. And the gate does say no to some texts with figures."""
    refused = 0
    for text in TEXTS:
        found = [d for context in CONTEXTS for d in _days_with_year(text, lang, context)]
        assert all(d.rule in dates.DAY_WITH_YEAR_RULES for d in found), (text, found)
        if not dates.may_hold_day_with_year(text, lang):
            refused += any(ch.isdigit() for ch in text)
            assert not found, text
    assert refused > 10


@pytest.mark.parametrize("key", ["001", "002", "003", "004"])
def test_day_gate_hides_no_day_with_a_year_of_a_real_file(key):
    """Every line of the cleaned text in which the date rules (of any
    language) find a day with its own year passes the gate; many lines with
    two numbers do not, so it spares real work."""
    context = DateContext(year=1928)
    spared = 0
    for line in corpus.normalized(key).text.split("\n"):
        if not build.may_hold_explicit_day(line):
            continue
        for lang in LANGS:
            if dates.may_hold_day_with_year(line, lang):
                continue
            spared += 1
            assert not _days_with_year(line, lang, context), (lang, line)
    assert spared > 50


def _plain_trie(words) -> re.Pattern:
    """The trie regex of ``words`` with no first-level grouping."""
    trie: dict = {}
    for w in words:
        for v in dates._variants(w):
            node = trie
            for ch in v:
                node = node.setdefault(ch, {})
            node.setdefault("", set()).add("")
    return re.compile("(?:" + dates._trie_regex(trie, "") + ")")


@pytest.mark.parametrize("script", [None, "CYRILLIC", "LATIN"])
def test_grouped_first_letters_match_like_the_plain_trie(script):
    """Capitals and letters of another script looked ahead at as one class,
    then their own branches: the same match as the plain trie at every
    place of made-up and real text."""
    words, _ = dates._anchor_words(LANGS)
    grouped = re.compile(dates._alt(words, script=script))
    plain = _plain_trie(words)
    assert grouped.pattern != plain.pattern
    texts = TEXTS + [corpus.normalized(key).text[:20000] for key in ("001", "002", "003")] + [
        "МАЯ Мая мая Май JUNE June Juin Été ÉTÉ été Sept SEPT С. Г. С.Г. Того же года ТОГО ЖЕ ГОДА"]
    hits = 0
    for text in texts:
        for pos in range(len(text)):
            got, want = grouped.match(text, pos), plain.match(text, pos)
            assert (got and got.span()) == (want and want.span()), (text[pos : pos + 20], script)
            hits += got is not None
    assert hits > 100


# After a word that begins only rules wanting a word next ("в мае", "в ночь
# на 5 июня", "до мая"), numbers and the words that do follow.
NUMBER_AFTER_WORD = {
    "ru": "в 1920 г. в 5 ч. во 2-м в мае к 1 мая к маю до 1 мая до мая с 1 по 5 мая с 1920 по 1921 г. "
          "с начала 1920 с начала мая ночь 5 на 6 июня в ночь на 6 июня ночь на 6 июня около 1920 г. "
          "между 1 и 5 мая между 1920 и 1921 гг. не ранее 5 мая со 2 мая начиная с 3 мая 1920 г.",
    "fr": "en 1920 en mai en 5 au printemps 1920 au 5 mai vers 1920 depuis 5 mai 1920 depuis mai 1920 "
          "la nuit du 5 au 6 juin du 1 au 5 mai entre 1920 et 1921 les années 30 dans les années 1930",
    "en": "in 1920 in May in 5 by May 5, 1920 the night of 5 to 6 June from 1 to 5 May between 1920 and 1921 "
          "about 1920 in the 1930s early 1920 late May 1920 since May 1920",
}


@pytest.mark.parametrize("lang", LANGS)
def test_front_gate_lets_a_number_through_only_where_a_rule_takes_one(lang):
    """The combined regex with and without its front gate finds the same
    dates from every place of texts where numbers follow prepositions,
    qualifiers and "ночь"; and the gate does turn a number away where no
    rule takes one."""
    engine = dates._engine(lang)
    plain = re.compile(engine.master.pattern.replace(engine.front_gate, "", 1))
    gate = re.compile(engine.front_gate)
    text = NUMBER_AFTER_WORD[lang] + " " + NUMBER_AFTER_WORD[lang].upper() + " " + NUMBER_AFTER_WORD[lang].title()
    for pos in range(len(text)):
        got, want = engine.master.match(text, pos), plain.match(text, pos)
        assert (got and (got.span(), got.lastgroup)) == (want and (want.span(), want.lastgroup)), text[pos : pos + 30]
    if lang == "ru":  # ("en", "in" begin a year too)
        assert gate.match("в 1920") is None and gate.match("ночь 5") is None and gate.match("с 5")
