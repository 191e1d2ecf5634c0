"""Speed round 6 shortcuts in triggers/morph, each checked against the plain form."""

import random

import pytest

from . import corpus

_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВabcéz"


def _random_texts(count: int, seed: int = 6):
    """Texts with many repeated words and words inside other words ("арест"
    in "арестован"), hyphens and apostrophes: where a word's first
    occurrence in the text is not where it stands as a word."""
    rng = random.Random(seed)
    stems = ["арест", "арестован", "а", "ар", "при", "приговор", "l'", "d’", "de", "северо", "западный", "ё", "е"]
    pieces = stems + [" ", "  ", ", ", "-", "—", "'", "’", "1917", ". ", "\n", "_", "x"]
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
    for _ in range(count):
        yield "".join(rng.choice(_LETTERS + " -'’.,1") for _ in range(rng.randint(0, 60)))


@pytest.mark.parametrize("text", [
    "арест арестован арест", "аа ааа а", "l'homme d’État de l'homme", "северо-западный северо западный",
    "ё е ё", "", "  1917  ", corpus.normalized("003").text[:5000], *_random_texts(150),
])
def test_word_spans_are_the_offsets_of_tokens_whatever_the_order_asked(text):
    """``word_spans`` places a word that occurs once with ``str.find`` and
    the others by placing the words before them: the same offsets as
    ``tokens`` for every pair, asked in any order."""
    from events.extraction.morph import WORD_RE, tokens, word_spans

    words = WORD_RE.findall(text)
    toks = tokens(text)
    assert [w for _, _, w in toks] == words
    pairs = [(i, j) for i in range(min(len(words), 40)) for j in range(i, min(len(words), i + 3))]
    random.Random(len(text)).shuffle(pairs)
    for order in (pairs, sorted(pairs), sorted(pairs, reverse=True)):
        span = word_spans(text, words)
        for i, j in order:
            assert span(i, j) == (toks[i][0], toks[j][1]), (text, i, j)


def _words_to_read(lang: str) -> list[str]:
    """Words of every kind ``_read_word`` tells apart: the table's own words,
    phrases and idioms in several forms, prefix words, known words that
    begin like a trigger, unknown words, Latin and mixed words."""
    from events.extraction import resources
    from events.extraction.morph import WORD_RE

    data = resources.load("events", lang)
    words = set()
    for spec in (data.get("types") or {}).values():
        for entry in list(spec.get("words") or []) + list(spec.get("phrases") or []):
            for w in WORD_RE.findall(entry.rstrip("*")):
                words.update({w, w.capitalize(), w.upper(), w + "ся", w + "ами", w[:-1] + "ен", w + "щик"})
    for entry in data.get("ignore") or []:
        words.update(WORD_RE.findall(entry))
    words.update(WORD_RE.findall(corpus.normalized("003").text[:60000]))
    words.update(["арестовали", "Арестованных", "высылается", "прибылъ", "арестоващий", "ВКП", "арестёван",
                  "arrestation", "Arrêté", "exécuté", "arrest", "arrested", "priz", "пpибыл", "ёлка"])
    return sorted(words)


@pytest.mark.parametrize("sparse", [False, True])
@pytest.mark.parametrize("lang", ["ru", "fr", "en"])
def test_new_words_read_in_one_pass_read_as_each_word_read_alone(lang, sparse, monkeypatch):
    """``_read_new_words`` tells most words "" without ``_read_word``: what
    it keeps for every word (reading, opener) is what ``_read_word`` keeps
    for that word read alone. With ``sparse``, every other word has no
    table lemma, so that words with a trigger prefix but no lemma (read as
    ``PREFIX_ONLY``) are among them whatever the resources hold."""
    from events.extraction import triggers

    tab = triggers.table(lang)
    words = _words_to_read(lang)
    if sparse:
        real = triggers.trigger_lemma
        monkeypatch.setattr(triggers, "trigger_lemma", lambda w, lg: "" if len(w) % 2 else real(w, lg))

    def forget():
        tab.readings.clear()
        tab.openers.clear()
        tab.lemma_cache.clear()

    forget()
    try:
        for word in words:
            triggers._read_word(word, tab, lang)
        plain = (dict(tab.readings), dict(tab.openers))
        forget()
        triggers._read_new_words(words + words[:50], tab, lang)
        assert (tab.readings, tab.openers) == plain
        assert sum(1 for w in words if plain[0][w] == "") > 100
        assert plain[1]  # some words do open a trigger
        if sparse and lang != "ru":
            assert triggers.PREFIX_ONLY in plain[0].values()
    finally:
        forget()


