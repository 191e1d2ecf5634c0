"""Work the event builder and the sentence splitter spare (speed round 7)
changes no sentence and no event: each shortcut is compared with the plain
way on real files and on generated or made-up text built to hit its edges."""

from __future__ import annotations

import random

import pytest

from events.extraction import build, sentences
from events.extraction.build import EventBuilder, build_events
from events.extraction.dates import find_dates
from events.extraction.sentences import sentence_spans, sentences_at
from events.tests.extraction import corpus
from events.tests.extraction.test_sentences import _holding
from events.tests.extraction.test_speed_gates_sents import _PIECES as _SENTENCE_PIECES

# Window sizes from "every position opens a window and every sentence grows
# it back" to the real ones; a space looked for only 3 chars back makes
# many windows start at the paragraph's start.
_WINDOWS = [(1, 1, 1000), (1, 30, 3), (7, 15, 1000), (40, 90, 1000), (sentences._WINDOW_BACK, sentences._JUMP,
                                                                       sentences._SPACE_REACH)]


def _long_generated(seed: int, count: int = 40) -> list[str]:
    """Paragraphs of a few thousand chars of razdel's hard cases (marks,
    smileys, abbreviations, list items, spaces of every kind), some long
    stretches without a space."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(50, 900)):
            parts.append(rng.choice(_SENTENCE_PIECES))
            parts.append(rng.choice(["", " ", " ", " ", "\n", "x" * rng.randint(0, 40) if rng.random() < 0.05 else ""]))
        texts.append("".join(parts))
    return texts


def _positions(rng: random.Random, text: str, count: int) -> list[int]:
    return sorted(p for p in rng.sample(range(len(text)), min(count, len(text))) if not text[p].isspace())


def _with_window(monkeypatch, back: int, jump: int, reach: int) -> None:
    monkeypatch.setattr(sentences, "_WINDOW_BACK", back)
    monkeypatch.setattr(sentences, "_JUMP", jump)
    monkeypatch.setattr(sentences, "_SPACE_REACH", reach)


@pytest.mark.parametrize("window", _WINDOWS)
def test_sentences_found_in_windows_of_candidates_are_those_of_the_whole_split(window, monkeypatch):
    _with_window(monkeypatch, *window)
    rng = random.Random(sum(window))
    for text in _long_generated(7):
        spans = sentence_spans(text)
        for count in (1, 5, 40, 400):
            positions = _positions(rng, text, count)
            assert sentences_at(text, positions) == _holding(spans, positions), (text, positions)


@pytest.mark.parametrize("window", _WINDOWS)
@pytest.mark.parametrize("key", ["001", "004"])
def test_sentences_found_in_windows_of_candidates_are_those_of_the_whole_split_on_the_corpus(key, window,
                                                                                           monkeypatch):
    text = corpus.normalized(key).text[:400000]
    spans = sentence_spans(text)
    _with_window(monkeypatch, *window)
    positions = _positions(random.Random(3), text, 3000)
    assert sentences_at(text, positions) == _holding(spans, positions)


def test_a_window_lists_only_the_candidates_near_the_positions_asked(monkeypatch):
    text = corpus.normalized("001").text[:400000]
    listed = []
    real_pull = sentences._Candidates._pull

    def counted(self):
        listed.append(1)
        return real_pull(self)

    monkeypatch.setattr(sentences._Candidates, "_pull", counted)
    sentences_at(text, _positions(random.Random(5), text, 200))
    assert 200 < len(listed) < len(sentences._open_candidate_spans(text)) / 3


# -- the order of is_usable's tests ------------------------------------------

def _usable_in_the_plain_order(self, m, mentions, sentence, cs, doc_date, lang, refs):
    """``EventBuilder.is_usable`` with its tests in the order they were
    written (speed round 6), before the cheap ones that often hold were
    moved first."""
    if not m.edtf or (refs and any(a <= m.start < b for a, b in refs)):
        return False
    ms, me = self.to_raw(cs + m.start, cs + m.end)
    if self.where.is_blocked(ms, me) or build.is_non_event_date(sentence, m.start, m.end, lang) \
            or build.is_membership_date(sentence, m.start, m.end, m.edtf, lang) \
            or build.is_stative_span(sentence, m.start, m.end, m.edtf, lang):
        return False
    others = [(o.start, o.end) for o in mentions if o is not m]
    if build.is_joining_date(sentence, m.start, m.end, m.edtf, lang, others) \
            or build.names_a_group(sentence, m.start, m.end, m.edtf, lang) \
            or build.is_decade_frame(sentence, m.start, m.end, m.edtf, lang) \
            or build.in_quoted_title(sentence, m.start, m.end, m.edtf):
        return False
    if self.repeats_document_date(sentence, m, ms, me, doc_date, lang):
        return False
    if self.is_ahead_of_document(sentence, m, doc_date, lang):
        return False
    if build.told_in_the_future(sentence, m.start, m.end, others, lang):
        return False
    return not build.in_purpose_clause(sentence, m.start, m.end, others, lang)


# Sentences where each of is_usable's tests rules a date out (and some it
# keeps), put into made-up documents with the pieces of round 6.
_UNUSABLE = [
    "Иванов родился в 1899 г. и был арестован в 1928 г.",
    "Член ВКП(б) с 1917 г. Иванов был выслан 5 мая 1928 г.",
    "В 1925 г. он работал в Москве, а 3 мая 1928 г. был арестован.",
    "Вступил в партию в 1919 г., исключен 12 ноября 1927 г.",
    "Оппозиция 1923 года выступила 7 ноября 1927 г.",
    "В 20-е годы шли аресты, 5 мая 1928 г. был арестован Иванов.",
    "Статья «Октябрь 1917 года» вышла 5 мая 1928 г.",
    "20-го апреля откроется съезд, 5 мая 1928 г. был арестован Иванов.",
    "Чтобы в смету 1925–1926 гг. внести поправки, 5 мая 1928 г. собрали совещание.",
    "Завтра, 5 мая, начнется съезд.",
    "(Принято Политбюро ЦК 28 октября 1929 г.)",
    "28 октября 1929 г.",
]


def _sources_with_every_test(monkeypatch):
    from events.tests.extraction import test_speed6_build as six

    monkeypatch.setattr(six, "_PIECES", six._PIECES + _UNUSABLE)
    rng = random.Random(7)
    made_up = [six._made_up_source(rng) for _ in range(250)]
    real = [(corpus.raw(key), corpus.layout(key), corpus.normalized(key)) for key in ("000", "002", "004")]
    return made_up + real


def test_is_usable_judges_every_date_as_its_tests_in_the_plain_order_do(monkeypatch):
    sources = _sources_with_every_test(monkeypatch)
    verdicts = []
    fast = EventBuilder.is_usable

    def both(self, *args):
        verdict = fast(self, *args)
        assert verdict == _usable_in_the_plain_order(self, *args), args[:3]
        verdicts.append(verdict)
        return verdict

    monkeypatch.setattr(EventBuilder, "is_usable", both)
    events = [build_events(raw, layout, norm, find_dates) for raw, layout, norm in sources]
    assert sum(map(len, events)) > 300
    assert 500 < verdicts.count(True) and 300 < verdicts.count(False)


def test_each_of_is_usable_tests_rules_out_some_date_of_the_made_up_sources(monkeypatch):
    """The comparison above sees every test decide: each one, alone, finds
    dates to rule out in the sources."""
    sources = _sources_with_every_test(monkeypatch)
    names = ["is_non_event_date", "is_membership_date", "is_stative_span", "is_joining_date", "names_a_group",
             "is_decade_frame", "in_quoted_title", "told_in_the_future", "in_purpose_clause"]
    held = dict.fromkeys(names, 0)
    for name in names:
        real = getattr(build, name)

        def counted(*args, real=real, name=name):
            found = real(*args)
            held[name] += bool(found)
            return found

        monkeypatch.setattr(build, name, counted)
    monkeypatch.setattr(EventBuilder, "is_usable", _usable_in_the_plain_order)
    for raw, layout, norm in sources:
        build_events(raw, layout, norm, find_dates)
    assert all(held.values()), held
