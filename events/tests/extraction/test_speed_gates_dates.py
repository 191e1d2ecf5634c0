"""The date finder's shortcuts taken for speed never change what it finds."""

from __future__ import annotations

import re

import pytest

from events.extraction import dates
from events.tests.extraction import corpus

# Made-up edge cases for the gates: every kind of rule start and qualifier,
# in all spellings (lower, Capitalised, UPPER), glued to letters, digits or
# slashes, split over lines, abbreviated, and words that merely begin like one.
EDGE_CASES = {
    "ru": (
        "Около 1920 г. ОКОЛО 1920 г. около\n1920 г. ок. 1920 г. приблиз. 1921 г. не ранее 1922 г. "
        "Не\nпозднее 5 мая 1923 г. примерно в 1924 г. в конце мая 1925 г. В КОНЦЕ 1926 г. "
        "с 1 по 5 сентября 1927 г. со 2 по 3 июня. между 1928 и 1929 гг. Весной-летом 1930 г. "
        "первой половине 1931 г. ночь с 3 на 4 мая. в ноябре, во вторник. того же года, с. г. "
        "вчера, сегодня. начиная с февраля 1932 г. сентябрь 1933, дек. 1934, дек 1935. "
        "слово с\u00a0мая; № 178/с 3 ноября; П43/18-с 20 сентября; вмае; майский; 1.02.23 г. "
        "14/Х-32, 20-е годы, 1930-х гг., 15-16 гг. Совет Сергей Вера Осень Лето Зимний Начало. "
        "с\n1 по 5 мая, с  1го по 5-е июня, в\tмае, в марше, в мастерской, ночь на 5 мая, Ночь\nс 6 на 7 мая, "
        "около\nв 1920 г., С 1 ПО 5 МАЯ, В МАЕ 1921 Г., ВО ВТОРНИК, со 2-го по 4 мая, между\n1 и 5 мая, "
        "с весны 1922 г. по осень 1923 г., с дек. 1924 по янв. 1925, до 1926 г., к 1935-му, "
        "не ранее в 1927 г., примерно\u00a0в мае 1928 г., с начала мая, С конца 1929 г."
    ),
    "fr": (
        "Vers 1920, vers le 3 mai 1921, VERS 1922, au printemps 1923, Au printemps il partit. "
        "depuis mars 1924, entre 1925 et 1926, du 1 au 5 juin 1927, fin de 1928, début mai. "
        "les années 30, les années 1930, en 1929, environ 1930, hier, cette année, "
        "Versailles, Mars, Maison, Enfin, Environs, Hiérarchie, 15/11/24, 6.09.1923. "
        "nuit du 3 au 4 mai, Nuit\nau 5 juin, à l' été, l' automne 1931, années de 1930, "
        "EN 1932, DEPUIS MARS 1933, vers\nen 1934, du\n1er au 3 mai, entre mars et mai 1935"
    ),
    "en": (
        "About 1920, in May 1921, In May he left. Between 1922 and 1923, from 1 to 5 June 1924, "
        "the 1930s, spring 1925, early 1926, late May 1927, yesterday, that year, "
        "Maybe, Mayor, Springfield, Earlier, Lately, Fromage, 3 May 1930, May 3, 1931. "
        "night of 3 to 4 May, Night to 5 June, the spring, by the winter, during the autumn 1932, "
        "IN MAY 1933, c. 1934, ca.\n1935, circa 1936, in\tthe 1930s, from May to June 1937"
    ),
}

GATE_TEXTS = [("ru", "001"), ("ru", "003"), ("ru", "000"), ("fr", "004"), ("en", "003"), ("fr", "002")]


def _master_matches(rx: re.Pattern, text: str) -> list[tuple]:
    """Every match of a combined regex, with the rule and qualifier it read."""
    return [(m.span(), m.lastgroup, m.group("qual") if "qual" in rx.groupindex else None)
            for m in rx.finditer(text)]


