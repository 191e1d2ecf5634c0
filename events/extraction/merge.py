"""Merge: citations of one real-world event share one ``event_key``.

The same event is often cited several times: a French translation and its
Russian original (004), the Franco-Soviet pact of 2 May 1935 in two articles
and their abstracts, a letter that is both a document of the collection and
mentioned in another document's text. Each citation stays its own
``ExtractedEvent``; merging only gives them a common ``event_key``.

Every citation first gets a key of its own - a hash of its source, type,
date and anchor words (document number, canonical people and places, or the
lemmas around its trigger), never of list positions - so keys are stable
across runs and can serve as database fingerprints. Citations are then
joined (union-find) when they are

* the document events of a translation and its original (``alignments``),
  or mentioned events inside such a pair whose date and type occur once on
  each side;
* of the same type and the same date, and share enough: on one day a
  person or a place (or the type seldom repeats on a day: a treaty, a
  congress), in one month a person, over a year or longer two people;
* a document and a mention of it naming the same two or more people, dated
  a few days apart: the same event with conflicting dates.

A group takes the smallest key of its members. Two different documents of
one source are never merged (each archival document is its own event). When
a group's dates contradict each other every member gets
``date_conflict=True``; all citations are kept.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import defaultdict

from .entities import person_key
from .morph import WORD_RE, lemma
from .types import ExtractedEvent

# Event types that seldom happen twice on the same day: same type + same
# day-precision date is enough to call two citations one event.
DAY_UNIQUE_TYPES = frozenset({"treaty", "congress", "plenum", "conference"})
CONFLICT_WINDOW_DAYS = 10
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _content_lemmas(text: str, limit: int = 6) -> list[str]:
    # The words of ``morph.tokens(text)`` without their offsets, which are
    # not read here (``tokens`` places every word).
    out = []
    for w in WORD_RE.findall(text):
        if len(w) >= 4:
            out.append(lemma(w))
        if len(out) >= limit:
            break
    return out


def own_key(ev: ExtractedEvent) -> str:
    """A stable key for one citation: source + type + date + anchor words."""
    if ev.kind == "document" and ev.document:
        anchor = f"doc:{ev.document}"
    else:
        people = sorted({person_key(a) for a in ev.actors})
        places = sorted(set(ev.places))
        # The words of the trigger clause (the title) are steadier than the
        # whole quote, whose span may be narrowed differently later.
        words = _content_lemmas(ev.title or ev.quote, limit=12)
        anchor = "|".join(people + places) + "#" + " ".join(words)
    payload = "\x1f".join([ev.source, ev.kind, ev.type, ev.date, anchor])
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:20]


_PLAIN = re.compile(r"^\d{4}(-\d{2}){0,2}$")
DISTINCTIVE_MIN_LEN = 8


def _distinctive_words(ev: ExtractedEvent) -> set[str]:
    """Long content lemmas of a citation that are not trigger words."""
    from .triggers import find_triggers

    trig = {lemma(t.text) for t in find_triggers(ev.quote, ev.language or "ru")}
    return {lemma(w) for w in WORD_RE.findall(ev.quote) if len(w) >= DISTINCTIVE_MIN_LEN} - trig


def _is_day(edtf: str) -> bool:
    return bool(_DAY.match(edtf or ""))


def _dates_agree(a: str, b: str) -> bool:
    """Same date, or one is a coarser prefix of the other (1935 vs 1935-05-02)."""
    if a == b or not a or not b:
        return True
    plain = re.compile(r"^\d{4}(-\d{2}){0,2}$")
    if plain.match(a) and plain.match(b):
        return a.startswith(b) or b.startswith(a)
    return False


def _same_event(etype: str, date: str, people: set, places: set, a: ExtractedEvent, b: ExtractedEvent) -> bool:
    """Same type and date: are they one event? The coarser the date, the
    more they must share - on one day a shared person or place (or a type
    that seldom repeats on a day) is enough; in one month a shared person;
    in a year or longer, two shared people and no document among them."""
    if _is_day(date):
        return bool(people or places) or etype in DAY_UNIQUE_TYPES
    if _MONTH.match(date):
        return bool(people)
    return len(people) >= 2 and a.kind == b.kind == "mentioned"


class _Groups:
    def __init__(self, events: list[ExtractedEvent]):
        self.parent = list(range(len(events)))
        # (source, document) of the document events in each group
        self.docs: list[set] = [
            {_doc_id(e)} if e.kind == "document" and e.document else set() for e in events
        ]
        self.root: dict = {}  # a translation's document -> its original's

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _compatible(self, a: set, b: set) -> bool:
        for x in a:
            for y in b:
                if x[0] == y[0] and x != y and self.root.get(x, x) != self.root.get(y, y):
                    return False  # two documents, not versions of one text
        return True

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if not self._compatible(self.docs[ri], self.docs[rj]):
            return False
        self.parent[rj] = ri
        self.docs[ri] |= self.docs[rj]
        return True


def _doc_id(e: ExtractedEvent) -> tuple[str, str, str]:
    """A document is known by source, number and language (a translation and
    its original may carry the same number)."""
    return (e.source, e.document or "", e.language)


def merge_events(events: list[ExtractedEvent],
                 alignments: dict[tuple, tuple] | None = None) -> list[ExtractedEvent]:
    """Give citations of one event a common ``event_key``; flag date conflicts.

    ``alignments`` maps ``(source, document number, language)`` of a
    translation to the same triple of its original. Returns the same list
    (order unchanged), with ``event_key`` and ``date_conflict`` set.
    """
    alignments = alignments or {}
    groups = _Groups(events)
    groups.root = dict(alignments)  # several translations of one original are one text
    keys = [own_key(ev) for ev in events]
    people = [{person_key(a) for a in ev.actors} for ev in events]

    # 1. translations and their originals
    doc_index = {_doc_id(e): i for i, e in enumerate(events) if e.kind == "document" and e.document}
    for a, b in alignments.items():
        if a in doc_index and b in doc_index:
            groups.union(doc_index[b], doc_index[a])
    mentioned_in = defaultdict(list)
    for i, e in enumerate(events):
        if e.kind == "mentioned" and e.document:
            mentioned_in[_doc_id(e)].append(i)
    for a, b in alignments.items():
        # Only a (type, date) that occurs once on each side pairs up: two
        # 1929 exiles in a list of people are two events, in both languages.
        left = defaultdict(list)
        right = defaultdict(list)
        for i in mentioned_in.get(a, ()):
            left[(events[i].type, events[i].date)].append(i)
        for j in mentioned_in.get(b, ()):
            right[(events[j].type, events[j].date)].append(j)
        for key, li in left.items():
            rj = right.get(key, [])
            if key[1] and len(li) == 1 and len(rj) == 1:
                groups.union(rj[0], li[0])

    # 2. same type + same date + shared person/place (or a day-unique type)
    bucket = defaultdict(list)
    for i, e in enumerate(events):
        if e.date:
            bucket[(e.type, e.date)].append(i)
    for (etype, date), members in bucket.items():
        if len(members) < 2:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                a, b = events[i], events[j]
                if a.kind == "document" and b.kind == "document":
                    continue  # distinct documents are distinct events (alignment aside)
                if _same_event(etype, date, people[i] & people[j], set(a.places) & set(b.places), a, b):
                    groups.union(i, j)

    # 3. a document and a mention of it, dated a few days apart
    by_type_people = defaultdict(list)
    for i, e in enumerate(events):
        if _is_day(e.date) and len(people[i]) >= 2:
            by_type_people[e.type].append(i)
    for etype, members in by_type_people.items():
        docs = [i for i in members if events[i].kind == "document"]
        mentions = [i for i in members if events[i].kind == "mentioned"]
        for i in docs:
            di = datetime.date.fromisoformat(events[i].date)
            for j in mentions:
                if events[j].date == events[i].date or len(people[i] & people[j]) < 2:
                    continue
                dj = datetime.date.fromisoformat(events[j].date)
                if abs((dj - di).days) <= CONFLICT_WINDOW_DAYS:
                    groups.union(i, j)

    # 4. a treaty or congress cited at different precisions ("в мае 1935 г."
    #    and "2 мая 1935 г."): compatible dates + a shared place, person or
    #    distinctive word ("взаимопомощи")
    by_type_year = defaultdict(list)
    for i, e in enumerate(events):
        if e.type in DAY_UNIQUE_TYPES and e.kind == "mentioned" and _PLAIN.match(e.date or ""):
            by_type_year[(e.type, e.date[:4])].append(i)
    words = {}
    for members in by_type_year.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                a, b = events[i], events[j]
                if a.date == b.date or not _dates_agree(a.date, b.date) or min(len(a.date), len(b.date)) < 7:
                    continue
                for k in (i, j):
                    if k not in words:
                        words[k] = _distinctive_words(events[k])
                if people[i] & people[j] or set(a.places) & set(b.places) or words[i] & words[j]:
                    groups.union(i, j)

    members_of = defaultdict(list)
    for i in range(len(events)):
        members_of[groups.find(i)].append(i)
    for members in members_of.values():
        key = min(keys[i] for i in members)
        dates = [events[i].date for i in members if events[i].date]
        conflict = any(not _dates_agree(a, b) for a in dates for b in dates)
        for i in members:
            events[i].event_key = key
            events[i].date_conflict = conflict
    return events
