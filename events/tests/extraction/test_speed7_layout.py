"""Speed round 7 shortcuts of normalize, segment and merge, each compared with
the plain form it replaces, on the corpus and on made-up cases."""

from __future__ import annotations

import pytest

from events.extraction import charbytes as CB
from events.extraction import normalize as N
from events.tests.extraction import corpus

ODD = "\u00a0\u2000\u2009\u202f\u3000\t\r\f\u2011\u2010\u200b\u00ad\ufeff"
DAMAGED = [
    "",
    "а",
    "x а y",
    "organisé а Moscou, à Paris ã b",
    "ab в cd",
    "я b, 12 c",
    "Èстория ãã. annйes organisé а Moscou 21.Х.1928 ХХ съезд",
    "слово " * 30 + "а" + " mot" * 30,
    "mot " * 30 + "а" + " слово" * 30,
    "a" * 70 + " в " + "b" * 70,
    "в\nb\n\nа c б\u00e0 d ñ",
    f"a{ODD}b\nслово{ODD}1 Èстория",
]


@pytest.mark.parametrize("every", [0, 1 << 62])  # always patched / always made anew
@pytest.mark.parametrize("text", [corpus.raw("002"), corpus.raw("004"), corpus.raw("001")[:200000]] + DAMAGED)
def test_bytes_of_a_repaired_text_are_its_char_bytes_both_ways(text, every, monkeypatch):
    """``_repaired`` writes the bytes of a repaired text anew or patches
    the raw text's repair by repair: both are the repaired text's bytes."""
    monkeypatch.setattr(N, "_REPAIRS_PER_REENCODING", every)
    repaired, encoded = N._repaired(text)
    assert type(encoded) is bytes
    assert encoded == CB.char_bytes(repaired)


def test_a_damaged_corpus_text_takes_the_reencoding_way_and_a_clean_one_the_patches(monkeypatch):
    """(The two ways above are both taken on the corpus.)"""
    encoded_anew = []
    real = N.encode_char_bytes

    def spy(text):
        encoded_anew.append(len(text))
        return real(text)

    monkeypatch.setattr(N, "encode_char_bytes", spy)
    for key in ("001", "002"):
        encoded_anew.clear()
        raw = corpus.raw(key)
        repaired, _ = N._repaired(raw)
        assert repaired != raw
        # the raw text's bytes first, then the repaired text's if made anew
        assert encoded_anew.count(len(repaired)) == (2 if key == "002" else 1)


def _lone_spans(text):
    """Every span ``_repaired`` asks the neighbours about, and more: the
    lone Latin-1 runs, the lone Cyrillic letters, and every letter."""
    spans = [(a, a + len(run)) for a, run in N._lone_runs(text, N._LATIN1_RUN_RE)]
    spans += [(a, a + 1) for a, _ in N._lone_runs(text, N._CYR_SINGLE_LETTER_RE)]
    spans += [(i, i + 1) for i, ch in enumerate(text[:3000]) if ch.isalpha()]
    return spans


@pytest.mark.parametrize("text", [corpus.raw("002"), corpus.raw("004")[:30000]] + DAMAGED)
def test_neighbours_read_right_first_say_what_the_whole_vote_says(text):
    spans = _lone_spans(text)
    assert spans or len(text) < 2 or not any(map(str.isalpha, text))
    for start, end in spans:
        vote = N._script_of_neighbours(text, start, end)
        for script in ("cyr", "lat"):
            assert N._neighbours_say(text, start, end, script) == (vote == script), (text[start - 60:end + 60], script)


def test_neighbours_vote_reads_both_sides_when_the_right_word_agrees():
    # right word Latin, left word Cyrillic: a tie, neither script
    assert N._script_of_neighbours("слово а mot", 6, 7) == ""
    assert not N._neighbours_say("слово а mot", 6, 7, "lat")
    assert not N._neighbours_say("слово а mot", 6, 7, "cyr")
    assert N._neighbours_say("word а mot", 5, 6, "lat")
    # no word on the right: the left one decides
    assert N._neighbours_say("word а", 5, 6, "lat")
    assert N._neighbours_say("слово а", 6, 7, "cyr")


def _script_counts_by_regex(s):
    """Cyrillic and Latin letters of ``s``, counted as runs of a regex."""
    import re

    cyrillic = re.findall("[\u0400-\u04ff]+", s)
    latin = re.findall("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+", s)
    return sum(map(len, cyrillic)), sum(map(len, latin))


@pytest.mark.parametrize("text", [
    "Письмо И. В. Сталину, 12 мая 1927 г.",  # no lead byte C3 or C9 at all
    "3×4 ÷ 2 и à la",  # C3: the two signs taken off, "à" kept
    "ɀ ɏ ɐ Ā",  # C9 without C3
    "×÷", "ɐ", "é", "Ж" * 19999, "a×" * 9000 + "ɏ",
    "".join(map(chr, range(0xC0, 0x260))),
])
def test_script_counts_with_the_rare_letters_asked_only_when_their_lead_byte_is_there(text):
    from events.extraction import segment as S

    assert S._script_counts(text) == _script_counts_by_regex(text)


@pytest.mark.parametrize("key", sorted(corpus.FILES))
def test_script_counts_of_corpus_lines_are_the_letter_counts(key):
    from events.extraction import segment as S

    lines = [line for line in corpus.raw(key).split("\n") if line.strip()][:3000]
    assert [S._script_counts(line) for line in lines] == list(map(_script_counts_by_regex, lines))


# --------------------------------------------------------------------------
# entities: the first sight of a name


