"""The shortcuts taken for speed must never change what is found."""

from __future__ import annotations

import pytest

from events.extraction import build, pipeline, resources
from events.extraction.dates import DateContext, date_anchor_positions, find_dates, has_date_anchor
from events.tests.extraction import corpus

SAMPLES = [
    ("Письмо от 6 сентября 1923 г. было получено.", True),
    ("Летом 1929 г. он уехал в Москву.", True),
    ("Le 15 février 1932 il fut arrêté.", True),
    ("On 3 May 1930 he was arrested.", True),
    ("Он долго говорил о политике партии и о задачах оппозиции.", False),
    ("Il parla longuement de la politique du parti.", False),
]


def test_sentence_splitting_skips_only_sentences_without_a_date_anchor():
    text = "Он говорил долго. Все молчали.\n\nВ Москве 6 сентября 1923 г. был съезд. Его закрыли."
    all_sentences = list(build.iter_sentences(text))
    kept = list(build.iter_sentences(text, only_at=date_anchor_positions))
    assert len(all_sentences) == 4
    assert [text[s:e] for s, e in kept] == ["В Москве 6 сентября 1923 г. был съезд."]


def test_warm_up_leaves_the_extraction_unchanged():
    text = pipeline.read_source(corpus.SOURCES / "003_c05c5337956b655d.txt")[:20000]
    before = [(e.start, e.end, e.date, e.type) for e in pipeline.extract_text(text, "t.txt")]
    pipeline.warm_up()
    after = [(e.start, e.end, e.date, e.type) for e in pipeline.extract_text(text, "t.txt")]
    assert before == after
    assert before  # the sample really yields events


def test_warm_up_builds_every_languages_trigger_tables_before_a_source_is_timed():
    from events.extraction import triggers

    built = (triggers.table, triggers._prefix_tuple, triggers._prefix_verdicts, triggers._coordinator_re)
    for cached in built:
        cached.cache_clear()
    pipeline.warm_up()
    for cached in built:
        assert cached.cache_info().currsize == len(resources.LANGUAGES), cached.__name__


@pytest.mark.parametrize("text,dated", SAMPLES)
def test_anchor_gate_agrees_with_find_dates(text, dated):
    assert has_date_anchor(text) is dated


@pytest.mark.parametrize("text", [
    "В конце мая он уехал.", "Того же года всё кончилось.", "Вчера пришло письмо.",
    "Au printemps il partit.", "In May he left.", "весной-летом",
])
def test_anchor_gate_keeps_dates_without_digits(text):
    assert has_date_anchor(text)


def test_anchor_gate_reads_a_slice_as_find_dates_would():
    text = "прежде мая"  # "мая" glued to a letter is no anchor, alone it is
    assert not has_date_anchor(text, 0, 4)
    assert has_date_anchor(text, 7)
    assert has_date_anchor("вмае", 1)
    assert not has_date_anchor("1923 г. он ушёл", 4)


@pytest.mark.parametrize("key", ["003", "004"])
def test_anchor_gate_never_drops_a_dated_sentence(key):
    """Every sentence of a real file in which ``find_dates`` finds anything
    (in any language, with a running year and a document date so that
    year-less and relative dates count too) passes the gate."""
    import datetime

    from events.extraction.sentences import sentence_spans

    text = corpus.normalized(key).text
    ctx = DateContext(year=1930, document_date=datetime.date(1930, 5, 1))
    dated = kept = 0
    for s, e in sentence_spans(text):
        sentence = text[s:e]
        found = any(find_dates(sentence, lang, ctx) for lang in resources.LANGUAGES)
        gate = has_date_anchor(text, s, e)
        assert gate or not found, sentence
        dated += found
        kept += gate
    assert dated > 20 and kept < len(sentence_spans(text))  # it really filters


