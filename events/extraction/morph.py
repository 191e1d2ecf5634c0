"""One shared, lazily created pymorphy3 analyser and cached lemma look-ups.

Creating a ``MorphAnalyzer`` costs ~0.1 s and a few MB of dictionaries, and a
lemma look-up is the hot path of trigger and entity matching, so both are
done once per process: the analyser on first use, each word's lemma through
an LRU cache (the corpus vocabulary is small compared to its token count).
"""

from __future__ import annotations

import re
from functools import lru_cache

_ANALYZER = None

# "XX*" rather than "X+": the same words, found faster (a pattern opening
# with a character class is scanned for in C).
WORD_RE = re.compile(r"[^\W\d_][^\W\d_]*(?:[-’'][^\W\d_]+)*")


def analyzer():
    """The process-wide ``pymorphy3.MorphAnalyzer`` (created on first call)."""
    global _ANALYZER
    if _ANALYZER is None:
        import pymorphy3

        _ANALYZER = pymorphy3.MorphAnalyzer()
    return _ANALYZER


_CYRILLIC_CHAR = re.compile("[\u0400-\u04ff]")


def is_cyrillic(word: str) -> bool:
    """Does ``word`` hold a Cyrillic letter? (One regex search, not a loop
    over its characters: this is asked for nearly every word looked up.)"""
    return _CYRILLIC_CHAR.search(word) is not None


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Lower-case normal form of a Russian word; other words just lower-cased.

    pymorphy3 only knows Russian, so Latin words (French, English) are
    returned lower-cased and left to prefix matching.
    """
    low = word.lower().replace("ё", "е")
    if not is_cyrillic(low):
        return low
    if len(low) > 1:
        forms = {form.replace("ё", "е") for form in dictionary_lemmas(low)}
        if len(forms) == 1:  # every dictionary reading has it, so the best parse has
            return forms.pop()
        best = best_dictionary_reading(low)
        if best is not None:
            spelling, para, index, _ = best
            return analyzer().dictionary.build_normal_form(para, index, spelling).replace("ё", "е")
    # Through ``parses``: entities and verb tests parse the same words, and
    # a pymorphy3 parse (~0.1 ms) is the costly part of both.
    return parses(low)[0].normal_form.replace("ё", "е")


@lru_cache(maxsize=200_000)
def parses(word: str):
    """All pymorphy3 parses of a word (cached); empty for non-Cyrillic words."""
    if not is_cyrillic(word):
        return ()
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=200_000)
def _dictionary_readings(word: str) -> tuple[tuple[str, int, int], ...]:
    """``(spelling, paradigm, form)`` of every reading the dictionary gives
    ``word`` (lower case; ``е`` may stand for ``ё``); () for a word it does
    not know (kept per word: the lemma and the verb tests ask about the
    same words). For a known word of two letters or more these are the
    readings its parses are made of (a parse of a known word reads the
    dictionary alone): looked up without building every parse and ranking
    them, which is several times cheaper."""
    morph = _ANALYZER or analyzer()
    found = morph.dictionary.words.similar_items(word, morph.char_substitutes)
    if not found:
        return ()
    return tuple([(spelling, para, index) for spelling, readings in found for para, index in readings])


def best_dictionary_reading(word: str, among=None) -> tuple[str, int, int, int] | None:
    """``(spelling, paradigm, form, tag id)`` of the dictionary reading of
    ``word`` (lower case, two letters or more) that its best parse is made
    of - with ``among`` (flags by tag id, see ``tag_flags``), of its best
    flagged parse when it has one - or None for a word the dictionary does
    not know. pymorphy3 ranks a known word's readings by P(tag | word),
    keeping their order among equals (all of them when it has no figures):
    the first reading with the highest one is the best parse - found
    without building every parse, several times cheaper."""
    readings = _dictionary_readings(word)
    if not readings or len(word) < 2:
        return None
    morph = analyzer()
    candidates = [(*reading, tag_id) for reading, tag_id in zip(readings, dictionary_tag_ids(word))]
    if among is not None:
        candidates = [c for c in candidates if among[c[3]]] or candidates
    if morph.prob_estimator is None:
        return candidates[0]
    prob, gramtab = morph.prob_estimator.p_t_given_w.prob, morph.dictionary.gramtab
    best, best_prob = None, -1.0
    for candidate in candidates:
        p = prob(word, gramtab[candidate[3]])
        if p > best_prob:
            best, best_prob = candidate, p
    return best


def dictionary_parse(reading: tuple[str, int, int, int], score: float = 1.0):
    """The pymorphy3 parse of one dictionary reading ``(spelling, paradigm,
    form, tag id)`` (see ``best_dictionary_reading``), built as pymorphy3's
    ``iter_known_word_parses`` builds one: the parse ``parse`` gives for that
    reading (with ``score``, which inflection does not read), without
    parsing and ranking every reading of the word."""
    spelling, para, index, tag_id = reading
    morph = analyzer()
    dictionary = morph.dictionary
    methods = ((morph._units[0][0], spelling, para, index),)
    return morph._result_type(spelling, dictionary.gramtab[tag_id],
                              dictionary.build_normal_form(para, index, spelling), score, methods)


def dictionary_parses(word: str) -> list:
    """``parses(word)`` of a known word (lower case, two letters or more),
    built from its dictionary readings as pymorphy3 builds them: each
    reading with its score (``dictionary_scores``), the best first when
    there are figures (a stable sort, as pymorphy3's), else in reading
    order. Cheaper than a parse, which also asks the analysers that only
    guess at unknown words."""
    readings = [(*reading, tag_id) for reading, tag_id in zip(_dictionary_readings(word), dictionary_tag_ids(word))]
    scores, ranked = _scores(word)
    out = [dictionary_parse(reading, score) for reading, score in zip(readings, scores)]
    if ranked:
        out.sort(key=lambda p: p.score, reverse=True)
    return out


def dictionary_scores(word: str) -> list[float]:
    """The scores pymorphy3 gives the parses of a known word (lower case,
    two letters or more), in the order of its dictionary readings (see
    ``_dictionary_readings``): P(tag | word) of each, or an equal share
    when it has no figures for the word - worked out as ``parse`` works
    them out, without building and sorting the parses."""
    return _scores(word)[0]


def _scores(word: str) -> tuple[list[float], bool]:
    """``dictionary_scores`` and whether pymorphy3 ranks the parses by them
    (it does when it has figures for the word)."""
    morph = analyzer()
    tag_ids = dictionary_tag_ids(word)
    if morph.prob_estimator is None:
        return [1.0] * len(tag_ids), False
    prob, gramtab = morph.prob_estimator.p_t_given_w.prob, morph.dictionary.gramtab
    probs = [prob(word, gramtab[tag_id]) for tag_id in tag_ids]
    if sum(probs) == 0:
        share = 1.0 / sum(1.0 for _ in tag_ids)
        return [1.0 * share for _ in tag_ids], False
    return probs, True


def best_tag(word: str):
    """The tag of the best parse of ``word`` (lower case), None when it has
    no parse (Latin): read from the dictionary for a known word (see
    ``best_dictionary_reading``), else parsed."""
    best = best_dictionary_reading(word) if is_cyrillic(word) else None
    if best is not None:
        return analyzer().dictionary.gramtab[best[3]]
    options = parses(word)
    return options[0].tag if options else None


def dictionary_tags(word: str) -> tuple:
    """The tags of the dictionary readings of ``word`` (see
    ``_dictionary_readings``), in no particular order."""
    gramtab = analyzer().dictionary.gramtab
    return tuple(gramtab[tag_id] for tag_id in dictionary_tag_ids(word))


def dictionary_tag_ids(word: str) -> list[int]:
    """The gramtab ids of the tags of the dictionary readings of ``word``
    (``dictionary_tags``, as numbers): with ``tag_flags`` a question about
    the tags is a list look-up per reading, not a tag built and asked."""
    paradigms = analyzer().dictionary.paradigms
    ids = []
    for _, para, index in _dictionary_readings(word):
        paradigm = paradigms[para]  # pymorphy3's ``build_tag_info``, inlined
        ids.append(paradigm[len(paradigm) // 3 + index])
    return ids


@lru_cache(maxsize=200_000)
def dictionary_normal_forms(word: str) -> tuple[tuple[int, str], ...]:
    """``(tag id, normal form)`` of every dictionary reading of ``word``
    (see ``_dictionary_readings``): what its parses are made of, unranked.
    Kept per word: the lemma (``dictionary_lemmas``) and the surname key
    (``unanimous_normal_form``) of a capitalised word of a quote are both
    asked, and building the normal forms is most of their cost."""
    dictionary = analyzer().dictionary
    paradigms, build = dictionary.paradigms, dictionary.build_normal_form
    out = []
    for spelling, para, index in _dictionary_readings(word):
        paradigm = paradigms[para]
        out.append((paradigm[len(paradigm) // 3 + index], build(para, index, spelling)))
    return tuple(out)


def unanimous_normal_form(word: str, among=None) -> str | None:
    """The normal form (ё as е) that every dictionary reading of ``word``
    (lower case) shares - or, with ``among`` (flags by tag id, see
    ``tag_flags``), every reading whose tag has the flag when there is one -
    else None. Whatever the ranking of its parses, the best of them (the
    best flagged one) has that normal form, so no parse is needed; None for
    a word the dictionary does not know or of one letter (its parses are
    not its readings alone)."""
    if len(word) < 2 or not is_cyrillic(word):
        return None
    readings = dictionary_normal_forms(word)
    if among is not None:
        readings = [r for r in readings if among[r[0]]] or readings
    forms = {form.replace("ё", "е") for _, form in readings}
    return forms.pop() if len(forms) == 1 else None


@lru_cache(maxsize=None)
def tag_flags(test) -> tuple[bool, ...]:
    """``test(tag)`` for every tag of the dictionary, by gramtab id (worked
    out once per test, ~10 ms for its ~5,500 tags: callers ask for theirs
    when their tables are built, at warm-up)."""
    return tuple(bool(test(tag)) for tag in analyzer().dictionary.gramtab)


def dictionary_lemmas(word: str) -> set[str]:
    """The normal forms of the dictionary readings of ``word`` (see
    ``_dictionary_readings``)."""
    return {form for _, form in dictionary_normal_forms(word)}


@lru_cache(maxsize=200_000)
def is_known(word: str) -> bool:
    """Is ``word`` (lower case) in pymorphy3's dictionary? A look-up, far
    cheaper than a parse; cached like the parses. Asked as "has it
    dictionary readings" (``word_is_known`` looks up the same keys, with
    the same ё substitutes): most words asked are read next, by the lemma
    and verb tests, and then share the one look-up."""
    return bool(_dictionary_readings(word.lower()))


@lru_cache(maxsize=16)
def tokens(text: str) -> tuple:
    """``(start, end, word)`` for every word of ``text`` (letters, inner hyphens).

    A tuple, kept for the last few texts: an event's quote is read for
    people, then places, then its merge key, right after one another."""
    # The words from one ``findall`` (no match object each), placed with
    # ``str.find``: between two words there is no letter, and a word starts
    # with one, so the next occurrence of a word is where the regex found it.
    out = []
    pos = 0
    find = text.find
    for word in WORD_RE.findall(text):
        start = find(word, pos)
        pos = start + len(word)
        out.append((start, pos, word))
    return tuple(out)


@lru_cache(maxsize=16)
def capitalised_tokens(text: str) -> tuple:
    """The indices in ``tokens(text)`` of the words that open with an
    upper-case letter: the only ones the people and place finders look up,
    picked once per quote for both of them."""
    return tuple([i for i, (_, _, word) in enumerate(tokens(text)) if word[:1].isupper()])


def word_spans(text: str, words: list[str]):
    """``span(i, j)``: the start of ``words[i]`` and the end of ``words[j]``
    in ``text``, for ``words = WORD_RE.findall(text)`` - placed as
    ``tokens`` places them, but only as far as asked: a caller that needs
    the offsets of a few words (a trigger found) skips placing the rest.

    A word whose text occurs once in ``text`` is where that occurrence is
    (``_only_place``): placed with two ``str.find`` in C, not by placing
    every word before it."""
    starts: list[int] = []
    find = text.find

    def place(k: int) -> int:
        if k < len(starts):
            return starts[k]
        only = _only_place(find, words[k])
        if only != -1:
            return only
        pos = starts[-1] + len(words[len(starts) - 1]) if starts else 0
        while len(starts) <= k:
            word = words[len(starts)]
            start = find(word, pos)
            starts.append(start)
            pos = start + len(word)
        return starts[k]

    def span(i: int, j: int) -> tuple[int, int]:
        return place(i), place(j) + len(words[j])

    return span


def _only_place(find, word: str) -> int:
    """Where ``word`` stands in the text ``find`` searches when it occurs
    there once (overlapping occurrences count), else -1: a word of the text
    found by ``WORD_RE`` is one of its occurrences, so the only one is it."""
    first = find(word)
    return first if first != -1 and find(word, first + 1) == -1 else -1


def forms_of(lemmas: set[str]) -> frozenset:
    """All written forms of the dictionary words whose normal form is one of
    ``lemmas`` (pymorphy3's lexemes), lower case with ё as е: the table that
    lets ``cannot_have_lemma_in`` answer without a parse."""
    forms = set()
    for lem in lemmas:
        if not is_cyrillic(lem):
            continue
        for p in analyzer().parse(lem):
            if p.normal_form.replace("ё", "е") == lem:
                forms.update(f.word.replace("ё", "е") for f in p.lexeme)
    return frozenset(forms)


def cannot_have_lemma_in(low: str, forms: frozenset) -> bool:
    """True for a Cyrillic word (lower case, ё as е) that the dictionary
    knows and that is no form of the words behind ``forms`` (see
    ``forms_of``): its lemma, the normal form of a dictionary paradigm it
    belongs to, cannot be one of theirs. A dictionary look-up instead of a
    pymorphy3 parse, ~10x cheaper. (``is_known``'s question: a word that
    is a key of the dictionary as written is known, told by one look-up
    several times cheaper than reading its readings; the others are asked
    with the ё substitutes, see ``_dictionary_readings``.)"""
    if not is_cyrillic(low) or low in forms:
        return False
    low = low.lower()
    return low in (_ANALYZER or analyzer()).dictionary.words or bool(_dictionary_readings(low))
