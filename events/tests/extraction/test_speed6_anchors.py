"""The date anchors stay a superset of the dates: the digit anchors now ask
for what the digit rules need after the number (a numeric date's
separators and year, a range's dash and second number, a decade suffix),
so page numbers, counts and file references open no sentence; every date
``find_dates`` can find must still begin at or contain an anchor."""

from __future__ import annotations

import datetime
import random
from collections import Counter

import pytest

from events.extraction import dates, pipeline, resources
from events.extraction.dates import DateContext, date_anchor_positions, find_dates
from events.tests.extraction import corpus

LANGS = tuple(resources.LANGUAGES)
CONTEXTS = [
    DateContext(year=1930, document_date=datetime.date(1930, 5, 1)),
    DateContext(),
]


def _month_words() -> list[str]:
    words = []
    for lang in LANGS:
        res = resources.load("dates", lang)
        for key in ("months", "month_abbreviations"):
            for forms in (res.get(key) or {}).values():
                words += forms[:2]
    return words


# Pieces dates are made of, and pieces that look like them (references,
# counts, list numbers), glued in random order: the digit rules' corners.
_NUMBERS = ["1", "5", "05", "12", "13", "28", "31", "32", "99", "171", "1923", "1930", "2001", "12345", "0"]
_GLUE = [".", "/", "-", "–", " - ", ". ", " .", " ", "  ", ", ", "\n", "", "", "", ".", "/"]
_WORDS = ["г.", "гг.", "года", "годы", "с. г.", "с.г.", "-х", "-е", "-го", "s", "'s", "XI", "Х", "УП", "П", "ІV",
          "1Х", "VI.", "Ф.", "Оп.", "Д.", "Л.", "с", "по", "в", "от", "le", "en", "in", "années", "№", "стр.",
          "века", "XIX", "вчера", "летом", "в конце", "начала", "середине", "конце –", "fin", "début", "de",
          "mi-", "fin de", "the end of", "early", "весны", "осень", "зимой", "printemps", "automne", "summer",
          "from", "to", "entre", "Été", "En", "EN", "со", "été", "du", "au", "et", "и", "between", "and"]
# What goes with numbers in a date written with digits only.
_DIGIT_WORDS = ["г.", "гг.", "-х гг.", "-е годы", " - е годы", "-ые", "s", "s", "'s", "XI", "Х", "УП", "П", "1Х", "с. г.", "Л."]


def _generated_texts(count: int, seed: int = 6) -> list[str]:
    rnd = random.Random(seed)
    all_words = _WORDS + _month_words()
    texts = []
    for _ in range(count):
        words = all_words if rnd.random() < 0.5 else _DIGIT_WORDS
        parts = []
        for _ in range(rnd.randint(2, 9)):
            kind = rnd.random()
            parts.append(rnd.choice(_NUMBERS) if kind < 0.5 else rnd.choice(words))
            parts.append(rnd.choice(_GLUE))
        texts.append(rnd.choice(["", "x ", "См. ", "1"]) + "".join(parts))
    return texts


def _real_sentences() -> list[str]:
    from events.extraction.sentences import sentence_spans

    out = []
    for key in ("001", "002", "004"):
        text = corpus.normalized(key).text[:300000]
        out += [text[s:e] for s, e in sentence_spans(text) if any(ch.isdigit() for ch in text[s:e])]
    return out


def _unanchored_dates(texts: list[str]) -> list[tuple[str, str, str]]:
    """(text, lang, date) of every date found with no anchor beginning
    inside it or in the text before it back to the previous date (a
    preposition read with the date may come before the span it reports:
    "en été" is "été")."""
    missed = []
    for text in texts:
        anchors = date_anchor_positions(text)
        for lang in LANGS:
            for ctx in CONTEXTS:
                previous_end = 0
                for m in find_dates(text, lang, ctx):
                    if not any(previous_end <= a < m.end for a in anchors):
                        missed.append((text, lang, text[m.start:m.end]))
                    previous_end = m.end
    return missed


def test_every_date_of_generated_texts_holds_an_anchor():
    texts = _generated_texts(8000)
    assert _unanchored_dates(texts) == []
    # the generator does reach the rules read from digits, and numbers that are no date
    rules = Counter(m.rule for t in texts for lang in LANGS for m in find_dates(t, lang, CONTEXTS[0]))
    assert all(rules[rule] > 10 for rule in ("numeric", "roman_numeric", "year_range", "decade", "day_month")), rules
    assert sum(not date_anchor_positions(t) and any(c.isdigit() for c in t) for t in texts) > 200


def test_every_date_of_real_sentences_holds_an_anchor():
    assert _unanchored_dates(_real_sentences()) == []