@pytest.mark.parametrize("key", ["000", "004"])
def test_anchor_positions_mark_the_same_sentences_as_the_gate(key):
    from events.extraction.dates import date_anchor_positions
    from events.extraction.sentences import sentence_spans, sentences_at

    text = corpus.normalized(key).text
    gated = [(s, e) for s, e in sentence_spans(text) if has_date_anchor(text, s, e)]
    assert sentences_at(text, date_anchor_positions(text)) == gated


def test_gated_extraction_equals_ungated_extraction(monkeypatch):
    """The sentence gate changes nothing in what a real file yields."""
    import re

    from events.extraction import dates

    text = corpus.raw("002")
    gated = [(e.start, e.end, e.date, e.type, e.title) for e in pipeline.extract_text(text, "t.txt")]
    def every_character(text, langs=()):
        def next_at(pos):
            m = re.compile(r"\S").search(text, pos)
            return m.start() if m else -1
        return next_at

    monkeypatch.setattr(dates, "date_anchor_finder", every_character)
    ungated = [(e.start, e.end, e.date, e.type, e.title) for e in pipeline.extract_text(text, "t.txt")]
    assert gated == ungated and gated


def _all_found(next_at):
    out, pos = [], 0
    while (p := next_at(pos)) >= 0:
        out.append(p)
        pos = p + 1
    return out


@pytest.mark.parametrize("text", [
    corpus.normalized("001").text[:500000], corpus.normalized("002").text, corpus.normalized("004").text,
    "мая 5", "вмае 1", "XIX века", "а XIX века", "", "5", "Того же года", "прежде мая, 1.2", "1мая",
])
def test_anchor_finder_finds_what_the_anchor_regex_finds(text):
    """The fast finder (digits and words scanned apart, a word together
    with the non-letter before it) gives every position the plain regex's
    overlapping search gives."""
    from events.extraction.dates import date_anchor_finder

    found = _all_found(date_anchor_finder(text))
    assert found == date_anchor_positions(text)


def test_anchor_finder_skips_ahead_like_a_search_from_there():
    from events.extraction.dates import anchor_pattern, date_anchor_finder

    text = corpus.normalized("003").text
    pattern = anchor_pattern(tuple(resources.LANGUAGES))
    next_at = date_anchor_finder(text)
    for pos in range(0, len(text), 997):
        m = pattern.search(text, pos)
        assert next_at(pos) == (m.start() if m else -1)
    for pos in date_anchor_positions(text)[::7]:  # asked right at an anchor
        assert date_anchor_finder(text)(pos) == pos


def test_sentences_found_lazily_are_those_at_every_position():
    from events.extraction.dates import date_anchor_finder
    from events.extraction.sentences import sentences_at, sentences_found_by

    text = corpus.normalized("004").text
    lazy = sentences_found_by(text, date_anchor_finder(text))
    assert lazy == sentences_at(text, date_anchor_positions(text))
    assert 50 < len(lazy)


def test_word_search_answers_like_a_whole_text_word_regex():
    """normalize's vocabulary question (a word or hyphenated pair, found by
    ``str.find`` and a look at its neighbours) agrees with searching the
    text for it between non-letters."""
    import re

    from events.extraction.normalize import _occurs_as_word

    text = corpus.raw("004").lower() + " xx-social-démocratie-yy, l'anti-fasciste; co2-op"
    words = re.findall(r"[^\W\d_]+", text)[::400]
    questions = set(words) | {f"{a}-{b}" for a, b in zip(words, words[1:])}
    questions |= {"social-démocratie", "démocratie-yy", "xx-social", "anti-fasciste", "co-op", "op", "zzqq",
                  "tion", "ment", "x", "a"}
    for q in questions:
        expected = re.search(rf"(?<![^\W\d_]){re.escape(q)}(?![^\W\d_])", text) is not None
        assert _occurs_as_word(text, q) is expected, q
    # Only words and pairs are ever in the vocabulary (as the word set was).
    assert not _occurs_as_word(text, "xx-social-démocratie") and not _occurs_as_word(text, "l'anti")


