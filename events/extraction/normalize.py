"""Stage 1: turn a PDF-extracted source text into clean analysable text.

The sources are text dumps of printed pages. Before anything can be read from
them, layout has to go: a blank line after every line, words split at line
ends, page and column breaks, footnote markers glued to words, footnote bodies
dropped into the running text, odd spaces, and characters of the wrong script
(Cyrillic stored through the wrong code page, Latin look-alikes inside Russian
words and vice versa).

Every later stage analyses ``NormalizedText.text`` but must cite the file as it
is on disk, so the cleaning keeps an offset map: ``to_source`` and
``source_span`` turn a position in the cleaned text back into a position in the
raw text. The map is a short list of breakpoints (one per kept run of raw
characters), searched with ``bisect``, so it stays small even for a 3 MB file.

Shape of the cleaned text: one paragraph (or heading, signature, footnote) per
line. Line-end hyphens are resolved, spaces collapsed, glued footnote markers
removed. Footnote bodies that interrupt a paragraph are moved after it (their
characters still map back to where they are on disk), and their raw spans are
listed in ``NormalizedText.footnotes``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import add, itemgetter, sub

from . import resources
from .charbytes import (CLASS_BYTE, CYRILLIC_LETTERS, INVISIBLE_CHARS, LATIN_LETTERS, ODD_SPACES, OTHER_REPLACED,
                        char_bytes as encode_char_bytes, class_translation, find_all, mostly_unknown)
from .morph import analyzer

# --------------------------------------------------------------------------
# The result


class NormalizedText:
    """Cleaned text plus the map back to the raw text it came from."""

    __slots__ = ("raw", "text", "repaired", "footnotes", "_clean_starts", "_raw_starts", "_by_raw", "_length",
                 "_repaired_lines", "_repaired_bytes")

    def __init__(self, raw: str, text: str, clean_starts: list[int], raw_starts: list[int],
                 footnotes: list[tuple[int, int]] | None = None, repaired: str | None = None):
        self.raw = raw
        self.text = text
        self._length = len(text)
        # The raw text after the one-for-one character repairs only: same
        # length and line structure as ``raw``, for stages that work on lines.
        self.repaired = repaired if repaired is not None else raw
        self.footnotes: list[tuple[int, int]] = footnotes or []
        self._clean_starts = clean_starts
        self._raw_starts = raw_starts
        self._by_raw = None
        self._repaired_lines = None
        self._repaired_bytes = None

    def take_repaired_lines(self) -> tuple[list[int], list[str]] | None:
        """The lines of ``repaired`` as normalize split them (see
        ``_Lines.split``), handed once to segment, which reads the same
        lines: None after that, or if normalize did not keep them. (Kept
        no longer than needed: the text over again, in 50,000 strings.)"""
        lines, self._repaired_lines = self._repaired_lines, None
        return lines

    def take_repaired_bytes(self) -> bytes | None:
        """``charbytes.char_bytes(repaired)``, made by normalize, handed
        once to segment, which counts the letters of each script in it:
        None after that, or if normalize did not keep it."""
        encoded, self._repaired_bytes = self._repaired_bytes, None
        return encoded

    def __repr__(self) -> str:
        return f"<NormalizedText {len(self.text)} chars from {len(self.raw)} raw>"

    def to_source(self, i: int) -> int:
        """Offset ``i`` in the cleaned text -> offset in the raw text.

        ``len(text)`` maps to just after the last raw character kept.

        Called for every date and sentence of a source (some 17,000 times
        for a 2 MB collection), so the common path is one bisect over a
        list (faster than over an ``array``) and no other call.
        """
        if i < 0 or i > self._length:
            raise IndexError(f"offset {i} outside cleaned text of length {len(self.text)}")
        k = bisect_right(self._clean_starts, i) - 1
        if k < 0:  # (never for a map made here: its first breakpoint is at 0)
            if not self._clean_starts:
                return 0
            k = 0
        return self._raw_starts[k] + (i - self._clean_starts[k])

    def to_clean(self, raw_pos: int) -> int:
        """Raw offset -> cleaned offset of that character, or (if it was
        dropped) of the next kept character in raw order; ``len(text)`` past
        the last one.

        Unlike a binary search over ``to_source`` this stays right where
        footnote bodies were moved out of the paragraph they interrupted
        (the map is then not monotonic).
        """
        if self._by_raw is None:
            clean, raw = self._clean_starts, self._raw_starts
            lens = list(map(sub, [*clean[1:], len(self.text)], clean))
            order = sorted(range(len(clean)), key=raw.__getitem__)
            self._by_raw = (
                list(map(raw.__getitem__, order)),
                list(map(clean.__getitem__, order)),
                list(map(lens.__getitem__, order)),
            )
        raws, cleans, lens = self._by_raw
        k = bisect_right(raws, raw_pos) - 1
        if k >= 0 and raw_pos < raws[k] + lens[k]:
            return cleans[k] + (raw_pos - raws[k])
        k += 1
        while k < len(raws) and lens[k] == 0:
            k += 1
        return cleans[k] if k < len(raws) else len(self.text)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Cleaned span ``[start, end)`` -> raw span covering the same characters.

        The raw end is taken from the last cleaned character, so characters
        dropped after the span (a deleted line-end hyphen, a footnote marker)
        are not pulled into the citation.
        """
        if end <= start:
            pos = self.to_source(start)
            return pos, pos
        clean, raw = self._clean_starts, self._raw_starts
        if 0 <= start and end <= self._length and clean and clean[0] <= start:
            # ``to_source`` of both ends, inline (thousands of calls per
            # source); the second search starts where the first ended.
            a = bisect_right(clean, start) - 1
            b = bisect_right(clean, end - 1, a) - 1
            return raw[a] + (start - clean[a]), raw[b] + (end - 1 - clean[b]) + 1
        return self.to_source(start), self.to_source(end - 1) + 1

    def paragraphs(self):
        """Yield ``(clean_start, clean_end, raw_start, raw_end)`` per paragraph
        (one line of the cleaned text), in cleaned-text order."""
        pos = 0
        text = self.text
        n = len(text)
        while pos <= n:
            nl = text.find("\n", pos)
            end = n if nl < 0 else nl
            if end > pos:
                rs, re_ = self.source_span(pos, end)
                yield pos, end, rs, re_
            if nl < 0:
                break
            pos = nl + 1

    def is_footnote(self, raw_offset: int) -> bool:
        """True if a raw offset lies inside a footnote body."""
        k = bisect_right(self.footnotes, (raw_offset, 1 << 62)) - 1
        return k >= 0 and self.footnotes[k][0] <= raw_offset < self.footnotes[k][1]


# --------------------------------------------------------------------------
# Language knowledge (from resources/normalize/<lang>.yaml)


