"""More of the date finder's speed shortcuts: each gives the answer of the
plain form it replaces, on made-up tricky text and on real files."""

from __future__ import annotations

import random
import re

import pytest

from events.extraction import dates, resources
from events.tests.extraction import corpus

LANGS = tuple(resources.LANGUAGES)

# Characters beyond the BMP of each kind: a letter, a decimal digit, a sign.
ASTRAL = ["\U0001d400", "\U0001d7ce", "\U0001f600", "\U00010400"]

# Pieces of text that anchors, dates and near-misses are made of: words glued
# to digits, letters and astral characters, Roman centuries, dashes, slashes.
PIECES = [
    "мая", "Мая", "МАЯ", "вмае", "майский", "в мае", "1мая", "мая1923", "5 мая 1923 г.", "1923", "1923-1925",
    "15-16 гг.", "20-е", "1.02.23", "14/Х-32", "XIX века", "ХIX1века", "с. г.", "с.г.", "того же года", "вчера",
    "через\nнеделю", "весной", "Осенью", "начале", "в конце 1932", "около", "12", "123", "12345", "№ 178/с 3 ноября",
    "le 3 mai 1921", "en 1929", "hier", "May 3, 1931", "the 1930s", "les années 30", "Mars", "Maison",
    " ", " ", " ", "\n", ", ", ". ", "-", "—", "/", "(", ")", "«", "»", "_", "x", "Ж", "1", "7",
] + ASTRAL


def _tricky_texts(count: int = 60, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) for _ in range(count)]


TEXTS = _tricky_texts() + [
    "", "1", "мая", "мая 5", "1мая", "\U0001d400мая", "\U0001d7ce мая", "\U0001f600мая 1\U0001d7ce23",
    "\U0001d7ce1923", "1\U0001d7ce.5", "a\U0001d400 1923 г.", "\U0001f6001923 г.", "\U0001d4006 мая 1923 г.",
]


@pytest.mark.parametrize("category", [dates._NON_LETTER, dates._DIGIT, dates._BEFORE_DATE])
def test_spelled_out_class_holds_the_bmp_characters_of_its_category(category):
    """Every character of the Basic Multilingual Plane is in the written-out
    class exactly when it is in the category; beyond it, all are."""
    spelled = re.compile(dates._spelled_class(category.pattern))
    plane = "".join(map(chr, range(0x10000)))
    assert spelled.findall(plane) == category.findall(plane)
    assert all(spelled.fullmatch(ch) for ch in ASTRAL)


@pytest.mark.parametrize("category", [dates._NON_LETTER, dates._DIGIT, dates._BEFORE_DATE])
def test_search_from_a_spelled_out_class_finds_what_the_category_finds(category):
    """Astral letters, digits and signs are passed over or kept as the
    category says, from every start and up to every end."""
    spelled = re.compile(dates._spelled_class(category.pattern) + "x?")
    plain = re.compile(category.pattern + "x?")
    text = "ab" + "".join(ASTRAL) + "x 1_\U0001d400x" + ASTRAL[1] + "x/y"
    for pos in range(len(text) + 1):
        for end in range(pos, len(text) + 1):
            got = dates._search_from_class(spelled, category, text, pos, end)
            want = plain.search(text, pos, end)
            assert (got and got.span()) == (want and want.span())


def _searched_anchors(text: str, step: int) -> list[tuple[int, int]]:
    """(pos, answer) of a finder asked at rising positions ``step`` apart, and
    right after each answer, the way ``sentences_found_by`` asks."""
    next_at = dates.date_anchor_finder(text)
    out, pos = [], 0
    while pos <= len(text):
        found = next_at(pos)
        out.append((pos, found))
        if found < 0:
            break
        pos = max(pos + step, found + 1)
    return out


def _plain_anchors(text: str, step: int) -> list[tuple[int, int]]:
    pattern = dates.anchor_pattern(LANGS)
    out, pos = [], 0
    while pos <= len(text):
        m = pattern.search(text, pos)
        found = m.start() if m else -1
        out.append((pos, found))
        if found < 0:
            break
        pos = max(pos + step, found + 1)
    return out


@pytest.mark.parametrize("step", [1, 3, 40])
def test_anchor_finder_answers_like_the_anchor_regex_on_tricky_text(step):
    """Digits and words glued together, astral characters before and inside anchors."""
    for text in TEXTS:
        assert _searched_anchors(text, step) == _plain_anchors(text, step), text


@pytest.mark.parametrize("key", ["001", "003", "004"])
def test_anchor_finder_answers_like_the_anchor_regex_in_the_corpus(key):
    text = corpus.normalized(key).text[:300000]
    assert _searched_anchors(text, 250) == _plain_anchors(text, 250)


