"""The sentence splitter's shortcuts draw razdel's boundaries, no others:
each is compared with razdel (or with the work it spares) on the corpus
and on generated text full of marks, smileys, abbreviations and cases."""

from __future__ import annotations

import random
import re

import pytest
from razdel import sentenize
from razdel.segmenters.sentenize import LAST_TOKEN, PAIR_SOKR

from events.extraction import sentences
from events.extraction.sentences import (
    WINDOW, _candidate_spans, _joins, _open_candidate_spans, sentence_spans, sentences_at,
)
from events.tests.extraction import corpus
from events.tests.extraction.test_sentences import _holding

# Pieces that make razdel's rules fire: sentence ends, abbreviations
# (single, paired, heads), initials, list items, quotes and brackets after
# an ending, dashes, smileys, lower- and upper-case words, digits, and
# characters where Python's notions of letter, digit and space part.
_PIECES = [
    "Он", "приехал", "в", "Москву", "ЦК", "Троцкий", "И", "Ёлки", "ёлки", "été", "École", "Straße",
    "der", "ΑΒΓ", "αβγ", "x_y", "_", "²", "٣", "1923", "5", "IV", "а", "б", "§",
    ".", ".", ".", ". ", ". ", "?", "!", "…", ";", ",", ":", "—", "–", "-", "«", "»", "„", "“", "”",
    "’", "'", '"', "(", ")", "[", "]", "{", "}",
    ":)", ";-(", "=)", ":-))", ";))", ":(((", "::)", ";;)", "=;)",
    "т. е.", "т.е.", "и т. д.", "г.", "гг.", "ст.", "см.", "Л. Д.", "И.В.", "M.", "Mr.", "т. н.",
    "1923 г.", "5г.", "(г.", "т. г.", "с. г.", "с.г.", "к. т.", "в г.", "X.", "_Л.", "3Л.", "ЛД.", "É.", "Ж .",
    "тов.", "Тов.", "ТОВ.", "тОв.", "xтов.", "тов1.", "стр.", "т.стр.", "(1923)", "«Да»", "Да.»", "(Да.)", "Да!)",
    "да\"", "„да“", "'да'", "да.\"", "да .\"", "[1]", "{x}", "да’",
    " ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2009", "\u3000",
]


def _generated(seed: int, count: int = 300, length: int = 60) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) + rng.choice(["", " ", " ", "\n"]) for _ in range(rng.randint(1, length)))
            for _ in range(count)]


def _razdel_spans(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.stop) for s in sentenize(text) if s.stop > s.start]


@pytest.mark.parametrize("seed", range(6))
def test_generated_text_splits_like_razdel(seed):
    for text in _generated(seed):
        assert sentence_spans(text) == _razdel_spans(text), text


@pytest.mark.parametrize("seed", range(3))
def test_sentences_at_on_generated_text_gives_razdels_sentences(seed):
    rng = random.Random(seed)
    for text in _generated(seed + 100, count=150):
        spans = _razdel_spans(text)
        positions = sorted(p for p in rng.sample(range(len(text)), min(5, len(text))) if not text[p].isspace())
        assert sentences_at(text, positions) == _holding(spans, positions), text


def _texts():
    return [corpus.normalized("002").text, corpus.raw("004"), corpus.normalized("001").text[:200000],
            *_generated(42, count=200)]


def test_left_out_candidates_always_join():
    """A candidate ``_open_candidate_spans`` leaves out joins its sentence
    whatever the sentence's start (razdel's list-item rule is the only one
    that looks at it), so the verdicts of the others do not change."""
    left_out = kept = 0
    for text in _texts():
        all_spans = _candidate_spans(text)
        open_spans = _open_candidate_spans(text)
        assert set(open_spans) <= set(all_spans)
        opened = set(open_spans)
        for start, stop in all_spans:
            if (start, stop) in opened:
                kept += 1
                continue
            left_out += 1
            for buffer_start in {0, max(0, start - 3), max(0, start - 20), start}:
                assert _joins(text, start, stop, text[start:stop], buffer_start), (text[start - 10: stop + 10])
    assert left_out > 3000 and kept > 3000  # the gate really filters


def test_only_marks_before_a_space_and_no_lower_case_word_are_kept():
    text = "Конец. Начало 1923 г. в Москве. 5 мая. Да. т.е. мир! École? été; «Да.» (Нет.) Так :) Вот;-( и"
    kept = [text[max(0, a - 3) : b] for a, b in _open_candidate_spans(text)]
    # "г. в", "Да. т", "École? été", the dots inside "т.е." and a smiley's
    # bracket are left out; a smiley is kept whatever follows it
    assert kept == ["нец.", "кве.", "мая.", "мир!", "été;", "Да.»", "ет.)", "ак :)", "Вот;-("]


