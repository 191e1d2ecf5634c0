"""Stage 2: find the structure of a source file.

A source is one of three shapes, told apart by what is found in it:

* ``archival_collection`` - a preface, then numbered documents (a line
  ``№ N`` and a heading naming genre, author, recipient and date; the
  document ends with an archival citation line);
* ``translation`` - texts in one language followed by their originals in
  another, in the same order (a French translation, then the Russian);
* ``article`` - metadata, abstracts and keywords, body, notes, bibliography.

The result is a ``SourceLayout``: the source's metadata, its sections (which
part of the file plays which role; only some roles yield events), its
documents, and the people named in flattened tables.

Everything here works on lines of the file (after one-for-one character
repairs, so offsets are the raw file's) and on the paragraphs of the
normalised text; word lists come from ``resources/segment/<lang>.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, compress
from typing import Iterator

from . import resources
from .morph import parses
from .charbytes import CLASS_BYTE, UNKNOWN_BYTE, char_bytes, find_all
from .normalize import NormalizedText, marker_numbers, normalize
from .types import ArchivalReference, DocumentSegment, Section, SourceLayout

# --------------------------------------------------------------------------
# Knowledge


@lru_cache(maxsize=None)
def _knowledge() -> dict:
    data = resources.load_all("segment")
    genres: list[tuple[str, str, str]] = []  # (lowercased phrase, slug, lang)
    headings: dict[str, str] = {}
    keyword_labels: list[tuple[str, str]] = []
    abstract_labels: list[tuple[str, str]] = []
    openers: list[tuple[str, str]] = []
    recipient_preps: dict[str, set[str]] = {}
    annex: list[str] = []
    archive_names: dict[str, str] = {}
    fields: dict[str, list[str]] = {}
    doi_journals: dict[str, str] = {}
    stopwords: dict[str, set[str]] = {}
    documents_heading: set[str] = set()
    for lang, d in data.items():
        for phrase, slug in (d.get("genres") or {}).items():
            genres.append((phrase.lower(), slug, lang))
        for phrase, kind in (d.get("section_headings") or {}).items():
            headings[phrase.lower()] = kind
        keyword_labels += [(x.lower(), lang) for x in d.get("keyword_labels") or []]
        abstract_labels += [(x.lower(), lang) for x in d.get("abstract_labels") or []]
        openers += [(x.lower(), lang) for x in d.get("abstract_openers") or []]
        recipient_preps[lang] = {str(x).lower() for x in d.get("recipient_prepositions") or []}
        annex += [x.lower() for x in d.get("annex_labels") or []]
        archive_names.update({k.lower(): v for k, v in (d.get("archive_names") or {}).items()})
        for key, labels in (d.get("archival_fields") or {}).items():
            fields.setdefault(key, []).extend(labels)
        doi_journals.update(d.get("doi_journals") or {})
        stopwords[lang] = {str(x).lower() for x in d.get("stopwords") or []}
        documents_heading.update(x.lower() for x in d.get("documents_heading") or [])
    genres.sort(key=lambda g: -len(g[0]))
    return {
        "genres": genres,
        "headings": headings,
        "keyword_labels": keyword_labels,
        "abstract_labels": abstract_labels,
        "openers": openers,
        "recipient_preps": recipient_preps,
        "annex": annex,
        "annex_re": _label_line_regex(annex),
        "archive_names": archive_names,
        "fields": fields,
        "doi_journals": doi_journals,
        "stopwords": stopwords,
        "documents_heading": documents_heading,
    }




def _label_line_regex(labels: list[str]) -> re.Pattern:
    """Matches a lower-cased line that is one of ``labels`` alone or
    followed by a colon ("приложение", "annexe : ..."); one regex instead of
    a loop over the labels per line."""
    if not labels:
        return re.compile(r"(?!)")
    return re.compile(rf"(?:{'|'.join(map(re.escape, labels))})\s*(?::|\Z)")


# --------------------------------------------------------------------------
# Lines and languages


@dataclass(slots=True)
class _Line:
    idx: int
    start: int  # raw offset of the line
    end: int
    cs: int  # raw offset of its first non-space character
    ce: int  # raw offset after its last non-space character
    text: str  # content with spaces collapsed
    lead: bool  # starts with a space (page or column break)
    spaces_only: bool  # a line holding only spaces (a layout separator)


_WS_RE = re.compile(r"\s+")


def _make_line(text: str, i: int, s: int, e: int) -> _Line:
    """Line ``i`` of ``text``, which runs over [s, e) (its newline excluded)."""
    if s == e:
        return _Line(i, s, s, s, s, "", False, False)
    line = text[s:e]
    stripped = line.strip()
    if not stripped:
        return _Line(i, s, e, s, s, "", True, True)
    cs = e - len(line.lstrip())
    ce = s + len(line.rstrip())
    if "  " in stripped or "\t" in stripped or "\xa0" in stripped:
        stripped = _WS_RE.sub(" ", stripped)
    return _Line(i, s, e, cs, ce, stripped, line[0].isspace(), False)


class _Lines:
    """The lines of a text as a read-only sequence of ``_Line``, each built
    the first time it is read.

    Why: a collection of 2 MB has some 54,000 lines, but segmenting it reads
    only a few hundred of them (headings, citations, document ends, the
    preface). What must be known of every line is kept in C-made tables:
    where each starts (``_starts``) and whether it has text (``has_text``,
    one byte per line, searched with ``bytes.find``/``count``). The scans
    that must look into every line run one regex over the whole text
    (``at_line_starts``) and build only the lines it finds.

    Those regexes are searched in ``searched``, the text after a newline,
    and open with that newline instead of ``^`` under ``re.M``: the regex
    engine then jumps from newline to newline instead of trying ``^`` at
    every character (about six times faster). A match at offset ``p`` of
    ``searched`` is the line that starts at offset ``p`` of the text."""

    def __init__(self, text: str, split: tuple[list[int], list[str]] | None = None):
        """``split``: the lines of ``text`` as normalize split them, if it
        hands them over (``NormalizedText.take_repaired_lines``): where
        they start and each stripped of spaces."""
        self.text = text
        self.searched = "\n" + text
        if split is None:
            parts = text.split("\n")
            # As in textmap.LineIndex: line k starts after the k lines before
            # it and their newlines; summed in C.
            self._starts = [0, *accumulate(map((1).__add__, map(len, parts)))]
        else:
            self._starts, parts = split  # (a line stripped of spaces has text iff it does)
        self._starts.pop()  # the end of the last line starts no line
        self.has_text = bytes(map(bool, map(str.strip, parts)))
        self._built: list[_Line | None] = [None] * len(self._starts)
        # Line index -> its citation, for the lines ``_reference_lines``
        # found (parsed there, read again for each document's citation).
        self.references: dict[int, ArchivalReference] = {}
        self._gated: dict[str, list[int]] | None = None  # see ``at_line_starts``

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, i: int) -> _Line:
        line = self._built[i]
        if line is None:
            if i < 0:
                i += len(self._starts)
            s = self._starts[i]
            e = self._starts[i + 1] - 1 if i + 1 < len(self._starts) else len(self.text)
            line = self._built[i] = _make_line(self.text, i, s, e)
        return line

    def __iter__(self):
        return map(self.__getitem__, range(len(self._starts)))

    def with_text(self, last: int) -> Iterator[_Line]:
        """The lines with text among lines 0..``last``, in order, built as
        they are read: a blank line, which holds nothing to look for, is
        skipped without being built (half the lines of some sources)."""
        last = min(last, len(self._starts) - 1)
        return map(self.__getitem__, compress(range(last + 1), self.has_text[:last + 1]))

    def first_text_start(self) -> int:
        """Where the first line with text starts its text (0 if none)."""
        i = self.has_text.find(1)
        return self[i].cs if i >= 0 else 0

    def content_lines_between(self, a: int, b: int) -> int:
        """How many lines strictly between lines ``a`` and ``b`` have text."""
        return self.has_text.count(1, a + 1, b)

    def holding(self, needles: tuple[str, ...], first: int, last: int) -> list[int]:
        """Indices of lines ``first``..``last`` whose text holds one of
        ``needles`` (strings without blanks, which collapsing the line's
        blanks leaves as they are), found by ``str.find`` in the text
        rather than by building each line."""
        start = self._starts[first]
        end = self._starts[last + 1] if last + 1 < len(self._starts) else len(self.text)
        found = set()
        for needle in needles:
            pos = self.text.find(needle, start, end)
            while pos >= 0:
                found.add(self.index_at(pos))
                pos = self.text.find(needle, pos + 1, end)
        return sorted(found)

    def index_at(self, offset: int) -> int:
        """Index of the line holding raw ``offset``."""
        return bisect_right(self._starts, offset) - 1

    def at_line_starts(self, pattern: re.Pattern) -> list[_Line]:
        """The lines at whose start ``pattern`` (opening with "\\n", see
        above) matches, in order. It is the caller's gate, so it must
        match every line the caller could keep.

        The gates every source goes through (``_SHARED_GATES``) are run
        together, as one regex: one pass over the text instead of three."""
        name = _SHARED_GATES.get(pattern)
        if name is None:
            return [self[self.index_at(m.start())] for m in pattern.finditer(self.searched)]
        if self._gated is None:
            self._gated = {gate: [] for gate in _SHARED_GATES.values()}
            for m in _shared_gates_regex().finditer(self.searched):
                self._gated[m.lastgroup].append(self.index_at(m.start()))
        return list(map(self.__getitem__, self._gated[name]))


# The letters ``_script_counts`` counts, told by the lead byte of their
# UTF-8 encoding (continuation bytes are 80-BF, so a lead byte is never
# mistaken): Cyrillic U+0400-U+04FF leads with D0-D3; Latin is A-Z, a-z,
# U+00C0-U+024F less "×" and "÷": leads C3-C8 (C3 80 is U+00C0, C8 BF is
# U+023F), then C9 80-8F (U+0240-U+024F).
# Both scripts in one table (Cyrillic 1, Latin 2): one ``translate``, then a
# ``count`` of each.
_SCRIPT_LEADS = bytes(1 if 0xD0 <= b <= 0xD3 else 2 if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A or 0xC3 <= b <= 0xC8
                      else 0 for b in range(256))
_LATIN_EXTENDED_TAIL_RE = re.compile(rb"\xc9[\x80-\x8f]")


# The same letters among ``charbytes.char_bytes``, which gives
# "а-яёА-ЯЁ", Latin-1 letters and "œ" bytes of their own ("?"'s byte to
# any other character).
_CYRILLIC_CHAR_BYTES = bytes(CLASS_BYTE[ch] for ch in CLASS_BYTE if "\u0400" <= ch <= "\u04ff")
_LATIN_CHAR_BYTES = bytes(CLASS_BYTE[ch] for ch in CLASS_BYTE
                          if ch.isascii() and ch.isalpha() or "\u00c0" <= ch <= "\u024f" and ch not in "×÷")
_UNKNOWN_CHAR_BYTE = bytes((UNKNOWN_BYTE,))


def _script_counts(s: str, encoded: bytes | None = None) -> tuple[int, int]:
    """Number of Cyrillic and of Latin letters in ``s``.

    A long text (segment counts the first 400,000 characters of the
    source) is counted on ``charbytes.char_bytes``: the letters with bytes of their
    own by ``bytes.translate`` deleting them, the few other characters
    one by one (unless they are many). Otherwise on the UTF-8 bytes with
    ``bytes.translate`` and ``count``. Both are C loops over the bytes
    instead of collecting the runs of letters with a regex. (``encoded``:
    ``charbytes.char_bytes(s)``, if known.)"""
    if len(s) >= 20000:
        b = encoded if encoded is not None else char_bytes(s)
        others = find_all(b, _UNKNOWN_CHAR_BYTE, limit=len(b) // 64)
        if others is not None:
            cyrillic = len(b) - len(b.translate(None, _CYRILLIC_CHAR_BYTES))
            latin = len(b) - len(b.translate(None, _LATIN_CHAR_BYTES))
            for ch in map(s.__getitem__, others):
                if "\u0400" <= ch <= "\u04ff":
                    cyrillic += 1
                elif "\u0100" <= ch <= "\u024f":
                    latin += 1
            return cyrillic, latin
    b = s.encode("utf-8", "surrogatepass")
    leads = b.translate(_SCRIPT_LEADS)
    cyrillic, latin = leads.count(1), leads.count(2)
    # "×", "÷" and U+0240-U+024F asked for only when their lead byte is
    # there (a one-byte search, far quicker than one for two bytes): most
    # Russian text has none.
    if b"\xc3" in b:
        latin -= b.count(b"\xc3\x97") + b.count(b"\xc3\xb7")
    if b"\xc9" in b:
        latin += len(_LATIN_EXTENDED_TAIL_RE.findall(b))
    return cyrillic, latin


# The words ``_latin_language`` counts are the runs of [a-zA-Zà-ÿ'], all
# Latin-1 characters: in the text encoded to Latin-1 (any other character
# one "?"), every other byte made a space, they are what ``bytes.split``
# returns, without the regex engine visiting every character.
_LATIN_WORD_CHARS = frozenset(b"'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" + bytes(range(0xE0, 0x100)))
_LATIN_WORD_BYTES = bytes(b if b in _LATIN_WORD_CHARS else 0x20 for b in range(256))


def _latin_words(text: str) -> list[bytes]:
    """``re.findall(r"[a-zA-Zà-ÿ']+", text)``, encoded to Latin-1."""
    return text.encode("latin-1", "replace").translate(_LATIN_WORD_BYTES).split()


def _latin_language(text: str, know: dict) -> str:
    """fr or en for Latin-script text, by stopword counts among the words
    of the lower-cased first 200,000 characters. (``know``:
    ``_knowledge()``, whose stopwords ``_stopword_bytes`` encodes.)"""
    words = _latin_words(text[:200000].lower())
    best, best_n = "en", -1
    for lang in ("fr", "en"):
        sw = _stopword_bytes(lang)
        n = sum(map(sw.__contains__, words))
        if n > best_n:
            best, best_n = lang, n
    return best


@lru_cache(maxsize=None)
def _stopword_bytes(lang: str) -> frozenset[bytes]:
    """A language's stopwords encoded to Latin-1 (one that is not Latin-1
    text never equals a word ``_latin_language`` counts)."""
    return frozenset(w.encode("latin-1") for w in _knowledge()["stopwords"].get(lang, set())
                     if all(ord(ch) < 256 for ch in w))


def _language(s: str, latin: str) -> str:
    cyr, lat = _script_counts(s)
    if cyr == 0 and lat == 0:
        return ""
    return "ru" if cyr >= lat else latin


# --------------------------------------------------------------------------
# Archival references


_FIELD_VALUE = r"\s*['’]?\s*(?P<v>[0-9A-Za-zА-Яа-яЁё/]+(?:\s*[-–—]\s*[0-9A-Za-zА-Яа-я]+)?)"
_FOLIO_VALUE = r"\s*(?P<v>\d[\d\s,;–—\-]*(?:\s*\(?\s*об\.?\s*\)?)?(?:[\d\s,;–—\-]*\d)?(?:\s*\(?об\.?\)?)?)"


@lru_cache(maxsize=None)
def _reference_patterns() -> dict:
    know = _knowledge()
    pats = {}
    for key in ("fond", "opis", "delo", "folios"):
        labels = sorted(know["fields"].get(key, []), key=len, reverse=True)
        alts = []
        for label in labels:
            lab = re.escape(label)
            if label.endswith("."):
                # "Ф." also as "ф." / "Ф ." ; a French label is followed by "N°".
                alts.append(rf"(?<![^\W\d_]){lab}")
            else:
                alts.append(rf"(?<![^\W\d_]){lab}(?:\s*N°)?")
        value = _FOLIO_VALUE if key == "folios" else _FIELD_VALUE
        pats[key] = re.compile(rf"(?:{'|'.join(alts)}){value}", re.I)
        # French "N° 24 d'inventaire": the number before the label.
        post = [re.escape(lab) for lab in labels if lab.startswith(("d'", "de "))]
        if post:
            pats[key + "_post"] = re.compile(
                rf"N°\s*(?P<v>\d[\d\s,–—\-]*?)\s+(?:{'|'.join(post)})(?![^\W\d_])", re.I
            )
    copies = sorted(know["fields"].get("copy_status", []), key=len, reverse=True)
    pats["copy"] = re.compile(rf"(?<![^\W\d_])({'|'.join(map(re.escape, copies))})(?![^\W\d_])", re.I)
    return pats


def parse_archival_reference(line: str, offset: int = 0) -> ArchivalReference | None:
    """Parse an archival citation (one line, or a few joined lines).

    ``РГАСПИ. Ф. 17. Оп. 171. Д. 31. Л. 29–34. Копия. Машинопись`` ->
    archive "РГАСПИ", fond "17", opis "171", delo "31", folios "29–34",
    copy_status "Копия". Also "АВП РФ, ф. 05, оп. 13, п. 94, д. 64, л. 6." and
    French spelled-out citations ("Archives du Président de la Fédération de
    Russie, Fonds N° 3, N° 24 d'inventaire, N° 139 de dossier..."), whose
    archive name is mapped to its acronym. ``offset`` is the raw offset of
    ``line``; the result's start/end cover the citation in the raw text.
    Returns None when the text is not a citation (needs archive + fond).
    """
    pats = _reference_patterns()
    know = _knowledge()
    m_fond = pats["fond"].search(line)
    if not m_fond:
        return None
    head = line[:m_fond.start()]
    lead_ws = len(head) - len(head.lstrip())
    archive = head.strip().strip(".,;:[( ").strip()
    if not archive:
        return None
    mapped = know["archive_names"].get(archive.lower())
    if mapped:
        archive = mapped
    elif len(archive) > 20 or sum(1 for ch in archive if ch.isupper()) < 2 or any(
        ch.islower() for ch in archive.replace(" ", "")
    ):
        return None
    ref = ArchivalReference(text=line.strip(), archive=archive, fond=m_fond.group("v").strip())
    tail = line[m_fond.end():]
    for key in ("opis", "delo", "folios"):
        m = pats[key].search(tail)
        if not m and key + "_post" in pats:
            m = pats[key + "_post"].search(tail)
        if m:
            setattr(ref, key, m.group("v").strip(" ,;.").strip())
    m = pats["copy"].search(tail)
    if m:
        ref.copy_status = m.group(1)
    stripped = line.rstrip()
    ref.start = offset + lead_ws
    ref.end = offset + len(stripped)
    return ref


_REF_LINE_RE = re.compile(r"^\s*[А-ЯЁA-Z][А-ЯЁA-Z]+(?:\s[А-ЯЁA-Z]{2,4})?\s?[.,]\s*[ФфF]")
# ``_REF_LINE_RE`` on the raw lines of the file: each space of a line's
# text stands for a run of blanks there (``_make_line`` collapses them).
_RAW_REF_LINE_RE = re.compile(
    r"\n[^\S\n]*[А-ЯЁA-Z][А-ЯЁA-Z]+(?:[^\S\n]+[А-ЯЁA-Z]{2,4})?[^\S\n]*[.,][^\S\n]*[ФфF]"
)


def _reference_lines(lines: _Lines) -> list[int]:
    """Indices of lines that are archival citations on their own (their
    parses are kept in ``lines.references``)."""
    out = []
    for ln in lines.at_line_starts(_RAW_REF_LINE_RE):
        if _REF_LINE_RE.match(ln.text):
            ref = parse_archival_reference(ln.text)
            if ref is not None:
                lines.references[ln.idx] = ref
                out.append(ln.idx)
    return out


def _line_reference(lines: _Lines, i: int) -> ArchivalReference | None:
    """``parse_archival_reference`` of line ``i`` at its raw offset: a copy
    of the parse ``_reference_lines`` kept (the caller may change it),
    moved to the line's offset, else parsed now."""
    ln = lines[i]
    kept = lines.references.get(i)
    if kept is None:
        return parse_archival_reference(ln.text, ln.cs)
    return replace(kept, start=kept.start + ln.cs, end=kept.end + ln.cs)


# --------------------------------------------------------------------------
# Headings: genre, authors, recipients


# A record's number inside a genre phrase: "Выписка из протокола № 6
# заседания Политбюро", "протокола № 136/Б закрытого заседания". It does
# not change the genre, so a phrase matches with or without one between
# its words.
_RECORD_NUMBER = r"(?:\s*№\s*\d[^\s,]*)"
_RECORD_NUMBER_RE = re.compile(_RECORD_NUMBER)


@lru_cache(maxsize=None)
def _genre_regex(lang: str | None) -> tuple[re.Pattern, dict[str, str]]:
    """One anchored, case-insensitive alternation of all genre phrases
    (longest first), a record number allowed between their words (see
    ``_RECORD_NUMBER``), and phrase -> slug."""
    slugs: dict[str, str] = {}
    for phrase, slug, plang in _knowledge()["genres"]:
        if lang is None or plang == lang:
            slugs.setdefault(phrase, slug)
    gap = rf"{_RECORD_NUMBER}?\s+"
    alts = "|".join(gap.join(map(re.escape, p.split(" "))) for p in sorted(slugs, key=len, reverse=True))
    return re.compile(rf"^[\s«\"\[]*({alts})(?![\w])", re.I), slugs


def genre_of(heading: str, lang: str | None = None) -> tuple[str, str] | None:
    """(phrase as written, slug) if ``heading`` starts with a genre word."""
    rx, slugs = _genre_regex(lang)
    m = rx.match(heading)
    if not m:
        return None
    return m.group(1), slugs[" ".join(_RECORD_NUMBER_RE.sub("", m.group(1)).split()).lower()]


_RU_NAME_RE = re.compile(
    r"(?:(?:[А-ЯЁ][а-яёА-ЯЁ]?\.\s?){1,2}\s?[А-ЯЁ][а-яёА-ЯЁ]+(?:-[А-ЯЁ][а-яёА-ЯЁ]+)?)"
    r"|(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s(?:[А-ЯЁ]\.\s?){1,2})"
)
_FR_NAME_RE = re.compile(
    r"(?:(?:[A-Z][a-z]?\.\s?){1,3}|[A-Z][a-zéèï]+\s)[A-Z][\w\-]+"
)
_DATE_PHRASE_RE = re.compile(r"\s(?:от|du|of|dated|datée du)\s+\d", re.I)
# (The patterns below are compiled here, once per process, rather than at
# their first use while a source is timed.)
_NAME_SPLIT_RE = re.compile(r"[\s.]+")
# The topic that ends the names of a Russian heading ("... о положении").
_RU_TOPIC_RE = re.compile(r"\s(?:о|об|с|по|у)\s", re.I)
# A body addressed in a Russian heading ("в ЦК ВКП(б)"), and its parts.
_RU_BODY_RE = re.compile(r"(?:^|\s)в\s+((?:[А-ЯЁ][\w()]*\.?\s?)+(?:ЦК|ЦКК|ВКП\(б\))?[^,;]*)")
_RU_BODY_PARTS_RE = re.compile(r",\s*|\s+и\s+|\s+в\s+")
# Names after a preposition of a French (English) heading: "de J. Staline", "à M. Herriot et A. Blum".
_FR_PREP_NAMES_RE = re.compile(
    r"(?:^|\s)((?i:de|d'|à|a|au|aux|from|to|by))\s*((?:" + _FR_NAME_RE.pattern
    + r")(?:\s*(?:,|et|and)\s*(?:" + _FR_NAME_RE.pattern + r"))*)"
)


@lru_cache(maxsize=4096)
def _case_of_surname(name: str) -> str:
    """"gent", "datv" or "" (cannot tell) for the surname in a Russian name.

    Cached: a collection names the same people in heading after heading
    ("И. В. Сталину"), and each answer may cost a dictionary parse."""
    words = [w for w in _NAME_SPLIT_RE.split(name) if len(w) > 2]
    if not words:
        return ""
    surname = max(words, key=len).lower()
    if surname.endswith(("ому", "ему", "ову", "еву", "ину", "ыну")):
        return "datv"
    if surname.endswith(("ого", "его", "ова", "ева", "ина", "ына")):
        return "gent"
    cases = set()
    for p in parses(surname)[:4]:  # through morph's cache: entities parse the same surnames
        if p.tag.case:
            cases.add(p.tag.case)
    if "datv" in cases and "gent" not in cases:
        return "datv"
    if "gent" in cases and "datv" not in cases and "nomn" not in cases:
        return "gent"
    if "nomn" in cases and surname[-1] not in "аяыиуюо":
        return "nomn"  # an undeclined form
    return ""


def parse_heading_people(heading: str, lang: str, genre_phrase: str = "") -> tuple[list[str], list[str]]:
    """Authors and recipients named in a document heading, as written.

    Russian: genitive names are authors ("Письмо Л. Д. Троцкого"), dative
    ones recipients ("И. В. Сталину"), "в <body>" a recipient body. French:
    names after "de" are authors, after "à"/"au" recipients.
    """
    text = heading[len(genre_phrase):] if genre_phrase and heading.startswith(genre_phrase) else heading
    m = _DATE_PHRASE_RE.search(" " + text)
    if m:
        text = text[:max(m.start() - 1, 0)]
    authors: list[str] = []
    recipients: list[str] = []
    if lang == "ru":
        cut = _RU_TOPIC_RE.search(" " + text + " ")
        names_part = text[:max(cut.start() - 1, 0)] if cut else text
        role = ""
        for nm in _RU_NAME_RE.finditer(names_part):
            name = nm.group().strip()
            case = _case_of_surname(name)
            if case == "gent":
                role = "author"
            elif case == "datv":
                role = "recipient"
            elif case == "nomn":
                role = "recipient" if authors else "author"
            else:
                # "Крупской" reads as genitive or dative alike: the first
                # name after the genre is the author, a name joined to the
                # previous one shares its role.
                role = role or "author"
            (authors if role == "author" else recipients).append(name)
        body = _RU_BODY_RE.search(names_part)
        if body and not recipients:
            for part in _RU_BODY_PARTS_RE.split(body.group(1)):
                part = part.strip(" ,")
                if part and part[0].isupper():
                    recipients.append(part)
    else:
        for m in _FR_PREP_NAMES_RE.finditer(text):
            prep, names = m.group(1).lower(), m.group(2)
            target = authors if prep in ("de", "d'", "from", "by") else recipients
            for nm in _FR_NAME_RE.finditer(names):
                target.append(nm.group().strip())
    return authors, recipients


# --------------------------------------------------------------------------
# Numbered documents (archival collections)

_NUMBER_LINE_RE = re.compile(r"^№\s*(\d{1,4})$")
_NUMBER_LINE_START_RE = re.compile(r"\n[^\S\n]*№")  # the raw lines whose text starts with "№"


def _next_content(lines: _Lines, i: int, limit: int = 4) -> int | None:
    """The first line with text among the ``limit`` lines after line ``i``."""
    j = lines.has_text.find(1, i + 1, i + limit + 1)
    return j if j >= 0 else None


def _heading_lines(lines: _Lines, first: int, blank_layout: bool = True) -> list[int]:
    """The heading block that starts at line ``first``: up to four lines,
    ended by a layout separator (a line of spaces), a double blank, a
    reference line or a line that is itself a document number."""
    out: list[int] = []
    j = first
    blanks = 0
    while j < len(lines) and len(out) < 4:
        ln = lines[j]
        if ln.spaces_only:
            break
        if not ln.text:
            blanks += 1
            if blanks >= (2 if blank_layout else 1):
                break
            j += 1
            continue
        if out and (_NUMBER_LINE_RE.match(ln.text) or _REF_LINE_RE.match(ln.text)):
            break
        blanks = 0
        out.append(j)
        # A heading line ends the block when it ends like a sentence and the
        # next line starts with a capital (the document's first line).
        j += 1
    return out


def _numbered_documents(lines: _Lines, know: dict) -> list[dict]:
    """Document starts of a collection: the chain of ``№ N`` lines whose
    numbers run 1, 2, 3... (a few may be lost), preferring lines followed by
    a genre heading; registration numbers on lines of their own fall out."""
    cands: list[tuple[int, int, bool]] = []
    for ln in lines.at_line_starts(_NUMBER_LINE_START_RE):
        m = _NUMBER_LINE_RE.match(ln.text)
        if m:
            nxt = _next_content(lines, ln.idx)
            has_genre = nxt is not None and genre_of(lines[nxt].text, "ru") is not None
            cands.append((ln.idx, int(m.group(1)), has_genre))
    if not cands:
        return []
    score: list[float] = []
    back: list[int] = []
    by_num: dict[int, list[int]] = {}
    for ci, (idx, num, has_genre) in enumerate(cands):
        own = 1.0 + (0.5 if has_genre else 0.0)
        best, arg = (own if num <= 3 else own - 10.0), -1
        for step in (1, 2, 3):
            for pj in reversed(by_num.get(num - step, [])):
                if score[pj] + own - (step - 1) * 0.25 > best:
                    best, arg = score[pj] + own - (step - 1) * 0.25, pj
        score.append(best)
        back.append(arg)
        by_num.setdefault(num, []).append(ci)
    ci = max(range(len(cands)), key=lambda c: (score[c], -c))
    chain = []
    while ci >= 0:
        chain.append(ci)
        ci = back[ci]
    chain.reverse()
    return [{"line": cands[c][0], "number": cands[c][1]} for c in chain]


def _fill_lost_documents(starts: list[dict], ref_lines: list[int], lines: _Lines) -> list[dict]:
    """Insert documents whose ``№`` line was lost: between documents N and
    N+k+1 there are k documents more, each ending with its citation line."""
    out: list[dict] = []
    for a, b in zip(starts, starts[1:] + [None]):
        out.append(a)
        if b is None:
            continue
        missing = b["number"] - a["number"] - 1
        if missing <= 0:
            continue
        lo = bisect_right(ref_lines, a["line"])
        hi = bisect_right(ref_lines, b["line"])
        refs = ref_lines[lo:hi]
        if len(refs) < missing + 1:
            continue
        splits = refs[-(missing + 1):-1]
        for k, r in enumerate(splits):
            nxt = _next_content(lines, r, limit=50)
            if nxt is None:
                continue
            out.append({"line": nxt, "number": a["number"] + 1 + k, "lost_heading": True})
    return out


# --------------------------------------------------------------------------
# People lists (flattened tables)

_PERSON_ROW_RE = re.compile(
    r"^(\d{1,4})\.\s+([А-ЯЁA-Z][А-ЯЁA-Z\-]{2,}(?:\s+[А-ЯЁA-Z][А-ЯЁA-Z\-]{2,})?(?:\s*(?:[А-ЯЁA-Z]\.\s?){1,3})?)\s*$"
)
_YEAR_ROW_RE = re.compile(r"^(1[789]\d\d)(?:\s*г\.?)?$")


# The raw lines that can be rows: "12. ИВАНОВ..." (three capitals, as a
# row's name opens) or a year alone ("1925 г."). (The line's end is looked
# at, not taken: it opens the next line's match.)
_ROW_START_RE = re.compile(r"\n[^\S\n]*(?:\d{1,4}\.[^\S\n]+[А-ЯЁA-Z][А-ЯЁA-Z\-]{2}|1[789]\d\d[^\S\n]*(?=[г\n]|$))")


def _people_lists(lines: _Lines) -> tuple[list[tuple[int, int]], list[dict]]:
    """Raw spans of flattened tables of people, and the people in them.

    A table is a run of at least eight rows (a numbered name in capitals,
    or a year) with at most three other lines with content between two."""
    spans: list[tuple[int, int]] = []
    people: list[dict] = []
    run: list[tuple[_Line, re.Match | None]] = []  # each row, and its person match

    def close() -> None:
        if len(run) >= 8:
            spans.append((run[0][0].cs, run[-1][0].ce))
            for ln, m in run:
                if m:
                    people.append({
                        "name": m.group(2).strip(),
                        "number": int(m.group(1)),
                        "start": ln.cs,
                        "end": ln.ce,
                    })

    for ln in lines.at_line_starts(_ROW_START_RE):
        person = _PERSON_ROW_RE.match(ln.text)
        if not (person or _YEAR_ROW_RE.match(ln.text)):
            continue
        if run and lines.content_lines_between(run[-1][0].idx, ln.idx) > 3:
            close()
            run = []
        run.append((ln, person))
    if run:
        close()
    return spans, people


# --------------------------------------------------------------------------
# The line gates run together

# Each opens with "\n" and the line's blanks, then wants a character the
# others do not (a capital letter, "№", a digit): in one alternation each
# line start matches at most one of them, and matches it where it would
# match alone.
_SHARED_GATES = {_RAW_REF_LINE_RE: "reference", _NUMBER_LINE_START_RE: "number", _ROW_START_RE: "row"}
_GATE_OPENING = r"\n[^\S\n]*"
# The characters the gates' alternatives open with (a capital, "№", a
# digit), looked at once before any alternative is tried: most lines (and
# every blank one) open with none of them, and are left after one test
# instead of three entered alternatives (the scan of a 2 MB source is
# ~30% faster). A lookahead: it changes no match.
_GATES_FIRST_CHAR = r"(?=[А-ЯЁA-Z№\d])"


@lru_cache(maxsize=None)
def _shared_gates_regex(first_char: str = _GATES_FIRST_CHAR) -> re.Pattern:
    """The shared gates as one regex (``first_char``: the lookahead put
    before their alternatives; a test passes "" to compare)."""
    alternatives = []
    for gate, name in _SHARED_GATES.items():
        assert gate.pattern.startswith(_GATE_OPENING) and not gate.flags & ~re.UNICODE
        alternatives.append(f"(?P<{name}>{gate.pattern[len(_GATE_OPENING):]})")
    return re.compile(_GATE_OPENING + first_char + f"(?:{'|'.join(alternatives)})")


# --------------------------------------------------------------------------
# Section helpers


def _carve(base: list[Section], overlays: list[Section], text: str) -> list[Section]:
    """Sections of ``base`` with the spans of ``overlays`` cut out of them,
    plus the overlays; sorted, non-overlapping, trimmed of surrounding
    whitespace (pieces holding only whitespace are dropped)."""
    overlays = sorted(overlays, key=lambda s: s.start)
    out: list[Section] = []
    for sec in sorted(base, key=lambda s: s.start):
        pos = sec.start
        for ov in overlays:
            if ov.end <= pos or ov.start >= sec.end:
                continue
            if ov.start > pos:
                out.append(Section(sec.kind, pos, ov.start, sec.language))
            pos = max(pos, ov.end)
        if pos < sec.end:
            out.append(Section(sec.kind, pos, sec.end, sec.language))
    out.extend(overlays)
    out.sort(key=lambda s: (s.start, s.end))
    trimmed = []
    for sec in out:
        chunk = text[sec.start:sec.end]
        lead = len(chunk) - len(chunk.lstrip())
        tail = len(chunk) - len(chunk.rstrip())
        if lead + tail >= len(chunk):
            continue
        sec.start += lead
        sec.end -= tail
        trimmed.append(sec)
    return trimmed


def _merge_runs(items: list[tuple[str, int, int, str]]) -> list[Section]:
    """Adjacent items of the same kind and language -> one Section."""
    out: list[Section] = []
    for kind, start, end, lang in sorted(items, key=lambda x: x[1]):
        if out and out[-1].kind == kind and out[-1].language == lang:
            out[-1].end = max(out[-1].end, end)
        else:
            out.append(Section(kind, start, end, lang))
    return out


def _footnote_sections(nt: NormalizedText, lang_of) -> list[Section]:
    return [Section("notes", a, b, lang_of(nt.raw[a:b])) for a, b in nt.footnotes]


# --------------------------------------------------------------------------
# Articles

_DOI_RE = re.compile(r"\bDOI:?\s*(10\.\d{4,9}/[^\s,;]+)", re.I)
_UDC_RE = re.compile(r"^\s*(?:УДК|UDC)\s*:?\s*(.+?)\s*$", re.I | re.M)
_KEYWORD_SPLIT_RE = re.compile(r"[,;]")
_TITLE_TAIL_RE = re.compile(r"[\s*\u200a]+$")  # spaces and footnote stars after a title
_DOI_YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_PERSON_LINE_RE = re.compile(
    r"^(?:[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?\s){1,2}[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?\*?$"
    r"|^(?:[A-ZА-ЯЁ]\.\s?){1,2}\s?[A-ZА-ЯЁ][a-zа-яё]+$"
)


def _starts_with_label(text: str, labels: list[tuple[str, str]]) -> tuple[str, str] | None:
    low = text.lower()
    for label, lang in labels:
        if low.startswith(label) and low[len(label):len(label) + 2].strip()[:1] in (":", "", "."):
            return label, lang
    return None


def _is_heading_word(text: str, know: dict) -> str | None:
    low = text.strip(" .:").lower()
    return know["headings"].get(low)


def _article_layout(layout: SourceLayout, nt: NormalizedText, know: dict, main: str, latin: str) -> None:
    paras = []  # (text, raw_start, raw_end, lang, is_footnote)
    for cs, ce, rs, re_ in nt.paragraphs():
        t = nt.text[cs:ce]
        paras.append([t, rs, re_, _language(t, latin) or main, nt.is_footnote(rs)])
    paras.sort(key=lambda p: p[1])
    kinds = [""] * len(paras)
    meta = layout.metadata

    # Footnotes, DOI/UDC lines, keywords, labelled abstracts.
    for i, (t, rs, re_, lang, is_fn) in enumerate(paras):
        if is_fn:
            kinds[i] = "notes"
        elif _DOI_RE.search(t) and len(t) < 80:
            kinds[i] = "metadata"
            meta.setdefault("doi", _DOI_RE.search(t).group(1).rstrip("."))
        elif _UDC_RE.match(t):
            kinds[i] = "metadata"
            meta.setdefault("udc", _UDC_RE.match(t).group(1))
        elif (lab := _starts_with_label(t, know["keyword_labels"])):
            kinds[i] = "keywords"
            words = [w.strip(" .;") for w in _KEYWORD_SPLIT_RE.split(t[len(lab[0]):].lstrip(" :"))]
            meta.setdefault("keywords_by_language", {})[lang] = [w for w in words if w]
            # The paragraph just before keywords is that language's abstract.
            if i and not kinds[i - 1] and len(paras[i - 1][0]) > 200:
                kinds[i - 1] = "abstract"
        elif (lab := _starts_with_label(t, know["abstract_labels"])):
            kinds[i] = "abstract"

    # Section headings ("ПРИМЕЧАНИЕ", "Список литературы") open a section
    # that runs until the next heading or a paragraph in another language.
    current = None
    current_lang = None
    for i, (t, rs, re_, lang, is_fn) in enumerate(paras):
        hk = _is_heading_word(t, know) if len(t) < 60 else None
        if hk:
            kinds[i] = "metadata" if hk not in ("notes", "bibliography", "references") else hk
            current, current_lang = hk, lang
            continue
        if current in ("notes", "bibliography", "references") and not kinds[i]:
            if lang != current_lang and len(t) > 200:
                current = None
            else:
                kinds[i] = current

    # Head: paragraphs before the first long paragraph that is not an
    # abstract; abstract openers mark abstracts there and in the tail.
    body_seen = False
    for i, (t, rs, re_, lang, is_fn) in enumerate(paras):
        if kinds[i]:
            continue
        low = t.lower()
        if any(low.startswith(op) for op, _ in know["openers"]) and (not body_seen or lang != main):
            kinds[i] = "abstract"
            continue
        if not body_seen and len(t) < 200:
            kinds[i] = "metadata"
            continue
        if body_seen and lang != main and len(t) > 200 and all(
            not k or k in ("notes", "abstract", "keywords") for k in kinds[i + 1:]
        ):
            kinds[i] = "abstract"  # an abstract in another language closing the article
            continue
        kinds[i] = "body"
        body_seen = True

    # Metadata: title and authors from the head paragraphs.
    head = [(p, k) for p, k in zip(paras, kinds) if k == "metadata" and p[1] < (
        next((q[1] for q, kk in zip(paras, kinds) if kk in ("body", "abstract")), 1 << 62))]
    titles: dict[str, list[str]] = {}
    authors: dict[str, list[str]] = {}
    stage: dict[str, str] = {}
    for (t, rs, re_, lang, _), _k in head:
        if _DOI_RE.search(t) or _UDC_RE.match(t):
            continue
        if _PERSON_LINE_RE.match(t.strip()):
            authors.setdefault(lang, []).append(t.strip(" *"))
            stage[lang] = "authors"
            continue
        if stage.get(lang) == "authors" or t[:1].isdigit() or "," in t and len(t) < 60 and stage.get(lang):
            stage[lang] = "affiliation"
            continue
        if stage.get(lang) is None or stage.get(lang) == "title":
            titles.setdefault(lang, []).append(t.strip())
            stage[lang] = "title"
    def clean_title(parts: list[str]) -> str:
        s = " ".join(parts)
        return _TITLE_TAIL_RE.sub("", _WS_RE.sub(" ", s)).strip()
    if main in titles:
        layout.title = clean_title(titles[main])
    elif titles:
        layout.title = clean_title(next(iter(titles.values())))
    for lang, parts in titles.items():
        if lang != main:
            meta[f"title_{lang}"] = clean_title(parts)
    if main in authors:
        layout.authors = authors[main]
    for lang, names in authors.items():
        if lang != main:
            meta[f"authors_{lang}"] = names

    abstracts: dict[str, str] = {}
    for (t, rs, re_, lang, _), k in zip(paras, kinds):
        if k == "abstract":
            abstracts[lang] = (abstracts.get(lang, "") + " " + t).strip()
    if abstracts:
        meta["abstracts"] = abstracts
        meta["abstract"] = abstracts.get(main) or next(iter(abstracts.values()))
    kw = meta.get("keywords_by_language")
    if kw:
        meta["keywords"] = kw.get(main) or next(iter(kw.values()))
    if "doi" in meta:
        doi = meta["doi"]
        for prefix, journal in know["doi_journals"].items():
            if doi.lower().startswith(prefix.lower()):
                meta.setdefault("journal", journal)
        y = _DOI_YEAR_RE.search(doi.split("/", 1)[-1])
        if y:
            meta.setdefault("year", int(y.group(1)))

    layout.documents = _published_documents(paras, kinds, know)

    # Footnote paragraphs were moved out of the sentences they interrupted,
    # so a body paragraph's raw span may enclose them: cut them out.
    base = _merge_runs([(k or "body", p[1], p[2], p[3]) for p, k in zip(paras, kinds) if not p[4]])
    notes = [Section("notes", p[1], p[2], p[3]) for p in paras if p[4]]
    layout.sections = _carve(base, notes, nt.raw)


def _published_documents(paras: list, kinds: list[str], know: dict) -> list[DocumentSegment]:
    """Documents published inside an article ("Перевод письма Андре Жида",
    then the letter): a short body paragraph that starts with a genre phrase
    opens a document running to the end of that body part. The paragraphs
    are re-labelled "document"."""
    docs: list[DocumentSegment] = []
    i = 0
    while i < len(paras):
        t, rs, re_, lang, is_fn = paras[i]
        g = genre_of(t, lang) if kinds[i] == "body" and len(t) < 100 and not is_fn else None
        if g is None or t.rstrip().endswith(("-", ",", ".")):
            i += 1
            continue
        j = i + 1
        while j < len(paras) and (kinds[j] == "body" or paras[j][4]):
            j += 1
        own = [k for k in range(i, j) if not paras[k][4]]
        if len(own) < 4:
            i += 1
            continue
        head = [i]
        if not _YEAR_IN_TEXT_RE.search(t):
            for k in own[1:5]:
                if len(paras[k][0]) > 40:
                    break
                if _YEAR_IN_TEXT_RE.search(paras[k][0]):
                    head += [x for x in own[1:] if x <= k]
                    break
        heading = _strip_markers(" ".join(paras[k][0] for k in head))
        doc = DocumentSegment(
            number=str(len(docs) + 1), start=rs, end=paras[own[-1]][2], heading=heading,
            heading_start=rs, heading_end=paras[head[-1]][2], genre=g[1], language=lang,
        )
        doc.authors, doc.recipients = parse_heading_people(heading, lang, g[0])
        docs.append(doc)
        for k in own:
            kinds[k] = "document"
        i = j
    return docs


# --------------------------------------------------------------------------
# Collections


_YEAR_IN_TEXT_RE = re.compile(r"(?<!\d)1[89]\d\d(?!\d)|\d{1,2}[./][\dIVXХ]{1,4}[./-]\d{2,4}")


def _dateline(lines: _Lines, after: int, last: int, max_lines: int = 4) -> list[int]:
    """Short lines after line ``after`` down to the first one holding a year
    (the text's dateline), or [] if no such line comes first."""
    out: list[int] = []
    j = after
    while len(out) < max_lines:
        nxt = _next_content(lines, j, limit=3)
        if nxt is None or nxt > last or len(lines[nxt].text) > 40:
            return []
        out.append(nxt)
        if _YEAR_IN_TEXT_RE.search(lines[nxt].text):
            return out
        j = nxt
    return []


def _strip_markers(text: str) -> str:
    """A heading without its glued footnote markers ("Губкома24")."""
    starts, numbers = marker_numbers(text)
    for pos, num in reversed(list(zip(starts, numbers))):
        text = text[:pos] + text[pos + len(str(num)):]
    return text


def _blank_layout(lines: _Lines) -> bool:
    """Is there a blank line after almost every line (000, 001)?

    A line with text followed by one blank line and a line with text is a
    run of one "\\x00" between two "\\x01" in ``_Lines.has_text``: the
    pieces of ``split`` between the first and the last line with text."""
    content = lines.has_text.count(1)
    followed = lines.has_text.split(b"\x01")[1:-1].count(b"\x00")
    return content > 20 and followed > 0.4 * content


def _document_from_lines(number: str, lines: _Lines, first: int, last: int, lang: str,
                         ref_lines: list[int], lost_heading: bool = False,
                         number_line: int | None = None, blank_layout: bool = True) -> DocumentSegment:
    start_line = number_line if number_line is not None else first
    doc = DocumentSegment(number=number, start=lines[start_line].cs, end=lines[last].ce, language=lang)
    if not lost_heading:
        hl = _heading_lines(lines, first, blank_layout)
        if hl and not _YEAR_IN_TEXT_RE.search(" ".join(lines[k].text for k in hl)):
            # A heading without a year is often followed by the date on a
            # line of its own ("11 octobre 1932."), maybe under a short
            # address block: those lines belong to it.
            hl += _dateline(lines, hl[-1], last)
        if hl:
            doc.heading = _strip_markers(" ".join(lines[k].text for k in hl))
            doc.heading_start = lines[hl[0]].cs
            doc.heading_end = lines[hl[-1]].ce
            g = genre_of(doc.heading, lang)
            if g:
                doc.genre = g[1]
                doc.authors, doc.recipients = parse_heading_people(doc.heading, lang, g[0])
            else:
                doc.authors, doc.recipients = parse_heading_people(doc.heading, lang)
    lo = bisect_right(ref_lines, start_line)
    hi = bisect_right(ref_lines, last)
    if hi > lo:
        r = ref_lines[hi - 1]
        ln = lines[r]
        # A citation may wrap onto the next line ("... Машинопись (частично").
        doc.reference = _line_reference(lines, r)
        if doc.reference is not None:
            doc.reference.start, doc.reference.end = ln.cs, ln.ce
            doc.reference.text = ln.text
    return doc


def _last_content_before(lines: _Lines, i: int, floor: int) -> int:
    """The last line with text before line ``i`` and after ``floor``, else ``floor``."""
    j = lines.has_text.rfind(1, floor + 1, i)
    return j if j >= 0 else floor


def _collection_layout(layout: SourceLayout, lines: _Lines, nt: NormalizedText, know: dict,
                       starts: list[dict], ref_lines: list[int], main: str, latin: str) -> None:
    starts = _fill_lost_documents(starts, ref_lines, lines)
    blank_layout = _blank_layout(lines)
    docs: list[DocumentSegment] = []
    for k, st in enumerate(starts):
        first = st["line"]
        lost = st.get("lost_heading", False)
        heading_first = first if lost else (_next_content(lines, first) or first)
        nxt = starts[k + 1]["line"] if k + 1 < len(starts) else len(lines)
        last = _last_content_before(lines, nxt, first)
        lang = _language(" ".join(lines[j].text for j in range(heading_first, min(heading_first + 5, last + 1))), latin) or main
        doc = _document_from_lines(str(st["number"]), lines, heading_first, last, lang, ref_lines,
                                   lost_heading=lost, number_line=None if lost else first,
                                   blank_layout=blank_layout)
        docs.append(doc)
    layout.documents = docs
    base: list[Section] = []
    first_doc = docs[0].start if docs else len(nt.raw)
    head_end = first_doc
    # The "ДОКУМЕНТЫ" heading closes the preface.
    for ln in lines.with_text(lines.index_at(first_doc)):
        if ln.cs >= first_doc:
            break
        if ln.text.strip(" .").lower() in know["documents_heading"]:
            head_end = ln.cs
    first_text = lines.first_text_start()
    if head_end > first_text:
        base.append(Section("preface", first_text, head_end, main))
    if head_end < first_doc:
        base.append(Section("metadata", head_end, first_doc, main))
    for d in docs:
        base.append(Section("document", d.start, d.end, d.language))
    spans, people = _people_lists(lines)
    layout.people = people
    overlays = [Section("people_list", a, b, main) for a, b in spans]
    overlays += _footnote_sections(nt, lambda s: _language(s, latin) or main)
    # Overlays may not overlap each other: people lists win over footnotes.
    clean: list[Section] = []
    for ov in sorted(overlays, key=lambda s: (s.start, s.kind != "people_list")):
        if clean and ov.start < clean[-1].end:
            continue
        clean.append(ov)
    layout.sections = _carve(base, clean, nt.raw)


# --------------------------------------------------------------------------
# Translations (texts in one language, then their originals)

_SEPARATOR_RE = re.compile(r"^[*\-_=~]{5,}$|^(?:\*\s*){3,}$")
_SEPARATOR_START_RE = re.compile(r"\n[^\S\n]*[*\-_=~]")  # the raw lines whose text can be a separator
_REG_NUMBER_RE = re.compile(r"^(?:№|N°)\s*\d+(?:/\S+)?$")
_LIST_ITEM_RE = re.compile(r"^\d{1,3}[.)]\s")


@lru_cache(maxsize=None)
def _text_start_gate() -> re.Pattern:
    """The raw lines that may open with a genre phrase or an annex label,
    case aside (see ``_Lines.at_line_starts``): after blanks and opening
    marks, one of the phrases, each of its spaces standing for a run of
    blanks (the line's text has them collapsed)."""
    know = _knowledge()
    phrases = sorted({g[0] for g in know["genres"]} | set(know["annex"]), key=len, reverse=True)
    return re.compile(rf"\n(?:[^\S\n]|[«\"\[])*{_phrases_alternation(phrases)}", re.I)


def _phrases_alternation(phrases: list[str]) -> str:
    """A regex for any of ``phrases`` (each space standing for a run of
    blanks), grouped by first character: the engine tries on a line only
    the phrases opening with its first letter, not a hundred one after
    the other (the gate's scan ~4 times faster). In each group the
    phrases keep their order; which one matches does not change where a
    match starts, all the gate asks. A line whose first letter opens no
    phrase is left at once (the lookahead)."""
    def blanks(part: str) -> str:
        return re.escape(part).replace(r"\ ", r"[^\S\n]+")

    if not all(p[:1].strip() for p in phrases):  # (a phrase opening with a blank, or empty)
        return "(?:" + "|".join(map(blanks, phrases)) + ")"
    groups: dict[str, list[str]] = {}
    for p in phrases:
        groups.setdefault(p[0], []).append(p[1:])
    front = f"(?=[{re.escape(''.join(sorted(groups)))}])"
    return front + "(?:" + "|".join(
        re.escape(first) + "(?:" + "|".join(map(blanks, rests)) + ")" for first, rests in groups.items()) + ")"


def _translation_starts(lines: _Lines, know: dict, latin: str) -> list[tuple[int, str]]:
    """Lines that start a text: genre headings ("Note de V.A. Balitski à
    ...", "Докладная записка ...") and the first line of an enclosure after
    a cover note ("Annexe : ..." / "Приложение: ...", a list of the
    enclosures, the signature)."""
    starts: dict[int, str] = {}
    n = len(lines)
    # Only a line opening with a genre phrase (of any language) or an annex
    # label can start a text: the gate finds the raw lines that may, the
    # tests below decide, before the line's language is asked.
    for ln in lines.at_line_starts(_text_start_gate()):
        if not ln.text or len(ln.text) > 160:
            continue
        low = ln.text.lower()
        if genre_of(ln.text) is None and not know["annex_re"].match(low):
            continue
        lang = _language(ln.text, latin)
        if not lang:
            continue
        prev_blank = ln.idx == 0 or not lines[ln.idx - 1].text or ln.lead
        # "[Lettre de Rakovsky ...]": an editor's rendering of the heading
        # above, not a heading of its own.
        g = genre_of(ln.text, lang) if ln.text[0] not in "[(" else None
        if g and prev_blank:
            rest = ln.text[len(g[0]):].strip()
            first_word = rest.split(" ", 1)[0].lower() if rest else ""
            # A heading names its author (a list need not): "Постановление
            # НКЗ ..." quoted inside a text is not a document of its own.
            names_author = g[1] == "list" or bool(parse_heading_people(ln.text, lang, g[0])[0])
            if rest and not rest.startswith(":") and first_word not in know["recipient_preps"].get(lang, set()) \
                    and rest[:1] not in ".,;" and names_author:
                # A registration number just above belongs to the text.
                p = ln.idx - 1
                while p >= 0 and not lines[p].text:
                    p -= 1
                first = p if p >= 0 and _REG_NUMBER_RE.match(lines[p].text) else ln.idx
                starts[first] = lang
                continue
        if know["annex_re"].match(low):
            j = ln.idx + 1
            while j < n and (not lines[j].text or _LIST_ITEM_RE.match(lines[j].text)):
                j += 1
            # the signature line, then the enclosed text
            j += 1
            while j < n and not lines[j].text:
                j += 1
            if j < n:
                starts.setdefault(j, _language(lines[j].text, latin) or lang)
    return sorted(starts.items())


def _translation_layout(layout: SourceLayout, lines: _Lines, nt: NormalizedText, know: dict,
                        main: str, latin: str, ref_lines: list[int], starts=None) -> None:
    """``starts``: ``_translation_starts`` of ``lines`` when the caller has
    them already (working them out reads every line)."""
    if starts is None:
        starts = _translation_starts(lines, know, latin)
    if not starts:
        return
    first_lang = starts[0][1]
    # The translations come first. A text in the translations' language
    # found among the originals is a second version of the original that
    # follows it (004: a French rendering printed above the Russian text).
    switch = next((k for k, (_, lang) in enumerate(starts) if lang != first_lang), len(starts))
    ordered = starts
    second_versions = {first for first, lang in starts[switch:] if lang == first_lang}
    seps = [ln.idx for ln in lines.at_line_starts(_SEPARATOR_START_RE) if _SEPARATOR_RE.match(ln.text)]
    docs: list[DocumentSegment] = []
    extra: list[Section] = []
    counters: dict[str, int] = {}
    blank_layout = _blank_layout(lines)
    for k, (first, lang) in enumerate(ordered):
        nxt = ordered[k + 1][0] if k + 1 < len(ordered) else len(lines)
        # A separator line ends a text early; what follows it is a note.
        sep = next((s for s in seps if first < s < nxt), None)
        stop = sep if sep is not None else nxt
        last = _last_content_before(lines, stop, first)
        if first not in second_versions:
            counters[lang] = counters.get(lang, 0) + 1
        heading_first = first
        if _REG_NUMBER_RE.match(lines[first].text):
            heading_first = _next_content(lines, first) or first
        doc = _document_from_lines(str(counters[lang]), lines, heading_first, last, lang, ref_lines,
                                   number_line=first, blank_layout=blank_layout)
        # French spelled-out citations span lines: look for one in the text.
        if doc.reference is None:
            doc.reference = _find_reference_in(lines, first, last)
        if first in second_versions:
            doc.number = ""  # numbered after the original it renders
        docs.append(doc)
        if sep is not None:
            tail_first = _next_content(lines, sep, limit=10)
            if tail_first is not None and tail_first < nxt:
                tail_last = _last_content_before(lines, nxt, tail_first)
                extra.append(Section("bibliography", lines[sep].cs, lines[tail_last].ce,
                                     _language(lines[tail_first].text, latin) or main))
    # Numbering: the originals keep plain numbers, translations "N-<lang>".
    orig_lang = ordered[-1][1] if ordered else main
    by_lang: dict[str, list[DocumentSegment]] = {}
    for k, d in enumerate(docs):
        if d.number == "":
            original = next((o for o in docs[k + 1:] if o.language == orig_lang), None)
            d.number = f"{original.number}-{d.language}-2" if original else f"{k + 1}-{d.language}-2"
            d.aligned_with = original.number if original else None
            continue
        by_lang.setdefault(d.language, []).append(d)
    originals = by_lang.get(orig_lang, [])
    for lang, group in by_lang.items():
        if lang == orig_lang:
            continue
        for i, d in enumerate(group):
            d.number = f"{d.number}-{lang}"
            if i < len(originals):
                d.aligned_with = originals[i].number
    layout.documents = docs
    layout.metadata["pairs"] = min(len(originals), max((len(g) for l, g in by_lang.items() if l != orig_lang), default=0))
    base: list[Section] = []
    first_text = lines.first_text_start()
    if docs and docs[0].start > first_text:
        base.append(Section("preface", first_text, docs[0].start, first_lang))
    for d in docs:
        base.append(Section("document", d.start, d.end, d.language))
    base += extra
    spans, people = _people_lists(lines)
    layout.people = people
    overlays = [Section("people_list", a, b, main) for a, b in spans]
    overlays += _footnote_sections(nt, lambda s: _language(s, latin) or main)
    layout.sections = _carve(base, overlays, nt.raw)


def _find_reference_in(lines: _Lines, first: int, last: int) -> ArchivalReference | None:
    """The last archival citation inside a text, also one written over two
    or three lines (French spelled-out citations)."""
    found = None
    for j in lines.holding(("Fonds", "Ф."), first, last):
        window = [k for k in range(j, min(j + 4, last + 1)) if lines[k].text][:3]
        acc: list[int] = []
        best = None
        for k in window:
            acc.append(k)
            ref = parse_archival_reference(" ".join(lines[x].text for x in acc), lines[j].cs)
            if ref is not None and ref.opis:
                ref.start, ref.end = lines[j].cs, lines[k].ce
                best = ref
                if ref.copy_status:
                    break
        if best is not None:
            found = best
    return found


# --------------------------------------------------------------------------
# Entry point


def segment(raw: str, file_name: str, normalized: NormalizedText | None = None) -> SourceLayout:
    """Work out the structure of one source file (``raw`` as read from disk)."""
    know = _knowledge()
    nt = normalized if normalized is not None else normalize(raw)
    text = nt.repaired
    take = getattr(nt, "take_repaired_lines", None)
    lines = _Lines(text, take() if take is not None else None)
    latin = _latin_language(text, know)
    take_bytes = getattr(nt, "take_repaired_bytes", None)
    encoded = take_bytes() if take_bytes is not None else None
    cyr, lat = _script_counts(text[:400000], encoded[:400000] if encoded is not None else None)
    main = "ru" if cyr >= lat else latin
    languages = [main]
    other = latin if main == "ru" else "ru"
    if min(cyr, lat) > 0.02 * (cyr + lat):
        languages.append(other)

    ref_lines = _reference_lines(lines)
    starts = _numbered_documents(lines, know)
    if len(starts) >= 3:
        layout = SourceLayout(file_name=file_name, kind="archival_collection", languages=languages)
        _collection_layout(layout, lines, nt, know, starts, ref_lines, main, latin)
        _collection_title(layout, lines)
        _title_from_capitals(layout, lines, know)
        return layout
    if min(cyr, lat) > 0.25 * (cyr + lat):
        trial = _translation_starts(lines, know, latin)
        langs = {lang for _, lang in trial}
        if len(langs) >= 2 and len(trial) >= 4:
            first_lang = trial[0][1]
            layout = SourceLayout(file_name=file_name, kind="translation",
                                  languages=[first_lang] + [l for l in languages if l != first_lang])
            _translation_layout(layout, lines, nt, know, main, latin, ref_lines, starts=trial)
            _title_from_capitals(layout, lines, know)
            return layout
    layout = SourceLayout(file_name=file_name, kind="article", languages=languages)
    _article_layout(layout, nt, know, main, latin)
    return layout


# A preface's signature: a first name and a surname, maybe after a degree ("д.и.н.").
_COMPILER_SIGNATURE_RE = re.compile(r"^(?:[а-яё.]+\s)?([А-ЯЁ][а-яё]+\s[А-ЯЁ][а-яё]+)$")


def _collection_title(layout: SourceLayout, lines: _Lines) -> None:
    """A collection's own title is rarely in the text; the preface's
    signature ("д.и.н. Олег Мозохин") names the compiler."""
    pre = next((s for s in reversed(layout.sections) if s.kind == "preface"), None)
    if pre is None:
        return
    # Upwards from the line where the preface ends (every later line ends after it).
    for ln in map(lines.__getitem__, range(lines.index_at(pre.end), -1, -1)):
        if ln.ce > pre.end or not ln.text:
            continue
        if ln.cs < pre.start:
            break
        m = _COMPILER_SIGNATURE_RE.match(ln.text)
        if m:
            layout.authors = [m.group(1)]
        break


_SMALL_LETTER_RE = re.compile("[a-zа-яё]")


def _title_from_capitals(layout: SourceLayout, lines: _Lines, know: dict) -> None:
    """A line in capitals before the first document ("TEXTES DE RAKOVSKI DE
    1932") is the source's title, unless it is a section heading."""
    if layout.title:
        return
    first_doc = layout.documents[0].start if layout.documents else len(layout.file_name)
    for ln in lines.with_text(lines.index_at(first_doc)):  # (a blank line has no letters)
        if ln.cs >= first_doc:
            break
        t = ln.text
        if _SMALL_LETTER_RE.search(t):  # a lower-case letter: not in capitals
            continue
        letters = [ch for ch in t if ch.isalpha()]
        if len(letters) >= 8 and all(ch.isupper() for ch in letters) and " " in t \
                and _is_heading_word(t, know) is None:
            layout.title = t
            return


# --------------------------------------------------------------------------
# Look-ups for later stages


def section_at(layout: SourceLayout, offset: int) -> Section | None:
    """The section containing raw ``offset`` (sections are sorted and do not
    overlap), or None in the gaps between them."""
    secs = layout.sections
    k = bisect_right([s.start for s in secs], offset) - 1
    if k >= 0 and secs[k].start <= offset < secs[k].end:
        return secs[k]
    return None


def document_at(layout: SourceLayout, offset: int) -> DocumentSegment | None:
    """The document whose span contains raw ``offset``, if any."""
    docs = layout.documents
    k = bisect_right([d.start for d in docs], offset) - 1
    if k >= 0 and docs[k].start <= offset < docs[k].end:
        return docs[k]
    return None
