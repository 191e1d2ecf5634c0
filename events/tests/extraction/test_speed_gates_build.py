"""The shortcuts the event-building stage takes for speed never change what
it finds: each cheap check is compared with the work it spares, on the
corpus and on made-up edge cases."""

from __future__ import annotations

import datetime

import pytest

from events.extraction import build, resources
from events.extraction.dates import DateContext, find_dates
from events.tests.extraction import corpus


def _explicit_days(text: str, lang: str, context: DateContext) -> list:
    """What ``EventBuilder._explicit_days`` keeps of a paragraph's dates."""
    return [d for d in find_dates(text, lang, context) if build.day_of(d.edtf) and not d.inferred]


@pytest.mark.parametrize("text,has_day", [
    ("6 сентября 1923 г. он выехал", True),
    ("1. Москва 09.07.28 г.", True),
    ("№ 97 от 14.2.29 г.", True),
    ("Le 15 février 1932 il fut arrêté.", True),
    ("On 3 May 1930 he was arrested.", True),
    ("5 мая того же года он выехал", False),
    ("13 июня с. г. и вчера", False),
    ("Вчера, 5 мая, он уехал.", False),
    ("le trois mai de cette année", False),
    ("№ 97 от 14 мая с. г.", False),
    ("В 1923 году, 5 мая", False),  # two numbers, but the day takes the running year
    ("1923-09-06", True),
    ("", False),
])
def test_paragraphs_without_two_numbers_hold_no_explicit_day(text, has_day):
    context = DateContext(year=1928, document_date=datetime.date(1928, 7, 9))
    found = any(_explicit_days(text, lang, context) for lang in resources.LANGUAGES)
    assert found is has_day
    assert build.may_hold_explicit_day(text) or not found


@pytest.mark.parametrize("key", ["001", "004"])
def test_number_gate_hides_no_explicit_day_of_a_real_file(key):
    """Every paragraph (line of the cleaned text) in which the date rules
    find a day with its own year holds two numbers; and most lines do not,
    so the gate spares real work."""
    lines = corpus.normalized(key).text.split("\n")[:3000]
    context = DateContext(year=1928)
    skipped = 0
    for line in lines:
        if build.may_hold_explicit_day(line):
            continue
        skipped += bool(line.strip())
        assert not any(_explicit_days(line, lang, context) for lang in resources.LANGUAGES), line
    assert skipped > 100


# -- end-anchored context patterns, read backwards ---------------------------

_TAIL_LISTS = ("non_event_context", "membership_before", "tenure_before", "restatement_context")


def _heads(text: str, step: int = 7):
    """Every ``step``-th prefix of each line of ``text``: the texts before
    a date that the context rules look at."""
    for line in text.split("\n"):
        for end in range(0, len(line) + 1, step):
            yield line[:end]


@pytest.mark.parametrize("lang", resources.LANGUAGES)
def test_context_patterns_read_backwards_answer_like_a_search(lang):
    """Each resource list of end-anchored context patterns answers, for
    the text before every few characters of real sentences (and for the
    made-up cases that hit them), what searching every pattern would."""
    from events.extraction.triggers import table

    tab = table(lang)
    texts = list(_heads(corpus.normalized("003").text[:12000]))
    texts += list(_heads(corpus.normalized("004").text[:12000]))
    texts += ["член партии с", "Член ВКП(б) с ", "в партии с\n", "Иванов, род. в", "годы жизни: ",
              "по данным на", "ночь на", "1 на", "membre du parti depuis ", "member of the party since",
              "il a adhéré au parti en", "Принято Политбюро ЦК", "adopted by the Politburo on", "\n", "",
              "scheduled for", "more than in ", "until", "he joined the party in", "avant la révolution de"]
    hits = 0
    for name in _TAIL_LISTS:
        patterns = getattr(tab, name)
        for text in texts:
            expected = any(rx.search(text) for rx in patterns)
            assert patterns.match_before(text + "tail", len(text)) is expected, (name, text)
            hits += expected
    assert hits > 5  # the cases really exercise the patterns