def test_a_stop_after_a_lone_capital_or_one_letter_abbreviation_is_left_out():
    text = ("Л. Д. Троцкий и ЛД. Смирнов. В 1923 г. Ленин, 5г. Мая, (г. Киев), в г. Москве, к т. Сталину, "
            "т. г. Июль, с. г. Июнь, с.г. Нет, у т.  Д. Икс. Все.")
    kept = [text[max(0, a - 4) : b] for a, b in _open_candidate_spans(text)]
    # razdel's pair rule sees "т. г", "с. г", "с.г": those are judged, as
    # are two capitals and words; the last stop has no space after it
    assert kept == ["и ЛД.", "рнов.", "т. г.", "с. г.", " с.г.", " Икс."]


def test_a_closing_mark_after_anything_but_a_sentence_ending_is_left_out():
    text = "(1923) Он «Да» Он „Нет“ Он (Да.) Он «Да!» Он \"Да\" Он 'Нет.' Он [1] Он {x}) Он. Тов. Сталину"
    kept = [text[max(0, a - 4) : b] for a, b in _open_candidate_spans(text)]
    # after a sentence ending a closing mark is judged; so are the full
    # stops of words and of longer abbreviations
    assert kept == ["(Да.)", "«Да!»", "Нет.'", ") Он.", " Тов."]


def test_lower_letters_are_lower_case_letters():
    """``_LOWER_LETTERS`` lists only characters that razdel's lower_right
    takes for a lower-case letter (``isalpha()`` and ``islower()``),
    ``_UPPER_LETTERS`` only one-letter tokens its initials_left takes for
    initials (``isupper()``), ``_HEAD_LETTERS`` only its one-letter head
    abbreviations."""
    from razdel.segmenters.sokr import HEAD_SOKRS

    lower = re.compile("[" + sentences._LOWER_LETTERS + "]")
    matched = [chr(i) for i in range(0x110000) if lower.match(chr(i))]
    assert len(matched) > 60
    assert all(c.isalpha() and c.islower() for c in matched), [c for c in matched if not c.islower()]
    upper = re.compile("[" + sentences._UPPER_LETTERS + "]")
    matched = [chr(i) for i in range(0x110000) if upper.match(chr(i))]
    assert len(matched) > 60
    assert all(c.isalpha() and c.isupper() and len(c) == 1 for c in matched), [c for c in matched if not c.isupper()]
    assert sentences._HEAD_LETTERS and all(c in HEAD_SOKRS for c in sentences._HEAD_LETTERS)


def _left_windows():
    for text in _texts()[:2] + _generated(7, count=100):
        for end in range(0, len(text), 3):
            yield text[max(0, end - WINDOW) : end]
    yield from ["", " ", "\n", "ab\n", "ab \n", "12ab", "ab12 ", "x_y ", "²³ ", "т. е", "т. е \n", "a.b",
                "a . b  ", "1.2", "_._", "é.É", ".", "a.", " .b"]


def test_last_token_read_backwards_is_razdels():
    for left in _left_windows():
        m = LAST_TOKEN.search(left)
        fast = sentences._TOKEN_AFTER_SPACES.match(left[::-1])
        assert (fast.group(1)[::-1] if fast else None) == (m.group(1) if m else None), repr(left)


def test_pair_abbreviation_read_backwards_is_razdels():
    pairs = 0
    for left in _left_windows():
        m = PAIR_SOKR.search(left)
        fast = sentences._PAIR_SOKR_REVERSED.match(left[::-1])
        assert (fast.groups()[::-1] if fast else None) == (m.groups() if m else None), repr(left)
        pairs += m is not None
    assert pairs > 50


# -- the build stage's own loop ------------------------------------------------

_SPACE_CHARACTERS = "".join(chr(i) for i in range(0x3100) if chr(i).isspace())


def test_python_and_the_regex_engine_know_the_same_spaces():
    """``squash`` splits with ``str.split``, razdel and the stage's regexes
    use ``\\s``: one set of characters."""
    spaces = re.compile(r"\s")
    assert all(bool(spaces.match(chr(i))) == chr(i).isspace() for i in range(0x110000))


@pytest.mark.parametrize("text", [
    "", " ", "  a  b  ", "\u00a0Москва,\u2009 5\tмая\n1923 г.\u3000", "a\u200bb", "x" + _SPACE_CHARACTERS + "y",
    corpus.normalized("002").text[:5000], corpus.raw("004")[:5000],
])
def test_squash_collapses_whitespace_like_the_regex(text):
    from events.extraction.build import squash

    assert squash(text) == re.sub(r"\s+", " ", text).strip()




