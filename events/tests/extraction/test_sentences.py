"""The fast sentence splitter draws razdel's boundaries, no others."""

from __future__ import annotations

import pytest
from razdel import sentenize

from events.extraction.sentences import sentence_spans, sentences_at
from events.tests.extraction import corpus


def razdel_spans(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.stop) for s in sentenize(text) if s.stop > s.start]


@pytest.mark.parametrize(
    "text",
    [
        "Он приехал 5 мая. Его встретили т. е. друзья. В 1923 г. Троцкий уехал.",
        "См. ст. 5. Ф. 17. Оп. 171. Д. 31. Л. 29–34. Копия.",
        "1. Первое. 2) Второе. а) Третье. IV. Четвёртое.",
        "«Да.» Он ушёл. (Конец.) Начало — «нет»; потом: ура! Так ли? Да…",
        "И. В. Сталин и Л.Д. Троцкий встретились. Они говорили долго.",
        "Il est parti. M. Dupont est arrivé le 5 mai 1932. Fin.",
        "   leading spaces. And an end without a mark   ",
        "Smiles :) do not end ;-) anything. Real end.",
        "",
    ],
)
def test_splits_like_razdel_on_tricky_text(text):
    assert sentence_spans(text) == razdel_spans(text)


@pytest.mark.parametrize("key", sorted(corpus.FILES))
def test_splits_like_razdel_on_the_whole_corpus(key):
    text = corpus.normalized(key).text
    assert sentence_spans(text) == razdel_spans(text)


def test_spans_are_stripped_sentences():
    text = "  Первое предложение.   Второе!  "
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Первое предложение.", "Второе!"]


def _holding(spans, positions):
    """The spans that contain one of ``positions``, in order, each once."""
    from bisect import bisect_right

    starts = [s for s, _ in spans]
    out = []
    for p in positions:
        i = bisect_right(starts, p) - 1
        if i >= 0 and p < spans[i][1] and (not out or out[-1] != spans[i]):
            out.append(spans[i])
    return out


@pytest.mark.parametrize("key", sorted(corpus.FILES))
def test_sentences_at_gives_the_full_split_sentences_holding_the_positions(key):
    import random

    text = corpus.normalized(key).text
    spans = sentence_spans(text)
    rng = random.Random(7)
    positions = sorted(p for p in rng.sample(range(len(text)), min(400, len(text))) if not text[p].isspace())
    got = sentences_at(text, positions)
    assert got == _holding(spans, positions)
    assert len(got) > 20


def test_sentences_at_follows_list_items_back_to_where_they_start():
    text = "1. 2. 3) а. Пункт первый. Второе. Вот. 4. Ещё. И т. д. Конец 1923 г."
    spans = sentence_spans(text)
    for p in range(len(text)):
        if not text[p].isspace():
            assert sentences_at(text, [p]) == _holding(spans, [p]), p


@pytest.mark.parametrize("text", [
    corpus.raw("004"), corpus.normalized("001").text[:300000],
    "a :) b ;) c ;-((( d =) e : f ; g :-)) ;;) ::) =;) «x» (y) [z] {w} „q“ 'r' …!?",
])
def test_candidate_marks_are_razdels(text):
    from razdel.segmenters.sentenize import DELIMITER
    import re

    from events.extraction.sentences import _candidate_spans

    assert _candidate_spans(text) == [m.span() for m in re.finditer(DELIMITER, text)]
