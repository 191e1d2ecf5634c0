"""The trigger, morphology, people and merge shortcuts taken for speed
never change what is found: each is compared with the plain way of asking."""

from __future__ import annotations

import pytest

from events.extraction import triggers
from events.extraction.morph import tokens
from events.extraction.sentences import sentence_spans
from events.tests.extraction import corpus

TRICKY_TRIGGERS = {
    "ru": "Арестован 5 мая. Его арестовали, арестованных высылали; высылается в ссылку. Ёлка арестованы-то "
          "ВКП(б) съезд съезда съездов, вступил в партию; по-видимому, XIV съезд РКП(б) открылся.",
    "fr": "Il fut arrêté le 5 mai; l'arrestation, arrêtés, ARRÊTÉ, expulsé, exclu du parti, congrès, Congrès.",
    "en": "He was arrested on 5 May; the arrest, ARRESTED, expelled, exiled, the congress, Congress-goers.",
}


def _sentences(key: str, limit: int = 600) -> list[str]:
    text = corpus.normalized(key).text
    return [text[s:e] for s, e in sentence_spans(text)][:limit]


def _plain_find_triggers(text: str, lang: str) -> list[triggers.Trigger]:
    """``find_triggers`` as first written: every token looked up, one by one."""
    tab = triggers.table(lang)
    toks = tokens(text)
    lems = [triggers.trigger_lemma(w, lang) for _, _, w in toks]
    prefixes = triggers._prefix_tuple(lang)
    found = []
    i = 0
    while i < len(toks):
        if not lems[i] and not toks[i][2].lower().startswith(prefixes):
            i += 1
            continue
        ignored = tab.ignore.get(lems[i]) or []
        skip = next((len(lem) for lem in ignored if tuple(lems[i:i + len(lem)]) == lem), 0)
        if skip:
            i += skip
            continue
        hit = None
        for lem, slug, strength in tab.phrases.get(lems[i], ()):
            if tuple(lems[i:i + len(lem)]) == lem:
                hit = (len(lem), slug, strength)
                break
        if hit is None:
            word_hit = tab.words.get(lems[i])
            if word_hit is None and lems[i].endswith(("ся", "сь")):
                word_hit = tab.words.get(lems[i][:-2])
            if word_hit is None:
                word_hit = next(((slug, strength) for prefix, slug, strength in tab.prefixes
                                 if toks[i][2].lower().startswith(prefix)), None)
            if word_hit is not None:
                hit = (1, *word_hit)
        if hit is None:
            i += 1
            continue
        n, slug, strength = hit
        start, end = toks[i][0], toks[i + n - 1][1]
        found.append(triggers.Trigger(slug, start, end, strength, text[start:end], triggers.is_verbal(toks[i][2])))
        i += n
    return found


@pytest.mark.parametrize("lang,key", [("ru", "001"), ("ru", "003"), ("fr", "004"), ("en", "002")])
def test_triggers_read_from_kept_word_readings_equal_the_plain_token_walk(lang, key):
    """``find_triggers`` reads each word once per table (its lemma, or
    "prefix only", and the trigger it is alone) and walks only the tokens
    that can open a trigger, an idiom or a phrase; it finds what the
    token-by-token walk finds, on first sight and again."""
    tab = triggers.table(lang)
    texts = _sentences(key) + [TRICKY_TRIGGERS[lang]]
    tab.readings.clear()
    tab.openers.clear()
    first = [triggers.find_triggers(t, lang) for t in texts]
    again = [triggers.find_triggers(t, lang) for t in texts]
    plain = [_plain_find_triggers(t, lang) for t in texts]
    assert first == plain
    assert again == plain
    assert sum(map(len, plain)) > 5


def test_prefix_only_reading_matches_no_phrase_or_idiom_word():
    """The "prefix only" reading of a word stands for no lemma: no phrase,
    idiom or single word of any table has it."""
    for lang in ("ru", "fr", "en"):
        tab = triggers.table(lang)
        lemmas = set(tab.words) | {w for opts in tab.phrases.values() for lem, _, _ in opts for w in lem}
        lemmas |= {w for opts in tab.ignore.values() for lem in opts for w in lem}
        assert triggers.PREFIX_ONLY not in lemmas
        assert not triggers.PREFIX_ONLY.strip()
    assert all(" " not in w for _, _, w in tokens(TRICKY_TRIGGERS["ru"]))  # nor has any token