@pytest.mark.parametrize("raw", ["", "\n", "a", "a\n", "\n\nb\n", "x\n" * 3000, corpus.raw("003")])
def test_line_numbers_are_those_of_a_table_of_line_starts(raw):
    from bisect import bisect_right

    from events.extraction.textmap import LineIndex

    index = LineIndex(raw)
    starts = [0] + [i + 1 for i, c in enumerate(raw) if c == "\n"]
    block = LineIndex.BLOCK
    offsets = {-5, -1, 0, 1, len(raw) - 1, len(raw), len(raw) + 1, len(raw) + 5000,
               *range(0, len(raw) + 2, 97), *(k * block + d for k in range(len(raw) // block + 2) for d in (-1, 0, 1))}
    for offset in sorted(offsets):
        assert index.line(offset) == bisect_right(starts, offset), offset


@pytest.mark.parametrize("key", ["002", "004"])
def test_a_sentence_starts_where_its_raw_span_starts(key):
    """``mentioned_events`` maps only a sentence's start to the raw text:
    the start ``to_raw`` gives for the whole sentence."""
    from events.extraction import build
    from events.extraction.textmap import raw_of

    raw, normalized = corpus.raw(key), corpus.normalized(key)
    builder = build.EventBuilder(raw, corpus.layout(key), normalized, lambda *a: [])
    spans = list(build.iter_sentences(normalized.text))
    assert len(spans) > 100
    for cs, ce in spans:
        assert raw_of(normalized, cs, len(raw)) == builder.to_raw(cs, ce)[0]


def test_the_number_gate_read_in_place_answers_as_on_the_slice():
    from events.extraction.build import may_hold_explicit_day

    text = corpus.normalized("004").text[:40000] + " 12 34 5 x6 7\n89"
    rng = random.Random(3)
    bounds = [(rng.randrange(len(text)), rng.randrange(200)) for _ in range(3000)]
    bounds += [(len(text) - 5, 5), (len(text) - 2, 10), (0, 0), (3, 0)]
    answers = set()
    for start, width in bounds:
        end = start + width
        assert may_hold_explicit_day(text, start, end) == may_hold_explicit_day(text[start:end]), (start, end)
        answers.add(may_hold_explicit_day(text[start:end]))
    assert answers == {True, False}
    assert may_hold_explicit_day("12 34") and not may_hold_explicit_day("1234") and not may_hold_explicit_day("")


def _sets_running_year_by_listing(sentence, m, lang, current=None):
    """``EventBuilder.sets_running_year`` as written before: every word
    before the date listed."""
    from events.extraction import build
    from events.extraction.triggers import table

    if sentence.rfind("(", 0, m.start) > sentence.rfind(")", 0, m.start):
        return False
    before = build._WORD_RE.findall(sentence[: m.start].lower())
    if len(before) <= 1 or before[-1] in table(lang).year_context_words:
        return True
    if build._DAY_EDTF.match(m.edtf):
        return True
    if build._BARE_YEAR_EDTF.fullmatch(m.edtf):
        return False
    year = build.year_of(m.edtf)
    return current is None or (year is not None and year >= current)


def _opens_story_by_listing(sentence, m):
    from events.extraction import build

    if len(build._WORD_RE.findall(sentence, 0, m.start)) > 1:
        return False
    if sentence.rfind("(", 0, m.start) > sentence.rfind(")", 0, m.start):
        return False
    return build._CLOSING_BRACKET_AHEAD.match(sentence, m.end) is None


@pytest.mark.parametrize("lang", ["ru", "fr", "en"])
def test_the_words_before_a_date_are_judged_as_when_listed(lang):
    """``sets_running_year`` and ``opens_story`` look only at the last
    word and at whether there is a second: the answers of listing them all,
    at every few characters of real sentences and odd ones (a capital whose
    lower case is two characters, digits and underscores between words)."""
    from events.extraction.build import EventBuilder, iter_sentences
    from events.extraction.types import DateMention

    text = corpus.normalized("004").text[:30000]
    sentences = [text[s:e] for s, e in iter_sentences(text)][:300]
    sentences += ["В мае 1923 г.", "İstanbul 1923", "a_b 1923", "x1y 5 мая", "(в 1923) г.", "  1923", "",
                  "весной 1923", "Летом того же 1923 года", "en mai 1923", "in May 1923", "le 1er mai 1923"]
    checked = 0
    for sentence in sentences:
        for start in range(0, len(sentence) + 1, 5):
            for edtf in ("1923", "1923-05", "1923-05-01", "1923~"):
                m = DateMention(start=start, end=min(len(sentence), start + 4), text="1923", edtf=edtf)
                for current in (None, 1920, 1930):
                    assert EventBuilder.sets_running_year(sentence, m, lang, current) \
                        == _sets_running_year_by_listing(sentence, m, lang, current), (sentence[:start], edtf)
                assert EventBuilder.opens_story(sentence, m) == _opens_story_by_listing(sentence, m)
                checked += 1
    assert checked > 10000