@pytest.mark.parametrize("lang", LANGS)
def test_scanner_with_a_spelled_out_first_class_finds_the_master_search(lang):
    """The scanner's first character (any non-word character but "/") is
    written out; with astral characters around dates it still finds what
    the master regex finds from every position."""
    engine = dates._engine(lang)
    texts = [t for t in TEXTS if len(t) < 200][:25]
    for text in texts:
        for pos in range(len(text) + 1):
            m, start, _ = dates._next_date_match(engine, text, pos)
            plain = engine.master.search(text, pos)
            assert (m and (start, m.lastgroup)) == (plain and (plain.start(), plain.lastgroup)), (text, pos)


def _flat_root(trie, script=None):
    return dates._trie_regex(trie, "")


def _resource_word_lists():
    """Every list of words the engines build a trie of, by language."""
    for lang in LANGS:
        res = resources.load("dates", lang)
        for key, value in sorted(res.items()):
            if isinstance(value, dict):
                words = [w for ws in value.values() if isinstance(ws, list) for w in ws] or list(value)
            elif isinstance(value, list):
                words = value
            else:
                continue
            words = [str(w) for w in words if str(w).strip()]
            if words:
                yield f"{lang}.{key}", words


@pytest.mark.parametrize("script", [None, "LATIN", "CYRILLIC"])
@pytest.mark.parametrize("name,words", list(_resource_word_lists()))
def test_trie_with_rare_first_letters_behind_one_test_matches_like_the_flat_trie(name, words, script,
                                                                                  monkeypatch):
    """Capitals (and small letters of other scripts than ``script``) behind
    one test: every spelling (and every longer or shorter near-miss) is
    matched to the same end, alone and when more must follow (preference
    order)."""
    grouped = dates._alt(words, abbreviation=True, script=script)
    monkeypatch.setattr(dates, "_root_regex", _flat_root)
    flat = dates._alt(words, abbreviation=True)
    spellings = sorted({v for w in words for v in dates._variants(w)})
    probes = [s + tail for s in spellings for tail in ("", ".", " 1923", "а", "x", "-")] + [s[:-1] for s in spellings]
    probes += [s.swapcase() for s in spellings] + [s[:1] + s[1:].upper() for s in spellings]
    for form in ("{}", r"{}\s*\d+", r"{}(?=\.)"):
        a, b = re.compile(form.format(grouped)), re.compile(form.format(flat))
        for probe in probes:
            ma, mb = a.match(probe), b.match(probe)
            assert (ma and ma.span()) == (mb and mb.span()), (name, probe)


@pytest.mark.parametrize("lang", LANGS)
def test_engine_with_capitals_behind_one_test_finds_the_same_dates(lang, monkeypatch):
    """The whole scanner, built with flat tries, on the edge cases and a file."""
    from events.tests.extraction.test_speed_gates_dates import EDGE_CASES

    key = {"ru": "001", "fr": "004", "en": "003"}[lang]
    texts = [EDGE_CASES[lang], EDGE_CASES[lang].upper(), EDGE_CASES[lang].title(), corpus.normalized(key).text[:100000]]
    grouped = dates._engine(lang)
    monkeypatch.setattr(dates, "_root_regex", _flat_root)
    flat = dates._Engine(lang)
    for text in texts:
        a = [(m.span(), m.lastgroup) for m in grouped.scanner.finditer(text)]
        assert a == [(m.span(), m.lastgroup) for m in flat.scanner.finditer(text)]
        assert len(a) >= 5


@pytest.mark.parametrize("script", sorted(dates._anchor_scripts(LANGS)))
def test_every_form_of_the_word_search_finds_the_same_anchors(script, monkeypatch):
    """Whichever script a text is taken to be in, the anchors are the same."""
    texts = TEXTS + [t.upper() for t in TEXTS] + [corpus.normalized("004").text[:100000],
                                                  corpus.normalized("003").text[:100000]]
    monkeypatch.setattr(dates, "_main_script", lambda text, langs: script)
    for text in texts:
        assert _searched_anchors(text, 5) == _plain_anchors(text, 5), text


def test_main_script_is_the_script_of_the_text():
    assert dates._main_script("Письмо Сталина Молотову от 6 сентября 1923 г.", LANGS) == "CYRILLIC"
    assert dates._main_script("Le 15 février 1932 il fut arrêté à Paris.", LANGS) == "LATIN"
    assert dates._main_script("", LANGS) in dates._anchor_scripts(LANGS)


def test_month_length_is_the_calendar_modules():
    import calendar

    for year in range(1400, 2200):
        for month in range(1, 13):
            assert dates._month_len(year, month) == calendar.monthrange(year, month)[1]
    with pytest.raises(calendar.IllegalMonthError):
        dates._month_len(1923, 13)