WORD_EDGE_CASES = ["арестован", "арестуют", "выедет", "организует", "ёлка", "елка", "шёл", "шел", "я", "в", "x",
                   "бутявкает", "арестованы-то", "по-русски", "l'homme", "стал", "будет", "знал", "состою", "съезд"]


def _plain_readings(low: str) -> tuple:
    """The tags the verb tests read: the dictionary's for a known word of
    two letters or more, else those of its parses."""
    from events.extraction.morph import analyzer, is_cyrillic, parses

    if len(low) > 1 and is_cyrillic(low):
        morph = analyzer()
        found = morph.dictionary.words.similar_items(low, morph.char_substitutes)
        tags = [morph.dictionary.build_tag_info(para, index) for _, readings in found for para, index in readings]
        if tags:
            return tuple(tags)
    return tuple(p.tag for p in parses(low))


def test_verb_verdicts_read_by_tag_id_equal_those_read_from_the_tags():
    """``is_verbal`` and ``is_future_verb`` judge the dictionary readings
    by gramtab id (``morph.tag_flags``): the same verdicts as asking each
    reading's tag, on corpus words and edge cases (ё, one letter, Latin,
    hyphens, unknown words)."""
    from events.extraction.morph import parses

    words = {w.lower() for _, _, w in tokens(corpus.normalized("001").text[:150000])} | set(WORD_EDGE_CASES)
    verbal = triggers._VERBAL_POS
    for low in sorted(words):
        tags = _plain_readings(low)
        verdicts = {tag.POS in verbal for tag in tags}
        if len(verdicts) == 1:
            expected = verdicts.pop()
        else:
            options = parses(low)
            expected = bool(options) and options[0].tag.POS in verbal
        assert triggers._is_verbal_form.__wrapped__(low) is expected, low
        verbs = [tag for tag in tags if tag.POS == "VERB"]
        assert triggers._is_future_form.__wrapped__(low) is (bool(verbs) and all(t.tense == "futr" for t in verbs)), low
    assert len(words) > 3000


NAME_WORDS = ["Троцкий", "Троцкого", "Берзиной", "Берзина", "Ёлкин", "Елкин", "Москва", "Москве", "Меня", "Во", "Я",
              "Сталин", "Иванова", "Орёл", "Орел", "Киров", "Кирова", "Роза", "Надежда", "Петрова", "Дзержинский",
              "Бутявкин", "Мехлиса", "Смит-Фалькнер", "Dupont", "Ленинград", "Вера", "Любовь", "Печать", "Правда"]


def _people_words() -> list[str]:
    from events.extraction.morph import WORD_RE

    words = set(NAME_WORDS)
    for key in ("001", "003"):
        words |= {w for w in WORD_RE.findall(corpus.normalized(key).text[:300000]) if w[:1].isupper()}
    return sorted(words)


def test_surname_keys_from_unanimous_readings_equal_those_of_the_best_parse():
    """``surname_key`` skips the parse when the readings it picks from
    (the surname ones, else all) share one normal form: the key is the one
    the best parse gives."""
    from events.extraction import entities
    from events.extraction.morph import is_cyrillic, parses

    shortcut = 0
    for word in _people_words():
        if is_cyrillic(word):
            options = parses(word.lower())
            surn = [p for p in options if "Surn" in p.tag]
            pick = (surn or list(options) or [None])[0]
            expected = (pick.normal_form if pick is not None else word.lower()).replace("ё", "е")
        else:
            expected = word.lower()
        assert entities.surname_key.__wrapped__(word) == expected, word
        shortcut += entities.unanimous_normal_form(word.lower(), entities.tag_flags(entities._is_surname_tag)) \
            is not None
    assert shortcut > 1000  # the shortcut really spares parses


def test_name_verdicts_from_readings_equal_those_from_scored_parses():
    """``can_be_name`` settles a known word from its unranked readings when
    the scores cannot matter; it says what the scored parses say."""
    from events.extraction import entities
    from events.extraction.morph import is_cyrillic, parses

    settled = 0
    for word in _people_words() + ["Меня", "Во", "И", "По"]:
        if not is_cyrillic(word):
            continue
        options = parses(word.lower())
        if not options:
            expected = True
        elif any("Surn" in p.tag or "Name" in p.tag for p in options):
            expected = True
        elif any("Geox" in p.tag for p in options if p.score >= 0.3):
            expected = False
        else:
            expected = any("NOUN" in p.tag for p in options if p.score >= 0.1)
        assert entities.can_be_name.__wrapped__(word) is expected, word
        settled += entities._name_verdict_from_readings(word.lower()) is not None
    assert settled > 500


