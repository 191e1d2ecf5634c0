"""People and places: find them in event text and give them canonical names.

People are recognised by general name shapes - initials + surname
("Л. Д. Троцкого", "J.V. Staline"), surname + initials, "тов. Зиновьев" - and,
once a surname is known in a source, by the bare surname ("Троцкий",
"Сталину"). Russian names are put in the nominative with pymorphy3, keeping
the surname's gender ("Берзиной" -> "Берзина"), so every inflected mention of
a person collapses to one canonical name ("Л. Д. Троцкий").

Places come from a gazetteer (``resources/places/<lang>.yaml``) whose forms
are compared as lemmas, so "в Москве", "из Москвы" both give "Москва".

The people lists of collections (001: names with birth and party years,
verdicts) seed persons through ``people_from_lists``; they are not events.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from . import resources
from .morph import (
    WORD_RE, analyzer, best_dictionary_reading, cannot_have_lemma_in, dictionary_parse, dictionary_parses,
    dictionary_scores, dictionary_tag_ids, forms_of, is_cyrillic, lemma, parses, tag_flags, tokens,
    unanimous_normal_form,
)
from .types import ExtractedEvent, SourceLayout

_UP = "А-ЯЁA-Z"
_LOWER_AFTER_INITIAL = "a-zа-яё"  # "Ив.", "Ch."
_INITIAL = rf"[{_UP}][a-zа-яё]?\."
# A surname: a capital, then what follows it.
_SURNAME_TAIL = r"[а-яёa-zéèêëïîôûüçà]+(?:-[А-ЯЁA-Z][а-яёa-zéèêëïîôûüçà]+)?"
_SURNAME = rf"[{_UP}]{_SURNAME_TAIL}"
# Not after a letter, digit or dot. The guard is checked after the first
# capital, not before it: a pattern that opens with a character class lets
# the regex engine skip to the next capital (4x faster over a whole text).
_INITIALS_FIRST = re.compile(
    rf"((?:[{_UP}](?<![\w.][{_UP}])[{_LOWER_AFTER_INITIAL}]?\.\s?-?)(?:{_INITIAL}\s?-?)?)\s?({_SURNAME})(?!\w)"
)
_SURNAME_RE = re.compile(_SURNAME)
# The same names found from the dot of their first initial: a search for a
# dot skips ahead far faster than one for a capital (a text has ~15x fewer
# dots), and the capital before it, with the same guard, is tested behind
# it. From the dot on the pattern is ``_INITIALS_FIRST``'s, so a match ends
# where that one's does, with the same groups (see ``_initials_first``).
_INITIALS_FROM_DOT = re.compile(
    rf"\.(?:(?<=(?<![\w.])[{_UP}]\.)|(?<=(?<![\w.])[{_UP}][{_LOWER_AFTER_INITIAL}]\.))"
    rf"(\s?-?(?:{_INITIAL}\s?-?)?)\s?({_SURNAME})(?!\w)"
)
_LOWER_LETTERS = frozenset(
    c for c in map(chr, range(0x500)) if re.fullmatch(f"[{_LOWER_AFTER_INITIAL}]", c))
# Same guard-after-the-first-letter form: "(?<![\w.])" + surname, and
# "(?<![\w.])(?:тов|т|тт)\." (only one of the three can stand before a dot).
_SURNAME_FIRST = re.compile(
    rf"([{_UP}](?<![\w.][{_UP}]){_SURNAME_TAIL})\s+((?:[{_UP}]\.\s?){{1,2}})(?!\w)"
)
_COMRADE = re.compile(r"т(?<![\w.]т)(?:ов|т)?\.\s*([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)")
_LIST_ENTRY = re.compile(
    r"^\s*\d{1,4}\.\s+([А-ЯЁ][А-ЯЁа-яё-]+)((?:\s*[А-ЯЁ]\.){0,2})\s*$", re.M
)
_SPACE = re.compile(r"\s+")
# "\w\w*" rather than "\w+": same matches, faster scan (see morph.WORD_RE).
_WORD = re.compile(r"\w\w*(?:-\w+)*")
_TWO_LETTER_INITIAL = re.compile(r"[А-ЯЁA-Z][a-zа-яё]\.")
_TWO_WORD_CHARS = re.compile(r"\w{2,}")  # a name holds a word of two letters or more
# Endings of Russian surnames in the nominative (masculine and feminine).
_ADJECTIVAL_OBLIQUE = re.compile(r"([сц]к)(?:ого|ому|им|ом)$")
_NOMINATIVE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ский|цкий|ской|цкой|ова|ева|ина|ына|ская|цкая)$")
# Capitalised words that look like surnames after initials but are not.
_NOT_SURNAMES = frozenset({"Ф", "Оп", "Д", "Л", "С", "Т", "См", "Там", "Р"})
# Grammemes asked of a parse's ``tag.grammemes`` together.
_SINGULAR_NOUN = frozenset({"NOUN", "sing"})
_NOMINATIVE_OR_FIXED = frozenset({"nomn", "Fixd"})
_PERSON_NAME = frozenset({"Surn", "Name"})
_ANY_NAME = frozenset({"Surn", "Name", "Patr"})


_INITIAL_LETTERS = re.compile(rf"[{_UP}][a-zа-яё]?(?=\.)")
# A whole name as ``canonical_person`` reads it: initials then surname, or
# surname then initials.
_NAME_SURNAME = rf"{_SURNAME}|[А-ЯЁA-Z][А-ЯЁA-Z-]+"
_INITIALS_THEN_SURNAME = re.compile(rf"((?:{_INITIAL}\s?-?)*)\s*({_NAME_SURNAME})\.?")
_SURNAME_THEN_INITIALS = re.compile(rf"({_NAME_SURNAME})\s*((?:[{_UP}]\.\s?)*[{_UP}]?)")


def _initials_first(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, initials, surname)`` of every ``_INITIALS_FIRST``
    match of ``text``, as its ``finditer`` finds them, through
    ``_INITIALS_FROM_DOT``: a name starts one letter before the dot, or two
    when a lower-case letter stands before it ("Ив."). A dot whose name
    would start inside the last name found is passed over, as the scan for
    capitals, which goes on after that name, passes over its capital."""
    out = []
    pos = last_end = 0
    search = _INITIALS_FROM_DOT.search
    while True:
        m = search(text, pos)
        if m is None:
            return out
        dot = m.start()
        start = dot - 2 if text[dot - 1] in _LOWER_LETTERS else dot - 1
        if start < last_end:
            pos = dot + 1
            continue
        out.append((start, m.end(), text[start : m.end(1)], m.group(2)))
        pos = last_end = m.end()


