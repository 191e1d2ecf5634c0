"""The word gate of ``regexforms.TailPatterns`` never changes an answer:
the patterns read backwards behind a gate are skipped only when the text
before the date holds none of the words every match of them needs. Each
resource list is compared with the plain search it stands for, on corpus
sentences and on made-up text with odd letter cases."""

from __future__ import annotations

import re

import pytest

from events.extraction import regexforms, resources
from events.tests.extraction import corpus

_TAIL_LISTS = ("non_event_context", "restatement_context", "membership_before", "tenure_before")

_MADE_UP = [
    "листовки, предназначенные к распространению ",
    "листовки, ПРЕДНАЗНАЧЕННЫЕ к распространению ",
    "листовки, пРедНазначенные – к распространению ",
    "листовки, предназначенные. к ",
    "листовка, поᲃвященная ",  # a rounded es: "с" under IGNORECASE, not in the lower-cased text
    "листовка, ПОСВЯЩЁННАЯ ",
    "Верхней хронологической рамкой служит ",
    "ВЕРХНЕЙ РАМКОЙ — ",
    "делегат на все конгрессы, начиная с ",
    "член ВКП(б) с ",
    "ЧЛЕН ПАРТИИ С ",
    "в 1920 г. вновь вступил в ВКП(б) в ",
    "Вступил в партию ",
    "a rejoint le PCR(b) en ",
    "a REJOINT le parti en ",
    "İl a été membre du parti depuis ",
    "cadre chronologique ſeul ",
    "joined the party in ",
    "JOINED THE CP in ",
    "he was born in ",
    "he was BORN in ",
    "the meeting planned for ",
    "MEMBER of the party from ",
    "more than in ",
    "№ 5, к годовщине ",
    "\u2014 по поводу ",
    "по данным на\n",
    "член партии, с ",
    "член ВКП(б); исключен в ",
    "член ВКП(б) с\n",
    "чл. ВКП(б) с ",
    "Член ЦК ВКП(б) ",
    "полпред СССР во Франции в ",
    "полпред, затем нарком в ",
    "полпред. В ",
    "membre du PCR(b), de ",
    "member of the party: from ",
    "",
    "на",
]


def _sentences() -> list[str]:
    from events.extraction.sentences import sentence_spans

    text = corpus.normalized("003").text + corpus.normalized("004").text[:40000] \
        + corpus.normalized("001").text[:60000]
    return [text[s:e] for s, e in sentence_spans(text)]


def _ends(text: str) -> list[int]:
    """Where a date could start: before every digit and word, and at the end."""
    return sorted({m.start() for m in re.finditer(r"\b\w", text)} | {len(text)})


@pytest.mark.parametrize("lang", resources.LANGUAGES)
def test_gated_tail_patterns_answer_as_their_search(lang):
    from events.extraction.triggers import table

    texts = _sentences() + _MADE_UP
    tab = table(lang)
    gated = 0
    for name in _TAIL_LISTS:
        patterns = getattr(tab, name)
        gated += patterns.gated is not None
        for text in texts:
            for end in _ends(text):
                expected = any(rx.search(text[:end]) for rx in patterns)
                assert patterns.match_before(text, end) is expected, (name, text[:end])
    assert gated


def test_text_with_letters_of_other_cases_is_let_through():
    patterns = regexforms.TailPatterns([re.compile(r"(?i)\bпосвящ[её]нн?\w*\s*$")])
    assert patterns.gated is not None and patterns.backwards is None
    assert patterns.match_before("листовка, поᲃвященная ", 22)
    assert patterns.match_before("ЛИСТОВКА, ПОСВЯЩЕННАЯ ", 22)
    assert not patterns.match_before("листовка, изданная ", 19)
    assert regexforms.TailPatterns([re.compile(r"(?i)\bwith\s*$")]).match_before("WİTH ", 5)


