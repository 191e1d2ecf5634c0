"""The shortcuts normalize and segment take for speed never change what they find.

Each test states the plain way (every line read one after the other) and
checks that the shortcut answers the same on the corpus files and on
made-up edge cases (blank lines of every kind, odd whitespace, tabs, no
final newline, empty text).
"""

from __future__ import annotations

import re

import pytest

from events.extraction import segment as S
from events.tests.extraction import corpus

EDGE_CASES = [
    "",
    "\n",
    "   ",
    "x",
    "\n\n  a  \n   \n\nb\n \x0b \n  c\x0bd e\u2009f\xa0g\x1ch",
    "№ 1\n\n  № 2  \n\t№ 3\n№4 и\nтекст № 5\n\n\n№ 6",
    "ГАРФ. Ф. 5446\n  ГАРФ  .  Ф. 1\nАП РФ, ф. 3\nРГАСПИ.\tФ. 17. Оп. 3\nA. F\n\xa0ЦА ФСБ , Ф",
    "1. ИВАНОВ И.И.\n\n2. ПЕТРОВ П.П.\n1923\nтекст\n\nещё\n3. СИДОРОВ С.С.\n1\n2\n3\n4\n5\n6\n7\n8\n"
    "1925 г.\n 1926  г\n1927\t\n12.  PETROV\n13.\tСМИТ\n1928 год\n1929",
    "a\n\nb\n\nc\n \nd\n\t\ne\n\n\nf\n\ng\n",
    "*****\n  * * *\n-----\n=====  \n~~~~~\n__ __\n* *\n***\n\t*  *  *",
]
TEXTS = [corpus.raw(key) for key in sorted(corpus.FILES)] + EDGE_CASES


def _lines_one_by_one(text):
    """segment's lines, the obvious way: split, then strip every line."""
    out = []
    pos = 0
    for i, line in enumerate(text.split("\n")):
        s, n = pos, len(line)
        pos = s + n + 1
        stripped = line.strip()
        if not line:
            out.append(S._Line(i, s, s, s, s, "", False, False))
        elif not stripped:
            out.append(S._Line(i, s, s + n, s, s, "", True, True))
        else:
            if "  " in stripped or "\t" in stripped or "\xa0" in stripped:
                stripped = re.sub(r"\s+", " ", stripped)
            out.append(S._Line(i, s, s + n, s + n - len(line.lstrip()), s + len(line.rstrip()),
                               stripped, line[0].isspace(), False))
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_lines_built_on_demand_are_the_split_lines(text):
    lines = S._Lines(text)
    expected = _lines_one_by_one(text)
    assert len(lines) == len(expected)
    assert lines[len(expected) - 1] == expected[-1]  # the last line first: built out of order
    assert list(lines) == expected
    assert list(reversed(lines)) == expected[::-1]


@pytest.mark.parametrize("text", TEXTS)
def test_line_start_gates_pass_every_line_the_exact_checks_keep(text):
    """Each gate regex, run over the whole text, finds at least the lines
    whose text the exact test accepts (then the exact test decides)."""
    lines = S._Lines(text)
    every = _lines_one_by_one(text)
    checks = [
        (S._RAW_REF_LINE_RE, lambda t: S._REF_LINE_RE.match(t)),
        (S._NUMBER_LINE_START_RE, lambda t: t.startswith("№")),
        (S._SEPARATOR_START_RE, lambda t: S._SEPARATOR_RE.match(t)),
        (S._ROW_START_RE, lambda t: S._PERSON_ROW_RE.match(t) or S._YEAR_ROW_RE.match(t)),
    ]
    for gate, exact in checks:
        passed = {ln.idx for ln in lines.at_line_starts(gate)}
        kept = {ln.idx for ln in every if ln.text and exact(ln.text)}
        assert kept <= passed, gate.pattern