def test_kept_word_set_verdicts_equal_asking_again():
    """``_in_word_set`` is kept per (word, list): asked twice, in any case
    or spelling, it answers as the uncached test."""
    words = [w for _, _, w in tokens(corpus.normalized("001").text[:80000])]
    words += ["Вступил", "ВСТУПИЛ", "вступлением", "ВКП(б)", "вкп", "Партии", "ряды", "Влился", "ёлка"]
    for lang in ("ru", "fr", "en"):
        tab = triggers.table(lang)
        for word_set in (tab.joining_words, tab.joining_bodies, tab.group_nouns):
            for _ in range(2):
                assert [triggers._in_word_set(w, word_set) for w in words] == \
                    [triggers._in_word_set.__wrapped__(w, word_set) for w in words]
    tab = triggers.table("ru")
    assert triggers._in_word_set("Вступил", tab.joining_words) and triggers._in_word_set("ВКП", tab.joining_bodies)


PAGE_MARKER_CASES = ["С. 208", " с. 12", "\nC. 5", "Вс. 5", "(С.1)", "с.", "С. x", "\tс.\n\n3", "ас. 2 с. 3", "С.", ""]


@pytest.mark.parametrize("text", PAGE_MARKER_CASES + [
    corpus.normalized("001").text[:300000], corpus.normalized("003").text, corpus.raw("000"),
])
def test_page_marker_tested_behind_its_letter_is_found_where_the_plain_one_is(text):
    """The page marker tests the space before "С." instead of taking it
    (so the search skips to the letter): wherever the plain form
    ``(?:^|\\s)[СCс]\\.\\s*\\d+`` is found, it is found, sentence by sentence."""
    import re

    plain = re.compile(r"(?:^|\s)[СCс]\.\s*\d+")
    fast = triggers.table("ru").citation_markers[0]
    assert "[СCс]" in fast.pattern[:6]
    pieces = [text] + [text[s:e] for s, e in sentence_spans(text)] if len(text) > 100 else [text]
    assert [bool(plain.search(p)) for p in pieces] == [bool(fast.search(p)) for p in pieces]


