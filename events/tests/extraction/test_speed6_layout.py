"""Speed round 6 (layout): the shortcuts of the people, place and merge
readers find what the plain forms over ``morph.tokens`` find."""

from __future__ import annotations

import random

import pytest

from events.extraction import entities, merge, resources
from events.extraction.morph import capitalised_tokens, lemma, tokens
from events.tests.extraction import corpus

# Characters that decide where a word starts and whether it opens with a
# capital: letters of both scripts and Latin-1 in both cases, the joiners
# of ``WORD_RE`` (also doubled, and at a word's edge), digits (also a
# non-ASCII one and a superscript, which "\w" takes as a letter), "_", a
# titlecase letter, an upper-case character that is no letter, spaces,
# newlines and punctuation.
ALPHABET = (
    "аяёжАЯЁЖ" "azAZ" "éàÿßÉÀÞ" "-’'" "09٣²" "_" "ǅ" "Ⓐ" "  \n" ".,«»()!"
)
EDGE_CASES = (
    "Смит-Фалькнер и пред-Москва, Поль-Бонкур; ВКП(б) -Иванов --Петров a-'Bc ab’-Cd x1Y _Z ²Ab Ⓐb ǅemal ÉCOLE",
    "Иванов",
    "и",
    "",
    "-Москва",
    "'Москва'",
)


def _plain_capitalised(text: str) -> list[tuple[int, int, str]]:
    toks = tokens(text)
    return [toks[i] for i in capitalised_tokens(text)]


def _random_texts(seed: int, count: int, length: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, length))) for _ in range(count)]


def test_capitalised_words_are_the_capitalised_tokens():
    for text in [*EDGE_CASES, *_random_texts(6, 3000, 40)]:
        assert list(entities.capitalised_words(text)) == _plain_capitalised(text), text


def test_capitalised_words_are_the_capitalised_tokens_of_the_corpus_texts():
    for key in ("000", "003", "004"):
        text = corpus.normalized(key).text
        assert list(entities.capitalised_words(text)) == _plain_capitalised(text)
    raw = corpus.raw("002")
    assert list(entities.capitalised_words(raw)) == _plain_capitalised(raw)


def _plain_find_places(text: str, lang: str) -> list[str]:
    """``find_places`` as it was: over every token of the text, by index."""
    single, multi = entities._gazetteer(lang if lang in resources.LANGUAGES else "ru")
    toks = tokens(text)
    out: list[str] = []
    after_hit = 0
    for i in capitalised_tokens(text):
        if i < after_hit:
            continue
        first = lemma(toks[i][2])
        hit = None
        for lem, canonical in multi.get(first, ()):
            n = len(lem)
            if tuple(lemma(w) for _, _, w in toks[i: i + n]) == lem:
                hit = (n, canonical)
                break
        if hit is None and first in single:
            hit = (1, single[first])
        if hit is None:
            continue
        if hit[1] not in out:
            out.append(hit[1])
        after_hit = i + hit[0]
    return out


def _gazetteer_texts(lang: str, seed: int, count: int) -> list[str]:
    """Texts made of the gazetteer's forms (multi-word ones cut short, run
    together, lower-cased), ordinary words, joiners and punctuation."""
    data = resources.load("places", lang)
    forms = [f for canonical, fs in data["places"].items() for f in [canonical, *(fs or [])]]
    pieces = forms + [f.split()[0] for f in forms if " " in f] + [f.lower() for f in forms[:10]]
    pieces += ["и", "в", "Из", "the", "de", "Paris-", "-", "—", ",", ".", "\n", "1935", "г."]
    rng = random.Random(seed)
    return [
        "".join(rng.choice(pieces) + rng.choice(["", " ", " ", "-", ", "]) for _ in range(rng.randint(1, 12)))
        for _ in range(count)
    ]


@pytest.mark.parametrize("lang", ["ru", "fr", "en"])
def test_places_found_from_the_capitalised_words_are_the_plain_ones(lang):
    texts = _gazetteer_texts(lang, seed=len(lang), count=600)
    hits = 0
    for text in texts:
        found = entities.find_places(text, lang)
        assert found == _plain_find_places(text, lang), text
        hits += len(found)
    assert hits > 100  # the texts name places


def test_places_in_the_corpus_quotes_are_the_plain_ones():
    text = corpus.normalized("004").text
    paragraphs = [p for p in text.split("\n") if p][:400]
    for lang in ("ru", "fr"):
        for para in paragraphs:
            assert entities.find_places(para, lang) == _plain_find_places(para, lang)


def test_merge_reads_the_words_of_the_tokens():
    for text in [*EDGE_CASES, *_random_texts(7, 300, 80), corpus.normalized("003").text[:3000]]:
        plain = []
        for _, _, w in tokens(text):
            if len(w) >= 4:
                plain.append(lemma(w))
            if len(plain) >= 12:
                break
        assert merge._content_lemmas(text, limit=12) == plain