def test_simple_case_characters_match_a_word_only_where_its_lower_case_stands():
    """What makes the lower-cased search exact: every character of
    ``_SIMPLE_CASE`` that a case-insensitive pattern character matches
    lower-cases, alone, to that character's lower case."""
    texts = []
    for lo, hi in re.findall(r"(.)-(.)", regexforms._SIMPLE_CASE):
        texts.extend(chr(c) for c in range(ord(lo), ord(hi) + 1))
    texts.append("\u2116")
    letters = set()
    for lang in resources.LANGUAGES:
        from events.extraction.triggers import table

        for name in _TAIL_LISTS:
            for rx in getattr(table(lang), name):
                letters.update("".join(regexforms._gate_words(rx) or ()))
    assert len(letters) > 20
    for c in letters:
        rx = re.compile(re.escape(c), re.IGNORECASE)
        for x in texts:
            if rx.fullmatch(x):
                assert x.lower() == c.lower(), (c, x)


@pytest.mark.parametrize("pattern,stops", [
    (r"(?i)\bчлен\w*(?:(?!\s(?:и|а)\s)[^,.;:!?]){0,60}$", ",;:!?."),
    (r"(?i)(?:\bчл\.|\bчлен)(?:(?!\s(?:и|а)\s)[^,.;:!?]){0,60}$", ",;:!?"),
    (r"(?i)член\S*\s+$", ""),  # "\S" takes them all
    (r"(?i)член.*$", ""),  # "." takes all but a newline
    (r"(?i)член[^,]*$", ","),
    (r"член", ""),  # does not end at the end
    (r"(?:член)?$", ""),  # can match nothing
    (r"(?i:член)\s*$", ""),  # flags of its own: not worked out
])
def test_stop_characters_are_those_no_match_can_hold(pattern, stops):
    assert regexforms.stop_characters(re.compile(pattern)) == stops


@pytest.mark.parametrize("pattern,words", [
    (r"(?i)\bпредназнач\w+\b[^.;:!?]{0,40}$", {"предназнач"}),
    (r"(?i)\b(?:годовщин\w*|празднован\w*|по\s+поводу)\s*$", {"годовщин", "празднован", "поводу"}),
    (r"(?i)(?<![\w-])(?:к|ко|до)\s*$", {"к", "ко", "до"}),
    (r"(?i)(?:ab|c\w)+xyz$", {"xyz"}),
    (r"(?:ab)?x$", {"x"}),
    (r"\w+$", None),
    (r"(?i:член)\s*$", None),
])
def test_required_words_are_held_by_every_match(pattern, words):
    assert regexforms.required_words(re.compile(pattern)) == words


def test_prefix_tree_finds_the_words_an_alternation_finds():
    words = {"посвящ", "поводу", "понедельник", "праздник", "празднован", "рамк", "рамка"}
    tree = re.compile(regexforms._prefix_tree_source(words))
    alternation = re.compile("|".join(sorted(words)))
    for text in ["по", "повод", "к поводу", "рамк", "празднова", "празднован", "понедельни", "x понедельник", ""]:
        assert (tree.search(text) is None) is (alternation.search(text) is None), text


# -- names found from the dot of their first initial -----------------------------

_NAME_EDGES = [
    "Л. Д. Троцкого", "Л.Д.Троцкий", "Л. -Д. Троцкий", "J.V. Staline", "Ch. de Gaulle", "Ив. Петров",
    "И. Аб. Петров", "Л. Иванов-Аб. Петров", "Л. Иванов-Аб. П. Петров", "А.Б. В. Гусев", "АБ. Гусев",
    "x.Л. Д. Троцкий", "5Л. Троцкий", ".Л. Троцкий", "Л.. Троцкий", "Л. Д.", "Л. д. Троцкий", "Л.Троцкийx",
    "Л. Троцкий9", "Ё. Ёлкин", "Аа. Бб. Вв. Гг", "т. Л. Троцкий", "(Л. Д. Троцкий)", "Л.\nТроцкий",
    "Л. Д. Троцкого и Г. Е. Зиновьева", "Z. Éluard", "Л. Д.-Троцкий", "ЛД. Троцкий", "Л", ".", "",
]


def _written_initials_first(text):
    from events.extraction import entities

    return [(m.start(), m.end(), m.group(1), m.group(2)) for m in entities._INITIALS_FIRST.finditer(text)]