@pytest.mark.parametrize("text", [
    "1.02.23г.", "8. 3. 28 г.", "15/11/24", "17.П.1925", "25.УП.28", "14/Х-32", "5.XI.27", "6.09.1923 г.",
    "15 - 16 гг.", "1909-10 г.", "20-е годы", "30-х гг.", "in the 30s", "the 1930's", "les années 30",
    "13.VI. с. г.", "29/Х с.г.", "от 17.11 с.г.", "7/Х 1927 г.", "октября 28 года",
    "1927-09-15",
])
def test_dates_written_with_digits_only_are_anchored(text):
    assert any(find_dates(text, lang, CONTEXTS[0]) for lang in LANGS), text
    assert _unanchored_dates([text]) == []


@pytest.mark.parametrize("text", [
    "Ф. 17. Оп. 2. Д. 45. Л. 12.", "Л. 5–6.", "Л. 5–15 об.", "1. Письмо Троцкого.", "46 тт. и 3 человека",
    "кв. 5.", "Берлин 12.3.", "с. 171", "тел. 2-3-456", "15. П. 110.", "п. 1.2.345", "§ 1.2.3.4",
    "заявление 84-х", "в 20-е",
])
def test_references_counts_and_list_numbers_are_no_anchors(text):
    assert date_anchor_positions(text) == []
    assert not any(find_dates(text, lang, ctx) for lang in LANGS for ctx in CONTEXTS)


@pytest.mark.parametrize("text,lang", [
    # parts: their month, year or year reference is the anchor
    ("в конце мая", "ru"), ("начала 1930 г.", "ru"), ("в конце августа – начале сентября", "ru"),
    ("в конце 1932 — начале 1933 г.", "ru"), ("в начале с. г.", "ru"), ("fin de mai", "fr"),
    ("début d'avril", "fr"), ("mi-mai", "fr"), ("the end of May", "en"), ("early 1930", "en"),
    # seasons: alone, after their preposition or the range's first word, or with a year
    ("весной", "ru"), ("Осенью он уехал", "ru"), ("с весны по осень", "ru"), ("Со Весны по осень", "ru"),
    ("летом 1929 г.", "ru"), ("весной-летом 1939 г.", "ru"), ("зимой этого года", "ru"),
    ("en été", "fr"), ("En Été", "fr"), ("au printemps", "fr"), ("du printemps au été", "fr"),
    ("entre printemps et automne", "fr"),
    ("in the summer", "en"), ("from spring to autumn", "en"), ("between spring and autumn", "en"),
])
def test_parts_and_seasons_are_anchored_by_what_makes_them_dates(text, lang):
    assert find_dates(text, lang, CONTEXTS[0]), text
    assert _unanchored_dates([text]) == []


@pytest.mark.parametrize("text", [
    "в конце", "до конца", "в начале работы", "à la fin", "au début", "mi-temps",
    "il a été", "до лета", "лета", "осени", "été comme hiver", "summer camp",
])
def test_a_part_or_season_without_its_cue_is_no_anchor(text):
    assert date_anchor_positions(text) == []
    assert not any(find_dates(text, lang, ctx) for lang in LANGS for ctx in CONTEXTS)


def _finder_answers(text: str, step: int) -> tuple[list[int], list[int]]:
    next_at = dates.date_anchor_finder(text)
    pattern = dates.anchor_pattern(LANGS)
    got, want, pos = [], [], 0
    while pos <= len(text):
        a = next_at(pos)
        m = pattern.search(text, pos)
        got.append(a)
        want.append(m.start() if m else -1)
        if a < 0:
            break
        pos = max(pos + step, a + 1)
    return got, want


@pytest.mark.parametrize("step", [1, 5])
def test_anchor_finder_answers_like_a_plain_search_of_its_pattern(step):
    for text in _generated_texts(800, seed=7) + ["\n".join(_generated_texts(300, seed=8))]:
        got, want = _finder_answers(text, step)
        assert got == want, text


def test_sharper_anchors_change_nothing_the_build_stage_yields():
    """Sentences read only at anchors (the real date finder) give the events
    that reading every sentence gives (any other date function reads all)."""
    from events.extraction.normalize import normalize
    from events.extraction.segment import segment

    raw = corpus.raw("001")[:300000]
    normalized = normalize(raw)
    layout = segment(raw, "t.txt", normalized)

    def every_sentence(text, lang, context=None):
        return find_dates(text, lang, context)

    def events(dates_fn):
        return [(e.start, e.end, e.date, e.type, e.title)
                for e in pipeline.build_events(raw, layout, normalized, dates_fn)]

    gated = events(find_dates)
    assert gated == events(every_sentence) and gated