def test_line_start_gates_really_filter():
    lines = S._Lines(corpus.raw("001"))
    assert 200 < len(S._reference_lines(lines)) <= len(lines.at_line_starts(S._RAW_REF_LINE_RE)) < 2000
    assert len(lines.at_line_starts(S._NUMBER_LINE_START_RE)) < 1000 < len(lines)


def test_number_line_gate_is_exactly_the_lines_starting_with_the_number_sign():
    text = EDGE_CASES[5] + "\n" + corpus.raw("001")[:300000]
    lines = S._Lines(text)
    assert [ln.idx for ln in lines.at_line_starts(S._NUMBER_LINE_START_RE)] == [
        ln.idx for ln in _lines_one_by_one(text) if ln.text.startswith("№")
    ]


@pytest.mark.parametrize("text", [corpus.raw("001")[:200000], EDGE_CASES[4], EDGE_CASES[8], EDGE_CASES[7]])
def test_lines_with_text_found_in_the_flag_table_are_those_read_one_by_one(text):
    lines = S._Lines(text)
    every = _lines_one_by_one(text)
    n = len(every)
    for a in range(0, n, max(1, n // 300)):
        for b in (a + 1, a + 2, a + 5, a + 12):
            if b < n:
                assert lines.content_lines_between(a, b) == sum(1 for ln in every[a + 1:b] if ln.text)
        for limit in (1, 3, 4, 10, 50):
            following = [j for j in range(a + 1, min(a + limit + 1, n)) if every[j].text]
            assert S._next_content(lines, a, limit) == (following[0] if following else None)
        for floor in (0, a - 1, a - 3, a - 20):
            if 0 <= floor:
                before = [j for j in range(floor + 1, a) if every[j].text]
                assert S._last_content_before(lines, a, floor) == (before[-1] if before else floor)


def _blank_layout_line_by_line(lines):
    content = [ln.idx for ln in lines if ln.text]
    followed = sum(1 for i in content if i + 2 < len(lines) and not lines[i + 1].text and lines[i + 2].text)
    return len(content) > 20 and followed > 0.4 * len(content)


@pytest.mark.parametrize("text", TEXTS + [EDGE_CASES[8] * 5, EDGE_CASES[4] * 9, "a\n\n" * 30, "a\n" * 30])
def test_blank_layout_found_by_regex_is_the_line_by_line_one(text):
    assert S._blank_layout(S._Lines(text)) == _blank_layout_line_by_line(_lines_one_by_one(text))


@pytest.mark.parametrize("text,expected", [
    (corpus.raw("001"), True), (corpus.raw("000"), True), (corpus.raw("004"), False),
])
def test_blank_layout_of_the_corpus(text, expected):
    assert S._blank_layout(S._Lines(text)) is expected


def test_annex_regex_answers_like_the_loop_over_labels():
    labels = S._knowledge()["annex"]
    assert labels
    probes = [lab + tail for lab in labels for tail in ("", ":", " : x", "  ", " x", "x", ":\t", "\t")]
    probes += ["", ":", "прил", "annexes:", "x приложение"]
    for low in probes:
        loop = any(low.startswith(a) and low[len(a):].lstrip()[:1] in (":", "") for a in labels)
        assert bool(S._knowledge()["annex_re"].match(low)) is loop, low
    assert not S._label_line_regex([]).match("")


# --------------------------------------------------------------------------
# normalize


def test_every_regex_digit_passes_the_isdigit_gate():
    """``_join_kind`` tries the list-item regex (which opens with "\\d")
    only on lines whose first character ``str.isdigit`` accepts."""
    import sys

    digits = [chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\d", chr(c))]
    assert len(digits) > 600 and all(d.isdigit() for d in digits)


def _loses_characters_span_by_span(lines, invisible, marker_starts, k):
    """A line loses characters if it has doubled spaces, a marker or any
    invisible character could be in the text (the test before the set)."""
    a, b, line = lines.cs[k], lines.ce[k], lines.content[k]
    if invisible or "  " in line:
        return True
    return any(a <= pos < b for pos in marker_starts)


@pytest.mark.parametrize("text", [
    corpus.raw("000"), corpus.raw("001")[:300000], corpus.raw("002"), corpus.raw("004"),
    "Губкома24 шли  дальше.\n\n  года.12\nслово\u00ad\n", "a1\nb  c\n\nd»2 e\n",
    "a  \nb   c  \n  d  e\n    \n  f\n\n  ", "  x", "x  ", "x  y", "x\n  \n  y  z",
])
def test_lines_kept_whole_are_those_without_doubled_spaces_markers_or_invisibles(text):
    from events.extraction import normalize as N

    repaired = N.repair_characters(text)
    lines, _ = N._nonblank_lines(repaired)
    starts, numbers = N.marker_numbers(repaired)
    content = N._Content(repaired, lines, starts, numbers)
    for k in range(len(lines)):
        assert content.is_plain(k) is not _loses_characters_span_by_span(lines, content.invisible, starts, k)
    if content.cut is not None and len(text) > 1000:
        assert len(content.cut) < len(lines)  # it really spares lines


@pytest.mark.parametrize("key", ["000", "002", "004"])
def test_genre_of_any_language_passes_every_heading_of_one_language(key):
    """``_translation_starts`` skips a line unless it opens with a genre
    phrase of some language (or an annex label) before working out its
    language: a phrase found for one language is found among all."""
    from events.extraction import resources

    texts = [ln.text for ln in S._Lines(corpus.raw(key)) if ln.text]
    texts += ["Lettre de Rakovsky", "Докладная записка Ягоды", "« Note de Balitski", "Письмо", "[Lettre]"]
    found = 0
    for text in texts:
        for lang in resources.LANGUAGES:
            if S.genre_of(text, lang) is not None:
                assert S.genre_of(text) is not None, text
                found += 1
    assert found > 3


def _script_counts_by_regex(s):
    """Cyrillic and Latin letters of ``s``, counted as runs of a regex."""
    cyrillic = re.findall("[\u0400-\u04ff]+", s)
    latin = re.findall("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+", s)
    return sum(map(len, cyrillic)), sum(map(len, latin))


@pytest.mark.parametrize("text", [
    corpus.raw("001")[:300000], corpus.raw("002"), corpus.raw("004"), "", "abc", "ЖжЁ×÷ÀÿĀɏɐʼ\ud800x",
    "".join(map(chr, range(0, 0x800))), "".join(map(chr, range(0xFF00, 0x10100))),
])
def test_script_counts_read_from_utf8_lead_bytes_are_the_letter_counts(text):
    assert S._script_counts(text) == _script_counts_by_regex(text)


@pytest.mark.parametrize("key", sorted(corpus.FILES))
def test_lines_with_a_small_letter_are_never_titles_in_capitals(key):
    texts = [ln.text for ln in S._Lines(corpus.raw(key)) if ln.text]
    texts += ["TEXTES DE RAKOVSKI DE 1932", "ДОКУМЕНТЫ ЦК ВКП(б)", "ÉCRITS DE ⓐ TROTSKI", "ΑΒΓΔ ΕΖΗΘ ικ"]
    for t in texts:
        letters = [ch for ch in t if ch.isalpha()]
        if letters and all(ch.isupper() for ch in letters):
            assert not S._SMALL_LETTER_RE.search(t), t


@pytest.mark.parametrize("text", [
    corpus.raw("002"), corpus.raw("001")[:200000], corpus.raw("004"),
    "а b в, гд е ё Ж.ж ab а1 1я яz zя я", "", "я",
])
def test_single_letter_runs_found_directly_are_the_one_letter_runs(text):
    from events.extraction import normalize as N

    runs = re.compile("[а-яёА-ЯЁ]+")
    one_letter = [(a, run) for a, run in N._lone_runs(text, runs) if len(run) == 1]
    assert N._lone_runs(text, N._CYR_SINGLE_LETTER_RE) == one_letter


@pytest.mark.parametrize("raw,text,clean_starts,raw_starts", [
    # A paragraph whose only characters are dropped opens no second newline.
    ("Первая строка абзаца\n\n\n\n\u200b\n\n\n\nВторая строка.", "Первая строка абзаца\nВторая строка.",
     [0, 20, 21], [0, 23, 29]),
    ("\u200b\n\n\n\nТекст.", "Текст.", [0], [5]),
    # Lines joined by a space in one raw run: no breakpoint between them.
    ("a b\nc d", "a b c d", [0], [0]),
    ("Фран-\nции и Поль-\nБонкур", "Франции и Поль-Бонкур", [0, 4, 15], [0, 6, 18]),
])
def test_cleaned_text_written_in_one_pass_keeps_paragraphs_and_map(raw, text, clean_starts, raw_starts):
    """The expected values were made by the paragraph-by-paragraph builder."""
    from events.extraction.normalize import normalize

    nt = normalize(raw)
    assert (nt.text, list(nt._clean_starts), list(nt._raw_starts)) == (text, clean_starts, raw_starts)


def _script_of_neighbours_from_slices(text, start, end):
    """normalize's neighbour vote as first written: every word of both
    60-character slices collected, then the nearest that counts taken."""
    import re

    votes = 0
    for chunk, pick in ((text[max(0, start - 60):start], -1), (text[end:end + 60], 0)):
        words = [w for w in re.findall(r"[^\W\d_]+", chunk) if len(w) > 1 or "\u0400" <= w <= "\u04ff"]
        if words:
            w = words[pick]
            n_cyr = sum(1 for ch in w if "\u0400" <= ch <= "\u04ff")
            votes += 1 if n_cyr * 2 > len(w) else -1
    return "cyr" if votes > 0 else "lat" if votes < 0 else ""


@pytest.mark.parametrize("text", [
    corpus.raw("002"), corpus.raw("004")[:40000], "а", "x а y", "organisé а Moscou", "ab в cd", "я b, 12 c",
    "слово " * 30 + "а" + " mot" * 30,
])
def test_neighbour_script_read_in_place_is_the_vote_over_slices(text):
    from events.extraction.normalize import _script_of_neighbours

    positions = range(0, len(text), max(1, len(text) // 2000))
    for start in positions:
        for end in (start, start + 1, start + 3):
            if end <= len(text):
                assert _script_of_neighbours(text, start, end) == _script_of_neighbours_from_slices(text, start, end)


@pytest.mark.parametrize("text", TEXTS + [
    "Lettre de Rakovsky\n  « Note  de   Balitski à Staline\n[Lettre]\n\tДокладная   записка Ягоды\n"
    "ANNEXE :\nПриложение\n  приложение:  список\nNOTE DE\nnote\n«[Письмо"
])
def test_text_start_gate_passes_every_line_opening_with_a_genre_or_annex_label(text):
    know = S._knowledge()
    lines = S._Lines(text)
    passed = {ln.idx for ln in lines.at_line_starts(S._text_start_gate())}
    openers = {ln.idx for ln in _lines_one_by_one(text)
               if ln.text and (S.genre_of(ln.text) is not None or know["annex_re"].match(ln.text.lower()))}
    assert openers <= passed
    if len(text) > 100000:
        assert len(passed) < len(lines) / 10  # it really filters


@pytest.mark.parametrize("text", TEXTS + ["Fonds\nФ.\n  a Fonds b Ф. c\nФ\n.\nFondsФ.", "Ф."])
def test_lines_holding_a_word_found_in_the_text_are_those_read_one_by_one(text):
    lines = S._Lines(text)
    every = _lines_one_by_one(text)
    n = len(every)
    for first, last in [(0, n - 1), (n // 3, n // 2), (n - 1, n - 1), (0, 0)]:
        expected = [j for j in range(first, last + 1) if "Fonds" in every[j].text or "Ф." in every[j].text]
        assert lines.holding(("Fonds", "Ф."), first, last) == expected