@pytest.mark.parametrize("lang", sorted(EDGE_CASES))
def test_front_gate_of_whole_first_words_changes_no_match_on_edge_cases(lang):
    """The front gate lets through only a digit or a whole word some rule or
    qualifier begins with (after a preposition or a qualifier, only with the
    beginning of a word that can follow it); without it the combined regex
    finds the same."""
    engine = dates._engine(lang)
    plain = re.compile(engine.master.pattern.replace(engine.front_gate, "", 1))
    text = EDGE_CASES[lang]
    found = _master_matches(engine.master, text)
    assert found == _master_matches(plain, text)
    assert len(found) >= 10


@pytest.mark.parametrize("lang,key", GATE_TEXTS)
def test_front_gate_of_whole_first_words_changes_no_match_in_the_corpus(lang, key):
    engine = dates._engine(lang)
    plain = re.compile(engine.master.pattern.replace(engine.front_gate, "", 1))
    text = corpus.normalized(key).text[:300000]
    found = _master_matches(engine.master, text)
    assert found == _master_matches(plain, text)
    assert len(found) >= 10


def _searched_dates(engine, text: str) -> list[tuple[int, int, str]]:
    """(search start, date start, rule) of every master match a scan from each
    position of ``text`` finds, the way ``find_dates`` asks for them."""
    return [(pos, m.start(), m.lastgroup) for pos in range(len(text) + 1)
            for m in [engine.master.search(text, pos)] if m is not None]


@pytest.mark.parametrize("lang", sorted(EDGE_CASES))
@pytest.mark.parametrize("text", [
    "", "1", "мая", "6 мая 1923 г.", "Около 1920 г.", " 1923 г.", "x1923 г.", "/1923 г.", "а-1923 г.",
    "1-1923 г.", "--1923 г.", "\n1923\n", "(1923 г.)", "«весной 1930 г.»",
])
def test_scanner_finds_the_master_regex_search_on_short_texts(lang, text):
    """The scanner reads the character before a date instead of looking
    back at it; from any start position it finds the date the master
    regex's search finds (a text's first character has nothing before it)."""
    engine = dates._engine(lang)
    expected = _searched_dates(engine, text)
    got = []
    for pos in range(len(text) + 1):
        m, start, shift = dates._next_date_match(engine, text, pos)
        if m is not None:
            got.append((pos, start, m.lastgroup))
            assert m.start(m.lastgroup) - shift >= start
    assert got == expected


@pytest.mark.parametrize("lang", sorted(EDGE_CASES))
def test_scanner_finds_the_master_regex_search_on_edge_cases(lang):
    engine = dates._engine(lang)
    text = EDGE_CASES[lang]
    expected = _searched_dates(engine, text)
    got = [(pos, start, m.lastgroup) for pos in range(len(text) + 1)
           for m, start, _ in [dates._next_date_match(engine, text, pos)] if m is not None]
    assert got == expected
    assert len({s for _, s, _ in got}) >= 10


@pytest.mark.parametrize("lang,key", GATE_TEXTS[:4])
def test_find_dates_with_the_scanner_finds_what_master_search_finds(lang, key, monkeypatch):
    """Whole paragraphs of real files, with a running year and a document
    date (so year-less and relative dates count too)."""
    import datetime

    text = corpus.normalized(key).text[:200000]
    paragraphs = [p for p in text.split("\n") if p.strip()]
    ctx = dates.DateContext(year=1930, document_date=datetime.date(1930, 5, 1))
    fast = [dates.find_dates(p, lang, ctx) for p in paragraphs]

    def plain_search(engine, text, pos):
        m = engine.master.search(text, pos)
        return (m, m.start(), 0) if m is not None else (None, -1, 0)

    monkeypatch.setattr(dates, "_next_date_match", plain_search)
    assert fast == [dates.find_dates(p, lang, ctx) for p in paragraphs]
    assert sum(map(len, fast)) >= 10