@lru_cache(maxsize=None)
def _knowledge() -> dict:
    data = resources.load_all("normalize")
    keep_prefixes: set[str] = set()
    keep_suffixes: set[str] = set()
    lat2cyr: dict[str, str] = {}
    codepages: list[str] = []
    for lang_data in data.values():
        keep_prefixes.update(p.lower() for p in lang_data.get("hyphen_keep_prefixes", []) or [])
        keep_suffixes.update(s.lower() for s in lang_data.get("hyphen_keep_suffixes", []) or [])
        lat2cyr.update(lang_data.get("homoglyphs_latin_to_cyrillic", {}) or {})
        if lang_data.get("legacy_codepage"):
            codepages.append(lang_data["legacy_codepage"])
    cyr2lat = {c: l for l, c in lat2cyr.items()}
    return {
        "keep_prefixes": keep_prefixes,
        "keep_suffixes": keep_suffixes,
        "lat2cyr": lat2cyr,
        "cyr2lat": cyr2lat,
        "codepage": codepages[0] if codepages else "cp1251",
    }




# --------------------------------------------------------------------------
# Character-level repairs (one character for one: offsets do not move)

# (``ODD_SPACES``, imported from charbytes, which gives these characters
# bytes of their own: the spaces other than " ".)
_ONE_FOR_ONE = {**{c: " " for c in ODD_SPACES}, "\r": " ", "\f": " ", "\u2011": "-", "\u2010": "-"}
assert set(_ONE_FOR_ONE) == set(ODD_SPACES + OTHER_REPLACED)
# Zero-width characters and soft hyphens carry no text: they are dropped.
_INVISIBLE_CHARS = INVISIBLE_CHARS
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE_CHARS}]")

_CYR = "а-яёА-ЯЁ"
_LAT = "a-zA-Z\u00c0-\u00ff"
# Two letters of different scripts side by side: the seed of a mixed word.
_MIXED_PAIR_RE = re.compile(rf"[{_CYR}][{_LAT}]|[{_LAT}][{_CYR}]")
# Runs are written "XX*", not "X+": a pattern that opens with a plain
# character class lets the regex engine skip in C to the next place it can
# start (~40% faster over a whole text); the matches are the same.
_LATIN1_RUN_RE = re.compile(r"[\u00c0-\u00ff][\u00c0-\u00ff]*")
_WORD_RE = re.compile(
    rf"[{_CYR}{_LAT}]*(?:[{_LAT}][{_CYR}{_LAT}]*[{_CYR}]|[{_CYR}][{_CYR}{_LAT}]*[{_LAT}])[{_CYR}{_LAT}]*"
)
_WORD_RE = re.compile(r"[^\W\d_][^\W\d_]*")
# A run of Russian letters one letter long, found without visiting the
# longer runs (every Russian word) in Python.
_CYR_SINGLE_LETTER_RE = re.compile(rf"[{_CYR}](?<![{_CYR}][{_CYR}])(?![{_CYR}])")
_ROMAN_WITH_SUFFIX_RE = re.compile(r"^[IVXLCM]+[а-яё]{1,3}$")
_CYR_X_RUN_RE = re.compile("ХХ*")


def _is_numeral_context(text: str, a: int, b: int) -> bool:
    """Is the Cyrillic "Х" run at [a, b) a Roman numeral?

    Yes in a numeric date ("6/Х", "21.Х.1928", "14/Х-32") and for runs of
    two or more ("ХХ съезд"); a single "Х" elsewhere may be an initial
    ("Х. Г. Раковский").
    """
    if b - a >= 2:
        return True
    before = text[max(0, a - 3):a].replace(" ", "")
    after = text[b:b + 3].replace(" ", "")
    if len(before) >= 2 and before[-1] in "./" and before[-2].isdigit():
        return True
    return len(after) >= 2 and after[0] in "./-" and after[1].isdigit()


def _is_cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _is_ascii_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _is_latin1_letter(ch: str) -> bool:
    return "\u00c0" <= ch <= "\u00ff" and ch.isalpha()


@lru_cache(maxsize=1024)
def _decode_mojibake(ch: str, codepage: str) -> str | None:
    """A Latin-1 letter that is really a byte of a legacy code page -> its letter."""
    try:
        out = ch.encode("latin-1").decode(codepage)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return out if _is_cyr(out) else None


@lru_cache(maxsize=1024)
def _encode_mojibake(ch: str, codepage: str) -> str | None:
    """The reverse damage: a Cyrillic letter that stands for a Latin-1 byte."""
    try:
        out = ch.encode(codepage).decode("latin-1")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return out if _is_latin1_letter(out) else None


_CYRILLIC_BLOCK = frozenset(map(chr, range(0x400, 0x500)))  # the letters _is_cyr accepts
_LATIN1_LETTERS = frozenset(filter(_is_latin1_letter, map(chr, range(0xC0, 0x100))))
_ASCII_LETTERS = frozenset(filter(_is_ascii_latin, map(chr, range(128))))


@lru_cache(maxsize=None)
def _word_repair_tables(mojibake_mode: bool) -> tuple[frozenset, frozenset, dict, dict]:
    """What ``_repair_word`` reads of a word's letters, by letter, made once
    from the language data: the letters that anchor a word in Russian and
    in Latin script, and the ``str.translate`` tables that bring a word to
    each script (every letter's replacement worked out here, rather than
    for each letter of each damaged word)."""
    know = _knowledge()
    lat2cyr, cyr2lat, cp = know["lat2cyr"], know["cyr2lat"], know["codepage"]
    cyr_anchors = frozenset(ch for ch in _CYRILLIC_BLOCK if ch not in cyr2lat)
    lat_anchors = frozenset(ch for ch in _ASCII_LETTERS if ch not in lat2cyr)
    if not mojibake_mode:
        lat_anchors |= _LATIN1_LETTERS
    # To Russian: a Latin-1 letter is decoded, another non-Russian character
    # replaced by its look-alike; to Latin script, a Russian letter is
    # encoded back (in mojibake mode, or if it has no look-alike), else
    # replaced by its look-alike. A character without either stays.
    to_cyr = {ord(ch): _decode_mojibake(ch, cp) or ch for ch in _LATIN1_LETTERS}
    to_cyr.update((ord(ch), rep or ch) for ch, rep in lat2cyr.items()
                  if not _is_cyr(ch) and not _is_latin1_letter(ch))
    to_lat = {}
    for ch in _CYRILLIC_BLOCK:
        rep = _encode_mojibake(ch, cp) if mojibake_mode or ch not in cyr2lat else None
        to_lat[ord(ch)] = (rep if rep is not None else cyr2lat.get(ch)) or ch
    return cyr_anchors, lat_anchors, to_cyr, to_lat