@pytest.mark.parametrize("key", ["001", "004"])
def test_initials_pattern_matches_like_its_plain_form(key):
    """_INITIALS_FIRST checks "not after a word character or dot" after its
    first capital (for speed); it finds what the plain lookbehind form finds."""
    import re

    from events.extraction import entities as E

    plain = re.compile(rf"(?<![\w.])((?:{E._INITIAL}\s?-?){{1,2}})\s?({E._SURNAME})(?!\w)")
    text = corpus.normalized(key).text + " Л.Д. Троцкий, аЛ. Д. Троцкий, .Л. Троцкий, 5Л. Троцкий"
    fast = [(m.span(), m.groups()) for m in E._INITIALS_FIRST.finditer(text)]
    assert fast == [(m.span(), m.groups()) for m in plain.finditer(text)]
    assert len(fast) > 30


def _nonblank_lines_line_by_line(text):
    """normalize's content lines, the obvious way (one step per line)."""
    out, pos, gap, gaps = [], 0, 0, []
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        stripped = line.strip(" ")
        if not stripped:
            gap += 1
            continue
        cs = s + len(line) - len(line.lstrip(" "))
        if out:
            gaps.append(gap)
        out.append((s, e, cs, s + len(line.rstrip(" ")), line.startswith(" "), gap, stripped))
        gap = 0
    blank_layout = len(out) > 20 and sum(g == 1 for g in gaps) > 0.4 * len(out)
    return out, blank_layout


@pytest.mark.parametrize("text", [
    corpus.raw("000"), corpus.raw("004"),
    "\n\n  a  \n   \n\nb\n \x0b \n  c", "", "   ", "x", "\n", " a\n\n\n\n",
])
def test_content_lines_found_in_one_pass_are_the_line_by_line_ones(text):
    from events.extraction.normalize import _nonblank_lines

    lines, blank_layout = _nonblank_lines(text)
    got = list(zip(lines.cs, lines.ce, lines.lead, lines.gap, lines.content))
    expected, expected_layout = _nonblank_lines_line_by_line(text)
    assert (got, blank_layout) == ([line[2:] for line in expected], expected_layout)


@pytest.mark.parametrize("lang,key", [("ru", "003"), ("fr", "004")])
def test_rule_of_a_master_match_is_its_last_closed_group(lang, key):
    from events.extraction import dates

    engine = dates._engine(lang)
    matches = list(engine.master.finditer(corpus.normalized(key).text))
    assert len(matches) > 50
    for m in matches:
        first = next(i for i, name in enumerate(engine.group_names) if m.start(name) >= 0)
        assert engine.group_index[m.lastgroup] == first


@pytest.mark.parametrize("text", [
    corpus.raw("001")[:400000], corpus.raw("002"), corpus.raw("004"),
    "аbв abвг аbcв а×в× ×а аb×в bаbаb ÿаÿ а b сoercitive paз",
])
def test_mixed_pairs_found_from_latin_letters_are_finditers(text):
    from events.extraction.normalize import _MIXED_PAIR_RE, _mixed_pair_starts

    assert _mixed_pair_starts(text) == [m.start() for m in _MIXED_PAIR_RE.finditer(text)]


@pytest.mark.parametrize("key", ["001", "003"])
def test_trigger_lemma_skips_only_words_whose_lemma_the_table_never_reads(key):
    """A word whose parse is skipped (a known word outside the table's
    lexemes) never has a lemma the trigger table looks up."""
    from events.extraction import triggers
    from events.extraction.morph import lemma, tokens

    tab = triggers.table("ru")
    looked_up = triggers._looked_up_lemmas(tab.words, tab.phrases, tab.ignore)
    text = corpus.normalized(key).text[:600000]
    skipped = 0
    for word in {w for _, _, w in tokens(text)}:
        got = triggers.trigger_lemma(word, "ru")
        if word[:3].lower().replace("ё", "е") not in tab.heads:
            assert got == ""
        elif got == "":
            skipped += 1
            assert lemma(word) not in looked_up, word
        else:
            assert got == lemma(word)
    assert skipped > 500  # the shortcut really saves parses