def test_a_place_found_takes_its_words_as_the_plain_form_does(monkeypatch):
    """Gazetteer entries whose words are places of their own (not so in the
    shipped gazetteers): a multi-word place found takes all its words, the
    next place opens after them, also with lower-case words in between."""
    single = {"новгород": "Новгород", "город": "Город", "дон": "Дон", "великий": "Великий"}
    multi = {
        "нижний": [(("нижний", "новгород", "город"), "Нижний Новгород-город"), (("нижний", "новгород"), "Нижний Новгород")],
        "великий": [(("великий", "новгород"), "Великий Новгород")],
        "ростов": [(("ростов", "на", "дон"), "Ростов на Дону")],
    }
    monkeypatch.setattr(entities, "_gazetteer", lambda lang: (single, multi))
    words = ["Нижний", "Новгород", "Новгороде", "Город", "город", "Великий", "Великом", "Ростов", "на", "Дону",
             "и", "Нижнего"]
    rng = random.Random(8)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 9))) for _ in range(3000)]
    for text in texts:
        assert entities.find_places(text, "ru") == _plain_find_places(text, "ru"), text


def test_a_grammeme_in_a_tags_grammemes_is_a_grammeme_in_the_tag():
    """The name readers ask ``tag.grammemes`` (a frozenset) rather than
    ``in tag``: the same answer for every grammeme they ask, for the tags
    of the dictionary and those of guessed parses of unknown words."""
    from events.extraction.morph import analyzer, parses

    asked = set().union(entities._SINGULAR_NOUN, entities._NOMINATIVE_OR_FIXED, entities._PERSON_NAME,
                        entities._ANY_NAME, {"masc", "Geox"})
    tags = list(analyzer().dictionary.gramtab)
    for word in ("асратян", "гвинджилия", "прайсмана", "фрезинского", "смит-фалькнер", "ю", "лаваля", "блюмом"):
        tags += [p.tag for p in parses(word)]
    for tag in tags:
        for grammeme in asked:
            assert (grammeme in tag.grammemes) == (grammeme in tag)


def _plain_surname_key_of_unknown(word: str) -> str:
    from events.extraction.morph import parses

    options = parses(word.lower())
    surn = [p for p in options if "Surn" in p.tag]
    pick = (surn or list(options) or [None])[0]
    return (pick.normal_form if pick is not None else word.lower()).replace("ё", "е")


def _name_words() -> list[str]:
    """Capitalised words of the collection's people list and headings, of
    an article, and made-up and foreign surnames in several cases."""
    text = corpus.normalized("001").text
    words = {w for _, _, w in entities.capitalised_words(text[600000:700000])}
    words |= {w for _, _, w in entities.capitalised_words(text[:60000])}
    words |= {w for _, _, w in entities.capitalised_words(corpus.normalized("003").text)}
    words |= {"Блюмом", "Лаваля", "Дюрозеля", "Гамеленом", "Фланден", "Зеленецкий", "Кубяку", "Бордиги",
              "Пфайфером", "Жоресу", "Мюллерами", "Клемансо", "Гоголя", "Смит-Фалькнер", "Поля-Бонкура"}
    return sorted(words)


def test_surname_nominatives_read_from_the_grammeme_sets_are_the_plain_ones():
    """Against ``surname_nominative`` as first written (always from the
    parses, every grammeme asked ``in tag``, every form from ``inflect``)."""
    from events.tests.extraction.test_speed_gates_trig import _plain_surname_nominative

    words = _name_words()
    assert len(words) > 1000
    for word in words:
        assert entities.surname_nominative(word) == _plain_surname_nominative(word), word


def test_surname_keys_read_from_the_grammeme_sets_are_the_plain_ones():
    from events.extraction.morph import is_cyrillic, is_known

    unknown = [w for w in _name_words() if is_cyrillic(w) and not is_known(w.lower())]
    assert len(unknown) > 200
    for word in unknown:
        assert entities.surname_key(word) == _plain_surname_key_of_unknown(word), word


def test_organisations_judged_word_by_word_from_the_kept_words_are_the_plain_ones():
    """``is_organisation`` reads each word's verdict from a per-word cache:
    names sharing words (initials, a surname) get the verdict of each word
    judged anew, whichever name asked first."""
    names = ["А. К. Асратян", "ЦК ВКП(б)", "Исполкому Коминтерна", "Comité central", "Л. Д. Троцкий",
             "Политбюро ЦК", "А. Политбюро", "К. Коминтерн", "т. Сталин", "Президиуму ЦКК", "ЦКК", "Ц. К. Иванов"]
    names += [p["name"] for p in entities.people_from_lists(corpus.raw("001"), corpus.layout("001"))][:300]
    plain_word = entities._is_organisation_word.__wrapped__
    for name in names:
        assert entities.is_organisation(name) == any(plain_word(w) for w in entities._WORD.findall(name)), name
    assert any(map(entities.is_organisation, names)) and not all(map(entities.is_organisation, names))