def test_words_nearest_first_equal_sorting_every_word_by_its_distance():
    """``told_in_the_future`` walks the words around a date nearest first:
    the same order as sorting every word (but those inside the date) by
    ``min(|word start - date end|, |date start - word end|)``, at every
    place of a date in a sentence, edges inside words included."""
    import random

    rng = random.Random(7)
    text = "в 1922 г. принят в члены ВКП(б), и-то арестован 5 мая 1923г.; выедет позже-позже"
    toks = tokens(text)
    for _ in range(3000):
        start = rng.randrange(len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        plain = [w for _, w in sorted(((min(abs(s - end), abs(start - e)), w) for s, e, w in toks
                                       if not (s >= start and e <= end)), key=lambda x: x[0])]
        assert triggers._nearest_first(toks, start, end) == plain, (start, end)


def test_kept_own_words_equal_working_them_out_again():
    """``own_words`` is kept for the last few dates; every call answers as
    the uncached bounds, with ``others`` as a list or a tuple."""
    text = corpus.normalized("003").text[:20000]
    for lang in ("ru", "fr"):
        for start in range(0, len(text) - 10, 97):
            end = start + 7
            others = [(max(0, start - 30), max(0, start - 25)), (end + 20, end + 26)]
            for coordinated in (True, False):
                for o in (others, tuple(others), ()):
                    got = triggers.own_words(text, start, end, o, lang, coordinated)
                    assert got == triggers._own_words.__wrapped__(text, start, end, tuple(o), lang, coordinated)
            base = max(0, start - triggers._OWN_REACH)
            plain_lo = base + max(text[base:start].rfind(c) for c in ".;:!?") + 1  # the first way of finding it
            assert triggers.own_words(text, start, end, (), lang, False)[0] == plain_lo


def _plain_clause(text, start, end):
    """``_clause`` as first written: a step per character."""
    lo = start
    while lo > 0 and text[lo - 1] not in triggers._CLAUSE_PUNCT and start - lo < triggers._STATIVE_REACH:
        lo -= 1
    hi = end
    while hi < len(text) and text[hi] not in triggers._CLAUSE_PUNCT and hi - end < triggers._STATIVE_REACH:
        hi += 1
    if lo > 0 and text[lo - 1] == "(" and hi < len(text) and text[hi] == ")":
        after = hi + 1
        if after < len(text) and text[after] == ",":
            after += 1
        outer_lo, _ = _plain_clause(text, lo - 1, lo - 1)
        _, outer_hi = _plain_clause(text, after, after) if after < len(text) else (after, after)
        return outer_lo, outer_hi
    return lo, hi


def _plain_in_quoted_title(text, start, end, edtf):
    """``in_quoted_title`` as first written: a step back per character."""
    if not triggers._YEAR_OR_DECADE_EDTF.fullmatch(edtf or ""):
        return False
    lo = max(0, start - triggers.TITLE_MAX)
    for i in range(start - 1, lo - 1, -1):
        ch = text[i]
        if ch in "»”\n":
            return False
        closing = triggers._QUOTES.get(ch)
        if closing is None:
            continue
        if ch == '"' and text.count('"', lo, start) % 2 == 0:
            return False
        j = text.find(closing, end, end + triggers.TITLE_MAX)
        return j != -1 and "\n\n" not in text[end:j]
    return False


TITLE_TEXT = ('книга «1917 г.», статья «Ленин в июльские дни 1917 г.», "Коммунистическая оппозиция в СССР, '
              '1923–1927" и „1905“ “1930” »1931« "a" "1932 г." (с 1904 г.), он стоял (1920) в 1921 г.\n\n'
              '«1933\n\nг.» ' + "x" * 70 + ' «' + "y" * 70 + ' 1934 »')


@pytest.mark.parametrize("text", [TITLE_TEXT, corpus.normalized("003").text[:30000], corpus.raw("002")[:30000]])
def test_clause_and_title_bounds_found_with_rfind_equal_the_character_walk(text):
    """``_clause`` and ``in_quoted_title`` find the nearest punctuation or
    quote with one ``rfind``/search per character kind; every date place
    gets the bounds and verdicts of the walk one character at a time."""
    for start in range(0, len(text), 3):
        end = min(len(text), start + 4)
        assert triggers._clause(text, start, end) == _plain_clause(text, start, end), start
        for edtf in ("1917", "192X", "1917-05"):
            assert triggers.in_quoted_title(text, start, end, edtf) == _plain_in_quoted_title(text, start, end, edtf)
    assert any(triggers.in_quoted_title(text, s, s + 4, "1917") for s in range(len(text))) or text is not TITLE_TEXT


def test_known_words_are_those_with_dictionary_readings():
    """``morph.is_known`` asks whether the dictionary has readings of the
    word: the same answer as pymorphy3's ``word_is_known`` (ё written as е,
    capitals, Latin, hyphens, one letter, unknown words)."""
    from events.extraction import morph

    words = {w for _, _, w in tokens(corpus.normalized("001").text[:100000])} | set(WORD_EDGE_CASES) | set(NAME_WORDS)
    words |= {"ЕЛКА", "елка", "ёлка", "Ёлка", "шел", "Шёл", "зеленый", "зелёный", "й", "ъ", "qwerty", "бутявка"}
    for word in sorted(words):
        assert morph.is_known.__wrapped__(word.lower()) is morph.analyzer().word_is_known(word.lower()), word
        assert morph.is_known.__wrapped__(word) is morph.analyzer().word_is_known(word), word
    assert len(words) > 2000


def _plain_is_future(t, text, lang):
    if t.verbal and lang == "ru" and triggers.is_future_verb(t.text.split()[0]):
        return True
    aux = triggers.table(lang).future_auxiliaries
    before = [w.lower() for w in triggers._WORD.findall(text[max(0, t.start - 40):t.start])][-triggers.FUTURE_REACH:]
    return bool(aux) and any(w in aux for w in before)


@pytest.mark.parametrize("lang,key", [("ru", "001"), ("fr", "004"), ("en", "002")])
def test_future_auxiliaries_read_in_place_equal_those_read_from_a_slice(lang, key):
    """``is_future`` reads the words before a trigger from the text itself
    (``findall`` with bounds), lower-casing only the last two: the same
    verdict as reading them from a slice."""
    texts = _sentences(key) + ["he will be arrested; they will soon be ARRESTED", "il sera arrêté, on va arrêter",
                               "через неделю будут массовые аресты, будет арестован"]
    checked = 0
    for text in texts:
        for t in triggers.find_triggers(text, lang):
            assert triggers.is_future(t, text, lang) == _plain_is_future(t, text, lang)
            checked += 1
    assert checked > 2


def test_best_dictionary_reading_is_the_one_of_the_best_parse():
    """``morph.best_dictionary_reading`` picks, among a known word's
    readings, the first with the highest P(tag | word): the reading of
    pymorphy3's best parse (same spelling, tag and normal form), on corpus
    words whose readings disagree and on edge cases."""
    from events.extraction import morph

    words = {w.lower() for _, _, w in tokens(corpus.normalized("001").text[:300000])} | set(WORD_EDGE_CASES)
    words |= {w.lower() for w in NAME_WORDS} | {"стали", "мой", "три", "знать", "печь", "вести", "ёлки", "елки"}
    build = morph.analyzer().dictionary.build_normal_form
    disagreeing = 0
    for low in sorted(words):
        best = morph.best_dictionary_reading(low)
        options = morph.analyzer().parse(low)
        if len(low) < 2 or not morph.is_cyrillic(low) or not morph.is_known(low):
            assert best is None or not morph.is_cyrillic(low), low  # parsed as before
            continue
        spelling, para, index, tag_id = best
        assert morph.analyzer().dictionary.gramtab[tag_id] == morph.analyzer().dictionary.build_tag_info(para, index)
        assert (spelling, build(para, index, spelling), str(morph.analyzer().dictionary.build_tag_info(para, index))) \
            == (options[0].word, options[0].normal_form, str(options[0].tag)), low
        assert morph.lemma.__wrapped__(low) == options[0].normal_form.replace("ё", "е"), low
        disagreeing += len({p.normal_form for p in options}) > 1
    assert disagreeing > 200


def test_name_and_tense_verdicts_read_from_the_dictionary_equal_those_of_the_parses():
    """``known_as_name``, ``is_present_verb`` and the best tag read a known
    word from its dictionary readings (ranked as pymorphy3 ranks them); the
    verdicts are those of its parses, for unknown and Latin words too."""
    from events.extraction import entities, morph

    words = _people_words()[:3000] + WORD_EDGE_CASES + ["состою", "живу", "Состоит", "я", "Я"]
    for word in words:
        options = morph.parses(word.lower())
        if morph.is_cyrillic(word):
            expected = any({"Surn", "Name", "Patr"} & set(p.tag.grammemes) for p in options) \
                or not any(p.is_known for p in options)
            assert entities.known_as_name.__wrapped__(word) is expected, word
        tag = options[0].tag if options else None
        assert morph.best_tag(word.lower()) == tag, word
        assert triggers.is_present_verb(word) is (tag is not None and tag.POS == "VERB" and tag.tense == "pres")


def _plain_surname_nominative(word):
    """``surname_nominative`` as first written: always from the parses."""
    from events.extraction import entities
    from events.extraction.morph import is_cyrillic, parses

    if not is_cyrillic(word):
        return word
    if "-" in word:
        return "-".join(_plain_surname_nominative(part) for part in word.split("-"))
    options = parses(word.lower())
    surn = [p for p in options if "Surn" in p.tag]
    if surn:
        masc = [p for p in surn if "masc" in p.tag]
        pick = (masc or surn)[0]
        nom = pick if "nomn" in pick.tag else pick.inflect({"nomn"})
        form = nom.word if nom is not None else pick.normal_form
    elif entities._ADJECTIVAL_OBLIQUE.search(word.lower()):
        form = entities._ADJECTIVAL_OBLIQUE.sub(r"\1ий", word.lower())
    elif entities._NOMINATIVE_SURNAME.search(word.lower()):
        return word
    else:
        oblique = [p for p in options if "NOUN" in p.tag and "sing" in p.tag
                   and "nomn" not in p.tag and "Fixd" not in p.tag]
        oblique.sort(key=lambda p: "masc" not in p.tag)
        if not oblique:
            return word
        nom = oblique[0].inflect({"nomn"})
        form = nom.word if nom is not None else oblique[0].normal_form
    form = form.replace("ё", "е")
    return form[:1].upper() + form[1:]


def test_nominative_surnames_read_from_the_dictionary_equal_those_of_the_parses():
    """``surname_nominative`` takes a known word's best (masculine) surname
    reading from the dictionary when it is a nominative already; every
    surname comes out as from the parses (ё, hyphens, oblique cases,
    feminine forms, unknown and Latin surnames)."""
    from events.extraction import entities

    words = _people_words()[:4000] + ["Орлов", "Орлова", "Орлову", "Берзиной", "Ёлкин", "Смит-Фалькнер",
                                      "Иванова-Разумник", "Блюмом", "Лаваля", "Преображенского", "Махарадзе"]
    shortcut = 0
    for word in words:
        assert entities.surname_nominative.__wrapped__(word) == _plain_surname_nominative(word), word
        shortcut += entities.is_cyrillic(word) and entities._nominative_reading(word.lower()) is not None
    assert shortcut > 100