def test_names_found_from_the_dot_are_those_found_from_the_capital():
    from events.extraction import entities

    texts = list(_NAME_EDGES)
    texts += [" ".join(_NAME_EDGES), ". ".join(_NAME_EDGES), "".join(_NAME_EDGES)]
    texts += [a + b for a in _NAME_EDGES for b in _NAME_EDGES]
    texts += [corpus.normalized(key).text for key in ("000", "002", "003", "004")]
    texts.append(corpus.normalized("001").text[:300000])
    found = 0
    for text in texts:
        expected = _written_initials_first(text)
        assert entities._initials_first(text) == expected, text[:200]
        found += len(expected)
    assert found > 100


def test_people_found_in_quotes_are_unchanged_by_the_dot_search(monkeypatch):
    """``PeopleIndex.find`` and ``seed_from_text`` over the same text,
    through the dot search and through the written pattern."""
    from events.extraction import entities

    text = " ".join(_NAME_EDGES) + corpus.normalized("003").text[:60000]
    fast = entities.PeopleIndex()
    fast.seed_from_text(text)
    fast_found = fast.find(text)
    monkeypatch.setattr(entities, "_initials_first", _written_initials_first)
    slow = entities.PeopleIndex()
    slow.seed_from_text(text)
    assert fast.by_key == slow.by_key
    assert fast_found == slow.find(text)
    assert len(fast_found) > 5


# -- only the capitalised words of a quote are looked up -------------------------

def _places_word_by_word(text, lang):
    """``find_places`` as written before: a lemma for every capitalised
    token, then a walk over all tokens."""
    from events.extraction import entities
    from events.extraction.morph import lemma, tokens

    single, multi = entities._gazetteer(lang if lang in resources.LANGUAGES else "ru")
    toks = tokens(text)
    lems = [lemma(w) if w[:1].isupper() else None for _, _, w in toks]
    out, i = [], 0
    while i < len(toks):
        if lems[i] is None:
            i += 1
            continue
        hit = None
        for lem, canonical in multi.get(lems[i], ()):
            if tuple(lemma(w) for _, _, w in toks[i : i + len(lem)]) == lem:
                hit = (len(lem), canonical)
                break
        if hit is None and lems[i] in single:
            hit = (1, single[lems[i]])
        if hit is None:
            i += 1
            continue
        if hit[1] not in out:
            out.append(hit[1])
        i += hit[0]
    return out


_PLACE_EDGES = [
    "в Москве и Ленинграде", "из Москвы в Нижний Новгород", "Нижний Новгород, Москва", "в Париже и Лондоне",
    "Московский комитет", "москва", "МОСКВА", "Ст. Петербург", "à Paris et à Moscou", "in London and Paris",
    "Нижнего Новгорода Нижний", "Москва Москва", "", "1923",
]


def test_places_from_capitalised_words_are_those_of_all_words():
    from events.extraction import entities
    from events.extraction.sentences import sentence_spans

    text = corpus.normalized("003").text + corpus.normalized("001").text[:80000]
    texts = [text[s:e] for s, e in sentence_spans(text)] + _PLACE_EDGES + [" ".join(_PLACE_EDGES)]
    found = 0
    for lang in resources.LANGUAGES:
        for t in texts:
            expected = _places_word_by_word(t, lang)
            assert entities.find_places(t, lang) == expected, t[:200]
            found += len(expected)
    assert found > 20


def test_capitalised_tokens_are_the_tokens_opening_with_a_capital():
    from events.extraction.morph import capitalised_tokens, tokens

    for text in _PLACE_EDGES + _NAME_EDGES + ["Éluard и ёлка, Ёлкин-Петров 'Abc' d'Artagnan"]:
        assert [tokens(text)[i] for i in capitalised_tokens(text)] == [
            t for t in tokens(text) if t[2][:1].isupper()]


# -- surnames put in the nominative from the dictionary ---------------------------

def _nominative_by_parse(word):
    """``surname_nominative`` as written before, for one Cyrillic word without
    a hyphen (others: None): every word parsed."""
    from events.extraction.morph import is_cyrillic

    from .test_speed_gates_trig import _plain_surname_nominative

    if not is_cyrillic(word) or "-" in word:
        return None
    return _plain_surname_nominative(word)


