"""More shortcuts of normalize and segment, each checked against the plain
way on the corpus files and on made-up edge cases.

normalize asks some questions of every character of a text (is it a Latin
letter next to a Russian one, a digit after a lower-case letter, an odd
space?). It answers them from ``charbytes.char_bytes``, one byte per character,
with ``bytes.find`` instead of a regex visiting every character: these
tests compare both answers.
"""

from __future__ import annotations

import re

import pytest

from events.extraction import charbytes as CB
from events.extraction import normalize as N
from events.tests.extraction import corpus

ODD = "\u00a0\u2000\u2009\u202f\u3000\t\r\f\u2011\u2010\u200b\u00ad\ufeff"
EDGE_CASES = [
    "",
    "a",
    "я",
    "?",
    "аb",
    "bа",
    "аbв abвг аbcв а×в× ×а аb×в bаbаb ÿаÿ а b сoercitive paз",
    "Губкома24, заявлении»1 года.12 a1 ab1234 ab12. ”7, 1 2 слово.123 œ3 ]4 слово?5\n",
    # digits of other scripts are "\d" too; "?" stands for any unknown character
    "слово\u0661 слово\u0661\u0662 слово1\u0662 слово\uff11. abc\u0966\u0967\u0968\u0969 ab?1 ab\U0001d7ce",
    f"a{ODD}b\n{ODD}\nслово{ODD}1 Èстория ãã. annйes organisé а Moscou 21.Х.1928 ХХ съезд",
    "\ud800x\U0001f600я\U0001f600b",
    "аb" * 15000 + " xy" * 12000 + " ыю" * 12000,  # both scripts common
]
TEXTS = [corpus.raw(key) for key in sorted(corpus.FILES)] + EDGE_CASES


@pytest.mark.parametrize("text", TEXTS)
def test_char_bytes_are_one_byte_per_character_its_own_or_the_unknown_one(text):
    encoded = CB.char_bytes(text)
    assert len(encoded) == len(text)
    unknown = CB.CLASS_BYTE["?"]
    assert list(encoded) == [CB.CLASS_BYTE.get(ch, unknown) for ch in text]


@pytest.mark.parametrize("text", TEXTS)
def test_repaired_text_comes_with_its_char_bytes(text):
    """The bytes ``_repaired`` derives from the raw text's (the one-for-one
    replacements translated, repaired words written anew) are those of the
    repaired text."""
    repaired, encoded = N._repaired(text)
    assert repaired == N.repair_characters(text)
    assert encoded == CB.char_bytes(repaired)


def test_repairs_are_made_in_the_edge_cases():
    repaired = N.repair_characters(EDGE_CASES[-3])
    assert "История" in repaired and "21.X.1928" in repaired and "\u2009" not in repaired


@pytest.mark.parametrize("text", TEXTS)
def test_mixed_pairs_found_from_the_rarer_script_are_the_regex_matches(text):
    expected = [m.start() for m in N._MIXED_PAIR_RE.finditer(text)]
    assert N._mixed_pair_starts(text) == expected
    assert N._mixed_pair_starts(text, CB.char_bytes(text)) == expected