@pytest.mark.parametrize("pattern,text,found", [
    (r"на\s*$", "ушёл на\n", True),            # "$" before a final newline
    (r"на\s*$", "ушёл на\n\n", True),          # \s* takes the first newline
    (r"на$", "ушёл на\nx", False),
    (r"^\s*род\.\s*$", "  род. ", True),       # "^" is the start of the text only
    (r"^род\.$", "x род.", False),
    (r"(?<![\w-])за\s*$", "из-за ", False),    # look-behinds become look-aheads
    (r"(?<![\w-])за\s*$", "и за ", True),
    (r"\bна(?=\s)\s*$", "на ", True),          # a fixed-width look-ahead becomes a look-behind
    (r"(?i)\bЧЛЕН\w*\s+с$", "членом с", True),
    (r"(?i:Член)\s+(?-i:с)$", "ЧЛЕН С", False),
    (r"(?:до|к)\s+\w{1,3}?$", "до мая", True),
    (r"[^\W\d_]+\s*$", "1923 ", False),
])
def test_a_pattern_read_backwards_matches_where_its_search_does(pattern, text, found):
    import re

    from events.extraction.regexforms import TailPatterns, reversed_source

    rx = re.compile(pattern)
    assert reversed_source(rx) is not None
    assert (rx.search(text) is not None) is found
    assert TailPatterns([rx]).match_before(text, len(text)) is found


@pytest.mark.parametrize("pattern", [r"(\w)\1$", r"(?m)на$", r"на(?=\s+)$", r"(?>на)$", r"на\s*"])
def test_patterns_that_cannot_be_read_backwards_are_searched(pattern):
    import re

    from events.extraction.regexforms import TailPatterns

    patterns = TailPatterns([re.compile(pattern)])
    assert patterns.backwards is None and len(patterns.searched) == 1
    for text in ["аа", "на", "на ", "на\nx", "x"]:
        assert patterns.match_before(text, len(text)) is (re.search(pattern, text) is not None)


# -- opening zero-width tests moved behind the first character ----------------

def _spans(rx, texts):
    return [(m.span() if (m := rx.search(t)) else None) for t in texts]


@pytest.mark.parametrize("lang", resources.LANGUAGES)
def test_hoisted_citation_markers_find_what_the_written_ones_find(lang):
    """Every citation marker of the resources, as the trigger table keeps
    it, finds the same first match as the pattern written in the resource
    file, in real sentences and in made-up references."""
    import re

    from events.extraction.sentences import sentence_spans
    from events.extraction.triggers import table

    text = corpus.normalized("003").text + corpus.normalized("004").text[:30000]
    texts = [text[s:e] for s, e in sentence_spans(text)]
    texts += ["РГАСПИ. Ф. 17. Оп. 3. Д. 5", "Ф.17 Оп.3", "ОФ. 17. Оп. 3", "М., 1990", "ЛМ., 1990", "См.: М. , 1927",
              "DOI 10.1", "ADOI", "doi:10", "УДК 94", "с. 208", "ас. 208", "(стр. 5)", "p. 12", "Paris, 1932",
              "Dir. de X", "actes des colloques", "ACTES DU COLLOQUE", "P., 1990", "", "Ф",
              "pp. 12-14", "see p. 5", "app. 5", "doi.org/10"]
    data = resources.load("events", lang)
    written = [re.compile(p) for p in data.get("citation_markers") or []]
    kept = table(lang).citation_markers
    assert len(kept) == len(written)
    found = 0
    for mine, theirs in zip(kept, written):
        spans = _spans(theirs, texts)
        assert _spans(mine, texts) == spans, theirs.pattern
        found += sum(s is not None for s in spans)
    assert found > 3


@pytest.mark.parametrize("pattern,moved", [
    (r"\bФ\.\s*\d+", True),
    (r"\bDOI\b|\bdoi\b|УДК", True),
    (r"\b(?:М|Л|СПб)\.?,\s*\d{4}", True),
    (r"(?<![\w-])за\s", True),
    (r"(?=abc)a", True),
    (r"(?i)\bactes\b", True),
    (r"(?m)\bна$", True),
    (r"(?:^|\s)[СCс]\.\s*\d+", False),   # nothing to move: the branch opens with "^"
    (r"\([^()]*\bстр\.", False),
    (r"^\bа", False),
    (r"(\w)\1", False),
])
def test_hoisted_patterns_match_the_same_spans(pattern, moved):
    import re

    from events.extraction.regexforms import hoisted

    rx = re.compile(pattern)
    fast = hoisted(rx)
    assert (fast is not rx) is moved
    texts = ["Ф. 17", "аФ. 17", "DOI 1", "xDOI", "doi", "УДК", "М., 1990", "ЛМ., 1990", "СПб, 1901", "из-за ",
             "и за ", "xabc", "ab", "Actes", "les actes du", "на\nна", "ночь на", "за", "", "aa", "ca"]
    texts += [t.upper() for t in texts] + [t + " " + t for t in texts]
    assert _spans(fast, texts) == _spans(rx, texts)
    assert [m.span() for m in fast.finditer(" ".join(texts))] == [m.span() for m in rx.finditer(" ".join(texts))]


