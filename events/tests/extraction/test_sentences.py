"""The fast sentence splitter draws razdel's boundaries, no others."""

from __future__ import annotations

import pytest
from razdel import sentenize

from events.extraction.sentences import sentence_spans
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
