"""Pure scoring functions for the extraction benchmark (``bench/extraction``).

Everything here works on plain records so it can be unit-tested with a fake
extractor and reused for any system:

* a *gold event* is a dict from ``bench/gold/events.jsonl``
  (``file``, ``line``, ``edtf``, ``type``, ``start``, ``end``...);
* a *non-event* is a dict from ``bench/gold/non_events.jsonl``;
* an *item* is one thing a system extracted, normalised to :class:`Item`
  (file name, character span, 1-based line span, EDTF date, type).

Why a one-to-one assignment: an extractor that emits one item for a line
holding two gold events must not be credited twice, and one gold event must
not make several items look correct.
"""

from __future__ import annotations

import bisect
import random
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterable, Optional

# ---------------------------------------------------------------------------
# EDTF bounds
# ---------------------------------------------------------------------------

Bounds = tuple[Optional[date], Optional[date]]

_OPEN = {"", "..", "unknown"}


def _struct_to_date(st) -> Optional[date]:
    try:
        return date(st.tm_year, st.tm_mon, st.tm_mday)
    except (AttributeError, TypeError, ValueError):
        return None  # infinite bound of an open interval, or out of range


def _single_bounds(value: str) -> Bounds:
    from edtf import parse_edtf

    parsed = parse_edtf(value)
    return _struct_to_date(parsed.lower_strict()), _struct_to_date(parsed.upper_strict())


@lru_cache(maxsize=4096)
def edtf_bounds(value: str) -> Bounds:
    """Strict lower and upper calendar bounds of an EDTF string.

    ``None`` stands for an open end (``1932-11/..``). Intervals whose ends the
    ``edtf`` library cannot combine (e.g. parts of year on both sides) are
    bounded end by end. Raises ``ValueError`` for text that is not EDTF.
    """
    value = (value or "").strip()
    if not value:
        raise ValueError("empty EDTF value")
    try:
        lower, upper = _single_bounds(value)
        if lower is not None or upper is not None:
            return lower, upper
    except Exception:  # the library raises several exception types
        pass
    if "/" in value:
        left, right = value.split("/", 1)
        lower = None if left in _OPEN else edtf_bounds(left)[0]
        upper = None if right in _OPEN else edtf_bounds(right)[1]
        if lower is None and upper is None:
            raise ValueError(f"not an EDTF interval: {value!r}")
        return lower, upper
    raise ValueError(f"not an EDTF value: {value!r}")


def same_date(predicted: Optional[str], gold: str) -> bool:
    """True when ``predicted`` is exactly the gold EDTF or has the same bounds."""
    if not predicted:
        return False
    if predicted.strip() == gold.strip():
        return True
    try:
        return edtf_bounds(predicted) == edtf_bounds(gold)
    except ValueError:
        return False


# ---------------------------------------------------------------------------
# Items and line arithmetic
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One extracted item, whatever system produced it."""

    file: str
    start: int  # span used for the place match (a quote, or the date text)
    end: int
    line: int  # 1-based line of ``start``
    end_line: int  # 1-based line of ``end``
    date: str = ""  # EDTF ("" when the system gave none)
    type: Optional[str] = None  # event type slug; None for date-only baselines
    date_start: int = -1  # span of the date expression itself, if known
    date_end: int = -1
    text: str = ""
    rank: Optional[int] = None  # non-blank-line ordinal of ``line`` (see LineIndex)

    @property
    def date_span(self) -> tuple[int, int]:
        if self.date_start >= 0:
            return self.date_start, self.date_end
        return self.start, self.end


class LineIndex:
    """Maps character offsets of one text to 1-based line numbers, and lines
    to their *rank*: the ordinal among non-blank lines. 000 and 001 have a
    blank line after almost every line (PDF layout), so "one line away" is
    measured in ranks; a blank line counts with the line above it."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        ranks, r = [], 0
        for line in text.split("\n"):
            if line.strip():
                r += 1
            ranks.append(r)
        self.ranks = ranks

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, max(offset, 0))

    def rank_of_line(self, line: int) -> int:
        return self.ranks[min(max(line, 1), len(self.ranks)) - 1]


# One-to-one repairs used only to *find* a system's date text in the file:
# 002's damaged letters, Latin/Cyrillic look-alikes, NBSP. Offsets are kept.
_FOLD = str.maketrans({"á": "б", "ã": "г", "ç": "з", "Î": "О", "Í": "Н", "È": "И",
                       "Х": "X", "х": "x", "І": "I", "С": "C", "с": "c", "о": "o",
                       "\u00a0": " "})