def test_surnames_put_in_the_nominative_from_the_dictionary_as_by_their_parses():
    from events.extraction import entities
    from events.extraction.morph import WORD_RE, analyzer

    words = set()
    for key in ("001", "003", "004"):
        words.update(w for w in WORD_RE.findall(corpus.normalized(key).text[:200000]) if w[:1].isupper())
    for surname in ("иванов", "петрова", "сталин", "троцкий", "берзина", "луначарский", "кибальчич", "ягода",
                    "майский", "серж", "шарль", "крупская", "бубнов", "ульянова", "каменев", "зиновьев"):
        for p in analyzer().parse(surname)[:3]:
            words.update(f.word.capitalize() for f in p.lexeme)
    words.update(["Ё", "Ёлкин", "Ёлкину", "Орлом", "Орла", "Лаваля", "Блюмом", "Москвой", "Преображенского"])
    compared = 0
    for word in sorted(words):
        expected = _nominative_by_parse(word)
        if expected is None:
            continue
        assert entities.surname_nominative.__wrapped__(word) == expected, word
        compared += 1
    assert compared > 1000


def _can_be_name_by_parse(word):
    """``can_be_name`` for a Cyrillic word from its parses alone."""
    from events.extraction import entities

    return entities.name_verdict_from_parses(word.lower())


def test_name_verdicts_from_dictionary_scores_are_those_of_the_parses():
    from events.extraction import entities, morph

    words = set()
    for key in ("001", "003", "004"):
        words.update(w for w in morph.WORD_RE.findall(corpus.normalized(key).text[:150000])
                     if morph.is_cyrillic(w))
    words.update(["Москва", "Москвы", "Орла", "Орел", "Тула", "Вера", "Надежда", "Роза", "Лев", "Меня", "Во",
                  "Ленинград", "Париж", "Лондона", "Крым", "Дон", "Волга", "Маркс"])
    compared = scored = 0
    for word in sorted(words):
        expected = _can_be_name_by_parse(word)
        assert entities.can_be_name.__wrapped__(word) is expected, word
        compared += 1
        low = word.lower()
        scored += entities._name_verdict_from_readings(low) is None \
            and entities._name_verdict_from_scores(low) is not None
    assert compared > 2000 and scored > 50


def test_dictionary_scores_are_the_scores_of_the_parses():
    from events.extraction import morph

    for word in ["москва", "орла", "стали", "вера", "мочь", "три", "ежи", "берегу", "коса", "замок", "пила"]:
        parsed = sorted((p.tag.__str__(), p.normal_form, p.score) for p in morph.parses(word))
        readings = sorted((str(tag), form, score) for (tag_id, form), score, tag in zip(
            morph.dictionary_normal_forms(word), morph.dictionary_scores(word), morph.dictionary_tags(word)))
        assert [(t, s) for t, _, s in readings] == [(t, s) for t, _, s in parsed], word


def _corpus_cyrillic_words(limit=150000):
    from events.extraction import morph

    words = set()
    for key in ("001", "003", "004"):
        words.update(w.lower() for w in morph.WORD_RE.findall(corpus.normalized(key).text[:limit])
                     if morph.is_cyrillic(w))
    return words


def test_dictionary_parses_are_the_parses_of_known_words():
    from events.extraction import morph

    words = _corpus_cyrillic_words() | {"москва", "орла", "стали", "ежи", "берегу", "ёлка", "елка", "сержа", "шарля"}
    compared = 0
    for word in sorted(words):
        if len(word) < 2 or not morph.dictionary_tag_ids(word):
            continue
        mine = [(p.word, p.tag, p.normal_form, p.score, p.methods_stack[0][1:]) for p in morph.dictionary_parses(word)]
        theirs = [(p.word, p.tag, p.normal_form, p.score, p.methods_stack[0][1:]) for p in morph.parses(word)]
        assert mine == theirs, word
        assert all(p.methods_stack[0][0] is q.methods_stack[0][0]
                   for p, q in zip(morph.dictionary_parses(word), morph.parses(word)))
        compared += 1
    assert compared > 2000


def test_looks_like_surname_of_known_words_from_their_readings():
    from events.extraction import entities
    from events.extraction.morph import parses

    words = _corpus_cyrillic_words(60000) | {"медведев", "сталину", "дорогой", "вольф", "троцкий"}
    for word in sorted(words):
        title = word.capitalize()
        options = parses(title.lower())
        expected = title.isupper() or any("Surn" in p.tag for p in options) or not any(p.is_known for p in options)
        assert entities.looks_like_surname(title) is expected, title
