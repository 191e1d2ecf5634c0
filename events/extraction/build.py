"""Build events: archival documents and the dated happenings that text reports.

Two kinds of event come out of a source:

* every archival document (``DocumentSegment``) is itself an event - a letter
  written, a session held - dated by its heading ("от 6 сентября 1923 г.") or,
  failing that, by its signature lines, and cited by its heading;
* every sentence of running text (preface, body, abstract, notes, a
  document's own text) that carries both a date and an event trigger is a
  "mentioned" event, cited by that sentence (or the clause around the date
  when the sentence is very long).

A date with no trigger next to it is no event ("в 1923 г. было холодно"), nor
is a birth or party-membership year, a life span in brackets or a date in a
bibliographic reference; sections that cannot hold events (bibliography,
keywords, people lists, references) are skipped altogether.

The stage works on the cleaned text (``NormalizedText``) and maps every span
back to the raw file, so ``quote == raw[start:end]`` always holds.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

from . import resources
from .sentences import sentence_spans, sentences_at, sentences_found_by
from .textmap import LineIndex, clean_of, raw_of, raw_span
from .triggers import (
    Trigger, citation_spans, counts_from_another_event, find_triggers, guess_language, in_quoted_title, is_future,
    is_membership_date, is_non_event_date, is_stative_span, is_verbal, known_types, looks_like_citation,
    is_registration_line, restates_document_date, table, today_is_not_a_happening, trigger_score, without_objects,
    is_joining_date, names_a_group, told_in_the_future, is_decade_frame, in_purpose_clause,
)
from .entities import find_places, names_foreign_place, only_foreign_places
from .morph import tokens
from .types import EVENTFUL_SECTIONS, DateMention, DocumentSegment, ExtractedEvent, SourceLayout

DatesFn = Callable[..., list[DateMention]]

TITLE_MAX = 100
LONG_SENTENCE = 320  # longer sentences are cited by the clause around the date
CLAUSE_WINDOW = 160
SHARED_TRIGGER_REACH = 40  # chars between a leftover date and a trigger it may share
SIGNATURE_TAIL = 400  # chars at a document's end searched for its date
SIGNATURE_LINE_EXTRA = 15  # other chars allowed on a signature date's line ("Москва, ...")
# Event types that are written messages: "в письме Потемкину от 19 декабря"
# dates the letter, whatever else the sentence reports. Not decisions: in
# "постановлением ОСО от 11 февраля выслан" the date is the exile's.
DOCUMENT_TYPES = frozenset({"letter", "note", "report", "telegram", "statement", "protocol"})
DOCUMENT_GAP_WORDS = 4  # words allowed between a genre noun and its "от <date>" (the addressee)
DOCUMENT_DATE_BONUS = 0.3
PIECE_LOOKBACK = 3000  # chars read back (inside a document) for an enclosed piece's dateline
PIECE_HEAD = 120  # the opening of a paragraph where a piece's dateline stands
PIECE_ADDRESS = 60  # a line this short after a dateline is an address or a heading
# Date rules whose year comes from the context when the text gives none.
YEARLESS_RULES = frozenset({"day_month", "month_only", "season_only", "part_of_month", "day_range",
                            "day_month_range", "month_range", "night", "part_range"})
PLACE_LOOKBACK = 400  # chars read back (inside the paragraph) for the place a sentence is about

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")
_CLAUSE_BREAK = re.compile(r"[;:]\s|,\s+(?=[^\W\d_])")
_WORD_RE = re.compile(r"[^\W\d_]+")
# the last word of a reversed text (reversed): what ``_WORD_RE.findall`` lists
# last, found without listing the others
_LAST_WORD_BACKWARDS = re.compile(r"[\W\d_]*([^\W\d_]+)")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DAY_EDTF = re.compile(r"\d{4}-\d{2}-\d{2}")
_BARE_YEAR_EDTF = re.compile(r"\d{4}[~?]?")
_CLOSING_BRACKET_AHEAD = re.compile(r"[^()]*\)")
_NUMBER_PREFIX = re.compile(r"^\s*№\s*\S+\s*")
# a signature: initials and a surname alone on a line ("Л. Троцкий", "Trotsky L.")
_SIGNATURE_NAME = re.compile(r"^(?:[^\W\d_]\.\s*){1,2}[^\W\d_][\w-]+$|^[^\W\d_][\w-]+\s+(?:[^\W\d_]\.\s*){1,2}$")


_CONTEXT_CLASS = None


def make_context(year=None, month=None, document_date=None, julian=None, written_on=None, this_year=None):
    """A ``dates.DateContext`` (imported lazily so this stage can be tested
    with a fake date finder before/without the real one; the class is looked
    up once, as this runs for every sentence)."""
    global _CONTEXT_CLASS
    if _CONTEXT_CLASS is None:
        try:
            from .dates import DateContext as _CONTEXT_CLASS
        except ImportError:  # pragma: no cover - only before the dates stage exists
            from types import SimpleNamespace as _CONTEXT_CLASS
    return _CONTEXT_CLASS(year=year, month=month, document_date=document_date, julian=julian,
                          written_on=written_on, this_year=this_year)


def _trigger_lang(lang: str) -> str:
    return lang if lang in resources.LANGUAGES else "ru"


@lru_cache(maxsize=4096)
def year_of(edtf: str) -> int | None:
    """The first year of an EDTF value (cached: a document's few values are
    asked about for each of its sentences and dates)."""
    m = _YEAR.search(edtf or "")
    return int(m.group(1)) if m else None


_YEAR_MONTH = re.compile(r"(\d{4})(?:-(\d{2}))?")


def last_month_of(edtf: str) -> tuple[int, int | None] | None:
    """(year, month) of the last point of an EDTF value; month None below
    month precision (a year, or a season or part of the year: codes 21-41)."""
    m = _YEAR_MONTH.match(edtf.rsplit("/", 1)[-1].lstrip("~?")) if edtf else None
    if m is None:
        return None
    month = int(m.group(2)) if m.group(2) else None
    return int(m.group(1)), (month if month is not None and month <= 12 else None)


@lru_cache(maxsize=4096)
def day_of(edtf: str) -> datetime.date | None:
    """The date of a day-precision EDTF value, else None (cached, see
    ``year_of``; a ``datetime.date`` is immutable)."""
    if edtf and _DAY_EDTF.fullmatch(edtf):
        try:
            return datetime.date.fromisoformat(edtf)
        except ValueError:
            return None
    return None


_NUMBER = re.compile(r"\d+")


def may_hold_explicit_day(text: str, start: int = 0, end: int | None = None) -> bool:
    """False when ``text[start:end]`` cannot hold a day date with a year of
    its own (what ``EventBuilder._explicit_days`` keeps): such a date writes
    its day and its year as two numbers ("6 сентября 1923", "09.07.28"; a
    date whose year comes from a word - "с. г.", "того же года" - or from
    the running year is ``inferred``). Most paragraphs the dated-piece rules
    walk over hold no number or a single one ("№ 97"), and two regex
    searches are far cheaper than the date rules (read in place: the bounds
    act as the slice's ends, so no copy is made)."""
    end = len(text) if end is None else end
    first = _NUMBER.search(text, start, end)
    return first is not None and _NUMBER.search(text, first.end(), end) is not None


def squash(text: str) -> str:
    """Whitespace runs collapsed to one space, none at the ends - what a
    regex substitution and ``strip()`` gave, in one C call (``str.split``
    and the regex engine know the same spaces)."""
    return " ".join(text.split())


def shorten(text: str, limit: int = TITLE_MAX) -> str:
    """Collapse whitespace and cut at a word boundary to at most ``limit`` chars."""
    text = squash(text).strip(" ,;:.-–—")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


@dataclass
class _Region:
    """Where a raw offset lies: its section kind, language and document."""

    kind: str | None
    language: str
    document: DocumentSegment | None


class _Layout:
    """Fast position look-ups over a SourceLayout."""

    def __init__(self, layout: SourceLayout):
        self.layout = layout
        self.sections = sorted(layout.sections, key=lambda s: s.start)
        self._sec_starts = [s.start for s in self.sections]
        self.documents = sorted(layout.documents, key=lambda d: d.start)
        self._doc_starts = [d.start for d in self.documents]
        self.default_lang = (layout.languages or ["ru"])[0]
        self.blocked: list[tuple[int, int]] = []  # headings and reference lines
        for doc in self.documents:
            if doc.heading_end > doc.heading_start:
                self.blocked.append((doc.heading_start, doc.heading_end))
            if doc.reference is not None and doc.reference.end > doc.reference.start:
                self.blocked.append((doc.reference.start, doc.reference.end))
        self.blocked.sort()
        self._blocked_starts = [b[0] for b in self.blocked]
        # Between two consecutive section or document bounds every offset
        # lies in the same sections and document, so has the same region.
        self._bounds = sorted({b for s in (*self.sections, *self.documents) for b in (s.start, s.end)})
        self._regions: dict[int, _Region] = {}

    def document_at(self, pos: int) -> DocumentSegment | None:
        i = bisect_right(self._doc_starts, pos) - 1
        if i >= 0 and self.documents[i].start <= pos < self.documents[i].end:
            return self.documents[i]
        return None

    def region(self, pos: int) -> _Region:
        """The region of raw offset ``pos``, worked out once per stretch
        between two section or document bounds (see ``region_at``)."""
        stretch = bisect_right(self._bounds, pos)
        found = self._regions.get(stretch)
        if found is None:
            found = self._regions[stretch] = self.region_at(pos)
        return found

    def region_at(self, pos: int) -> _Region:
        """Section kind, language and document at raw offset ``pos``."""
        doc = self.document_at(pos)
        kinds = []
        lang = None
        # Sections may nest (a people list inside the preface): look back a few.
        i = bisect_right(self._sec_starts, pos) - 1
        steps = 0
        while i >= 0 and steps < 8:
            sec = self.sections[i]
            if sec.start <= pos < sec.end:
                kinds.append(sec.kind)
                lang = lang or sec.language
            i -= 1
            steps += 1
        if any(k not in EVENTFUL_SECTIONS for k in kinds):
            kind = next(k for k in kinds if k not in EVENTFUL_SECTIONS)
        elif kinds:
            kind = kinds[0]
        elif doc is not None or not self.sections:
            kind = "document" if doc is not None else "body"
        else:
            kind = None
        language = (doc.language if doc is not None else None) or lang or self.default_lang
        return _Region(kind, language, doc)

    def is_blocked(self, start: int, end: int) -> bool:
        i = bisect_right(self._blocked_starts, start) - 1
        for j in (i, i + 1):
            if 0 <= j < len(self.blocked):
                b0, b1 = self.blocked[j]
                if start < b1 and end > b0:
                    return True
        return False


def iter_sentences(text: str, breaks=(), only_at=None):
    """``(start, end)`` of each sentence of ``text``: paragraphs first (blank
    lines, and the given ``breaks`` offsets - section starts, so that an
    abstract never shares a sentence with the metadata above it), then
    razdel's sentence rules (``sentences.sentence_spans``) inside each
    paragraph. ``only_at(paragraph)``, if given, lists the offsets that
    matter in it, or is a function ``next_at(pos)`` giving the first of
    them ``>= pos`` (see ``sentences.sentences_found_by``): only the
    sentences holding one are found."""
    cuts = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    cuts += [(b, b) for b in breaks if 0 < b < len(text)]
    cuts.sort()
    pos = 0
    for cut_start, cut_end in cuts + [(len(text), len(text))]:
        if cut_start < pos:
            pos = max(pos, cut_end)
            continue
        para = text[pos:cut_start]
        if para and not para.isspace():
            if only_at is None:
                spans = sentence_spans(para)
            else:
                where = only_at(para)
                spans = sentences_found_by(para, where) if callable(where) else sentences_at(para, where)
            for s, e in spans:
                yield pos + s, pos + e
        pos = cut_end


_CENTURY_START = None


def _century_start():
    """A regex for a sentence that opens with a century ("XIX столетия ...").

    The sentence splitter cuts "в 90-е гг. XIX столетия" after the
    abbreviation "гг."; such a cut is undone so the decade keeps its
    century. Century words come from every language's date resources."""
    global _CENTURY_START
    if _CENTURY_START is None:
        words = set()
        for lang in resources.LANGUAGES:
            words.update(resources.load("dates", lang).get("century_words") or [])
        alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        _CENTURY_START = re.compile(rf"\s*[IVXХІ]{{1,5}}\s*(?:{alt})(?!\w)" if alt else r"(?!)")
    return _CENTURY_START


def join_century_splits(text: str, spans):
    """Sentence spans with every cut before a century ("гг. | XIX века")
    joined back."""
    pending = None
    century_start = _century_start()
    for start, end in spans:
        if pending is not None and century_start.match(text, start):
            pending = (pending[0], end)
            continue
        if pending is not None:
            yield pending
        pending = (start, end)
    if pending is not None:
        yield pending


def clause_span(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """Narrow ``[lo, hi)`` (a long sentence) to the clause(s) around
    ``[start, end)``, at most about ``2 * CLAUSE_WINDOW`` chars."""
    left = max(lo, start - CLAUSE_WINDOW)
    right = min(hi, end + CLAUSE_WINDOW)
    breaks_left = [m.end() for m in _CLAUSE_BREAK.finditer(text, left, start)]
    if breaks_left:
        left = breaks_left[-1]
    else:
        sp = text.find(" ", left, start)
        if left > lo and sp != -1:
            left = sp + 1
    m = _CLAUSE_BREAK.search(text, end, right)
    if m:
        right = m.start()
    else:
        sp = text.rfind(" ", end, right)
        if right < hi and sp != -1:
            right = sp
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


class EventBuilder:
    """Builds the events of one source; see ``build_events``."""

    def __init__(self, raw: str, layout: SourceLayout, normalized, dates_fn: DatesFn):
        self.raw = raw
        self.layout = layout
        self.norm = normalized
        self.text = normalized.text
        self.dates_fn = dates_fn
        self.lines = LineIndex(raw)
        self.where = _Layout(layout)
        self.doc_dates: dict[str, DateMention | None] = {}
        self.doc_date_origin: dict[str, str] = {}

    # -- offsets -------------------------------------------------------
    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return raw_span(self.norm, start, end, len(self.raw))

    def verbatim(self, start: int, end: int) -> str:
        """The date as written on disk (line breaks, NBSPs, 002's damaged
        letters kept) for a span of the cleaned text."""
        rs, re_ = self.to_raw(start, end)
        return self.raw[rs:re_]

    def to_clean(self, raw_pos: int) -> int:
        return clean_of(self.norm, raw_pos, len(self.raw))

    def citation(self, rs: int, re_: int) -> tuple[int, int, int, str]:
        return rs, re_, self.lines.line(rs), self.raw[rs:re_]

    # -- documents -----------------------------------------------------
    def document_date(self, doc: DocumentSegment) -> tuple[DateMention | None, str]:
        """The document's own date and where it came from ("heading"/"signature")."""
        if doc.date is not None:
            return doc.date, "given"
        lang = doc.language or self.where.default_lang
        tab = table(_trigger_lang(lang))
        if doc.heading_end > doc.heading_start:
            hs, he = self.to_clean(doc.heading_start), self.to_clean(doc.heading_end)
            heading = self.text[hs:he]
            found = [m for m in self.dates_fn(heading, lang, make_context()) if year_of(m.edtf)]
            if found:
                def introduced(m: DateMention) -> bool:
                    words = re.findall(r"[^\W\d_]+", heading[max(0, m.start - 12) : m.start].lower())
                    return bool(words) and words[-1] in tab.document_date_prefixes

                chosen = next((m for m in found if introduced(m)), None)
                chosen = chosen or next((m for m in found if day_of(m.edtf)), found[0])
                return self._shift(chosen, hs), "heading"
        end = doc.reference.start if doc.reference is not None and doc.reference.start > doc.start else doc.end
        ds, de = self.to_clean(doc.start), self.to_clean(end)
        ts = max(ds, de - SIGNATURE_TAIL)
        tail = self.text[ts:de]
        found = [m for m in self.dates_fn(tail, lang, make_context())
                 if year_of(m.edtf) and self._on_signature_line(tail, m)]
        if found:
            last = max(found, key=lambda m: (m.end, m.end - m.start))
            return self._shift(last, ts), "signature"
        return None, ""

    @staticmethod
    def _on_signature_line(text: str, m: DateMention) -> bool:
        """A date standing (nearly) alone on its line, as under a signature
        ("1.02.23г.", "Апрель 1932 г.") - not a year inside the last sentence."""
        ls = text.rfind("\n", 0, m.start) + 1
        le = text.find("\n", m.end)
        le = len(text) if le == -1 else le
        rest = (text[ls:m.start] + text[m.end:le]).strip(" \t.,;:")
        return len(rest) <= SIGNATURE_LINE_EXTRA

    @staticmethod
    def _shift(m: DateMention, by: int) -> DateMention:
        return DateMention(
            start=m.start + by, end=m.end + by, text=m.text, edtf=m.edtf, calendar=m.calendar,
            original_edtf=m.original_edtf, confidence=m.confidence, inferred=m.inferred, rule=m.rule,
        )

    def document_title(self, doc: DocumentSegment, date: DateMention | None, origin: str) -> str:
        if doc.heading_end > doc.heading_start:
            hs = self.to_clean(doc.heading_start)
            he = self.to_clean(doc.heading_end)
            if origin == "heading" and date is not None and hs < date.start <= he:
                he = date.start
            head = _NUMBER_PREFIX.sub("", self.text[hs:he])
            lang = doc.language or self.where.default_lang
            prefixes = table(_trigger_lang(lang)).document_date_prefixes
            words = head.rstrip().split()
            while words and words[-1].lower() in prefixes:
                words.pop()
            title = shorten(" ".join(words))
            if title:
                return title
        genre = doc.genre or "document"
        return f"{genre.replace('_', ' ').capitalize()} № {doc.number}"

    def document_events(self, doc: DocumentSegment) -> list[ExtractedEvent]:
        """The document's event, cited by its heading - and, when only its
        end dates it, also by that dateline, where the date is written.

        A document that neither its heading nor its signature dates gives no
        event: a timeline event needs a date, and the document itself is
        kept by the layout (the archival-document record a curator can
        date). Its heading read as an event only ever named a topic ("НАЗАД
        К ПАРТИЙНОЙ ПРОГРАММЕ", "Liste des personnes arrêtées")."""
        event = self.document_event(doc)
        date = self.doc_dates.get(doc.number)
        if date is None:
            return []
        if date is None or self.doc_date_origin.get(doc.number) != "signature":
            return [event]
        rs, re_ = self.to_raw(date.start, date.end)
        start, end, line, quote = self.citation(rs, re_)
        dateline = ExtractedEvent(**{**event.__dict__, "start": start, "end": end, "line": line,
                                     "quote": quote, "actors": list(event.actors), "places": []})
        return [event, dateline]

    def document_event(self, doc: DocumentSegment) -> ExtractedEvent:
        date, origin = self.document_date(doc)
        self.doc_date_origin[doc.number] = origin
        self.doc_dates[doc.number] = date
        if doc.heading_end > doc.heading_start:
            rs, re_ = doc.heading_start, doc.heading_end
        else:  # a document that lost its heading is cited by its first line
            rs = doc.start
            nl = self.raw.find("\n", rs, doc.end)
            re_ = nl if nl != -1 else doc.end
        while re_ > rs and self.raw[re_ - 1].isspace():
            re_ -= 1
        while rs < re_ and self.raw[rs].isspace():
            rs += 1
        start, end, line, quote = self.citation(rs, re_)
        lang = doc.language or self.where.default_lang
        # A genre outside the event vocabulary ("list") counts as "other".
        event_type = doc.genre if doc.genre in known_types() else ("other" if doc.genre else "")
        if not event_type:
            hs = self.to_clean(rs)
            trig = find_triggers(self.text[hs : self.to_clean(re_)], _trigger_lang(lang))
            event_type = trig[0].type if trig else "other"
        confidence = (date.confidence if date else 0.3) * (0.95 if origin == "signature" else 1.0)
        return ExtractedEvent(
            source=self.layout.file_name,
            kind="document",
            date=date.edtf if date else "",
            date_text=self.verbatim(date.start, date.end) if date else "",
            calendar=date.calendar if date else "gregorian",
            type=event_type,
            title=self.document_title(doc, date, origin),
            start=start,
            end=end,
            line=line,
            quote=quote,
            actors=list(doc.authors) + [r for r in doc.recipients if r not in doc.authors],
            confidence=confidence,
            document=doc.number,
            description=squash(doc.heading),
            language=lang,
            original_date=date.original_edtf if date else "",
        )

    def in_footnote(self, raw_pos: int) -> bool:
        """True inside a footnote body the normalize stage found in the flow."""
        spans = getattr(self.norm, "footnotes", None) or []
        if not spans:
            return False
        if not hasattr(self, "_fn_starts"):
            self._fn = sorted(spans)
            self._fn_starts = [a for a, _ in self._fn]
        i = bisect_right(self._fn_starts, raw_pos) - 1
        return i >= 0 and self._fn[i][0] <= raw_pos < self._fn[i][1]

    @staticmethod
    def sets_running_year(sentence: str, m: DateMention, lang: str, current: int | None = None) -> bool:
        """Does this date move the narrative's running year?

        Narratives mostly move forward, and look back in passing ("пакт
        1935 г.", "обозначившийся весной 1935 г."). So a day-precision date
        always does; a month or season does when it is not earlier than the
        running year; and any date does when it opens the sentence or follows
        a temporal word ("В 1936 г. ...", "в мае 1936 г.")."""
        if sentence.rfind("(", 0, m.start) > sentence.rfind(")", 0, m.start):
            return False  # a parenthetical aside: "(с 1904 г.)"
        # the words before it: at most one, or the last a temporal word
        backwards = sentence[: m.start].lower()[::-1]
        last = _LAST_WORD_BACKWARDS.match(backwards)
        if last is None or _WORD_RE.search(backwards, last.end()) is None \
                or last.group(1)[::-1] in table(lang).year_context_words:
            return True
        if _DAY_EDTF.match(m.edtf):
            return True
        if _BARE_YEAR_EDTF.fullmatch(m.edtf):
            return False  # a bare year mid-sentence is an attribute
        year = year_of(m.edtf)
        return current is None or (year is not None and year >= current)

    @staticmethod
    def opens_story(sentence: str, m: DateMention) -> bool:
        """Does this date open its sentence, so that what follows is told
        in its year ("В 1927 г. ...", "17 января 1928 г. Троцкий ...")?
        Not in brackets: "(«Политик», сентябрь 1926 г.)" is a source."""
        first = _WORD_RE.search(sentence, 0, m.start)
        if first is not None and _WORD_RE.search(sentence, first.end(), m.start) is not None:
            return False  # two words before it
        if sentence.rfind("(", 0, m.start) > sentence.rfind(")", 0, m.start):
            return False
        return _CLOSING_BRACKET_AHEAD.match(sentence, m.end) is None

    # -- running text --------------------------------------------------
    def mentioned_events(self) -> list[ExtractedEvent]:
        events: list[ExtractedEvent] = []
        last_year: int | None = None
        # In a dated document a year-less date takes the document's year: its
        # writer counts from the day he writes. Only a story the same
        # paragraph tells from a date that opens its sentence ("В 1927 г. я
        # приехал ... В ноябре ...") overrides it; a year named in passing
        # ("оппозиция 1923 года", "в своем заявлении от 16 октября 1926 г.")
        # does not. (year, clean offset where it was set) or None.
        story: tuple[int, int] | None = None
        latest: int | None = None  # the latest year a document has told of ("с. г." where undated)
        # Where no document date anchors it, the month the story has reached
        # in last_year: a year-less month far behind it is the next year's.
        reached: int | None = None
        scope = None  # document number or section kind: where last_year holds
        years: dict = {}  # running year per scope, restored on coming back
        # The date finder changes nothing outside its call, so the few
        # contexts a source needs (one per running year, document date and
        # latest year) are made once each, not once per sentence.
        contexts: dict = {}
        text = self.text
        breaks = sorted({self.to_clean(sec.start) for sec in self.where.sections}
                        | {self.to_clean(doc.start) for doc in self.where.documents})
        # Only sentences holding a date anchor are split out and read: the
        # others produce no event and cannot change the running year (a scope
        # change they would cause is undone, with the same years, at the next
        # dated sentence).
        raw_len = len(self.raw)
        for cs, ce in join_century_splits(text, iter_sentences(text, breaks, only_at=self._date_anchors())):
            rs = raw_of(self.norm, cs, raw_len)  # where the sentence's raw span starts
            region = self.where.region(rs)
            doc = region.document
            here = ("doc", doc.number) if doc is not None else ("sec", region.kind)
            doc_date = self.doc_dates.get(doc.number) if doc is not None else None
            if here != scope:
                years[scope] = (last_year, story, latest, reached)
                scope = here
                if here in years:
                    last_year, story, latest, reached = years[here]
                else:
                    last_year = year_of(doc_date.edtf) if doc_date is not None else None
                    story = latest = reached = None
            if region.kind is None or region.kind not in EVENTFUL_SECTIONS:
                continue
            sentence = text[cs:ce]
            lang = guess_language(sentence, region.language)
            doc_year = year_of(doc_date.edtf) if doc_date is not None else None
            if story is not None and text.find("\n", story[1], cs) != -1:
                story = None  # a new paragraph: the story's year no longer governs
            year = last_year if doc_year is None else (story[0] if story else doc_year)
            written = day_of(doc_date.edtf) if doc_date else None
            month = reached if doc_year is None else None
            ctx = contexts.get((year, month, written, latest))
            if ctx is None:
                ctx = contexts[year, month, written, latest] = make_context(
                    year=year, month=month, document_date=written, written_on=written, this_year=latest)
            mentions = self.dates_fn(sentence, lang, ctx)
            if not mentions:
                continue
            if any(m.calendar == "julian" for m in mentions) \
                    and (names_foreign_place(sentence, lang) or self.told_abroad(cs, sentence, lang)):
                # an event abroad: the Old Style rule is for events in Russia
                ctx = make_context(year=year, month=month, julian=False, document_date=written,
                                   written_on=written, this_year=latest)
                mentions = self.dates_fn(sentence, lang, ctx)
            # year-less dates inside an enclosed piece with a dateline of its
            # own are told in the piece's year (see ``told_in_piece``); judged
            # on the story as it stood before this sentence
            retell = doc is not None and written is not None and not story \
                and any(m.inferred and m.rule in YEARLESS_RULES for m in mentions)
            tl = _trigger_lang(lang)
            # A footnote body dropped into the flow is a note: it may report
            # events, but its years must not leak into the running text.
            footnote = self.in_footnote(rs)
            # A reference gives neither events nor a year to carry on: asked
            # once something hangs on the sentence (a date judged, triggers).
            cited = refs = None
            # Whether a date is usable matters for the running year, the
            # latest year and the story only if it would move one of them
            # (see ``carried``); any other date matters only for this
            # sentence's events, so it is judged (and re-dated by an enclosed
            # piece's dateline) only once the sentence proves to have triggers.
            usable_at: list[int] = []
            later: list[int] = []
            state = (last_year, latest, story, reached)
            for i in range(len(mentions)):
                m = mentions[i]  # (from the list re-dated below, if it was)
                after = self.carried(state, m, sentence, cs, tl, footnote, doc, doc_year)
                if not self.judged_at_once(state, after):
                    later.append(i)
                    continue
                if cited is None:
                    cited, refs = looks_like_citation(sentence, tl), citation_spans(sentence, tl)
                if cited:
                    break
                if retell and m.inferred:  # (only if every date is judged at once)
                    mentions = self.told_in_piece(mentions, sentence, cs, ce, doc, written, lang, ctx)
                    m, retell = mentions[i], False
                if self.is_usable(m, mentions, sentence, cs, doc_date, tl, refs):
                    usable_at.append(i)
                    state = after
            if cited:
                continue
            last_year, latest, story, reached = state
            if not usable_at and not later:
                continue
            triggers = without_objects(find_triggers(sentence, tl), sentence, tl)
            if not triggers:
                continue
            if cited is None:
                if looks_like_citation(sentence, tl):
                    continue
                refs = citation_spans(sentence, tl)
            if later:
                if retell:
                    mentions = self.told_in_piece(mentions, sentence, cs, ce, doc, written, lang, ctx)
                usable_at += [i for i in later if self.is_usable(mentions[i], mentions, sentence, cs, doc_date,
                                                                 tl, refs)]
                usable_at.sort()
            usable = [mentions[i] for i in usable_at]
            if not usable:
                continue
            future = [t for t in triggers if is_future(t, sentence, tl)]
            if future:
                # "только 24 февраля выедет": a date told with a verb in the
                # future names what was expected, not what happened
                usable = [m for m in usable if self.nearest(m, triggers) not in future]
                triggers = [t for t in triggers if t not in future]
            for m, trig in self.pair(usable, triggers, sentence, tl):
                if m.rule == "relative_day" and doc is not None:
                    m = self.counted_from_piece(m, cs, doc, written, lang)
                events.append(self.mentioned_event(m, trig, cs, ce, lang, doc))
        return events

    def carried(self, state: tuple, m: DateMention, sentence: str, cs: int, lang: str, footnote: bool,
                doc: DocumentSegment | None, doc_year: int | None) -> tuple:
        """The running state ``(last_year, latest, story, reached)`` after
        date ``m`` of the sentence at clean offset ``cs``, if it is usable.
        Only a date with a year of its own, outside a footnote, may move the
        years: a footnote's years must not leak into the running text. Where
        no document date anchors the text, a year-less date moves the month
        the story has reached (and, read in the next year because it lies far
        behind that month, the running year with it)."""
        last_year, latest, story, reached = state
        if footnote:
            return state
        if m.inferred:
            if doc_year is None and last_year is not None and m.rule in YEARLESS_RULES:
                point = last_month_of(m.edtf)
                if point is not None and point[0] == last_year + 1:
                    last_year = point[0]  # the story went on into the next year
                if point is not None and point[0] == last_year:
                    reached = point[1]
            return last_year, latest, story, reached
        # an interval leaves the story at its end ("осенью—зимой 1932—1933 гг.")
        y = year_of(m.edtf.rsplit("/", 1)[-1]) or year_of(m.edtf)
        if not y:
            return state
        if y != last_year and self.sets_running_year(sentence, m, lang, last_year):
            last_year = y  # only real event-ish dates set the running year
        if doc is not None and (latest is None or y > latest):
            latest = y  # an undated text is written no earlier than what it tells
        if doc_year and y <= doc_year and self.opens_story(sentence, m):
            story = (y, cs + m.end)
        if doc_year is None:
            point = last_month_of(m.edtf)
            if point is not None and point[0] == last_year:
                reached = point[1]
        return last_year, latest, story, reached

    @staticmethod
    def judged_at_once(state: tuple, after: tuple) -> bool:
        """Is a date judged before its sentence's triggers are looked for?
        Only when, usable, it would change the running state: the judgement
        of any other date matters only if the sentence has triggers."""
        return after != state

    def is_usable(self, m: DateMention, mentions: list[DateMention], sentence: str, cs: int,
                  doc_date: DateMention | None, lang: str, refs) -> bool:
        """May date ``m`` of the sentence at clean offset ``cs`` be an event's
        date (and move the running year)? Not a date inside a reference
        (``refs``: the sentence's ``citation_spans``), a heading, a birth or
        membership year, a state of affairs, the document's own date again,
        nor what was still to happen when the text was written."""
        # Every test below is a pure predicate and any one of them rules the
        # date out, so their order changes no verdict: the cheap ones that
        # often hold come first, the dearest (a verb's tense and mood, a
        # joining verb) last, when few dates are left to ask.
        if not m.edtf or (refs and any(a <= m.start < b for a, b in refs)):
            return False
        ms, me = self.to_raw(cs + m.start, cs + m.end)
        if self.where.is_blocked(ms, me):
            return False
        if self.repeats_document_date(sentence, m, ms, me, doc_date, lang):
            return False  # the document's own date again: its document event says it
        if is_non_event_date(sentence, m.start, m.end, lang):
            return False
        if self.is_ahead_of_document(sentence, m, doc_date, lang):
            return False  # "завтра", "через неделю": not yet happened when written
        if is_membership_date(sentence, m.start, m.end, m.edtf, lang) \
                or is_stative_span(sentence, m.start, m.end, m.edtf, lang) \
                or is_decade_frame(sentence, m.start, m.end, m.edtf, lang) \
                or names_a_group(sentence, m.start, m.end, m.edtf, lang) \
                or in_quoted_title(sentence, m.start, m.end, m.edtf):
            return False
        others = [(o.start, o.end) for o in mentions if o is not m]
        # "чтобы в смету 1925–1926 гг. внести": wanted, not happened
        if in_purpose_clause(sentence, m.start, m.end, others, lang) \
                or is_joining_date(sentence, m.start, m.end, m.edtf, lang, others):
            return False
        # "20-го апреля откроется съезд": expected, not happened
        return not told_in_the_future(sentence, m.start, m.end, others, lang)

    def told_in_piece(self, mentions: list[DateMention], sentence: str, cs: int, ce: int,
                      doc: DocumentSegment, written: datetime.date, lang: str, ctx) -> list[DateMention]:
        """Year-less dates of a sentence inside a piece the document encloses
        with a dateline of its own (see ``piece_date``; also one closing the
        piece, as a letter signed "07.07.28 г." in a report of 1929) take
        the piece's year and are judged from its day, not the covering
        document's. Only their dates change: the same spans are kept."""
        piece = self.piece_date(cs, doc, written, lang) or self.closing_date(ce, doc, written, lang)
        if piece is None or piece >= written:
            return mentions
        again = self.dates_fn(sentence, lang, replace(ctx, year=piece.year, written_on=piece))
        by_span = {(m.start, m.end): m for m in again}
        out = []
        for m in mentions:
            other = by_span.get((m.start, m.end))
            if m.inferred and m.rule in YEARLESS_RULES and other is not None:
                m = replace(m, edtf=other.edtf, calendar=other.calendar, original_edtf=other.original_edtf)
            out.append(m)
        return out

    def _explicit_days(self, ps: int, pe: int, lang: str, year: int) -> list[DateMention]:
        """Day dates with a year of their own in the clean paragraph
        ``ps``-``pe`` (offsets relative to ``ps``), read once per paragraph:
        every year-less sentence of a long enclosure scans the same ones."""
        cache = self.__dict__.setdefault("_days_cache", {})
        key = (ps, pe, lang, year)
        if key not in cache:
            cache[key] = [d for d in self.dates_fn(self.text[ps:pe], lang, make_context(year=year))
                          if day_of(d.edtf) and not d.inferred] if self._may_hold_explicit_day(ps, pe, lang) else []
        return cache[key]

    def _may_hold_explicit_day(self, ps: int, pe: int, lang: str) -> bool:
        """False when the clean paragraph ``ps``-``pe`` holds no day date
        with a year of its own: it has fewer than two numbers, or (for the
        real date finder) no date rule that reads such a day matches in it
        (see ``dates.may_hold_day_with_year``; most paragraphs with figures
        the dated-piece rules walk over hold years, counts and archival
        numbers, not days)."""
        if not may_hold_explicit_day(self.text, ps, pe):
            return False  # (most paragraphs: before even the import below)
        from . import dates

        return self.dates_fn is not dates.find_dates or dates.may_hold_day_with_year(self.text[ps:pe], lang)

    def opens_piece(self, pe: int) -> bool:
        """Does the paragraph after the dateline ending at clean offset
        ``pe`` start a piece: a quoted text («Дорогой Л.Б. ...), a heading in
        capitals ("О ТРОЦКОМ") or a short address line without figures
        ("Тов. Ярославскому.", not "Получено 15.11.29 г.")? A signature's
        date is followed by the narrative going on ("Алма-Ата, 16.XII-28 г."
        then "Я сомневаюсь, ...")."""
        ns = pe + 1
        ne = self.text.find("\n", ns)
        nxt = self.text[ns : ne if ne != -1 else len(self.text)].strip()
        if not nxt:
            return False
        words = _WORD_RE.findall(nxt)[:3]
        return nxt[0] in "«\"„" or (len(nxt) <= PIECE_ADDRESS and not any(c.isdigit() for c in nxt)) \
            or (bool(words) and all(w.isupper() and len(w) > 1 or len(w) <= 2 for w in words))

    def closing_date(self, at: int, doc: DocumentSegment, written: datetime.date,
                     lang: str) -> datetime.date | None:
        """The day of a dateline closing the piece that clean offset ``at``
        is in: the nearest later paragraph holding a day is a date alone
        ending its line (a signature's date), inside the document and at
        most ``PIECE_LOOKBACK`` chars on. Any other dated paragraph first
        means no closing dateline."""
        limit = min(self.to_clean(doc.end), at + PIECE_LOOKBACK)
        ps = self.text.rfind("\n", 0, at) + 1  # the sentence's own paragraph first
        while ps < limit:
            pe = self.text.find("\n", ps)
            pe = len(self.text) if pe == -1 else pe
            found = [d for d in self._explicit_days(ps, pe, lang, written.year) if ps + d.start >= at]
            if found:
                first = found[0]
                para = self.text[ps:pe]
                if ps > at and len(para.strip()) <= PIECE_HEAD and self._on_signature_line(para, first) \
                        and not para[first.end :].strip(" .,;:") and not self.opens_piece(pe):
                    return day_of(first.edtf)
                return None
            ps = pe + 1
        return None

    def counted_from_piece(self, m: DateMention, cs: int, doc: DocumentSegment,
                           written: datetime.date | None, lang: str) -> DateMention:
        """A relative day ("сегодня", "вчера") inside a piece the document
        encloses or quotes, one with a dateline of its own, counts from
        that piece's date, not the covering document's: a letter headed
        "1. Москва 09.07.28 г." quoted in a report of 1929, the wire items
        of a TASS bulletin "№ 97 от 14.2.29 г." in a review of bulletins,
        a "ПРОТОКОЛ ДОПРОСА, произведенного 27 октября 1928 г." attached to
        a memo.
        The nearest such dateline before the sentence, inside the document
        and not after its date, is taken."""
        day = day_of(m.edtf)
        if written is None or day is None:
            return m
        piece = self.piece_date(cs + m.start, doc, written, lang)
        if piece is None or piece >= written:
            return m
        moved = day + (piece - written)
        return DateMention(start=m.start, end=m.end, text=m.text, edtf=moved.isoformat(),
                           calendar=m.calendar, original_edtf=m.original_edtf,
                           confidence=m.confidence, inferred=m.inferred, rule=m.rule)

    def piece_date(self, at: int, doc: DocumentSegment, written: datetime.date,
                   lang: str) -> datetime.date | None:
        """The day of the nearest dateline opening an enclosed piece before
        clean offset ``at`` in ``doc`` (see ``counted_from_piece``): a
        paragraph that ends with its only date ("1. Москва 09.07.28 г.", "№ 97
        от 14.2.29 г."; not a table row "На 1 апреля 1927 г. 34,1") followed
        by the piece it opens (see ``opens_piece``), or one opened by a genre
        word whose first sentence dates it ("ПРОТОКОЛ ДОПРОСА, произведенного
        27 октября 1928 г.")."""
        from .segment import genre_of

        floor = self.to_clean(doc.heading_end if doc.heading_end > doc.heading_start else doc.start)
        floor = max(floor, at - PIECE_LOOKBACK)
        end = at
        while end > floor:
            ps = self.text.rfind("\n", floor, end) + 1 or floor
            line_end = self.text.find("\n", ps)
            pe = line_end if line_end != -1 else len(self.text)
            told_end = min(at, pe) if ps < at else pe  # the line up to the sentence
            found = [d for d in self._explicit_days(ps, pe, lang, written.year) if ps + d.end <= told_end]
            if found:
                whole, told = self.text[ps:pe], self.text[ps:told_end]
                # the nearest paragraph with a day in it decides: a dateline
                # opens the piece; any other date ("Получено 15.11.29 г. 18
                # час." over an undated letter) means the sentence is not in
                # a dated piece
                first = found[0]
                head = told[:PIECE_HEAD]
                if (len(whole.strip()) <= PIECE_HEAD and self._on_signature_line(whole, first)
                        and not whole[first.end :].strip(" .,;:") and self.opens_piece(ps + len(whole))) \
                        or (first.end <= len(head) and genre_of(head, lang) is not None
                            and "." not in head[: first.start].rstrip(". ")):
                    return day_of(first.edtf)
                return None
            end = ps - 1
        return None

    def told_abroad(self, cs: int, sentence: str, lang: str) -> bool:
        """Is a sentence that names no place of its own told where the text
        just before it is, abroad? ("обращение Золя к президенту Франции
        ... Его подпись была опубликована 22 января": France.) Only when the
        same paragraph, in the few sentences before, names places and all of
        them are abroad; a Russian town there keeps the Old Style."""
        if find_places(sentence, lang):
            return False  # the sentence says where it is (and it is not abroad)
        # the cleaned text keeps one line break per paragraph
        start = max(cs - PLACE_LOOKBACK, self.text.rfind("\n", 0, cs) + 1, 0)
        return start < cs and only_foreign_places(self.text[start:cs], lang)

    @staticmethod
    def is_ahead_of_document(sentence: str, m: DateMention, doc_date: DateMention | None,
                             lang: str) -> bool:
        """Is this a day counted forward from the document's date ("завтра",
        "через неделю", "demain")? What the writer expects tomorrow had not
        happened when the text was written: a plan or a forecast, no event.
        "Через два дня после арестов" counts from another event (the words
        after the date say so) and is left alone. "Сегодня" is no event when
        its verb is an infinitive or a future, or when it has none ("т.е.
        сегодня, 5 октября, созвать", «сегодня писем нет»)."""
        if doc_date is None or m.rule != "relative_day":
            return False
        day, written = day_of(m.edtf), day_of(doc_date.edtf)
        if day is None or written is None or day < written:
            return False
        if day == written:  # "сегодня"
            return today_is_not_a_happening(sentence, m.start, m.end, lang)
        return not counts_from_another_event(sentence, m.end, lang)

    def repeats_document_date(self, sentence: str, m: DateMention, ms: int, me: int,
                              doc_date: DateMention | None, lang: str) -> bool:
        """Is this date inside a document only the document's own date again?

        Documents restate their date in a dateline or registration line
        ("СО ОГПУ № 223556/8" / "14 декабря 1928 г."), under the signature,
        and in the note that the text was adopted ("(Принято Политбюро ЦК
        7.10.1926 г.)"). That is the document event cited again, not a second
        event. A date equal to the document's is taken as such when it stands
        (nearly) alone on its line - judged on the raw text, as the cleaned
        text may have joined the lines; a line that goes on from the line
        above in lower case is part of a sentence - or when the words before it say
        that the text was adopted or approved then.
        """
        if doc_date is None:
            return False
        if self.follows_registration_line(ms, me, lang):
            return True
        if m.edtf != doc_date.edtf:
            return False
        ls = self.raw.rfind("\n", 0, ms) + 1
        le = self.raw.find("\n", me)
        le = len(self.raw) if le == -1 else le
        lead = self.raw[ls:ms].strip(" \t\u00a0.,;:")
        rest = (self.raw[ls:ms] + self.raw[me:le]).strip(" \t\u00a0.,;:")
        if len(rest) <= SIGNATURE_LINE_EXTRA and not lead[:1].islower():
            return True  # not "от 6.Х. с. г." continuing a sentence from the line above
        if day_of(m.edtf) is None or m.inferred:
            return False
        # the words before it in its sentence, or on its line when the
        # sentence splitter cut the line ("Из Пензы отправлена 16.10. | 3/Х")
        line_before = self.raw[ls:ms]
        return restates_document_date(sentence, m.start, lang) \
            or restates_document_date(line_before, len(line_before), lang)

    def follows_registration_line(self, ms: int, me: int, lang: str) -> bool:
        """Does the date at raw ``[ms, me)`` stand (nearly) alone on its line,
        right under a registration or outgoing-number line ("№ 162/с" /
        "14.11.23 г.", "Исх. № 8299/с" / "от 30.ХI-28 г."), or right over one
        ("8.03.26 г." / "№ 39/с")? Then it is the
        day the document was registered or sent out: part of the document's
        heading, whatever day it names (a day after the heading's date, or
        the heading's date with a misprint), not a second event."""
        ls = self.raw.rfind("\n", 0, ms) + 1
        le = self.raw.find("\n", me)
        le = len(self.raw) if le == -1 else le
        lead = self.raw[ls:ms].strip(" \t\u00a0.,;:")
        prefixes = table(lang).document_date_prefixes
        if lead and lead.lower() not in prefixes:
            return False
        if len(self.raw[me:le].strip(" \t\u00a0.,;:")) > SIGNATURE_LINE_EXTRA:
            return False
        pos = ls - 1  # walk back over blank lines to the line above
        above = ""
        while pos > 0:
            start = self.raw.rfind("\n", 0, pos) + 1
            above = self.raw[start:pos]
            if above.strip(" \t\u00a0"):
                if is_registration_line(above, lang):
                    return True
                break
            pos = start - 1
        if _SIGNATURE_NAME.match(above.strip(" \t\u00a0")):
            return False  # "Л. Троцкий" / "8 октября 1923 г.": the date a letter was signed
        # or the number comes right under the date ("8.03.26 г." / "№ 39/с")
        for line in self.raw[le + 1:le + 400].split("\n"):
            if line.strip(" \t\u00a0"):
                return is_registration_line(line, lang)
        return False

    def _date_anchors(self):
        """The real date finder's cheap gate: where in a paragraph a date
        may be (None for any other ``dates_fn``, e.g. a fake in tests: then
        every sentence is read)."""
        from . import dates

        if self.dates_fn is not dates.find_dates:
            return None
        return dates.date_anchor_finder

    @staticmethod
    def nearest(m: DateMention, triggers: list[Trigger]) -> Trigger | None:
        """The trigger closest to a date, in characters."""
        return min(triggers, key=lambda t: max(0, t.start - m.end, m.start - t.end), default=None)

    @staticmethod
    def dates_a_document(text: str, m: DateMention, t: Trigger, lang: str) -> bool:
        """Is the date the date of the document the trigger names ("в письме
        Потемкину от 19 декабря", "du rapport du 9 janvier")? The genre noun
        comes first, then at most a few words (the addressee) and the
        document-date word."""
        if t.type not in DOCUMENT_TYPES or t.end > m.start:
            return False
        gap = _WORD_RE.findall(text[t.end:m.start].lower())
        first = _WORD_RE.findall(m.text.lower())[:1]
        prefixes = table(lang).document_date_prefixes
        if gap and gap[-1] in prefixes:
            return len(gap) <= DOCUMENT_GAP_WORDS
        return bool(first) and first[0] in prefixes and len(gap) < DOCUMENT_GAP_WORDS

    @classmethod
    def pair(cls, mentions: list[DateMention], triggers: list[Trigger], text: str = "", lang: str = "ru"):
        """Match dates and triggers one-to-one, best pairs first."""
        options = []
        for mi, m in enumerate(mentions):
            for ti, t in enumerate(triggers):
                distance = max(0, t.start - m.end, m.start - t.end)
                score = trigger_score(t, distance)
                if text and cls.dates_a_document(text, m, t, lang):
                    score += DOCUMENT_DATE_BONUS
                options.append((score, mi, ti))
        options.sort(key=lambda o: -o[0])
        used_m, used_t, pairs = set(), set(), []
        for _, mi, ti in options:
            if mi in used_m or ti in used_t:
                continue
            used_m.add(mi)
            used_t.add(ti)
            pairs.append((mentions[mi], triggers[ti]))
        # A date left over may share a trigger right next to it when no other
        # date stands between them ("арестован 5 мая и выслан 7 мая" pairs
        # each date; "в конце августа – начале сентября ... миссия" shares),
        # or only dates of the same trigger, as in a list ("дважды
        # арестовывался: в 1929 г. в Харькове и в 1930 г. в Ленинграде").
        owner = {id(m): t for m, t in pairs}

        def listed_with(o: DateMention, m: DateMention, t: Trigger) -> bool:
            """``o`` is another date of ``t`` and only a list separates it
            from ``m`` (no verb: "получено 5 мая" is a different act)."""
            if not text or owner.get(id(o)) is not t:
                return False
            gap = text[min(o.end, m.end):max(o.start, m.start)]
            return not any(is_verbal(w) for _, _, w in tokens(gap))

        for mi, m in enumerate(mentions):
            if mi in used_m:
                continue
            for t in triggers:
                lo, hi = min(m.start, t.start), max(m.end, t.end)
                distance = max(0, t.start - m.end, m.start - t.end)
                between = [o for o in mentions if o is not m and lo <= o.start < hi]
                if any(not listed_with(o, m, t) for o in between):
                    continue
                if between:  # a list: measured from the trigger's nearest listed date
                    o = min(between, key=lambda o: max(0, o.start - m.end, m.start - o.end))
                    distance = min(distance, max(0, o.start - m.end, m.start - o.end))
                if distance <= SHARED_TRIGGER_REACH:
                    pairs.append((m, t))
                    break
        pairs.sort(key=lambda p: p[0].start)
        return pairs

    def mentioned_event(self, m: DateMention, trig: Trigger, cs: int, ce: int, lang: str,
                        doc: DocumentSegment | None) -> ExtractedEvent:
        text = self.text
        lo, hi = min(m.start, trig.start) + cs, max(m.end, trig.end) + cs
        if ce - cs > LONG_SENTENCE:
            qs, qe = clause_span(text, lo, hi, cs, ce)
        else:
            qs, qe = cs, ce
        while qe > qs and text[qe - 1].isspace():
            qe -= 1
        rs, re_ = self.to_raw(qs, qe)
        start, end, line, quote = self.citation(rs, re_)
        ts, te = clause_span(text, trig.start + cs, trig.end + cs, qs, qe)
        if te - ts < 25:
            ts, te = min(ts, lo), max(te, hi)
        title = shorten(text[ts:te])
        return ExtractedEvent(
            source=self.layout.file_name,
            kind="mentioned",
            date=m.edtf,
            date_text=self.verbatim(cs + m.start, cs + m.end),
            calendar=m.calendar or "gregorian",
            type=trig.type,
            title=title,
            start=start,
            end=end,
            line=line,
            quote=quote,
            confidence=round(m.confidence * trig.strength, 3),
            document=doc.number if doc is not None else None,
            description=trig.text,
            language=lang,
            original_date=m.original_edtf,
        )

    def build(self) -> list[ExtractedEvent]:
        events = [ev for doc in self.where.documents for ev in self.document_events(doc)]
        events.extend(self.mentioned_events())
        events.sort(key=lambda e: (e.start, e.kind != "document", e.end))
        return events


def build_events(raw: str, layout: SourceLayout, normalized, dates_fn: DatesFn) -> list[ExtractedEvent]:
    """All events of one source, in file order, one record per citation.

    ``normalized`` is the source's ``NormalizedText``; ``dates_fn`` is
    ``dates.find_dates`` (injected so tests can use a tiny fake). Actors of
    mentioned events and places are filled later by the entity stage.
    """
    return EventBuilder(raw, layout, normalized, dates_fn).build()