def locate_date(text: str, start: int, end: int, date_text: str,
                before: int = 200, after: int = 400) -> tuple[int, int]:
    """Where ``date_text`` is in ``text``: inside the quote ``start:end`` if it
    is there, else the nearest occurrence just around it. Tolerates a
    normalised date text (repaired letters, collapsed spaces, joined
    line-end hyphenation). ``(-1, -1)`` when it cannot be found."""
    if not date_text or not date_text.strip():
        return -1, -1
    k = text.find(date_text, start, end)
    if k >= 0:
        return k, k + len(date_text)
    lo, hi = max(0, start - before), min(len(text), end + after)
    window = text[lo:hi].translate(_FOLD)
    tokens = date_text.translate(_FOLD).split()
    pattern = r"[\s\u00ad]+".join(
        r"-?\s*".join(re.escape(ch) for ch in tok) if len(tok) <= 40 else re.escape(tok)
        for tok in tokens)
    best = None
    for m in re.finditer(pattern, window):
        s, e = lo + m.start(), lo + m.end()
        inside = start <= s < end
        dist = 0 if inside else min(abs(s - start), abs(s - end))
        if best is None or dist < best[0]:
            best = (dist, s, e)
    return (best[1], best[2]) if best else (-1, -1)


def make_item(file: str, index: LineIndex, start: int, end: int, **kw) -> Item:
    """Build an :class:`Item`. Its line span covers the quote and, when it
    lies outside the quote, the date expression too."""
    lo, hi = start, max(start, end - 1)
    ds, de = kw.get("date_start", -1), kw.get("date_end", -1)
    if ds is not None and ds >= 0:
        lo, hi = min(lo, ds), max(hi, de - 1)
    line = index.line_of(lo)
    return Item(file=file, start=start, end=end, line=line,
                end_line=index.line_of(hi), rank=index.rank_of_line(line), **kw)


def with_ranks(records: list[dict], indexes: dict) -> list[dict]:
    """Copies of gold records with the ``rank`` of their line added."""
    return [{**r, "rank": indexes[r["file"]].rank_of_line(r["line"])} if r["file"] in indexes
            else dict(r) for r in records]


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------


def at_right_place(item: Item, gold: dict) -> bool:
    """The place rule: the item's line span contains the gold line, or the
    item starts within one line of it (one *non-blank* line when both carry
    a rank)."""
    if item.file != gold["file"]:
        return False
    g = gold["line"]
    if item.line <= g <= item.end_line:
        return True
    if item.rank is not None and gold.get("rank") is not None:
        return abs(item.rank - gold["rank"]) <= 1
    return abs(item.line - g) <= 1


def _distance(item: Item, gold: dict) -> int:
    ds, _ = item.date_span
    return abs(ds - gold.get("start", ds))


def assign(gold_events: list[dict], items: list[Item]) -> dict[int, int]:
    """One-to-one assignment gold index -> item index.

    Candidate pairs are those at the right place; they are taken greedily,
    preferring pairs whose dates agree, then the nearest date offsets.
    """
    by_file: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        by_file.setdefault(it.file, []).append(i)
    pairs = []
    for gi, g in enumerate(gold_events):
        for ii in by_file.get(g["file"], ()):
            it = items[ii]
            if at_right_place(it, g):
                pairs.append((0 if same_date(it.date, g["edtf"]) else 1,
                              _distance(it, g), gi, ii))
    pairs.sort()
    taken_gold: dict[int, int] = {}
    taken_items: set[int] = set()
    for _, _, gi, ii in pairs:
        if gi in taken_gold or ii in taken_items:
            continue
        taken_gold[gi] = ii
        taken_items.add(ii)
    return taken_gold


# ---------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------