# Where a word of ``morph.tokens`` (a ``WORD_RE`` match) may open with a
# capital: any character but the lower-case letters, digits, spaces and
# punctuation most text is made of (a class of plain ranges, which the
# regex engine tests far faster than the Unicode categories of "\w"), kept
# only where ``WORD_RE`` starts a word - no letter right before it, and no
# joiner that carries the word before it on ("Смит-Фалькнер" is one word,
# "пред-Москва" too). The guards are checked after that character, as in
# ``_INITIALS_FIRST``: they cost only where a candidate stands.
_LETTER = r"[^\W\d_]"
_WORD_OPENING_NOT_LOWER = re.compile(
    rf"[^a-zß-ÿа-яё0-9 \n,.;:!?()«»\"'-](?<!{_LETTER}.)(?<!{_LETTER}[-’'].)"
)


@lru_cache(maxsize=16)
def capitalised_words(text: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, word)`` of the words of ``morph.tokens(text)`` that
    open with an upper-case letter, in order: the only words the people
    and place finders look up (kept for the last few texts: both read each
    quote). Found from their first letters, without placing every word of
    the text (most open in lower case)."""
    out = []
    word_at = WORD_RE.match
    for m in _WORD_OPENING_NOT_LOWER.finditer(text):
        if m.group().isupper():
            word = word_at(text, m.start())
            if word is not None:  # (an upper-case character that is no letter: "Ⓐ")
                out.append((m.start(), word.end(), word.group()))
    return tuple(out)


def _words_from(text: str, start: int, n: int) -> list[re.Match]:
    """The ``n`` words of ``morph.tokens(text)`` from the one at ``start``
    on (fewer at the end of the text): each found where the one before
    ends, as ``WORD_RE.findall`` finds them."""
    words = []
    m = WORD_RE.match(text, start)
    while m is not None:
        words.append(m)
        if len(words) == n:
            break
        m = WORD_RE.search(text, m.end())
    return words


@lru_cache(maxsize=4096)
def _initials(raw: str) -> str:
    """"Л. Д." from "Л.Д.", "Л. Д." or "Л Д" (each letter with its dot, one
    space between). Kept per spelling: a people list repeats a few hundred
    initials over thousands of names, each new name asking for them once."""
    letters = _INITIAL_LETTERS.findall(raw)
    return ". ".join(letters) + "." if letters else ""


@lru_cache(maxsize=50_000)
def surname_nominative(word: str) -> str:
    """A Russian surname in the nominative, keeping its gender."""
    if not is_cyrillic(word):
        return word
    if "-" in word:
        return "-".join(surname_nominative(part) for part in word.split("-"))
    low = word.lower()
    form = _nominative_reading(low)
    if form is None:
        # A known word here has no surname reading: when an ending below
        # settles it, its parses are not needed; else they are built from
        # the dictionary (``dictionary_parses``), not parsed.
        known = len(low) > 1 and bool(dictionary_tag_ids(low))
        if known and (_ADJECTIVAL_OBLIQUE.search(low) or _NOMINATIVE_SURNAME.search(low)):
            options = ()
        else:
            options = dictionary_parses(low) if known else parses(low)
        # (Grammemes asked of ``tag.grammemes``, a frozenset: the same
        # answer as ``in tag`` for a grammeme pymorphy3 knows, without its
        # two Python calls - asked of every parse of every unknown name.)
        surn = [p for p in options if "Surn" in p.tag.grammemes]
        if surn:
            masc = [p for p in surn if "masc" in p.tag.grammemes]
            pick = (masc or surn)[0]
            form = pick.word if "nomn" in pick.tag.grammemes else _nominative_word(pick)
            if form is None:
                form = pick.normal_form
        elif _ADJECTIVAL_OBLIQUE.search(word.lower()):
            # "Преображенского", "Луначарскому": adjectival surnames -> "-ский"
            form = _ADJECTIVAL_OBLIQUE.sub(r"\1ий", word.lower())
        elif _NOMINATIVE_SURNAME.search(word.lower()):
            return word  # "Венцов", "Седякин": already a nominative Russian surname
        else:
            # A foreign surname declined like a masculine noun ("Блюмом" ->
            # "Блюм", "Лаваля" -> "Лаваль"); otherwise leave it as written.
            oblique = [p for p in options if _SINGULAR_NOUN <= p.tag.grammemes
                       and _NOMINATIVE_OR_FIXED.isdisjoint(p.tag.grammemes)]
            oblique.sort(key=lambda p: "masc" not in p.tag.grammemes)
            if not oblique:
                return word
            form = _nominative_word(oblique[0])
            if form is None:
                form = oblique[0].normal_form
    form = form.replace("ё", "е")
    return form[:1].upper() + form[1:]


def _nominative_reading(low: str) -> str | None:
    """What ``surname_nominative`` picks for a known word with a surname
    reading: its best masculine surname reading (else best surname
    reading), read from the dictionary (see ``best_dictionary_reading``)
    without a parse - its spelling when it is a nominative already, else
    that reading inflected (``dictionary_parse``). None when the parse must
    decide: an unknown word, no surname reading."""
    ids = dictionary_tag_ids(low) if len(low) > 1 else ()
    if not ids:
        return None
    masculine, surname = tag_flags(_is_masculine_surname_tag), tag_flags(_is_surname_tag)
    if any(map(masculine.__getitem__, ids)):
        pick = best_dictionary_reading(low, masculine)
    elif any(map(surname.__getitem__, ids)):
        pick = best_dictionary_reading(low, surname)
    else:
        return None
    if tag_flags(_is_nominative_tag)[pick[3]]:
        return pick[0]
    reading = dictionary_parse(pick)
    nom = _nominative_word(reading)
    return nom if nom is not None else reading.normal_form


_NOMINATIVE = frozenset({"nomn"})


def _nominative_word(p) -> str | None:
    """``p.inflect({"nomn"}).word``, None when pymorphy3 finds no such form.

    A parse made from one form of a dictionary paradigm - a known word, or
    an unknown one guessed from a known ending or with a prefix cut off -
    inflects within that paradigm, its tag being that form's: the form
    ``_inflected_form`` picks, spelt as pymorphy3 spells a lexeme's forms
    (the prefixes cut off + paradigm prefix + stem + suffix), without
    building the whole lexeme as parses, which ``inflect`` does for every
    name not seen before. Other parses go through ``inflect``."""
    reading = _paradigm_reading(p)
    if reading is None:
        nom = p.inflect(set(_NOMINATIVE))
        return nom.word if nom is not None else None
    cut, word, para_id, idx = reading
    pick = _inflected_form(para_id, idx, _NOMINATIVE)
    if pick is None:
        return None
    dictionary = analyzer().dictionary
    paradigm = dictionary.paradigms[para_id]
    size = len(paradigm) // 3
    stem = dictionary.build_stem(paradigm, idx, word)
    return cut + dictionary.paradigm_prefixes[paradigm[2 * size + pick]] + stem + dictionary.suffixes[paradigm[pick]]


def _paradigm_reading(p) -> tuple[str, str, int, int] | None:
    """``(prefixes cut off, the word without them, paradigm, form)`` of a
    parse whose lexeme pymorphy3 builds from one form of a dictionary
    paradigm, None for another. Its methods (``methods_stack``) are read
    as pymorphy3's units build a lexeme back from them: a prefix unit
    (``KnownPrefixAnalyzer``, ``UnknownPrefixAnalyzer``) takes the
    lexeme of the word without its prefix and puts the prefix back before
    each form; ``KnownSuffixAnalyzer`` takes the lexeme of its paradigm
    form as it is; the dictionary unit it stands on (or
    ``DictionaryAnalyzer`` itself) makes the lexeme from the paradigm."""
    from pymorphy3.units import DictionaryAnalyzer, KnownPrefixAnalyzer, KnownSuffixAnalyzer, UnknownPrefixAnalyzer

    stack = p.methods_stack
    word, cut = p.word, ""
    while len(stack) > 1:
        unit = type(stack[-1][0])
        if unit is KnownPrefixAnalyzer or unit is UnknownPrefixAnalyzer:
            prefix = stack[-1][1]
            cut, word = cut + prefix, word[len(prefix):]
        elif unit is not KnownSuffixAnalyzer:
            return None
        stack = stack[:-1]
    unit, _, para_id, idx = stack[0] if len(stack[0]) == 4 else (None, None, None, None)
    if type(unit) is not DictionaryAnalyzer and type(unit) is not KnownSuffixAnalyzer.FakeDictionary:
        return None
    if unit.dict is not analyzer().dictionary:  # (a parse of another analyser: its own paradigms)
        return None
    return cut, word, para_id, idx


@lru_cache(maxsize=50_000)
def _inflected_form(para_id: int, idx: int, required: frozenset) -> int | None:
    """The index of the form of paradigm ``para_id`` that pymorphy3's
    ``inflect(required)`` gives its form ``idx`` (``MorphAnalyzer._inflect``):
    of the forms whose tag holds ``required`` (else its rare cases made
    common, ``fix_rare_cases``), the first most like form ``idx``'s tag
    updated with ``required``; None if there is none. The same for every
    word of the paradigm, so kept per paradigm and form: the surnames of a
    source share a few paradigms."""
    morph = analyzer()
    paradigm = morph.dictionary.paradigms[para_id]
    size = len(paradigm) // 3
    tags = [morph.dictionary.gramtab[paradigm[size + i]] for i in range(size)]
    possible = [i for i in range(size) if required <= tags[i].grammemes]
    if not possible:
        required = morph.TagClass.fix_rare_cases(required)
        possible = [i for i in range(size) if required <= tags[i].grammemes]
    grammemes = tags[idx].updated_grammemes(required)

    def similarity(i: int) -> float:
        tag_grammemes = tags[i].grammemes
        return len(grammemes & tag_grammemes) - 0.1 * len(grammemes ^ tag_grammemes)

    return max(possible, key=similarity, default=None)  # (the first of the most alike, as heapq.nlargest(1))


@lru_cache(maxsize=50_000)
def surname_key(word: str) -> str:
    """Gender- and case-free key of a surname (to match "Берзина"/"Берзиной").

    The normal form of its best surname reading, else of its best reading:
    when the readings it is chosen from share one normal form, that is the
    key whatever their ranking, and the parse (the costly part, asked of
    every capitalised word of a quote) is skipped."""
    if not is_cyrillic(word):
        return word.lower()
    unanimous = unanimous_normal_form(word.lower(), tag_flags(_is_surname_tag))
    if unanimous is not None:
        return unanimous
    best = best_dictionary_reading(word.lower(), tag_flags(_is_surname_tag))
    if best is not None:  # a known word: its best (surname) reading, found without a parse
        spelling, para, index, _ = best
        return analyzer().dictionary.build_normal_form(para, index, spelling).replace("ё", "е")
    options = parses(word.lower())
    # its first surname parse, else its first parse
    pick = next((p for p in options if "Surn" in p.tag.grammemes), options[0] if options else None)
    return (pick.normal_form if pick is not None else word.lower()).replace("ё", "е")


def looks_like_surname(word: str) -> bool:
    """A word pymorphy3 knows as a surname (or can't judge: Latin, unknown)."""
    if not is_cyrillic(word) or word.isupper():
        return True
    ids = dictionary_tag_ids(word.lower()) if len(word) > 1 else ()
    if ids:  # a known word: its parses are its readings, all of them known
        return any(map(tag_flags(_is_surname_tag).__getitem__, ids))
    options = parses(word.lower())
    return any("Surn" in p.tag.grammemes for p in options) or not any(p.is_known for p in options)


@lru_cache(maxsize=50_000)
def plausible_name(initials: str, surname: str) -> bool:
    """Initials and surname that can make a person's name: same script, a
    surname of 3+ letters that is not a function word or a place, and after a
    two-letter abbreviation ("Кр. Армия") a word known as a name. Kept per
    pair: a source names the same people again and again (the names of the
    whole text, then of each quote: on the corpus ~1,700 questions a pass,
    about 700 distinct pairs)."""
    if len(surname) < 3 or surname in _NOT_SURNAMES:
        return False
    if is_cyrillic(initials) != is_cyrillic(surname):
        return False
    if _TWO_LETTER_INITIAL.search(initials) and not known_as_name(surname):
        return False
    return can_be_name(surname)


@lru_cache(maxsize=50_000)
def known_as_name(word: str) -> bool:
    """A surname, first name or patronymic for pymorphy3, or a word it does
    not know at all (Latin script, rare surnames)."""
    if not is_cyrillic(word):
        return True
    ids = dictionary_tag_ids(word.lower()) if len(word) > 1 else ()
    if ids:  # a known word: its parses are its readings, all of them known
        return any(map(tag_flags(_is_any_name_tag).__getitem__, ids))
    options = parses(word.lower())
    return any(not _ANY_NAME.isdisjoint(p.tag.grammemes) for p in options) or not any(
        p.is_known for p in options)


@lru_cache(maxsize=None)
def _organisation_words() -> frozenset:
    words = set()
    for data in resources.load_all("people").values():
        words.update(str(w).lower() for w in data.get("organisation_words", ()))
    return frozenset(words)


@lru_cache(maxsize=None)
def _organisation_forms() -> frozenset:
    """Every dictionary form of the organisation words (lower case, ё as е),
    worked out once, at warm-up (see ``_gazetteer``)."""
    return forms_of(set(_organisation_words()))


@lru_cache(maxsize=50_000)
def _is_organisation_word(word: str) -> bool:
    """The word, as written or as a lemma, is an organisation word. A word
    the dictionary knows that is no form of them cannot have one of them
    as its lemma (see ``morph.cannot_have_lemma_in``): its parse, the
    costly part for a name not seen before, is skipped.
    Kept per word: names share their words (the initials of a people list,
    a surname written with different initials), each judged once."""
    words = _organisation_words()
    low = word.lower()
    if low in words:
        return True
    if cannot_have_lemma_in(low.replace("ё", "е"), _organisation_forms()):
        return False
    return lemma(word) in words


@lru_cache(maxsize=50_000)
def is_organisation(name: str) -> bool:
    """True for "ЦК ВКП(б)", "Исполкому Коминтерна", "Comité central":
    bodies that address and receive letters but are not people. Kept per
    name: most calls repeat a name already judged in the same pass."""
    return any(_is_organisation_word(w) for w in _WORD.findall(name))


@lru_cache(maxsize=50_000)
def can_be_name(word: str) -> bool:
    """False for words that cannot be a person's surname even after initials:
    pronouns, prepositions, verbs... ("Е. П. Меня", "У. Во") and place names
    ("Я. Москва")."""
    if not is_cyrillic(word):
        return True
    verdict = _name_verdict_from_readings(word.lower())
    if verdict is not None:
        return verdict
    verdict = _name_verdict_from_scores(word.lower())
    if verdict is not None:
        return verdict
    return name_verdict_from_parses(word.lower())


def name_verdict_from_parses(low: str) -> bool:
    """``can_be_name``'s verdict on a lower-case Cyrillic word from its
    scored pymorphy3 parses: what the dictionary shortcuts above must agree
    with (and what answers when they cannot tell)."""
    options = parses(low)
    if not options:
        return True
    if any(not _PERSON_NAME.isdisjoint(p.tag.grammemes) for p in options):
        return True
    if any("Geox" in p.tag.grammemes for p in options if p.score >= 0.3):
        return False
    return any("NOUN" in p.tag.grammemes for p in options if p.score >= 0.1)


def _name_verdict_from_readings(low: str) -> bool | None:
    """``can_be_name`` of a known word when its dictionary readings (its
    parses, unranked) settle it: a surname or first-name reading makes it
    True; with no place-name and no noun reading it is False whatever the
    scores. None when the scores of its parses must decide."""
    ids = dictionary_tag_ids(low) if len(low) > 1 else ()
    if not ids:
        return None
    if any(map(tag_flags(_is_person_name_tag).__getitem__, ids)):
        return True
    if not any(map(tag_flags(_is_place_or_noun_tag).__getitem__, ids)):
        return False
    return None


def _name_verdict_from_scores(low: str) -> bool | None:
    """``can_be_name`` of a known word its readings leave open (see
    ``_name_verdict_from_readings``: no name reading, a place or noun
    reading), from the scores its parses would have (``dictionary_scores``)
    without parsing it. None for a word the dictionary does not know."""
    ids = dictionary_tag_ids(low) if len(low) > 1 else ()
    if not ids:
        return None
    scored = list(zip(ids, dictionary_scores(low)))
    place, noun = tag_flags(_is_place_tag), tag_flags(_is_noun_tag)
    if any(place[tag_id] and score >= 0.3 for tag_id, score in scored):
        return False
    return any(noun[tag_id] and score >= 0.1 for tag_id, score in scored)


def _is_place_tag(tag) -> bool:
    return "Geox" in tag


def _is_noun_tag(tag) -> bool:
    return "NOUN" in tag


def _is_surname_tag(tag) -> bool:
    return "Surn" in tag


def _is_person_name_tag(tag) -> bool:
    return "Surn" in tag or "Name" in tag


def _is_masculine_surname_tag(tag) -> bool:
    return "Surn" in tag and "masc" in tag


def _is_nominative_tag(tag) -> bool:
    return "nomn" in tag


def _is_any_name_tag(tag) -> bool:
    return bool({"Surn", "Name", "Patr"} & tag.grammemes)


def _is_place_or_noun_tag(tag) -> bool:
    return "Geox" in tag or "NOUN" in tag


@lru_cache(maxsize=50_000)
def canonical_person(name: str) -> tuple[str, str]:
    """``("Л. Д. Троцкий", "Л. Д. Троцкого")`` from "Л. Д. Троцкого".

    Initials come first, separated by spaces; the surname is put in the
    nominative. The second item is the variant as written (whitespace squashed).
    Kept per name: a source names the same people again and again (a third
    of the calls repeat a name already read in the same pass).
    """
    variant = _squashed(name).strip(" ,;")
    m = _INITIALS_THEN_SURNAME.fullmatch(variant)
    if m is not None:
        initials, surname = m.group(1), m.group(2)
    else:
        m = _SURNAME_THEN_INITIALS.fullmatch(variant)
        if m is None:
            return variant.rstrip("."), variant
        initials, surname = m.group(2), m.group(1)
        if initials and not initials.endswith("."):
            initials += "."
    if surname.isupper() and len(surname) > 1:
        surname = surname.capitalize()
    canon = surname_nominative(surname)
    ini = _initials(initials) if initials else ""
    return (f"{ini} {canon}" if ini else canon), variant


def _squashed(text: str) -> str:
    """``_SPACE.sub(" ", text)``: every run of whitespace one space. A text
    with no two spaces in a row that ``isprintable`` (no whitespace but " ":
    the others are separators or controls, which it refuses) has nothing to
    squash, told by two C scans instead of a regex substitution (most names)."""
    if "  " not in text and text.isprintable():
        return text
    return _SPACE.sub(" ", text)


@lru_cache(maxsize=50_000)
def person_key(canonical: str) -> str:
    """Key under which two spellings of one person meet: the surname lemma.
    Kept per name, like ``canonical_person``: three in four calls repeat one."""
    words = _SURNAME_RE.findall(canonical)
    return surname_key(words[-1]) if words else canonical.lower()


class PeopleIndex:
    """The people known in one source, by surname key -> canonical name."""

    def __init__(self):
        self.by_key: dict[str, str] = {}

    def add(self, canonical: str) -> str | None:
        if is_organisation(canonical):
            return None
        key = person_key(canonical)
        current = self.by_key.get(key)
        # Prefer the fuller form ("Л. Д. Троцкий" over "Троцкий").
        if current is None or len(canonical) > len(current):
            self.by_key[key] = canonical
        return key

    def canonical(self, name: str) -> str:
        canon, _ = canonical_person(name)
        return self.by_key.get(person_key(canon), canon)

    def find(self, text: str) -> list[str]:
        """Canonical names of the people mentioned in ``text``, in order."""
        found: list[tuple[int, str]] = []
        spans: list[tuple[int, int]] = []
        named = [(start, end, initials, surname, True) for start, end, initials, surname in _initials_first(text)]
        named += [(m.start(), m.end(), m.group(2), m.group(1), False) for m in _SURNAME_FIRST.finditer(text)]
        for start, end, initials, surname, initials_first in named:
            if any(start < e and s < end for s, e in spans):
                continue
            if not plausible_name(initials, surname):
                continue
            if not initials_first and not looks_like_surname(surname):
                continue
            spans.append((start, end))
            found.append((start, self.canonical(text[start:end])))
        for m in _COMRADE.finditer(text):
            if not any(s <= m.start(1) < e for s, e in spans):
                spans.append((m.start(1), m.end(1)))
                found.append((m.start(1), self.canonical(m.group(1))))
        if self.by_key:
            for s, _, word in capitalised_words(text):
                if spans and any(a <= s < b for a, b in spans):  # (no generator made for a quote naming nobody)
                    continue
                key = surname_key(word)
                if key in self.by_key:
                    found.append((s, self.by_key[key]))
        out: list[str] = []
        for _, name in sorted(found):
            if name not in out:
                out.append(name)
        return out

    def seed_from_text(self, text: str) -> None:
        """Learn every "initials + surname" person of a whole text; when one
        surname comes with different initials, the most frequent form wins."""
        counts: Counter = Counter()
        for start, end, initials, surname in _initials_first(text):
            if not plausible_name(initials, surname):
                continue
            counts[_squashed(text[start:end])] += 1
        forms: Counter = Counter()
        for written, n in counts.items():
            forms[canonical_person(written)[0]] += n
        best: dict[str, tuple[int, str]] = {}
        for canon, n in forms.items():
            if is_organisation(canon):
                continue
            key = person_key(canon)
            if key not in best or n > best[key][0]:
                best[key] = (n, canon)
        for key, (_, canon) in best.items():
            if key not in self.by_key or len(canon) > len(self.by_key[key]):
                self.by_key[key] = canon


@lru_cache(maxsize=None)
def _gazetteer(lang: str) -> tuple[dict, dict]:
    """(single lemma -> canonical, first lemma -> [(lemma tuple, canonical)])."""
    try:
        data = resources.load("places", lang)
    except resources.ResourceError:
        return {}, {}
    # the other entity tables, worked out at warm-up with the gazetteer
    # rather than on the first name of the first source
    _organisation_forms()
    for test in (_is_surname_tag, _is_masculine_surname_tag, _is_nominative_tag, _is_person_name_tag,
                 _is_any_name_tag, _is_place_or_noun_tag, _is_place_tag, _is_noun_tag):
        tag_flags(test)
    single: dict = {}
    multi: dict = {}
    for canonical, forms in (data.get("places") or {}).items():
        for form in [canonical] + list(forms or []):
            if lang != "ru" and is_cyrillic(form):
                continue
            lem = tuple(lemma(w) for _, _, w in tokens(form))
            if len(lem) == 1:
                single.setdefault(lem[0], canonical)
            elif lem:
                multi.setdefault(lem[0], []).append((lem, canonical))
    return single, multi


def find_places(text: str, lang: str) -> list[str]:
    """Canonical names of gazetteer places in ``text``, in order."""
    single, multi = _gazetteer(lang if lang in resources.LANGUAGES else "ru")
    out: list[str] = []
    after_hit = 0  # a place found takes its words: the next one starts after them
    for start, end, word in capitalised_words(text):  # a place name opens with a capital
        if start < after_hit:
            continue
        first = lemma(word)
        hit = None  # (where its words end, canonical)
        for lem, canonical in multi.get(first, ()):
            words = _words_from(text, start, len(lem))
            if tuple(lemma(m.group()) for m in words) == lem:
                hit = (words[-1].end(), canonical)
                break
        if hit is None and first in single:
            hit = (end, single[first])
        if hit is None:
            continue
        if hit[1] not in out:
            out.append(hit[1])
        after_hit = hit[0]
    return out


@lru_cache(maxsize=None)
def _foreign(lang: str) -> frozenset:
    try:
        data = resources.load("places", lang)
    except resources.ResourceError:
        return frozenset()
    return frozenset(data.get("foreign") or ())


def names_foreign_place(text: str, lang: str) -> bool:
    """True if ``text`` names a place abroad (the gazetteer's ``foreign``
    list): its day dates before 1918 are New Style even in Russian text."""
    foreign = _foreign(lang if lang in resources.LANGUAGES else "ru")
    return bool(foreign) and any(p in foreign for p in find_places(text, lang))


def only_foreign_places(text: str, lang: str) -> bool:
    """True if ``text`` names at least one place and every place it names is
    abroad: a paragraph about France, with no Russian town in it."""
    lang = lang if lang in resources.LANGUAGES else "ru"
    foreign = _foreign(lang)
    places = find_places(text, lang) if foreign else []
    return bool(places) and all(p in foreign for p in places)


def people_from_lists(raw: str, layout: SourceLayout) -> list[dict]:
    """Persons described in the source's lists of people.

    Uses ``layout.people`` when segmentation filled it, and otherwise reads
    numbered entries ("81. МАХАРАДЗЕ Л.") inside ``people_list`` sections.
    Returns dicts with ``name`` (canonical), ``variants`` and whatever else
    the list said (``birth_year``, ``party_year``, ``description``).
    """
    people: dict[str, dict] = {}

    def put(name: str, **extra) -> None:
        canon, variant = canonical_person(name)
        if not _TWO_WORD_CHARS.search(canon) or is_organisation(canon):
            return
        entry = people.setdefault(canon, {"name": canon, "variants": []})
        if variant != canon and variant not in entry["variants"]:
            entry["variants"].append(variant)
        for k, v in extra.items():
            if v not in (None, "") and not entry.get(k):
                entry[k] = v

    for item in layout.people or []:
        name = item.get("name") if isinstance(item, dict) else str(item)
        if name:
            extra = {k: v for k, v in item.items() if k != "name"} if isinstance(item, dict) else {}
            put(name, **extra)
    for sec in layout.sections:
        if sec.kind != "people_list":
            continue
        for m in _LIST_ENTRY.finditer(raw, sec.start, sec.end):
            surname, initials = m.group(1), (m.group(2) or "").strip()
            if len(surname) < 3:
                continue
            put(f"{initials} {surname.capitalize() if surname.isupper() else surname}".strip())
    return list(people.values())


def link_entities(events: list[ExtractedEvent], text: str, layout: SourceLayout,
                  seed_people: list[dict] | None = None) -> list[ExtractedEvent]:
    """Fill ``actors`` (canonical people) and ``places`` of every event.

    ``text`` is the cleaned source text used to learn the source's people;
    document events keep their authors/recipients (canonicalised) first.
    """
    index = PeopleIndex()
    for person in seed_people or []:
        index.add(person["name"])
    index.seed_from_text(text)
    for ev in events:
        ev.actors = [a for a in ev.actors if not is_organisation(a)]
        for name in ev.actors:
            index.add(canonical_person(name)[0])
    for ev in events:
        lang = ev.language or "ru"
        names = [index.canonical(a) for a in ev.actors]
        for name in index.find(ev.quote):
            if name not in names:
                names.append(name)
        ev.actors = names
        ev.places = find_places(ev.quote, lang)
    return events
