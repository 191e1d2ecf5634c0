"""The people and place finders' shortcuts taken for speed never change what they find."""

from __future__ import annotations

import re

import pytest

from events.extraction import entities
from events.tests.extraction import corpus

_UP = entities._UP
# The plain forms: the guard looks back before the first letter.
PLAIN_SURNAME_FIRST = re.compile(rf"(?<![\w.])({entities._SURNAME})\s+((?:[{_UP}]\.\s?){{1,2}})(?!\w)")
PLAIN_COMRADE = re.compile(r"(?<![\w.])(?:тов|т|тт)\.\s*([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)")

NAME_EDGE_CASES = (
    "тов.Иванов, тов. Петров, т. Сидоров, тт. Зиновьев и Каменев, тт.Рыков, .тов. Бухарин, xтов. Томский, "
    "2тов. Угланов, Тов. Смирнов, т.т. Радек, тов.\nПятаков, тов. Иванов-Разумник, тов. ИВАНОВ. "
    "Иванов И.И., Троцкий Л. Д. сказал, .Сталин И. В., xСталин И.В., 1Сталин И.В., Сталин И.Вкл, "
    "Dupont J., Jean-Pierre A. B., Берзина-Иванова А.А., Раковский Х.Г.-ы"
)


def _spans(rx: re.Pattern, text: str) -> list[tuple]:
    return [(m.span(), m.groups(), m.span(1)) for m in rx.finditer(text)]


@pytest.mark.parametrize("text", [
    NAME_EDGE_CASES, corpus.normalized("001").text[:500000], corpus.normalized("003").text,
    corpus.normalized("004").text, corpus.raw("002"),
])
def test_name_patterns_guarded_after_their_first_letter_find_the_plain_ones(text):
    """The surname-first and comrade patterns check "not after a letter,
    digit or dot" after their first letter (so the regex engine skips to
    that letter in C); they find what the plain look-behind forms find."""
    hits = 0
    for fast, plain in [(entities._SURNAME_FIRST, PLAIN_SURNAME_FIRST), (entities._COMRADE, PLAIN_COMRADE)]:
        found = _spans(fast, text)
        assert found == _spans(plain, text)
        hits += bool(found)
    assert hits == 2 or (hits and text is not NAME_EDGE_CASES)


def test_organisation_words_skip_only_parses_that_cannot_give_one_of_their_lemmas():
    """``is_organisation`` skips the parse of a known word that is no form of
    an organisation word; word by word it answers as comparing every lemma."""
    from events.extraction.morph import lemma, tokens

    words = entities._organisation_words()
    text = corpus.normalized("001").text[:400000] + corpus.normalized("003").text
    sample = {w for _, _, w in tokens(text)} | set(entities._organisation_forms())
    sample |= {w.upper() for w in words} | {w.capitalize() for w in entities._organisation_forms()}
    sample |= {"Политбюро", "ЦК", "ВКП", "Исполкому", "Коминтерна", "Comité", "ёлка", "Берзиной"}
    hits = 0
    for w in sample:
        plain = w.lower() in words or lemma(w) in words
        assert entities._is_organisation_word(w) is plain, w
        hits += plain
    assert hits > 20


@pytest.mark.parametrize("name,expected", [
    ("В Политбюро ЦК ВКП(б)", True), ("Исполкому Коминтерна", True), ("Comité central", True),
    ("Л. Д. Троцкий", False), ("тов. Сталину", False), ("Президиуму ЦКК", True), ("Берзиной", False),
])
def test_organisations_are_told_from_people(name, expected):
    assert entities.is_organisation(name) is expected