def _dictionary_parses_sample() -> list:
    """Parses of known words of many kinds: surnames, first names, nouns
    (with rare cases), adjectives, verbs (no case at all), a word spelt
    with "ё", numerals - every reading of each, as ``iter_known_word_parses``
    builds them."""
    from itertools import islice

    from events.extraction.morph import analyzer, dictionary_parses, is_known

    morph = analyzer()
    out = []
    for prefix in ("берз", "иванов", "сталин", "троцк", "лавал", "блюм", "лес", "сад", "год", "шкаф", "бегу",
                   "красн", "арестова", "пят", "ёж", "москв", "мари", "крупск", "люд"):
        out += list(islice(morph.iter_known_word_parses(prefix), 400))
    for word in ("берзиной", "людьми", "лесу", "году", "ежа", "пятью", "троцкого", "сталину", "гоголя"):
        assert is_known(word)
        out += dictionary_parses(word)
    return out


def test_a_dictionary_reading_in_the_nominative_is_what_pymorphy3_inflects_it_to():
    parses = _dictionary_parses_sample()
    assert len(parses) > 4000
    nones = 0
    for p in parses:
        nom = p.inflect({"nomn"})
        assert entities._paradigm_reading(p) is not None  # (the paradigm is read, not inflect asked)
        assert entities._nominative_word(p) == (nom.word if nom is not None else None), p
        nones += nom is None
    assert 0 < nones < len(parses)  # some have no nominative (verbs)


@pytest.mark.parametrize("required", [{"gent"}, {"loc2"}, {"voct"}, {"gen2"}, {"plur", "datv"}, {"femn"}])
def test_the_form_picked_in_a_paradigm_is_the_one_pymorphy3_inflects_to(required):
    """``_inflected_form`` with other grammemes, rare cases among them
    (pymorphy3 falls back to the common case when a paradigm lacks one)."""
    from events.extraction.morph import analyzer

    dictionary = analyzer().dictionary
    for p in _dictionary_parses_sample()[::3]:
        _, _, para_id, idx = p.methods_stack[0]
        pick = entities._inflected_form(para_id, idx, frozenset(required))
        inflected = p.inflect(set(required))
        if inflected is None:
            assert pick is None, p
        else:
            paradigm = dictionary.paradigms[para_id]
            assert inflected.tag is dictionary.gramtab[paradigm[len(paradigm) // 3 + pick]], p
            assert inflected.methods_stack[0][3] == pick, p


def test_guessed_parses_in_the_nominative_are_what_pymorphy3_inflects_them_to():
    """Parses of unknown words: guessed from a known ending, with a known
    or unknown prefix cut off (also both), hyphenated, Latin - each the
    nominative ``inflect`` gives (or None)."""
    from collections import Counter

    from events.extraction.morph import is_cyrillic, is_known, parses

    words = [w.lower() for w in _name_words() if is_cyrillic(w) and not is_known(w.lower())]
    words += ["асратяна", "прайсмана", "гвинджилии", "фрезинского", "вильдраком", "псевдокошками", "квазитроцкистами",
              "антисталинской", "суперлесами", "псевдоквазикошками", "ультрапсевдодругом", "смит-фалькнера", "бутявкают", "ю", "жж", "ёжиками-то", "xvii"]
    kinds = Counter()
    for word in words:
        for p in parses(word):
            nom = p.inflect({"nomn"})
            assert entities._nominative_word(p) == (nom.word if nom is not None else None), p
            kind = tuple(type(m[0]).__name__ for m in p.methods_stack)
            kinds[kind] += 1
            if kind[0] in ("DictionaryAnalyzer", "FakeDictionary") and "Hyphen" not in " ".join(kind):
                assert entities._paradigm_reading(p) is not None, p
    for kind in [("FakeDictionary", "KnownSuffixAnalyzer"), ("DictionaryAnalyzer", "UnknownPrefixAnalyzer"),
                 ("DictionaryAnalyzer", "KnownPrefixAnalyzer", "KnownPrefixAnalyzer"),
                 ("DictionaryAnalyzer", "KnownPrefixAnalyzer"), ("FakeDictionary", "KnownSuffixAnalyzer",
                                                             "KnownPrefixAnalyzer")]:
        assert kinds[kind] > 0, kind
    assert sum(n for kind, n in kinds.items() if len(kind) > 1 and "Hyphen" in " ".join(kind)) > 0


def test_plausible_names_kept_per_pair_are_the_plain_verdicts():
    """``plausible_name`` is kept per (initials, surname): the verdict of
    each pair, whichever pair with the same surname or initials came first."""
    text = corpus.normalized("001").text[:400000] + corpus.normalized("004").text
    pairs = [(initials, surname) for _, _, initials, surname in entities._initials_first(text)]
    pairs += [(m.group(2), m.group(1)) for m in entities._SURNAME_FIRST.finditer(text)]
    pairs += [("J.", "Иванов"), ("И.", "Иванов"), ("Кр.", "Армия"), ("К.", "Армия"), ("Ив.", "Иванов"),
              ("A.", "Blum"), ("А.", "Blum"), ("Я.", "Москва"), ("И. В.", "Сталин")]
    plain = entities.plausible_name.__wrapped__
    verdicts = [plain(initials, surname) for initials, surname in pairs]
    assert [entities.plausible_name(initials, surname) for initials, surname in pairs] == verdicts
    assert any(verdicts) and not all(verdicts)