@dataclass
class Scores:
    """Counts behind every metric, so tables and tests can both use them."""

    gold: int = 0
    found: int = 0
    date_ok: int = 0
    type_ok: int = 0
    typed: int = 0  # found items that carry a type at all
    items: int = 0
    region_items: int = 0  # items inside gold-covered regions
    region_correct: int = 0
    labelled: int = 0  # items judged by a manual label
    labelled_correct: int = 0
    labelled_unmatched: int = 0  # ... of them, items that match no gold event
    labelled_unmatched_correct: int = 0
    # ... of the labelled unmatched items, those judged by a held-out label
    # (``"held_out": true``: a sample drawn after the extraction rules last
    # changed, so no rule was written from it). Only these give an unbiased
    # rate; the pooled one flatters the rules that the older samples shaped.
    held_out_unmatched: int = 0
    held_out_unmatched_correct: int = 0
    # ... of the labelled unmatched real events, those whose label also
    # judges the date (``date_ok``/``date_expected``), and how many of them
    # carry the right one: the date accuracy the gold alone cannot see.
    label_dated: int = 0
    label_dated_ok: int = 0
    non_events: int = 0
    non_event_hits: int = 0
    unmatched: list = field(default_factory=list)
    # (kind, gold or non-event record, item or None): kind is "miss", "date",
    # "type" or "non_event"; for error listings (``--details``).
    details: list = field(default_factory=list)

    @staticmethod
    def _ratio(a: int, b: int) -> Optional[float]:
        return a / b if b else None

    @property
    def recall(self):
        return self._ratio(self.found, self.gold)

    @property
    def date_accuracy(self):
        return self._ratio(self.date_ok, self.found)

    @property
    def type_accuracy(self):
        return self._ratio(self.type_ok, self.typed) if self.typed else None

    @property
    def region_precision(self):
        return self._ratio(self.region_correct, self.region_items)

    @property
    def label_precision(self):
        return self._ratio(self.labelled_correct, self.labelled)

    @property
    def estimated_precision(self):
        """Matched items (and second citations) are correct; the unmatched
        rest is correct at the rate seen in its hand-labelled sample."""
        if not self.labelled_unmatched:
            return None
        return self.precision_at_rate(self.labelled_unmatched_correct / self.labelled_unmatched)

    def precision_at_rate(self, rate: Optional[float]) -> Optional[float]:
        """Precision if the unmatched items are real events at ``rate``."""
        if not self.items or rate is None:
            return None
        unmatched = len(self.unmatched)
        return (self.items - unmatched + unmatched * rate) / self.items

    @property
    def held_out_rate(self) -> Optional[float]:
        """Real-event rate among unmatched items with a held-out label."""
        return self._ratio(self.held_out_unmatched_correct, self.held_out_unmatched)

    @property
    def held_out_rate_interval(self) -> Optional[tuple[float, float]]:
        return wilson_interval(self.held_out_unmatched_correct, self.held_out_unmatched)

    @property
    def held_out_precision(self) -> Optional[float]:
        """Estimated precision from the held-out labels alone."""
        return self.precision_at_rate(self.held_out_rate)

    @property
    def held_out_precision_interval(self) -> Optional[tuple[float, float]]:
        """The 95 % Wilson interval of the held-out rate carried over to
        precision (precision grows with the rate, so the bounds map to bounds)."""
        interval = self.held_out_rate_interval
        if interval is None or not self.items:
            return None
        return self.precision_at_rate(interval[0]), self.precision_at_rate(interval[1])

    @property
    def stratified_precision(self) -> Optional[float]:
        """Precision with every label used for what it is: items judged by an
        in-sample label (a sample the rules were later written from) count as
        their verdict says, and only the rest of the unmatched items - the
        held-out labelled ones and those nobody labelled, of which the
        held-out sample is a random draw - take the held-out rate. An
        estimate of the corpus' precision; the held-out estimate above
        instead applies the held-out rate to every unmatched item."""
        return self._stratified(self.held_out_rate)

    @property
    def stratified_precision_interval(self) -> Optional[tuple[float, float]]:
        interval = self.held_out_rate_interval
        if interval is None:
            return None
        return self._stratified(interval[0]), self._stratified(interval[1])

    def _stratified(self, rate: Optional[float]) -> Optional[float]:
        if not self.items or rate is None:
            return None
        known = self.labelled_unmatched - self.held_out_unmatched
        known_correct = self.labelled_unmatched_correct - self.held_out_unmatched_correct
        rest = len(self.unmatched) - known
        return (self.items - len(self.unmatched) + known_correct + rest * rate) / self.items

    @property
    def labelled_date_accuracy(self):
        """Share of labelled real unmatched items whose date is right."""
        return self._ratio(self.label_dated_ok, self.label_dated)

    @property
    def false_per_20(self):
        r = self._ratio(self.non_event_hits, self.non_events)
        return None if r is None else 20 * r

    def add(self, other: "Scores") -> "Scores":
        out = Scores()
        for name in ("gold", "found", "date_ok", "type_ok", "typed", "items", "region_items",
                     "region_correct", "labelled", "labelled_correct", "labelled_unmatched",
                     "labelled_unmatched_correct", "held_out_unmatched",
                     "held_out_unmatched_correct", "label_dated", "label_dated_ok", "non_events",
                     "non_event_hits"):
            setattr(out, name, getattr(self, name) + getattr(other, name))
        out.unmatched = self.unmatched + other.unmatched
        out.details = self.details + other.details
        return out