def _repair_word(word: str, know: dict, mojibake_mode: bool) -> str:
    """Repair one mixed-script word; returns a word of the same length.

    (``know``: ``_knowledge()``, whose tables ``_word_repair_tables`` reads.)"""
    if _ROMAN_WITH_SUFFIX_RE.match(word):  # "XVс" = XV + ordinal ending
        return word
    cyr_anchors, lat_anchors, to_cyr, to_lat = _word_repair_tables(mojibake_mode)
    # Anchors: letters with no look-alike in the other script decide the word's script.
    cyr_anchor = sum(map(cyr_anchors.__contains__, word))
    lat_anchor = sum(map(lat_anchors.__contains__, word))
    latin1_damage = mojibake_mode and not _LATIN1_LETTERS.isdisjoint(word)
    if cyr_anchor > lat_anchor or (cyr_anchor == lat_anchor and (latin1_damage or cyr_anchor > 0)):
        target = "cyr"
    elif lat_anchor > cyr_anchor:
        target = "lat"
    else:
        # Only look-alikes: follow the majority of letters.
        n_cyr = sum(map(_CYRILLIC_BLOCK.__contains__, word))
        target = "cyr" if n_cyr * 2 >= len(word) else "lat"
    return word.translate(to_cyr if target == "cyr" else to_lat)


def _script_of_neighbours(text: str, start: int, end: int) -> str:
    """Script ("cyr"/"lat"/"") of the nearest whole words around a span:
    the last before it and the first after it within 60 characters (a
    one-letter word counts only if Cyrillic). Read from the text in place,
    stopping at the first word that counts on the right. (Asked of every
    lone letter of a damaged text, hundreds: the letters are looked up in
    a set, not tested by a Python call each.)"""
    votes = _left_vote(text, start) + _right_vote(text, end)
    return "cyr" if votes > 0 else "lat" if votes < 0 else ""


def _neighbours_say(text: str, start: int, end: int, script: str) -> bool:
    """``_script_of_neighbours(text, start, end) == script`` ("cyr" or
    "lat"), the word after the span read first: when it votes for the
    other script the word before can at best tie the vote, and is not
    looked for (most lone letters of a damaged text stand before a word of
    their own script)."""
    want = 1 if script == "cyr" else -1
    right = _right_vote(text, end)
    if right == -want:
        return False
    return (_left_vote(text, start) + right) * want > 0


def _left_vote(text: str, start: int) -> int:
    """The vote (see ``_word_vote``) of the last word that counts in the
    60 characters before ``start``."""
    return _word_vote(next(filter(_counts_as_neighbour, reversed(_WORD_RE.findall(text, max(0, start - 60), start))),
                           None))


def _right_vote(text: str, end: int) -> int:
    """The vote of the first word that counts in the 60 characters from
    ``end`` on: the words found one by one, as ``finditer`` finds them."""
    limit = end + 60
    m = _WORD_RE.search(text, end, limit)
    while m is not None and not _counts_as_neighbour(m.group()):
        m = _WORD_RE.search(text, m.end(), limit)
    return _word_vote(m.group() if m is not None else None)


def _word_vote(word: str | None) -> int:
    """+1 for a word mostly of Cyrillic letters, -1 for another, 0 for none."""
    if word is None:
        return 0
    return 1 if sum(map(_CYRILLIC_BLOCK.__contains__, word)) * 2 > len(word) else -1


def _counts_as_neighbour(word: str) -> bool:
    """A word of ``_script_of_neighbours``' vote: longer than one letter,
    or one Cyrillic letter."""
    return len(word) > 1 or word in _CYRILLIC_BLOCK


# --------------------------------------------------------------------------
# Whole-text questions, answered from ``charbytes.char_bytes`` (one byte per
# character, see that module): where the scripts touch, where markers may be.

# Latin "L", Russian "C": ``_MIXED_PAIR_RE``'s two classes.
_SCRIPT_CLASSES = class_translation({LATIN_LETTERS: "L", CYRILLIC_LETTERS: "C"})