# -- regions kept per stretch between section and document bounds -------------

@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_region_kept_per_stretch_equals_the_region_worked_out_at_each_offset(key):
    """A region is worked out once between two section or document bounds;
    at every bound, next to it and at offsets spread over a real file it is
    the one worked out for that very offset."""
    from events.extraction.build import _Layout

    layout = corpus.layout(key)
    where = _Layout(layout)
    raw_len = len(corpus.raw(key))
    offsets = {o for b in where._bounds for o in (b - 1, b, b + 1) if 0 <= o < raw_len}
    offsets |= set(range(0, raw_len, 997))
    for pos in sorted(offsets):
        assert where.region(pos) == where.region_at(pos), pos
    assert len(where._regions) < len(offsets)  # regions are really shared


# -- verb verdicts read from the dictionary, without a parse -------------------

def _sample_words() -> list[str]:
    from events.extraction.morph import tokens

    text = corpus.normalized("001").text[:150000] + corpus.normalized("003").text
    words = {w.lower() for _, _, w in tokens(text)}
    # readings that disagree ("стали": steel / became), short words, ё, hyphens, unknown and Latin words
    words |= {"стали", "мать", "печь", "знать", "выедет", "организует", "будут", "всё", "её", "в", "я",
              "по-русски", "бутявкать", "троцкистский", "arrested", "ёлка", "ёе"}
    return sorted(words)


def test_verb_verdicts_from_dictionary_readings_equal_those_from_the_best_parse():
    """A known word whose dictionary readings all agree is judged without
    a parse; every verdict is the one read from pymorphy3's parses."""
    from events.extraction import triggers
    from events.extraction.morph import analyzer, dictionary_tags, is_cyrillic

    verbal = triggers._VERBAL_POS
    skipped = 0
    for low in _sample_words():
        options = analyzer().parse(low) if is_cyrillic(low) else []
        assert triggers._is_verbal_form.__wrapped__(low) is (bool(options) and options[0].tag.POS in verbal), low
        verbs = [p for p in options if p.tag.POS == "VERB"]
        assert triggers._is_future_form.__wrapped__(low) is (bool(verbs) and all(p.tag.tense == "futr" for p in verbs)), low
        tags = dictionary_tags(low)
        if tags and len(low) > 1:
            assert sorted(map(str, tags)) == sorted(str(p.tag) for p in options), low
            skipped += len({t.POS in verbal for t in tags}) == 1
    assert skipped > 1000  # most words are judged without a parse


def test_lemmas_from_unanimous_dictionary_readings_equal_those_of_the_best_parse():
    """A known word whose dictionary readings share one normal form takes
    it without a parse; every lemma is the best parse's, as before."""
    from events.extraction import morph

    def parsed_lemma(word):
        low = word.lower().replace("ё", "е")
        if not morph.is_cyrillic(low):
            return low
        return morph.analyzer().parse(low)[0].normal_form.replace("ё", "е")

    words = _sample_words() + ["Стали", "ЛЮДИ", "Ёлки", "шёл", "шел", "мне", "Троцкого", "Москве"]
    unanimous = 0
    for word in words:
        assert morph.lemma.__wrapped__(word) == parsed_lemma(word), word
        low = word.lower().replace("ё", "е")
        unanimous += len(low) > 1 and len({f.replace("ё", "е") for f in morph.dictionary_lemmas(low)}) == 1
    assert unanimous > 1000  # most words need no parse


# -- sentence splitting -------------------------------------------------------

def test_a_smiley_after_a_mark_always_opens_with_the_right_token():
    """``_joins`` tries razdel's smiley pattern only when the first token
    after the mark is "=", ":" or ";": wherever the pattern matches the
    ten characters after a mark, that token is one of them."""
    from events.extraction.sentences import FIRST_TOKEN, SMILE_PREFIX, WINDOW, _candidate_spans

    text = corpus.normalized("002").text + " Да. :) Нет. ;-( Так. =) ok. : ) x. :-)) y.\n:( z"
    smiles = 0
    for _, stop in _candidate_spans(text):
        right = text[stop : stop + WINDOW]
        if SMILE_PREFIX.match(right):
            smiles += 1
            assert FIRST_TOKEN.match(right).group(1) in ("=", ":", ";"), right
    assert smiles >= 4