def test_mixed_pairs_are_found_whichever_script_is_rare():
    """Latin letters rare, Russian ones rare, neither (one in 64 or more)."""
    texts = ["аb" + "я" * 1005, "bа" + "z" * 1005, "аbа" * 1005, "ыzы" * 1000 + "zыz" * 1000,
             "аb" + "я" * 63 * 64, "аb" + "я" * 62 + "bbb"]
    for text in texts:
        assert N._mixed_pair_starts(text) == [m.start() for m in N._MIXED_PAIR_RE.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_marker_candidates_found_by_bytes_are_the_regex_matches(text):
    whole_text = N.marker_numbers(text, N._MARKER_CANDIDATE_RE)
    assert N.marker_numbers(text) == whole_text
    assert N.marker_numbers(text, char_bytes=CB.char_bytes(text)) == whole_text


def test_marker_candidates_of_a_text_in_another_script_are_the_regex_matches():
    """Mostly characters without bytes of their own: the whole-text regex is run."""
    text = "".join(chr(0x4E00 + i % 500) for i in range(3000)) + " слово12 abc\u0661 z3, года.7\n"
    assert CB.mostly_unknown(CB.char_bytes(text))
    assert N.marker_numbers(text) == N.marker_numbers(text, N._MARKER_CANDIDATE_RE)
    assert N.marker_numbers(text)[0]


def test_marker_candidates_include_other_scripts_digits():
    """A digit run holding a digit of another script is judged as the regex
    judges it (here: too long, or not a marker), never lost or cut."""
    text = EDGE_CASES[8]
    assert N.marker_numbers(text) == N.marker_numbers(text, re.compile(r"(?<!\d)\d{1,3}(?!\d)"))
    assert N.marker_numbers("слово\u0661 дальше") == ([5], [1])


@pytest.mark.parametrize("text", TEXTS)
def test_invisible_characters_found_by_bytes_are_found_in_the_text(text):
    repaired, encoded = N._repaired(text)
    lines, _ = N._nonblank_lines(repaired)
    starts, numbers = N.marker_numbers(repaired)
    by_bytes = N._Content(repaired, lines, starts, numbers, encoded)
    by_text = N._Content(repaired, lines, starts, numbers)
    assert by_bytes.invisible is by_text.invisible
    assert by_bytes.cut == by_text.cut


# --------------------------------------------------------------------------
# segment


@pytest.mark.parametrize("key", sorted(corpus.FILES))
def test_citation_kept_from_the_reference_lines_is_the_line_parsed_again(key):
    from events.extraction import segment as S

    lines = S._Lines(corpus.raw(key))
    found = S._reference_lines(lines)
    assert sorted(lines.references) == found
    for i in found + [0, len(lines) - 1]:
        again = S.parse_archival_reference(lines[i].text, lines[i].cs)
        copy = S._line_reference(lines, i)
        assert copy == again
        if copy is not None:
            assert copy is not lines.references.get(i)


def _repair_word_letter_by_letter(word, know, mojibake_mode):
    """normalize's word repair as first written: each letter tested and
    replaced in a loop."""
    lat2cyr, cyr2lat, cp = know["lat2cyr"], know["cyr2lat"], know["codepage"]
    if N._ROMAN_WITH_SUFFIX_RE.match(word):
        return word
    cyr_anchor = sum(1 for ch in word if N._is_cyr(ch) and ch not in cyr2lat)
    lat_anchor = sum(1 for ch in word if N._is_ascii_latin(ch) and ch not in lat2cyr) + sum(
        1 for ch in word if N._is_latin1_letter(ch) and not mojibake_mode)
    latin1_damage = any(N._is_latin1_letter(ch) for ch in word) and mojibake_mode
    if cyr_anchor > lat_anchor or (cyr_anchor == lat_anchor and (latin1_damage or cyr_anchor > 0)):
        target = "cyr"
    elif lat_anchor > cyr_anchor:
        target = "lat"
    else:
        target = "cyr" if sum(1 for ch in word if N._is_cyr(ch)) * 2 >= len(word) else "lat"
    out = []
    for ch in word:
        if target == "cyr" and not N._is_cyr(ch):
            rep = N._decode_mojibake(ch, cp) if N._is_latin1_letter(ch) else lat2cyr.get(ch)
            out.append(rep or ch)
        elif target == "lat" and N._is_cyr(ch):
            rep = N._encode_mojibake(ch, cp) if mojibake_mode or ch not in cyr2lat else None
            out.append((rep if rep is not None else cyr2lat.get(ch)) or ch)
        else:
            out.append(ch)
    return "".join(out)


def test_word_repaired_by_tables_is_repaired_letter_by_letter():
    know = N._knowledge()
    words = [w for _, w in N._mixed_words(corpus.raw("002"))] + [w for _, w in N._mixed_words(corpus.raw("004"))]
    words += ["paз", "сoercitive", "Èстория", "ãã", "annйes", "XVс", "aб", "бa", "ÀЖ", "Ѐx", "ѐa×", "ёЁeE", "КOT", "ßя"]
    letters = "".join(map(chr, range(0x41, 0x7B))) + "".join(map(chr, range(0xC0, 0x100))) + "".join(map(chr, range(0x400, 0x500)))
    words += [letters[i:i + 5] + letters[-i - 3:-i] for i in range(0, len(letters) - 8, 3)]
    assert len(words) > 500
    for mode in (False, True):
        for w in words:
            assert N._repair_word(w, know, mode) == _repair_word_letter_by_letter(w, know, mode), (w, mode)


def _join_by_width_as_written(ca, cb, ref_len):
    """``_join_by_width`` as first written: the sentence end asked first."""
    if cb[:1].isdigit() and N._LIST_ITEM_RE.match(cb):
        return "break"
    short = len(ca) < 0.8 * ref_len
    if N._ends_sentence(ca):
        return "break" if short else "space"
    if len(ca) < 0.6 * ref_len:
        return "break"
    return "space"


def test_join_by_width_asked_width_first_answers_the_same():
    firsts = ["Текст", "1. Пункт", "12) x", "1923 г.", "«Цитата", "A"]
    for n in range(1, 40):
        for end in ("", ".", "?»", ".1", ":", " ,", "*"):
            ca = ("слово " * 10)[:n] + end
            for ref in range(1, 60):
                for cb in firsts:
                    assert N._join_by_width(ca, cb, ref) == _join_by_width_as_written(ca, cb, ref), (ca, cb, ref)


# --------------------------------------------------------------------------
# Lines: split once, read by normalize and by segment

LINE_TEXTS = TEXTS + [
    "\n", "  ", " \n \n", "a\n\n\n  b  \n \n\t\n c", "x  ", "  x", "\n\nx", "x\n", "\x0b\n \x1c \n\u2028\nя",
]


def _content_lines_by_regex(text):
    """normalize's lines with content as first found: one regex over the text."""
    found = list(re.finditer(r"^ *+([^\n]*[^ \n])", text, re.M))
    cs = [m.start(1) for m in found]
    ce = [m.end(1) for m in found]
    content = [m.group(1) for m in found]
    lead = [text[c - 1] == " " if c else False for c in cs]
    gap = [text.count("\n", 0 if k == 0 else ce[k - 1], cs[k]) - (k > 0) for k in range(len(cs))]
    return cs, ce, content, lead, gap


@pytest.mark.parametrize("text", LINE_TEXTS)
def test_normalize_lines_from_split_are_the_regex_lines(text):
    text = N.repair_characters(text)
    lines = N._Lines(text)
    assert (lines.cs, lines.ce, lines.content, lines.lead, lines.gap) == _content_lines_by_regex(text)


@pytest.mark.parametrize("text", LINE_TEXTS)
def test_segment_lines_from_normalize_split_are_its_own(text):
    from events.extraction import segment as S

    text = N.repair_characters(text)
    own = S._Lines(text)
    handed = S._Lines(text, N._Lines(text).split)
    assert handed._starts == own._starts and handed.has_text == own.has_text
    assert list(handed) == list(own)


def test_normalized_text_hands_its_lines_over_once():
    nt = N.normalize("Первая строка\n\n  вторая\n")
    lines = nt.take_repaired_lines()
    assert lines is not None and lines[1] == [line.strip(" ") for line in nt.repaired.split("\n")]
    assert nt.take_repaired_lines() is None


def _pieces_drop_by_drop(text, a, b, positions, out):
    """``_Content.pieces`` for a span with doubled spaces only, as first
    written: the spaces after the first of each run dropped one run at a time."""
    drops = [(a + m.start() + 1, a + m.end()) for m in re.finditer(" {2,}", text[a:b])]
    pos = a
    for ds, de in drops:
        if ds > pos:
            positions.append(pos)
            out.append(text[pos:ds])
        pos = max(pos, de)
    if pos < b:
        positions.append(pos)
        out.append(text[pos:b])


@pytest.mark.parametrize("text", LINE_TEXTS + ["a  b   c d\n x  y  \n", "ab  c" * 50])
def test_kept_runs_of_a_line_with_doubled_spaces_are_the_spaces_dropped_run_by_run(text):
    text = re.sub(f"[{N._INVISIBLE_CHARS}]", "", N.repair_characters(text))
    lines = N._Lines(text)
    content = N._Content(text, lines, [], [], CB.char_bytes(text))
    assert not content.invisible
    for k in range(len(lines)):
        for b in (lines.ce[k], lines.ce[k] - 1):
            got, expected = ([], []), ([], [])
            content.pieces(lines.cs[k], b, *got)
            _pieces_drop_by_drop(text, lines.cs[k], b, *expected)
            assert got == expected


@pytest.mark.parametrize("text", TEXTS + [
    "L'été d'İstanbul: KELVIN \u212a \u212b Ÿ ß × ÷ ÿ à-la l'“aujourd’hui” ''x'' 12ab3 ǅ ﬀ",
    "".join(map(chr, range(0, 0x600))), "".join(map(chr, range(0x1E00, 0x2200))),
])
def test_latin_words_split_from_bytes_are_the_regex_words(text):
    from events.extraction import segment as S

    for t in (text, text.lower()):
        expected = re.findall(r"[a-zA-Zà-ÿ']+", t)
        assert [w.decode("latin-1") for w in S._latin_words(t)] == expected


@pytest.mark.parametrize("text", [
    corpus.raw("001")[:400000], corpus.raw("004"), corpus.raw("002") * 2,
    ("Слово і ѐ ĀɏɐʼŒœ×÷ÀÿЖ x? ?\ud800 " * 1500)[:30000],  # others few enough: counted one by one
    "αβγδ ЖжЁ ab " * 3000,  # too many others: counted on the UTF-8 bytes
    "".join(map(chr, range(0, 0x800))) * 12,
])
def test_script_counts_of_long_texts_from_char_bytes_are_the_letter_counts(text):
    from events.extraction import segment as S

    assert len(text) >= 20000
    cyrillic = re.findall("[\u0400-\u04ff]+", text)
    latin = re.findall("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+", text)
    assert S._script_counts(text) == (sum(map(len, cyrillic)), sum(map(len, latin)))


@pytest.mark.parametrize("text", TEXTS + [
    "\n".join(f"{pad}{cap}" for pad in ("", " ", "\t«", "[", "  \"") for cap in (
        "Lettre de", "LETTRE", "ſtatement", "\u212aey", "İnformation", "ıtem", "Note", "ПИСЬМО", "письмо",
        "Докладная  записка", "Annexe :", "Приложение", "x Lettre", "Ètat", "Справка", "Zapiska")),
])
def test_text_start_gate_with_its_first_letter_test_passes_the_same_lines(text):
    """The first-letter lookahead in front of the genre phrases rejects only
    lines that no phrase could open."""
    from events.extraction import segment as S

    gate = S._text_start_gate()
    front = gate.pattern.index("(?=[")
    plain = re.compile(gate.pattern[:front] + gate.pattern[gate.pattern.index("])", front) + 2:], re.I)
    searched = "\n" + text
    assert [m.span() for m in gate.finditer(searched)] == [m.span() for m in plain.finditer(searched)]


@pytest.mark.parametrize("text", LINE_TEXTS + [
    "ГАРФ. Ф. 5446\n№ 12\n  12. ИВАНОВ И.И.\n1925 г.\n1926\n№\n\tРГАСПИ, ф. 17\n12.\tПЕТРОВ\n1927 год\n",
])
def test_gates_run_together_find_the_lines_each_finds_alone(text):
    from events.extraction import segment as S

    lines = S._Lines(text)
    for gate in S._SHARED_GATES:
        alone = [lines.index_at(m.start()) for m in gate.finditer(lines.searched)]
        assert [ln.idx for ln in lines.at_line_starts(gate)] == alone


def _body_joins_as_written(lines, body, blank_layout, know, vocabulary):
    """``_body_joins`` as first written: ``_join_kind`` asked of every pair
    not parted by a gap, with the widths around each line worked out for all."""
    soft_gap = 1 if blank_layout else 0
    texts = [lines.content[k] for k in body]
    widths = [len(t) for t in texts]
    kinds = []
    for idx in range(len(body) - 1):
        nxt = body[idx + 1]
        if lines.gap[nxt] > soft_gap and not lines.lead[nxt]:
            kinds.append("break")
            continue
        ref = max(max(widths[max(0, idx - 3):idx], default=0), widths[idx + 1], 1)
        kinds.append(N._join_kind(texts[idx], texts[idx + 1], ref, know, vocabulary))
    if body:
        kinds.append("end")
    return kinds


def _body_of(text):
    """``normalize``'s steps up to the body joins: the repaired text, its
    lines with footnotes and page numbers marked, the layout, the body lines."""
    repaired = N.repair_characters(text)
    lines, blank_layout = N._nonblank_lines(repaired)
    starts, numbers = N.marker_numbers(repaired)
    N._find_footnotes(lines, blank_layout, repaired, starts, numbers)
    N._drop_page_numbers(lines)
    body = [k for k in range(len(lines)) if lines.footnote[k] == -1]
    return repaired, lines, blank_layout, body


@pytest.mark.parametrize("text", TEXTS + [
    "Длинная строка текста, которая идёт дальше и дальше\nкороткая.\nНовая строка; Фран-\nции и Поль-\nБонкур\n"
    "1. Пункт\n2) пункт\nx-\ny\n\n\nабзац\n  Страница\nстрока — вторая\n, запятая\nA\nB.\nC",
])
def test_body_joins_with_widths_worked_out_where_needed_are_join_kinds(text):
    know = N._knowledge()
    repaired, lines, blank_layout, body = _body_of(text)
    lowered = repaired.lower()

    def vocabulary(word):
        return N._occurs_as_word(lowered, word)

    expected = _body_joins_as_written(lines, body, blank_layout, know, vocabulary)
    assert N._body_joins(lines, body, blank_layout, know, vocabulary) == expected


def _output_order_as_written(lines, body, kinds, notes, note_kinds):
    """``_output_order`` as first written: lists of every body line's start
    and of every paragraph end, searched with ``bisect``."""
    from bisect import bisect_left

    body_starts = [lines.cs[k] for k in body]
    after = {}
    bi = 0
    for fid in sorted(notes):
        bi = max(bi, bisect_left(body_starts, lines.cs[notes[fid][0]]))
        after.setdefault(bi - 1, []).append(fid)
    order, order_kinds = [], []
    for fid in after.pop(-1, []):
        order += notes[fid]
        order_kinds += note_kinds[fid]
    paragraph_ends = [i for i, kind in enumerate(kinds) if kind in ("break", "end")]
    first = 0
    for idx in sorted(after):
        last = paragraph_ends[bisect_left(paragraph_ends, idx)]
        order += body[first:last + 1]
        order_kinds += kinds[first:last + 1]
        first = max(first, last + 1)
        for fid in after[idx]:
            order += notes[fid]
            order_kinds += note_kinds[fid]
    return order + body[first:], order_kinds + kinds[first:]


@pytest.mark.parametrize("text", TEXTS + [
    "Текст абзаца, который прерван сноской1 и идёт\n1 Сноска первая.\nдальше.\n\nНовый абзац2.\n2 Вторая сноска.\n",
    "1 Сноска до текста.\nТекст3.\n",
])
def test_footnotes_placed_by_index_searches_go_where_the_lists_put_them(text):
    know = N._knowledge()
    repaired, lines, blank_layout, body = _body_of(text)
    notes = {}
    for k in range(len(lines)):
        if lines.footnote[k] >= 0:
            notes.setdefault(lines.footnote[k], []).append(k)
    kinds = N._body_joins(lines, body, blank_layout, know, lambda word: False)
    note_kinds = {fid: N._note_joins([lines.content[k] for k in ids], know, lambda word: False)
                  for fid, ids in notes.items()}
    expected = _output_order_as_written(lines, body, kinds, notes, note_kinds)
    assert N._output_order(lines, body, kinds, notes, note_kinds) == expected


def _raw_ordered_map(nt):
    """``to_clean``'s raw-ordered map, made by list comprehensions."""
    clean, raw = list(nt._clean_starts), list(nt._raw_starts)
    ends = clean[1:] + [len(nt.text)]
    order = sorted(range(len(clean)), key=raw.__getitem__)
    return [raw[k] for k in order], [clean[k] for k in order], [ends[k] - clean[k] for k in order]


def _to_clean_as_written(nt, raw_pos, raw_ordered):
    from bisect import bisect_right

    raws, cleans, lens = raw_ordered
    k = bisect_right(raws, raw_pos) - 1
    if k >= 0 and raw_pos < raws[k] + lens[k]:
        return cleans[k] + (raw_pos - raws[k])
    k += 1
    while k < len(raws) and lens[k] == 0:
        k += 1
    return cleans[k] if k < len(raws) else len(nt.text)


@pytest.mark.parametrize("key", sorted(corpus.FILES))
def test_source_spans_read_inline_are_the_to_source_pairs(key):
    nt = N.normalize(corpus.raw(key))
    n = len(nt.text)
    step = max(1, n // 3000)
    for start in list(range(0, n, step)) + [0, n - 1, n]:
        for end in (start - 1, start, start + 1, start + 7, n, n + 1):
            if end > n + 1 or start > n:
                continue
            expected = ((nt.to_source(start),) * 2 if end <= start
                        else (nt.to_source(start), nt.to_source(end - 1) + 1))
            assert nt.source_span(start, end) == expected
    raw_ordered = _raw_ordered_map(nt)
    for raw_pos in range(0, len(nt.raw) + 2, max(1, len(nt.raw) // 2000)):
        assert nt.to_clean(raw_pos) == _to_clean_as_written(nt, raw_pos, raw_ordered)


def test_source_span_of_odd_maps_and_offsets_is_to_source_pairs():
    odd = N.NormalizedText("abcdef", "abcd", [2], [1])  # a map not opening at 0
    empty = N.NormalizedText("", "", [], [])
    for nt in (odd, empty):
        for start in range(-1, 6):
            for end in range(start, 7):
                try:
                    expected = ((nt.to_source(start),) * 2 if end <= start
                                else (nt.to_source(start), nt.to_source(end - 1) + 1))
                except IndexError:
                    with pytest.raises(IndexError):
                        nt.source_span(start, end)
                    continue
                assert nt.source_span(start, end) == expected


def _drop_page_numbers_as_written(lines):
    """``_drop_page_numbers`` as first written: every line asked whether it is digits."""
    content, footnote = lines.content, lines.footnote
    n = len(content)
    for k in range(n):
        if not content[k].isdigit():
            continue
        if footnote[k] != -1 or len(content[k]) > 3 or k == 0 or k + 1 == n:
            continue
        if N._NUMERIC_ROW_RE.match(content[k - 1]) or N._NUMERIC_ROW_RE.match(content[k + 1]):
            continue
        footnote[k] = N._PAGE_NUMBER
        lines.lead[k + 1] = True


@pytest.mark.parametrize("text", TEXTS + ["текст\n116\nдальше\n١٢\nещё\n1923\n1924\n²\nконец\n7\n"])
def test_page_numbers_found_among_lines_opening_with_a_digit_are_those_of_every_line(text):
    repaired = N.repair_characters(text)
    fast, plain = N._Lines(repaired), N._Lines(repaired)
    assert fast.opening_with_digit() == [k for k, c in enumerate(fast.content) if c[0].isdigit()]
    N._drop_page_numbers(fast)
    _drop_page_numbers_as_written(plain)
    assert (fast.footnote, fast.lead) == (plain.footnote, plain.lead)


@pytest.mark.parametrize("text", LINE_TEXTS)
def test_lines_with_text_read_from_has_text_are_the_lines_whose_text_is_not_empty(text):
    from events.extraction import segment as S

    lines = S._Lines(text)
    every = list(S._Lines(text))
    for last in (0, len(every) // 2, len(every) - 1, len(every) + 5):
        assert list(lines.with_text(last)) == [ln for ln in every[:last + 1] if ln.text]
    assert lines.first_text_start() == next((ln.cs for ln in every if ln.text), 0)