def covered_lines(gold_events: Iterable[dict], non_events: Iterable[dict],
                  window: int = 2) -> dict[str, set[int]]:
    """Lines where the gold is taken to be exhaustive: within ``window`` lines
    of an annotated event or non-event. Precision is only estimated there."""
    out: dict[str, set[int]] = {}
    for rec in list(gold_events) + list(non_events):
        lines = out.setdefault(rec["file"], set())
        lines.update(range(rec["line"] - window, rec["line"] + window + 1))
    return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def wilson_interval(k: int, n: int, z: float = 1.96) -> Optional[tuple[float, float]]:
    """The Wilson score interval of a proportion ``k / n`` (95 % for the
    default ``z``). Unlike the normal approximation it stays inside [0, 1]
    and does not collapse to a point when ``k`` is 0 or ``n``: the right
    interval for a rate near 90 % from about a hundred labels."""
    if n <= 0:
        return None
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def label_record_for(item: Item, labels: list[dict]) -> Optional[dict]:
    """The manual precision label applying to ``item`` (same file, and the
    labelled span overlaps the item's date span, or same line when the label
    has no offsets), or None."""
    for lab in labels:
        if lab.get("file") != item.file:
            continue
        if "start" in lab and "end" in lab:
            if overlaps((lab["start"], lab["end"]), item.date_span):
                return lab
        elif lab.get("line") == item.line:
            return lab
    return None


def label_date_ok(item: Item, label: dict) -> Optional[bool]:
    """Is ``item``'s date right by a real-event label that judges dates?

    ``date_expected`` is the date the text settles (EDTF, the gold's
    conventions): the item is right when its date is that one (see
    ``same_date``). A label with ``date_ok: true`` and no ``date_expected``
    accepts any date. ``date_expected: null`` means the text does not
    settle the date, so no date the item gives is right. None when the
    label does not judge dates (no ``date_ok``) or is no real event.
    """
    if not label.get("is_event") or "date_ok" not in label:
        return None
    if "date_expected" not in label:
        return bool(label["date_ok"])
    expected = label["date_expected"]
    return expected is not None and same_date(item.date, expected)


def label_for(item: Item, labels: list[dict]) -> Optional[bool]:
    """The verdict of the manual label applying to ``item``, or None."""
    lab = label_record_for(item, labels)
    return None if lab is None else bool(lab["is_event"])


def score(gold_events: list[dict], non_events: list[dict], items: list[Item],
          labels: Optional[list[dict]] = None, window: int = 2) -> Scores:
    """Score ``items`` of any number of files against the gold."""
    labels = labels or []
    s = Scores(gold=len(gold_events), items=len(items), non_events=len(non_events))
    match = assign(gold_events, items)
    matched_items = set(match.values())
    for gi, g in enumerate(gold_events):
        if gi not in match:
            s.details.append(("miss", g, None))
    for gi, ii in match.items():
        g, it = gold_events[gi], items[ii]
        s.found += 1
        date_ok = same_date(it.date, g["edtf"])
        s.date_ok += date_ok
        if not date_ok:
            s.details.append(("date", g, it))
        if it.type is not None:
            s.typed += 1
            s.type_ok += it.type == g["type"]
            if it.type != g["type"]:
                s.details.append(("type", g, it))
    region = covered_lines(gold_events, non_events, window)
    for ii, it in enumerate(items):
        record = label_record_for(it, labels)
        lab = None if record is None else bool(record["is_event"])
        if lab is not None:
            s.labelled += 1
            s.labelled_correct += lab
        if ii in matched_items:
            if it.line in region.get(it.file, ()):
                s.region_items += 1
                s.region_correct += 1
            continue
        duplicate = any(at_right_place(it, g) and same_date(it.date, g["edtf"])
                        for g in gold_events if g["file"] == it.file)
        if not duplicate:
            s.unmatched.append(it)
            if lab is not None:
                s.labelled_unmatched += 1
                s.labelled_unmatched_correct += lab
                if record.get("held_out"):
                    s.held_out_unmatched += 1
                    s.held_out_unmatched_correct += lab
                dated = label_date_ok(it, record)
                if dated is not None:
                    s.label_dated += 1
                    s.label_dated_ok += dated
                    if not dated:
                        s.details.append(("label_date", record, it))
        if it.line in region.get(it.file, ()) or it.end_line in region.get(it.file, ()):
            s.region_items += 1
            # A second citation of a gold event (same place, same date) is no
            # false event; otherwise only a manual label can make it correct.
            s.region_correct += bool(lab) if lab is not None else duplicate
    for ne in non_events:
        span = (ne["start"], ne["end"])
        hits = [it for it in items if it.file == ne["file"] and overlaps(span, it.date_span)]
        if hits:
            s.non_event_hits += 1
            s.details.append(("non_event", ne, hits[0]))
    return s


def sample_unmatched(items: list[Item], k: int, seed: int = 20240601) -> list[Item]:
    """A reproducible random sample of unmatched items for manual labelling."""
    ordered = sorted(items, key=lambda it: (it.file, it.start, it.end))
    rng = random.Random(seed)
    return rng.sample(ordered, min(k, len(ordered)))


def restrict(gold: list[dict], limits: dict[str, int]) -> list[dict]:
    """Gold records inside the processed prefix of each file (``--quick``)."""
    return [g for g in gold if g["end"] <= limits.get(g["file"], 1 << 62)]