def _every_character():
    return [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]


def test_squashed_is_the_whitespace_regex_for_every_character():
    """``_squashed`` skips the substitution for printable text with no two
    spaces in a row: no character but " " is both printable and
    whitespace to the regex, and " " alone is left as it is."""
    import re

    from events.extraction import entities as E

    space = re.compile(r"\s+")
    for ch in _every_character():
        for text in (ch, f"Л.{ch}Троцкий", f"a {ch}", f"{ch}{ch}"):
            assert E._squashed(text) == space.sub(" ", text), repr(text)


@pytest.mark.parametrize("text", [
    "", " ", "  ", "Л. Д. Троцкий", "Л.  Д. Троцкий", "Л.\tД.", "Л.\nД.", "Л.\u00a0Д.", "Л.\u2009Д.",
    " Троцкий ", "a\u2028b", "a\x1cb", "J.V. Staline", "A.\u200bB.",
])
def test_squashed_names_are_the_regex_ones(text):
    from events.extraction import entities as E

    assert E._squashed(text) == E._SPACE.sub(" ", text)


@pytest.mark.parametrize("raw", [
    "", "Л", "Л.", "Л. Д.", "Л.Д.", "Ив. Н.", "J.V.", "Ch. de", "А. Б. В. ", "ab", "Л Д", "ЛД.", "И. В.-",
])
def test_initials_written_with_one_join_are_the_letters_each_with_its_dot(raw):
    from events.extraction import entities as E

    assert E._initials(raw) == " ".join(f"{c}." for c in E._INITIAL_LETTERS.findall(raw))


def test_names_of_the_corpus_people_lists_read_as_before():
    """The canonical names of the corpus people lists and of the initials
    + surname names of the corpus texts, with the spaces squashed and the
    initials written as first written."""
    from events.extraction import entities as E

    names = []
    for key in sorted(corpus.FILES):
        text = corpus.normalized(key).text
        names += [text[a:b] for a, b, _, _ in E._initials_first(text)]
    assert len(names) > 500
    for name in names:
        variant = E._SPACE.sub(" ", name).strip(" ,;")
        assert E._squashed(name).strip(" ,;") == variant
        m = E._INITIALS_THEN_SURNAME.fullmatch(variant)
        if m is not None and m.group(1):
            assert E._initials(m.group(1)) == " ".join(f"{c}." for c in E._INITIAL_LETTERS.findall(m.group(1)))


@pytest.mark.parametrize("quote, looked_up", [
    # no name found: every capitalised word is looked up
    ("Троцкий говорил со Сталиным в Москве.", ["Троцкий", "Сталиным", "Москве"]),
    # the words of a name found are not looked up again
    ("Л. Д. Троцкий говорил со Сталиным.", ["Сталиным"]),
    ("Сталин И. В. писал Молотову, тов. Зиновьев молчал.", ["Молотову"]),
    ("", []),
])
def test_find_looks_up_the_capitalised_words_outside_the_names_found(quote, looked_up, monkeypatch):
    from events.extraction import entities as E

    idx = E.PeopleIndex()
    idx.add("Л. Д. Троцкий")
    asked = []  # the words looked up by ``find`` itself (not for a name's key)
    in_person_key = []
    real_key, real_person_key = E.surname_key, E.person_key

    def surname_key(word):
        if not in_person_key:
            asked.append(word)
        return real_key(word)

    def person_key(canonical):
        in_person_key.append(canonical)
        try:
            return real_person_key(canonical)
        finally:
            in_person_key.pop()

    monkeypatch.setattr(E, "surname_key", surname_key)
    monkeypatch.setattr(E, "person_key", person_key)
    found = idx.find(quote)
    assert asked == looked_up
    assert ("Л. Д. Троцкий" in found) == ("Троцкий" in quote)


# --------------------------------------------------------------------------
# normalize: the kept runs of a line losing doubled spaces


def _kept_runs_by_regex(text, a, b):
    """The kept runs as first found: the matches of a regex, from a
    non-space on over non-spaces and single spaces, and one space more."""
    import re

    runs = list(re.compile(r"[^ ](?:[^ ]| (?! ))* ?").finditer(text, a, b))
    return [m.start() for m in runs], [m.group() for m in runs]


def _lines_with_doubled_spaces(rng, n):
    out = []
    for _ in range(n):
        words = [rng.choice(("a", "bc", "слово", "x.", "1", "—", "é")) for _ in range(rng.randrange(1, 8))]
        line = words[0]
        for w in words[1:]:
            line += " " * rng.choice((1, 1, 2, 3, 5)) + w
        out.append(line)
    return out


@pytest.mark.parametrize("seed", range(20))
def test_kept_runs_found_by_find_are_the_regex_runs(seed):
    import random

    rng = random.Random(seed)
    lines = _lines_with_doubled_spaces(rng, 30)
    text = "\n".join(lines) + "\n"
    content = N._Content(text, N._Lines(text), [], [], CB.char_bytes(text))
    assert not content.invisible
    pos = 0
    for line in lines:
        # the line's content, and the same less its last character (a
        # dropped hyphen), parts ending after a run of spaces or inside one
        ends = {pos + len(line), pos + len(line) - 1, pos + line.rfind(" ") + 1}
        if "  " in line:
            ends |= {pos + line.find("  ") + 1, pos + line.find("  ") + 2}
        for b in ends:
            if b > pos:
                got = ([], [])
                content.pieces(pos, b, *got)
                assert got == _kept_runs_by_regex(text, pos, b), repr(text[pos:b])
        pos += len(line) + 1