def test_triggers_found_with_skipped_parses_equal_those_with_every_lemma(monkeypatch):
    from events.extraction import triggers
    from events.extraction.morph import lemma
    from events.extraction.sentences import sentence_spans

    text = corpus.normalized("003").text
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    tab = triggers.table("ru")

    def forget_readings():
        """find_triggers keeps each word's reading with the table: without
        forgetting them the patched lemma function would never be asked."""
        tab.readings.clear()
        tab.openers.clear()
        tab.lemma_cache.clear()

    def every_lemma(word, lang):
        asked.append(word)
        return lemma(word) if word[:3].lower().replace("ё", "е") in triggers.table(lang).heads else ""

    forget_readings()
    fast = [triggers.find_triggers(s, "ru") for s in sentences]
    asked = []
    monkeypatch.setattr(triggers, "trigger_lemma", every_lemma)
    forget_readings()
    try:
        assert fast == [triggers.find_triggers(s, "ru") for s in sentences]
    finally:
        forget_readings()  # no reading of the patched function outlives the test
    assert len(asked) > 100
    assert sum(map(len, fast)) > 50


def _marker_numbers_digit_by_digit(text):
    """normalize's glued footnote markers, judged at every run of one to three digits."""
    import re

    from events.extraction.normalize import marker_numbers

    return marker_numbers(text, re.compile(r"(?<!\d)\d{1,3}(?!\d)"))


@pytest.mark.parametrize("text,has_markers", [
    (corpus.raw("001"), True), (corpus.raw("000"), True), (corpus.raw("004"), False),
    ("Губкома24, заявлении»1 года.12 a1 ab1234 ab12. ”7, 1 2 слово.123\n", True),
])
def test_marker_candidates_lose_no_glued_footnote_marker(text, has_markers):
    from events.extraction.normalize import marker_numbers

    assert marker_numbers(text) == _marker_numbers_digit_by_digit(text)
    assert bool(marker_numbers(text)[0]) is has_markers


def test_runs_written_xx_star_match_like_x_plus():
    import re

    from events.extraction import entities, morph, normalize

    text = corpus.raw("002") + corpus.raw("004")[:50000] + " ХХ Х-Х Èстория ãã. a_b-c 1923"
    for fast, plain in [
        (normalize._LATIN1_RUN_RE, r"[\u00c0-\u00ff]+"),
        (normalize._CYR_X_RUN_RE, "Х+"), (normalize._WORD_RE, r"[^\W\d_]+"),
        (morph.WORD_RE, r"[^\W\d_]+(?:[-’'][^\W\d_]+)*"),
        (entities._WORD, r"\w+(?:-\w+)*"),
    ]:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in re.finditer(plain, text)]


@pytest.mark.parametrize("lang,key", [("ru", "001"), ("fr", "004"), ("en", "003")])
def test_master_front_gate_changes_no_match(lang, key):
    """The first-character test in front of the date engine's combined
    regex only rejects places where no rule could match."""
    import re

    from events.extraction import dates

    engine = dates._engine(lang)
    plain = re.compile(engine.master.pattern.replace(engine.front_gate, "", 1))
    text = corpus.normalized(key).text[:400000]

    def seen(rx):
        return [(m.span(), m.lastgroup, m.group("qual") if "qual" in rx.groupindex else None)
                for m in rx.finditer(text)]

    assert seen(engine.master) == seen(plain)
    assert len(seen(plain)) >= 10


@pytest.mark.parametrize("text,dated", [
    ("см. с. 171 и № 215", False), ("код 12345 и 123", False), ("46 тт. и 3 человека", False),
    ("в 1935 г.", True), ("1.02.23г.", True), ("20-е годы", True), ("№ 8299/с", True),
    ("стр. 171-172", False), ("1930-х гг.", True), ("15 - 16 гг.", True), ("14/Х-32", True),
    ("les années 30", True), ("in the 30s", True), ("8. 3. 28 г.", True),
])
def test_digit_anchors_are_years_and_numbers_of_numeric_dates_or_ranges(text, dated):
    assert has_date_anchor(text) is dated
    if not dated:  # the gate's promise, on its own examples
        assert not any(find_dates(text, lang, DateContext(year=1930)) for lang in resources.LANGUAGES)


