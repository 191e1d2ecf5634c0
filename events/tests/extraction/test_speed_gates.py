"""The shortcuts taken for speed must never change what is found."""

from __future__ import annotations

import pytest

from events.extraction import build, pipeline, resources
from events.extraction.dates import DateContext, find_dates, may_contain_dates
from events.tests.extraction import corpus

SAMPLES = [
    ("Письмо от 6 сентября 1923 г. было получено.", True),
    ("Летом 1929 г. он уехал в Москву.", True),
    ("Le 15 février 1932 il fut arrêté.", True),
    ("On 3 May 1930 he was arrested.", True),
    ("Он долго говорил о политике партии и о задачах оппозиции.", False),
    ("Il parla longuement de la politique du parti.", False),
]


@pytest.mark.parametrize("text,dated", SAMPLES)
def test_date_gate_agrees_with_find_dates(text, dated):
    ctx = DateContext(year=1930)
    found = any(find_dates(text, lang, ctx) for lang in resources.LANGUAGES)
    assert found is dated
    if not may_contain_dates(text, resources.LANGUAGES):
        assert not found


def test_date_gate_rejects_text_without_any_date_form():
    assert not may_contain_dates("Он долго говорил о политике партии.", resources.LANGUAGES)


def test_sentence_splitting_skips_only_paragraphs_the_gate_rejects():
    text = "Он говорил долго. Все молчали.\n\nВ Москве 6 сентября 1923 г. был съезд. Его закрыли."
    keep = lambda para: may_contain_dates(para, resources.LANGUAGES)  # noqa: E731
    all_sentences = list(build.iter_sentences(text))
    kept = list(build.iter_sentences(text, keep=keep))
    assert len(all_sentences) == 4
    assert [text[s:e] for s, e in kept] == ["В Москве 6 сентября 1923 г. был съезд.", "Его закрыли."]


def test_warm_up_leaves_the_extraction_unchanged():
    text = pipeline.read_source(corpus.SOURCES / "003_c05c5337956b655d.txt")[:20000]
    before = [(e.start, e.end, e.date, e.type) for e in pipeline.extract_text(text, "t.txt")]
    pipeline.warm_up()
    after = [(e.start, e.end, e.date, e.type) for e in pipeline.extract_text(text, "t.txt")]
    assert before == after
    assert before  # the sample really yields events