# Words the dictionary holds with "ё" only: known through its ё substitutes,
# not as keys written with "е".
_YO_WORDS = ["елка", "еж", "ежик", "еще", "ее", "все", "пошел", "шел", "нашел", "щелкнул", "черт", "мед", "лед"]


def test_cannot_have_lemma_in_asks_the_dictionary_as_is_known_does():
    """``cannot_have_lemma_in`` tells a known word by a key look-up first:
    the same answer as with ``is_known``, for words written with "е" that
    the dictionary holds with "ё" too."""
    from events.extraction import morph, triggers

    forms = triggers.table("ru").lemma_forms
    words = [w.lower().replace("ё", "е") for w in _words_to_read("ru")] + ["е", "a", "", "ъ", "арестъ"]
    words += _YO_WORDS + [w.upper() for w in _YO_WORDS] + [w.replace("е", "ё") for w in _YO_WORDS]
    assert sum(w not in morph.analyzer().dictionary.words and morph.is_known(w) for w in _YO_WORDS) > 5
    seen = {True: 0, False: 0}
    for low in words:
        plain = morph.is_cyrillic(low) and low not in forms and morph.is_known(low)
        assert morph.cannot_have_lemma_in(low, forms) == plain, low
        seen[plain] += 1
    assert seen[True] > 100 and seen[False] > 100


def test_verbal_words_kept_as_written_answer_as_their_lower_case():
    """``is_verbal`` is kept per word as written: asked again, in any case,
    it answers as ``_is_verbal_form`` of the lower-case word."""
    from events.extraction import triggers

    words = _words_to_read("ru")[:3000] + _YO_WORDS + ["Выехал", "ВЫЕХАЛ", "выехал", "Выедет", "x", "Ё"]
    for _ in range(2):
        for word in words + [w.upper() for w in words[:300]]:
            assert triggers.is_verbal(word) is triggers._is_verbal_form.__wrapped__(word.lower()), word
    assert sum(map(triggers.is_verbal, words)) > 50


@pytest.mark.parametrize("lang", ["ru", "fr", "en"])
def test_citations_of_sentences_without_brackets_equal_the_bracket_scans(lang):
    """A sentence with no "(" or "[" skips the bracket regex: the citation
    answers are those of the plain scans, on sentences with and without
    brackets (unclosed, nested, closing only)."""
    from events.extraction import triggers
    from events.extraction.sentences import sentence_spans

    text = corpus.normalized("003").text[:80000]
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    sentences += ["ГАРФ. Ф. 5446. Оп. 1. Д. 12", "(ГАРФ. Ф. 5446. Оп. 1.)", "см. с. 208]", "см. [с. 208",
                  "[Белоусова, с. 208]", "а) арестован (М., 1930", "((М., 1930))", "Paris, 1930", "DOI x", ""]
    for sentence in sentences:
        plain_spans = [(m.start(), m.end()) for m in triggers._BRACKETS.finditer(sentence)
                       if triggers._is_citation(m.group(), lang)]
        assert triggers.citation_spans(sentence, lang) == plain_spans
        assert triggers.looks_like_citation(sentence, lang) \
            == triggers._is_citation(triggers._BRACKETS.sub(" ", sentence), lang)
    assert sum(not triggers._may_hold_brackets(s) for s in sentences) > 50


def test_first_words_of_a_date_are_the_first_of_its_placed_words():
    """``_first_words`` searches the date's words in the sentence: the first
    two of the words of the date text that no full stop follows (in the
    sentence, even past the date's end), as placing every word found them."""
    from events.extraction import triggers
    from events.extraction.morph import tokens

    rng = random.Random(11)
    texts = ["с 1926 года", "с.г. с мая", "примерно с мая 1917 г.", "С.Г. С 1918 г.", "северо-западный с. 5",
             "по 1921 г.", "l'été de 1917", corpus.normalized("003").text[:3000], *_random_texts(60)]
    for text in texts:
        for _ in range(200):
            start = rng.randrange(len(text) + 1)
            end = rng.randrange(start, min(len(text), start + 30) + 1)
            plain = [w.lower() for _, e, w in tokens(text[start:end]) if text[start + e:start + e + 1] != "."][:2]
            assert triggers._first_words(text, start, end) == plain, (text, start, end)