def _mixed_pair_starts(text: str, char_bytes: bytes | None = None) -> list[int]:
    """Where the matches of ``_MIXED_PAIR_RE.finditer(text)`` (two letters
    of different scripts side by side) start: every such pair, left to
    right, that does not overlap the one before (a Latin letter between
    two Cyrillic ones makes one match, not two).

    Found in the letters' classes (``char_bytes``: ``charbytes.char_bytes(text)``,
    if known) rather than by the regex engine visiting every character:
    from the letters of a script that is rare in the text, each found by
    ``bytes.find`` (memchr) and its two neighbours looked at; if neither
    script is (one letter in 64 or fewer), by searching the two-byte pairs
    themselves, which costs as much as visiting a letter in 64."""
    marks = (char_bytes if char_bytes is not None else encode_char_bytes(text)).translate(_SCRIPT_CLASSES)
    for rare, other in ((b"L", b"C"), (b"C", b"L")):
        letters = find_all(marks, rare, limit=len(marks) // 64)
        if letters is not None:
            pairs = []
            for q in letters:
                if marks[q - 1:q] == other:  # ("" at q = 0)
                    pairs.append(q - 1)
                if marks[q + 1:q + 2] == other:
                    pairs.append(q)
            break
    else:  # both scripts common: two 2-byte searches
        pairs = find_all(marks, b"LC") + find_all(marks, b"CL")
    starts = []
    taken = 0  # end of the last pair
    for q in sorted(pairs):
        if q >= taken:
            starts.append(q)
            taken = q + 2
    return starts


def _mixed_words(text: str, char_bytes: bytes | None = None) -> list[tuple[int, str]]:
    """(start, word) of every letter run that mixes Cyrillic and Latin letters."""
    found: list[tuple[int, str]] = []
    last_end = -1
    n = len(text)
    for start in _mixed_pair_starts(text, char_bytes):
        if start < last_end:
            continue
        a = start
        while a > 0 and text[a - 1].isalpha():
            a -= 1
        b = start + 2
        while b < n and text[b].isalpha():
            b += 1
        found.append((a, text[a:b]))
        last_end = b
    return found


def _lone_runs(text: str, run_re: re.Pattern) -> list[tuple[int, str]]:
    """Runs matched by ``run_re`` that are whole words (no letters around)."""
    out = []
    n = len(text)
    for m in run_re.finditer(text):
        a, b = m.start(), m.end()
        if (a > 0 and text[a - 1].isalpha()) or (b < n and text[b].isalpha()):
            continue
        out.append((a, m.group()))
    return out


def _count_mojibake_words(mixed: list[tuple[int, str]], know: dict) -> int:
    cp = know["codepage"]
    n = 0
    for _, w in mixed:
        if any(_is_latin1_letter(ch) and _decode_mojibake(ch, cp) for ch in w) and any(
            _is_cyr(ch) and ch not in know["cyr2lat"] for ch in w
        ):
            n += 1
            if n >= 5:
                break
    return n


def repair_characters(raw: str) -> str:
    """One-for-one character repairs; the result has the length of ``raw``.

    * odd spaces -> space, non-breaking hyphen -> "-";
    * words mixing scripts are brought to one script: look-alike letters
      ("paз" -> "раз", "сoercitive" -> "coercitive"); in a text showing
      code-page damage (Latin-1 letters inside Cyrillic words), Latin-1
      letters inside Cyrillic words are decoded ("Èстория" -> "История",
      "ãã." -> "гг.") and Cyrillic letters inside Latin words encoded back
      ("annйes" -> "années");
    * Cyrillic "Х" used as a Roman numeral in dates and numerals -> Latin "X".
    """
    return _repaired(raw)[0]


# Each character ``_ONE_FOR_ONE`` replaces -> its replacement, as the bytes of ``charbytes.char_bytes``.
_ONE_FOR_ONE_BYTES = bytes.maketrans(
    bytes(CLASS_BYTE[ch] for ch in _ONE_FOR_ONE), bytes(CLASS_BYTE[rep] for rep in _ONE_FOR_ONE.values())
)


def _repaired(raw: str) -> tuple[str, bytes]:
    """``repair_characters(raw)`` and its ``charbytes.char_bytes``, which the
    later whole-text questions read: made once, from the raw text's, by
    the same replacements (a repaired word's bytes are written anew)."""
    know = _knowledge()
    char_bytes = encode_char_bytes(raw)
    text = raw
    present = [ch for ch in _ONE_FOR_ONE if CLASS_BYTE[ch] in char_bytes]  # byte searches: no scan of the text
    for ch in present:
        text = text.replace(ch, _ONE_FOR_ONE[ch])
    if present:  # (else the bytes stay as they are: a copy of the whole text's bytes saved)
        char_bytes = char_bytes.translate(_ONE_FOR_ONE_BYTES)
    mixed = _mixed_words(text, char_bytes)
    mojibake_mode = _count_mojibake_words(mixed, know) >= 5
    edits: dict[int, str] = {}

    repaired: dict[str, str] = {}  # a damaged text repeats its damaged words
    for start, word in mixed:
        fixed = repaired.get(word)
        if fixed is None:
            fixed = repaired[word] = _repair_word(word, know, mojibake_mode)
        if fixed != word:
            edits[start] = fixed
    if mojibake_mode:
        cp = know["codepage"]
        for start, run in _lone_runs(text, _LATIN1_RUN_RE):
            if _neighbours_say(text, start, start + len(run), "cyr"):
                dec = [_decode_mojibake(ch, cp) for ch in run]
                if all(dec):
                    edits[start] = "".join(dec)
        # A lone Cyrillic letter between Latin words is a damaged Latin-1 one
        # ("organisé а Moscou" -> "à").
        for start, letter in _lone_runs(text, _CYR_SINGLE_LETTER_RE):
            if _neighbours_say(text, start, start + 1, "lat"):
                rep = _encode_mojibake(letter, cp)
                if rep:
                    edits[start] = rep
    if CLASS_BYTE["Х"] in char_bytes:
        for start, run in _lone_runs(text, _CYR_X_RUN_RE):
            if _is_numeral_context(text, start, start + len(run)):
                edits[start] = "X" * len(run)
    if not edits:
        return text, char_bytes
    parts = []
    applied = []  # the repairs made, by start
    pos = 0
    for start in sorted(edits):
        new = edits[start]
        if start < pos:
            continue
        parts.append(text[pos:start])
        parts.append(new)
        applied.append(start)
        pos = start + len(new)
    parts.append(text[pos:])
    repaired = "".join(parts)
    if len(applied) * _REPAIRS_PER_REENCODING > len(text):
        # A damaged text (a repair every few hundred characters or more
        # often): its bytes made anew, one C pass, cost less than a call
        # per repair. (``char_bytes`` maps each character alone: the same
        # bytes either way.)
        return repaired, encode_char_bytes(repaired)
    # Else the bytes of each repair between the raw text's, joined from
    # views of those (one copy of the text's bytes, not two).
    raw_bytes = memoryview(char_bytes)
    chunks = []
    pos = 0
    for start in applied:
        new = edits[start]
        chunks.append(raw_bytes[pos:start])
        chunks.append(encode_char_bytes(new))
        pos = start + len(new)
    chunks.append(raw_bytes[pos:])
    return repaired, b"".join(chunks)


# ``_repaired`` writes the bytes of a repaired text anew, rather than those
# of each repair, when it made more than one repair per this many characters
# (a call per repair costs about what encoding 500 characters does).
_REPAIRS_PER_REENCODING = 500


# --------------------------------------------------------------------------
# Line-level cleaning

# Footnote markers glued to the word or punctuation before them:
# "Губкома24", "заявлении»1", "года.12".
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюяàâäçéèêëîïôöûùüÿœæ")
# A run of one to three digits right after a lower-case letter, a closing
# mark or punctuation: the only digit runs ``marker_numbers`` can keep.
# It opens with ``\d`` (and looks back from there) so that the regex engine
# skips from digit to digit instead of trying every position.
_MARKER_CANDIDATE_RE = re.compile(
    r"\d(?<=[" + re.escape("".join(sorted(_LOWER)) + "»”)].,;:") + r"]\d)\d{0,2}(?!\d)"
)
_AFTER_WORD_MARKER = frozenset(" \n.,;:!?)]»”\"")
_AFTER_PUNCT_MARKER = frozenset(" \n.,;:!?")
_SPACES_RE = re.compile(r" {2,}")
# Two spaces or more inside a line's content (a non-space on either side).
# It opens with its literal, which the regex engine searches for quickly.
_INNER_SPACES_RE = re.compile(r"  (?<=[^ \n]  ) *(?=[^ \n])")
_SENTENCE_FINAL = ".!?…:;"
# A line opening with one of these continues the sentence of the line above.
_CONTINUING_MARKS = ",;:)»”—–-…"
_TRAILERS = " »”\"')]0123456789*"


def _ends_sentence(line: str) -> bool:
    """Does the line end with sentence punctuation (maybe + quote/marker)?"""
    tail = line.rstrip(_TRAILERS)
    return bool(tail) and tail[-1] in _SENTENCE_FINAL
_FOOTNOTE_LINE_RE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_LIST_ITEM_RE = re.compile(r"^\d{1,4}[.)/]\s")
_LONE_NUMBER_RE = re.compile(r"^(\d{1,3})$")
_FIRST_WORD_RE = re.compile(r"^([^\W\d_]+)")


class _Lines:
    """The lines with content, as columns: field ``f`` of the k-th line with
    content is ``lines.f[k]``.

    ``cs``, ``ce``: raw start and end of its content (first to last
    non-space); ``content``: the text between them; ``lead``: the line
    starts with a space (a page or column break); ``gap``: blank lines
    before it; ``footnote``: the footnote it belongs to, -1 for none.

    Why columns: a 2 MB source has ~27,000 such lines. One ``split`` finds
    them, and each column is then made by one C-level pass (map, compress,
    accumulate) instead of one Python object per line; the loops over every
    line read plain lists. No container is kept per line (a span tuple, an
    object): each would count towards the garbage collector's next full
    pass, which costs tens of milliseconds once the morphology dictionaries
    are loaded.

    ``split``: the offsets where the text's lines (blank ones too) start
    (and the text's end + 1), and each line stripped of spaces; segment
    reads the same lines (see ``NormalizedText.take_repaired_lines``).
    """

    __slots__ = ("cs", "ce", "lead", "gap", "content", "footnote", "split", "_opening_with_digit")

    def __init__(self, text: str):
        parts = text.split("\n")
        # Line k starts after the k lines before it and their newlines.
        starts = list(accumulate(map((1).__add__, map(len, parts)), initial=0))
        stripped = list(map(str.strip, parts, repeat(" ")))
        kept = list(compress(range(len(parts)), stripped))  # the lines with content
        self.content = list(compress(stripped, stripped))
        kept_parts = list(map(parts.__getitem__, kept))
        self.lead = list(map(str.startswith, kept_parts, repeat(" ")))  # a page or column break
        # The content starts where the line does, or after its leading
        # spaces (a few lines: worked out for those only).
        self.cs = list(map(starts.__getitem__, kept))
        for k in compress(range(len(kept)), self.lead):
            part = kept_parts[k]
            self.cs[k] += len(part) - len(part.lstrip(" "))
        self.ce = list(map(add, self.cs, map(len, self.content)))
        # The blank lines between two lines with content; before the first, all lines.
        self.gap = list(map(sub, kept, map((1).__add__, [-1, *kept[:-1]])))
        self.footnote = [-1] * len(self.cs)
        self.split = (starts, stripped)
        self._opening_with_digit: list[int] | None = None

    def opening_with_digit(self) -> list[int]:
        """Indices of the lines whose content opens with a digit
        (``str.isdigit``: true for every "\\d"), where footnotes and page
        numbers are looked for; found once."""
        if self._opening_with_digit is None:
            firsts = map(itemgetter(0), self.content)
            self._opening_with_digit = list(compress(range(len(self.content)), map(str.isdigit, firsts)))
        return self._opening_with_digit

    def __len__(self) -> int:
        return len(self.content)


def _offset_map(positions: list[int], pieces: list[str]) -> tuple[list[int], list[int]]:
    """The breakpoint map of a cleaned text made of ``pieces`` found at raw
    ``positions`` (copies of the raw text, ``piece`` being
    ``raw[pos:pos + len(piece)]``, or inserted characters mapped to
    ``pos``): a breakpoint (clean offset, raw offset) wherever a piece does
    not continue the raw run of the one before."""
    clean_starts: list[int] = []
    raw_starts: list[int] = []
    n, next_raw = 0, -1
    for pos, piece in zip(positions, pieces):
        if pos != next_raw:
            clean_starts.append(n)
            raw_starts.append(pos)
        n += len(piece)
        next_raw = pos + len(piece)
    return clean_starts, raw_starts


def _nonblank_lines(text: str) -> tuple[_Lines, bool]:
    """The lines with content (blank lines - empty or spaces only - are
    counted in the next line's ``gap``), and whether the text has the
    blank-line-after-every-line layout."""
    lines = _Lines(text)
    followed_by_one_blank = lines.gap[1:].count(1)
    blank_layout = len(lines) > 20 and followed_by_one_blank > 0.4 * len(lines)
    return lines, blank_layout


# ``_MARKER_CANDIDATE_RE``'s two classes: "P" what may come before a marker,
# "D" a digit - or the byte of "?", which stands for any character outside
# ``charbytes.CLASS_TABLE``, among them the digits of other scripts ("\d" takes them).
_MARKER_CLASSES = class_translation({"".join(_LOWER) + "»”)].,;:": "P", "0123456789": "D"}, unknown="D")
# A "D" after a "P". Opening with its literal "D", the regex engine runs to
# each in a tight C loop (faster than ``bytes.find`` for two bytes, which
# stops at every "D" in a text of "P"s, and it stops at every "P").
_MARKER_CLASS_PAIR_RE = re.compile(rb"D(?<=PD)")


def marker_numbers(text: str, candidates: re.Pattern | None = None,
                   char_bytes: bytes | None = None) -> tuple[list[int], list[int]]:
    """Sorted positions of glued footnote markers, and their numbers.

    The digit runs to judge are those ``_MARKER_CANDIDATE_RE`` finds; it is
    tried only where a character it may look back at comes before a digit
    (or an unknown character), found in the classes of ``char_bytes``
    (``charbytes.char_bytes(text)``, if known): running it over the whole text
    costs the regex engine a visit to every character.
    ``candidates``, if given, is run over the whole text instead (a test
    passes every run of one to three digits to prove no marker is lost)."""
    if char_bytes is None and candidates is None:
        char_bytes = encode_char_bytes(text)
    if candidates is None and mostly_unknown(char_bytes):
        candidates = _MARKER_CANDIDATE_RE  # (every unknown character would be a stop)
    if candidates is not None:
        found = candidates.finditer(text)
    else:
        marks = char_bytes.translate(_MARKER_CLASSES)
        digits = map(re.Match.start, _MARKER_CLASS_PAIR_RE.finditer(marks))
        # (No two overlap: a digit never comes before the start of one.)
        found = filter(None, map(_MARKER_CANDIDATE_RE.match, repeat(text), digits))
    starts, numbers = [], []
    n = len(text)
    for m in found:
        a, b = m.start(), m.end()
        if a < 2:
            continue
        after = text[b] if b < n else "\n"
        p1, p2 = text[a - 1], text[a - 2]
        if p1 in _LOWER and p2.isalpha():
            ok = after in _AFTER_WORD_MARKER
        elif p1 in "»”)]":
            ok = after in _AFTER_PUNCT_MARKER
        elif p1 in ".,;:" and a >= 5 and all(c in _LOWER for c in text[a - 5:a - 1]):
            ok = after in " \n"
        else:
            ok = False
        if ok:
            starts.append(a)
            numbers.append(int(m.group()))
    return starts, numbers


def _find_footnotes(lines: _Lines, blank_layout: bool, text: str,
                    marker_starts: list[int], marker_numbers: list[int]) -> list[tuple[int, int]]:
    """Mark lines that are footnote bodies; return the footnotes' raw spans.

    Two shapes are recognised:

    * a line "12 Там же, л. 7." whose number continues the sequence of
      footnotes found so far, whose text starts with a capital (so that a
      line "15 октября 1923 г." is not taken), and whose number was seen
      before as a marker glued to a word;
    * a line holding only the number, the footnote text on the next line
      (the number must continue the sequence).

    A footnote runs on over the following lines until the next footnote, a
    line starting with a space (the next page or column begins), or a wider
    gap than the layout's ordinary one.
    """
    first_marker: dict[int, int] = {}
    for pos, num in zip(marker_starts, marker_numbers):
        first_marker.setdefault(num, pos)
    n = len(lines)
    max_gap = 2 if blank_layout else 1

    # 1. Candidate footnote starts: (line index, number, first text line).
    # Both shapes open with a digit.
    content = lines.content
    candidates: list[tuple[int, int, int]] = []
    for k in lines.opening_with_digit():
        m = _LONE_NUMBER_RE.match(content[k])
        if m and k + 1 < n:
            # The text of a footnote does not open like an item of a list.
            if not _LIST_ITEM_RE.match(content[k + 1]):
                candidates.append((k, int(m.group(1)), k + 1))
            continue
        m = _FOOTNOTE_LINE_RE.match(content[k])
        if m:
            num = int(m.group(1))
            head = m.group(2)[0]
            # (the marker before the line: before its content, as only spaces precede that)
            if (head.isupper() or head in "«\"„“[(") and first_marker.get(num, 1 << 62) < lines.cs[k]:
                candidates.append((k, num, k))

    # 2. The footnotes are the longest chain of candidates whose numbers
    # rise by small steps (1, 2, 3... with a few lost on the way); among
    # equal chains the one whose members sit closest together wins.
    best: list[tuple[int, int]] = []  # (chain length, -previous index or 1)
    prev: list[int] = []
    by_number: dict[int, list[int]] = {}
    for ci, (k, num, _) in enumerate(candidates):
        score, back = (1, -1) if num <= 5 else (0, -1)
        for step in range(1, 6):
            for pj in reversed(by_number.get(num - step, [])):
                if best[pj][0] + 1 > score:
                    score, back = best[pj][0] + 1, pj
                break  # the latest candidate with that number is the closest
        best.append((score, back))
        prev.append(back)
        by_number.setdefault(num, []).append(ci)
    chain: list[int] = []
    if candidates:
        ci = max(range(len(candidates)), key=lambda c: (best[c][0], c))
        if best[ci][0] > 0:
            while ci >= 0:
                chain.append(ci)
                ci = prev[ci]
    chain.reverse()
    starts = {candidates[ci][0] for ci in chain}

    # 3. Each footnote runs on to the next footnote, a line starting with a
    # space (next page or column), or a gap wider than the layout's usual.
    spans: list[tuple[int, int]] = []
    footnote, lead, gap = lines.footnote, lines.lead, lines.gap
    for ci in chain:
        k, _, body_first = candidates[ci]
        fid = len(spans)
        footnote[k] = fid
        footnote[body_first] = fid
        j = body_first + 1
        while j < n and j - body_first < 25:
            if lead[j] or gap[j] > max_gap or j in starts or footnote[j] >= 0:
                break
            footnote[j] = fid
            j += 1
        spans.append((lines.cs[k], lines.ce[j - 1]))
    return spans


_PAGE_NUMBER = -2  # _Lines.footnote value of a dropped page number
_NUMERIC_ROW_RE = re.compile(r"^\d{1,4}(?:\s*г\.?)?$")


def _drop_page_numbers(lines: _Lines) -> None:
    """Mark lone page numbers ("116" between two halves of a sentence) so
    they are left out; the line after one is a page break.

    A lone number next to other numeric lines is a table cell (a column of
    years), not a page number, and stays.
    """
    content, footnote = lines.content, lines.footnote
    n = len(content)
    for k in lines.opening_with_digit():  # (a line of digits opens with one)
        if not content[k].isdigit():
            continue
        if footnote[k] != -1 or len(content[k]) > 3 or k == 0 or k + 1 == n:
            continue
        if _NUMERIC_ROW_RE.match(content[k - 1]) or _NUMERIC_ROW_RE.match(content[k + 1]):
            continue
        footnote[k] = _PAGE_NUMBER
        lines.lead[k + 1] = True


def _hyphenated_tail(line: str) -> str:
    """The word before a line-end hyphen ("Фран-" -> "Фран"), or ""."""
    if len(line) < 2 or line[-1] != "-" or not line[-2].isalpha():
        return ""
    word = line[:-1].rsplit(" ", 1)[-1]
    word = word.lstrip("«\"'([„“")
    return word if word and all(ch.isalpha() or ch == "-" for ch in word) else ""


def _hyphen_kept(first: str, second: str, know: dict, vocabulary=None) -> bool:
    """Is the hyphen at a line end part of the word ("социал-демократии")?

    Russian: a joined form the dictionary knows is a split word
    ("Фран-" / "ции"); otherwise a known compound prefix, a known hyphenated
    word, a particle ("какие-то") or two words that each exist
    ("грязно-желтая", "большевиков-ленинцев") keep the hyphen. A capitalised
    second half keeps it too ("Поль-Бонкур"). Other scripts: the joined
    word found elsewhere in the same text decides, then the prefix list.
    """
    if second[:1].isupper() and not first.isupper():
        return True
    last_part = first.rsplit("-", 1)[-1].lower()
    low_second = second.lower()
    if _is_cyr(last_part[:1]):
        morph = analyzer()
        if morph.word_is_known(last_part + low_second):
            return False
        if last_part in know["keep_prefixes"] or first.lower() in know["keep_prefixes"]:
            return True
        if low_second in know["keep_suffixes"] or morph.word_is_known(last_part + "-" + low_second):
            return True
        return (len(last_part) >= 3 and len(low_second) >= 3
                and morph.word_is_known(last_part) and morph.word_is_known(low_second))
    if vocabulary is not None:
        if vocabulary(last_part + low_second):
            return False
        if vocabulary(last_part + "-" + low_second):
            return True
    if low_second in know["keep_suffixes"]:
        return True
    return last_part in know["keep_prefixes"] or first.lower() in know["keep_prefixes"]


def _join_kind(ca: str, cb: str, ref_len: int, know: dict, vocabulary=None) -> str:
    """How a line with content ``ca`` continues into the next, ``cb``, when
    no wide gap parts them: "soft" (drop hyphen), "hyphen" (keep it),
    "space" (same paragraph) or "break" (new paragraph). ``ref_len``: the
    width of the lines around."""
    first_part = _hyphenated_tail(ca)
    if first_part:
        fw = _FIRST_WORD_RE.match(cb)
        if fw:
            return "hyphen" if _hyphen_kept(first_part, fw.group(1), know, vocabulary) else "soft"
    first = cb[:1]
    if first.islower() or first in _CONTINUING_MARKS:
        return "space"
    return _join_by_width(ca, cb, ref_len)


def _join_by_width(ca: str, cb: str, ref_len: int) -> str:
    """``_join_kind``'s last tests, for a next line that opens neither in
    lower case nor with a continuing mark: a list item breaks; otherwise a
    line that ends a sentence short of the width around, or is much
    shorter than it, ends its paragraph."""
    if cb[:1].isdigit() and _LIST_ITEM_RE.match(cb):  # isdigit: true for every "\d"
        return "break"  # "1. ...", "2) ..." items start lines of their own
    # (The width decides first: only between the two bounds does the end
    # of the sentence; most lines are wide.)
    width = len(ca)
    if width >= 0.8 * ref_len:
        return "space"
    if width < 0.6 * ref_len:
        return "break"
    return "break" if _ends_sentence(ca) else "space"


_LETTER_RE = re.compile(r"[^\W\d_]")
# What normalize asks about: a word, or two words joined by a hyphen.
_VOCABULARY_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def _occurs_as_word(text: str, word: str) -> bool:
    """Does ``word`` (letters, or letters-letters) occur in ``text`` as a
    whole word, with no letter right before or after it? ("a-b-c" holds
    "a-b" and "b-c".)

    A few ``str.find`` calls per question: normalize asks only about the
    hyphenated line ends of non-Russian text (a dozen in a file), so
    indexing every word of the text first would cost more than it saves."""
    if not _VOCABULARY_WORD_RE.fullmatch(word):
        return False
    letter = _LETTER_RE.match
    i = text.find(word)
    while i >= 0:
        if not (i and letter(text, i - 1)) and not letter(text, i + len(word)):
            return True
        i = text.find(word, i + 1)
    return False


def _body_joins(lines: _Lines, body: list[int], blank_layout: bool, know: dict, vocabulary) -> list[str]:
    """The join kind linking each body line (``body``: their indices in
    ``lines``) to the next: "break" where a gap wider than the layout's
    usual parts them, else ``_join_kind``'s; "end" for the last one.

    Without a line-end hyphen (``_join_kind``'s first test cannot hold),
    its other tests are made here without calling it: a next line opening
    in lower case or with a continuing mark is the same sentence, which
    decides most pairs; the rest go to ``_join_by_width``.

    The width of the lines around a line (the widest of the three before
    it and the one after, at least 1) is worked out only for the lines
    that need it, about a third."""
    soft_gap = 1 if blank_layout else 0
    texts = list(map(lines.content.__getitem__, body))
    padded = [0, 0, 0, *map(len, texts)]  # line i's width is padded[i + 3]
    nexts = body[1:]
    kinds: list[str] = []
    append = kinds.append
    # One pass over plain lists (each line with the next one's text, gap
    # and lead), every test inline but the rare ones.
    i = 0
    for ca, cb, next_gap, next_lead in zip(texts, texts[1:], map(lines.gap.__getitem__, nexts),
                                           map(lines.lead.__getitem__, nexts)):
        if next_gap > soft_gap and not next_lead:
            append("break")
        elif ca[-1] != "-" and (cb[0].islower() or cb[0] in _CONTINUING_MARKS):
            append("space")
        else:
            ref = max(padded[i], padded[i + 1], padded[i + 2], padded[i + 4], 1)
            if ca[-1] == "-":  # maybe a hyphenated word
                append(_join_kind(ca, cb, ref, know, vocabulary))
            else:
                append(_join_by_width(ca, cb, ref))
        i += 1
    if body:
        append("end")
    return kinds


def _note_joins(texts: list[str], know: dict, vocabulary) -> list[str]:
    """The join kinds inside one footnote (``texts``: its lines' content):
    its lines run on ("space"), except a hyphenated word split over two."""
    kinds = []
    for ca, cb in zip(texts, texts[1:]):
        kind = "space"
        first_part = _hyphenated_tail(ca)
        fw = _FIRST_WORD_RE.match(cb)
        if first_part and fw:
            kind = "hyphen" if _hyphen_kept(first_part, fw.group(1), know, vocabulary) else "soft"
        kinds.append(kind)
    kinds.append("end")
    return kinds


class _Content:
    """The kept characters of raw spans: the span without glued footnote
    markers, invisible characters and doubled spaces, as builder pieces."""

    def __init__(self, text: str, lines: _Lines, marker_starts: list[int], marker_numbers: list[int],
                 char_bytes: bytes | None = None):
        self.text = text
        self.marker_starts = marker_starts
        self.marker_ends = [s + len(str(n)) for s, n in zip(marker_starts, marker_numbers)]
        # Whether the text has any invisible character at all: most have
        # none, and then no line needs looking at for them. Six byte
        # searches in ``char_bytes`` (``charbytes.char_bytes(text)``), if known,
        # else six substring tests (a fast C scan each) rather than one
        # character-class regex search, some 25 times slower.
        if char_bytes is not None:
            self.invisible = any(CLASS_BYTE[ch] in char_bytes for ch in _INVISIBLE_CHARS)
        else:
            self.invisible = any(ch in text for ch in _INVISIBLE_CHARS)
        self.cut = self._lines_losing_characters(lines) if not self.invisible else None

    def _lines_losing_characters(self, lines: _Lines) -> set[int]:
        """Indices of the lines whose content loses characters: those with
        doubled spaces inside it and those holding a marker, found from
        the doubled spaces and the markers (few) rather than line by line.
        Once a line is known to lose some, the search for doubled spaces
        goes on after it (a justified text has them all along its lines)."""
        cut = set()
        starts, ends = lines.cs, lines.ce
        search = _INNER_SPACES_RE.search
        found = search(self.text)
        while found:
            # (Spaces between two non-spaces lie inside some line's content.)
            k = bisect_right(starts, found.start()) - 1
            cut.add(k)
            found = search(self.text, ends[k])
        for pos in self.marker_starts:
            k = bisect_right(starts, pos) - 1
            if k >= 0 and pos < ends[k]:
                cut.add(k)
        return cut

    def is_plain(self, k: int) -> bool:
        """Is line ``k``'s content kept whole? True for most lines."""
        return self.cut is not None and k not in self.cut

    def pieces(self, a: int, b: int, positions: list[int], out: list[str]) -> None:
        """Append the kept runs of raw [a, b) to ``out``, their raw offsets
        to ``positions``."""
        text, starts = self.text, self.marker_starts
        k = bisect_left(starts, a)
        if not self.invisible and (k == len(starts) or starts[k] >= b):
            # Only doubled spaces to drop (a run keeps its first space): a
            # kept run ends after the first space of each, found by
            # ``str.find`` (a regex matching the kept runs, or the runs of
            # spaces, visits every character of the line in Python's regex
            # engine, ~30% slower over the corpus).
            pos = a
            find = text.find
            i = find("  ", a, b)
            while i >= 0:
                positions.append(pos)
                out.append(text[pos:i + 1])
                pos = i + 2
                while pos < b and text[pos] == " ":
                    pos += 1
                i = find("  ", pos, b)
            if pos < b:
                positions.append(pos)
                out.append(text[pos:b])
            return
        drops: list[tuple[int, int]] = []
        while k < len(starts) and starts[k] < b:
            drops.append((starts[k], min(self.marker_ends[k], b)))
            k += 1
        chunk = text[a:b]
        if "  " in chunk:
            drops.extend((a + m.start() + 1, a + m.end()) for m in _SPACES_RE.finditer(chunk))
        if self.invisible and any(ch in chunk for ch in _INVISIBLE_CHARS):
            drops.extend((a + m.start(), a + m.end()) for m in _INVISIBLE_RE.finditer(chunk))
        drops.sort()
        pos = a
        for ds, de in drops:
            if ds > pos:
                positions.append(pos)
                out.append(text[pos:ds])
            pos = max(pos, de)
        if pos < b:
            positions.append(pos)
            out.append(text[pos:b])


def _text_pieces(lines: _Lines, order: list[int], kinds: list[str],
                 content: _Content) -> tuple[list[int], list[str]]:
    """The pieces of the cleaned text and the raw offsets they come from.

    ``order``: the lines' indices in output order, ``kinds``: how each
    joins the next ("soft": the hyphen dropped; "space": a space mapped to
    the line's end; "break"/"end": the paragraph ends there). A newline,
    mapped to just before its first line, opens each paragraph that
    follows some text. One loop over all lines, rather than calls per
    paragraph (a paragraph has some four lines)."""
    last = len(content.text) - 1
    starts, ends, texts = lines.cs, lines.ce, lines.content
    positions: list[int] = []
    pieces: list[str] = []
    cut = content.cut  # (``content.is_plain(k)`` is read inline below: one call less per line)
    opens = True  # the line opens a paragraph
    after_text = False  # a piece other than a newline since the last newline
    mark = 0  # pieces written when the paragraph opened
    for k, join in zip(order, kinds):
        if opens:
            if after_text:
                positions.append(max(starts[k] - 1, 0))
                pieces.append("\n")
            mark = len(pieces)
        opens = join in _PARAGRAPH_ENDS  # (for the next line)
        if cut is not None and k not in cut:  # the line's content is kept whole
            positions.append(starts[k])
            if join == "space" and ends[k] <= last:
                # The space is mapped to the line's end, right after its
                # content: one piece continuing the same raw run.
                pieces.append(texts[k] + " ")
                continue
            pieces.append(texts[k] if join != "soft" else texts[k][:-1])  # "soft": drop the hyphen
        else:
            content.pieces(starts[k], ends[k] - 1 if join == "soft" else ends[k], positions, pieces)
        if join == "space":
            positions.append(min(ends[k], last))
            pieces.append(" ")
        if opens:
            after_text = len(pieces) > mark
    return positions, pieces


_PARAGRAPH_ENDS = frozenset(("break", "end"))


def normalize(raw: str) -> NormalizedText:
    """Clean ``raw`` (a whole source file as read from disk) for analysis."""
    know = _knowledge()
    text1, char_bytes = _repaired(raw)
    lines, blank_layout = _nonblank_lines(text1)
    marker_starts, marker_nums = marker_numbers(text1, char_bytes=char_bytes)
    footnotes = _find_footnotes(lines, blank_layout, text1, marker_starts, marker_nums)
    _drop_page_numbers(lines)

    lowered: list[str] = []

    def vocabulary(word: str) -> bool:
        """Does ``word`` (letters, or letters-letters) occur as a whole word
        elsewhere in this text? (The text is lower-cased on first use.)"""
        if not lowered:
            lowered.append(text1.lower())
        return _occurs_as_word(lowered[0], word)

    footnote = lines.footnote
    body = list(compress(range(len(lines)), map((-1).__eq__, footnote)))
    notes: dict[int, list[int]] = {}
    for k in compress(range(len(lines)), map((-1).__lt__, footnote)):
        notes.setdefault(footnote[k], []).append(k)
    kinds = _body_joins(lines, body, blank_layout, know, vocabulary)
    note_kinds = {fid: _note_joins([lines.content[k] for k in ids], know, vocabulary) for fid, ids in notes.items()}
    order, order_kinds = _output_order(lines, body, kinds, notes, note_kinds)

    content = _Content(text1, lines, marker_starts, marker_nums, char_bytes)
    positions, pieces = _text_pieces(lines, order, order_kinds, content)
    clean_starts, raw_starts = _offset_map(positions, pieces)
    normalized = NormalizedText(raw, "".join(pieces), clean_starts, raw_starts, footnotes, repaired=text1)
    normalized._repaired_lines = lines.split
    normalized._repaired_bytes = char_bytes
    return normalized


def _output_order(lines: _Lines, body: list[int], kinds: list[str], notes: dict[int, list[int]],
                  note_kinds: dict[int, list[str]]) -> tuple[list[int], list[str]]:
    """The lines in output order, with their join kinds: the body lines,
    and each footnote's lines (``notes``: by footnote) right after the
    paragraph that is open where the footnote appears (first, if it comes
    before any body line). (Where the footnotes go is found by binary
    search over the body lines and ``list.index`` in the joins: no list
    over all lines is made for the few footnotes.)"""
    after: dict[int, list[int]] = {}  # body line -> footnotes after its paragraph
    bi = 0
    for fid in sorted(notes):
        bi = max(bi, bisect_left(body, lines.cs[notes[fid][0]], key=lines.cs.__getitem__))
        after.setdefault(bi - 1, []).append(fid)

    order: list[int] = []
    order_kinds: list[str] = []

    def add_notes(fids: list[int]) -> None:
        for fid in fids:
            order.extend(notes[fid])
            order_kinds.extend(note_kinds[fid])

    add_notes(after.pop(-1, []))
    first = 0  # the first body line not yet placed
    for idx in sorted(after):
        last = _paragraph_end(kinds, idx)
        order.extend(body[first:last + 1])
        order_kinds.extend(kinds[first:last + 1])
        first = max(first, last + 1)
        add_notes(after[idx])
    order.extend(body[first:])
    order_kinds.extend(kinds[first:])
    return order, order_kinds


def _paragraph_end(kinds: list[str], idx: int) -> int:
    """The first index from ``idx`` on whose join ends a paragraph:
    the next "break", else the last ("end", as ``_body_joins`` makes it)."""
    last = len(kinds) - 1
    try:
        return kinds.index("break", idx, last)
    except ValueError:
        return last