@pytest.mark.parametrize("key", ["001", "002"])
def test_sharper_digit_gate_hides_no_dated_sentence_of_a_real_file(key):
    """Sentences whose only digits are counts, list numbers or page numbers
    are skipped; none of them holds a date in any language."""
    import datetime

    from events.extraction.sentences import sentence_spans

    text = corpus.normalized(key).text
    ctx = DateContext(year=1930, document_date=datetime.date(1930, 5, 1))
    skipped_with_digits = 0
    for s, e in sentence_spans(text):
        if has_date_anchor(text, s, e):
            continue
        sentence = text[s:e]
        skipped_with_digits += any(ch.isdigit() for ch in sentence)
        assert not any(find_dates(sentence, lang, ctx) for lang in resources.LANGUAGES), sentence
    assert skipped_with_digits > 100


def test_anchor_gate_slices_after_a_digit_like_find_dates():
    assert has_date_anchor("1923", 1) is False  # "923" from inside a year
    assert has_date_anchor("x923", 1) is False
    assert has_date_anchor("x 23-24", 2) is True
    assert has_date_anchor("11923", 1) is True  # "1923" as a text of its own


def test_word_sets_answer_like_a_lemma_look_up():
    """``_in_word_set`` skips the parse of known words outside the set's
    lexemes; its answers are those of comparing every word's lemma."""
    from events.extraction import triggers
    from events.extraction.morph import lemma, tokens

    tab = triggers.table("ru")
    sets = [tab.joining_words, tab.joining_bodies, tab.group_nouns]
    assert all(lemmas for lemmas, _ in sets)
    words = {w for _, _, w in tokens(corpus.normalized("001").text[:500000])}
    words |= {f for lemmas, _ in sets for f in triggers._set_forms(lemmas)}
    hits = 0
    for words_set in sets:
        lemmas, prefixes = words_set
        for w in words:
            plain = (bool(prefixes) and w.lower().startswith(prefixes)) or lemma(w).lower() in lemmas
            assert triggers._in_word_set(w, words_set) is plain, w
            hits += plain
    assert hits > 20


@pytest.mark.parametrize("key", ["001", "002", "004"])
def test_tokens_are_placed_where_the_word_regex_finds_them(key):
    from events.extraction import morph

    text = corpus.normalized(key).text[:300000] + " ab-cd ab, l'homme-l d'ab ab1ab _ab ab_ab"
    assert list(morph.tokens(text)) == [(m.start(), m.end(), m.group()) for m in morph.WORD_RE.finditer(text)]


@pytest.mark.parametrize("text", [corpus.raw("001"), "", "\n", "a", "a\n", "\n\nb\n", "ab\ncd"])
def test_line_numbers_go_up_right_after_each_newline(text):
    from events.extraction.textmap import LineIndex

    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    index = LineIndex(text)
    assert [index.line(s) for s in starts] == list(range(1, len(starts) + 1))
    assert [index.line(s - 1) for s in starts[1:]] == list(range(1, len(starts)))


@pytest.mark.parametrize("lang", ["ru", "fr", "en"])
def test_kept_prefix_verdicts_equal_testing_each_word_again(lang):
    """``find_triggers`` keeps, per word, whether it begins with a trigger
    prefix; asked twice, in any case, the verdict is the plain test's."""
    from events.extraction import triggers

    prefixes = triggers._prefix_tuple(lang)
    starts_trigger = triggers._prefix_verdicts(lang)
    words = [w for _, _, w in triggers.tokens(corpus.normalized("004").text[:60000])]
    words += [p.upper() + "x" for p in prefixes] + ["", "Ж"]
    for _ in range(2):
        assert [starts_trigger(w) for w in words] == [w.lower().startswith(prefixes) for w in words]
    assert any(starts_trigger(w) for w in words)
