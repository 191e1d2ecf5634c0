"""Shortcuts of normalize and segment for their per-line work, each checked
against the plain way on the corpus files and on made-up edge cases.

Segment runs its shared line gates as one regex over the whole text: a
lookahead for the characters the gates open with leaves most lines after
one test. Normalize builds its offset map while it writes the cleaned text
instead of in a second pass over the pieces. These tests compare both ways.
"""

from __future__ import annotations

import random

from events.tests.extraction import corpus

# ---------------------------------------------------------------------------
# Segment's shared line gates: the first-character lookahead


def _gate_matches(pattern, text):
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer("\n" + text)]


_GATE_LINES = [
    "12. ИВАНОВ Иван", "1925 г.", "1925", "  1926\tг.", "ЦА ФСБ РФ. Ф. 1", "ГАРФ, Ф. 5", "AB. F", "№ 12",
    " \t№ 3/5", "\u0661\u0662. АБВГ", "\u0661\u0669\u0662\u0665", "ЁЖИК. ф", "Ёж", "иванов", "a", "", "   ",
    "«Правда»", "- 12.", "\u00a0№ 4", "1825г", "1725 г", "123456. АБВ", "12.ИВА", "1 . ИВА", "x1925",
]


def test_shared_gates_find_the_same_lines_with_and_without_the_lookahead():
    from events.extraction import segment as S

    guarded, plain = S._shared_gates_regex(), S._shared_gates_regex("")
    rng = random.Random(11)
    for _ in range(3000):
        text = "\n".join(rng.choice(_GATE_LINES) for _ in range(rng.randint(1, 6)))
        assert _gate_matches(guarded, text) == _gate_matches(plain, text), text
    for key in sorted(corpus.FILES):
        repaired = corpus.normalized(key).repaired
        assert _gate_matches(guarded, repaired) == _gate_matches(plain, repaired)


def test_shared_gates_lookahead_admits_every_character_an_alternative_opens_with():
    """Each gate's first character after the blanks is a capital
    (``[А-ЯЁA-Z]``), "№" or a digit (``\\d``): the lookahead lets all of
    them through, whatever the script of the digit."""
    import re

    from events.extraction import segment as S

    lookahead = re.compile(S._GATES_FIRST_CHAR)
    openings = re.compile(r"[А-ЯЁA-Z]|№|\d")
    for code in range(0x3000):
        ch = chr(code)
        if openings.match(ch):
            assert lookahead.match(ch), hex(code)


# ---------------------------------------------------------------------------
# Segment's text-start gate: the phrases grouped by first character


def _ungrouped_text_start_gate():
    """The gate as one flat alternation of the phrases, longest first."""
    import re

    from events.extraction import segment as S

    know = S._knowledge()
    phrases = sorted({g[0] for g in know["genres"]} | set(know["annex"]), key=len, reverse=True)
    alts = "|".join(re.escape(p).replace(r"\ ", r"[^\S\n]+") for p in phrases)
    return re.compile(rf"\n(?:[^\S\n]|[«\"\[])*(?:{alts})", re.I), phrases


def _starts(pattern, text):
    return [m.start() for m in pattern.finditer("\n" + text)]


def test_text_start_gate_finds_the_lines_the_flat_alternation_finds():
    from events.extraction import segment as S

    grouped = S._text_start_gate()
    flat, phrases = _ungrouped_text_start_gate()
    rng = random.Random(5)

    def variant(phrase: str) -> str:
        cut = phrase[:rng.randint(1, len(phrase))] if rng.random() < 0.3 else phrase
        cased = rng.choice([cut, cut.upper(), cut.title(), cut.capitalize()])
        spaced = cased.replace(" ", rng.choice([" ", "  ", "\t", " \u00a0"]))
        return rng.choice(["", " ", "«", "[", "\"", "  «", "x"]) + spaced + rng.choice(["", " de Ivanov", ":", "\n"])

    for _ in range(3000):
        text = "\n".join(variant(rng.choice(phrases)) for _ in range(rng.randint(1, 5)))
        assert _starts(grouped, text) == _starts(flat, text), text
    for key in sorted(corpus.FILES):
        repaired = corpus.normalized(key).repaired
        assert _starts(grouped, repaired) == _starts(flat, repaired)


def test_phrases_alternation_without_a_common_opening_is_flat():
    """Phrases opening with a blank (or an empty one) get no lookahead."""
    import re

    from events.extraction import segment as S

    for phrases in (["ab c", " x", "a"], ["ab", ""]):
        pattern = re.compile(r"\n" + S._phrases_alternation(phrases), re.I)
        for line in ("ab  c", " x", "A", "b", "", "x", "AB"):
            flat = re.compile(r"\n(?:" + "|".join(re.escape(p).replace(r"\ ", r"[^\S\n]+") for p in phrases) + ")",
                              re.I)
            assert _starts(pattern, line) == _starts(flat, line)


# ---------------------------------------------------------------------------
# Normalize's one-for-one replacements: the bytes translated only if needed


def test_repaired_bytes_are_those_of_the_repaired_text_with_or_without_odd_characters():
    from events.extraction import charbytes as CB
    from events.extraction import normalize as N

    texts = ["Губкома24 слово", "a\u00a0b", "x\u2011y\tz\r\f", "сoercitive paз", "", "\u200b",
             corpus.raw("001"), corpus.raw("003")]
    for text in texts:
        repaired, encoded = N._repaired(text)
        assert encoded == CB.char_bytes(repaired)
        assert repaired == N.repair_characters(text)


# ---------------------------------------------------------------------------
# Segment counts the scripts in the bytes normalize made


def test_repaired_bytes_are_handed_once_and_are_those_of_the_repaired_text():
    from events.extraction import charbytes as CB
    from events.extraction.normalize import normalize

    nt = normalize(corpus.raw("004"))
    encoded = nt.take_repaired_bytes()
    assert encoded == CB.char_bytes(nt.repaired)
    assert nt.take_repaired_bytes() is None


def test_segment_finds_the_same_layout_with_or_without_the_handed_bytes():
    from events.extraction.normalize import normalize
    from events.extraction.segment import segment

    for key in sorted(corpus.FILES):
        raw = corpus.raw(key)
        handed = normalize(raw)
        taken = normalize(raw)
        taken.take_repaired_bytes()  # segment counts the letters itself
        assert segment(raw, corpus.FILES[key], handed) == segment(raw, corpus.FILES[key], taken)


def test_script_counts_from_handed_bytes_are_the_counts():
    from events.extraction import charbytes as CB
    from events.extraction import segment as S

    for text in [corpus.normalized(key).repaired[:400000] for key in sorted(corpus.FILES)] + [
            "аb×" * 9000, "\u0100\u024f" * 12000 + "я" * 10, "x\U0001f600" * 15000]:
        assert S._script_counts(text, CB.char_bytes(text)) == S._script_counts(text)
