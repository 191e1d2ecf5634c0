"""The gold files must cite the corpus exactly: verbatim text, right line."""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

from bench.scoring import LineIndex, edtf_bounds

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "bench" / "gold"
SOURCES = REPO / "fixtures" / "sources"
TYPES = set(
    "plenum congress conference politburo_session meeting negotiation treaty letter note "
    "report protocol resolution decree telegram statement interrogation publication speech "
    "arrest search exile deportation expulsion release escape trial sentence execution death "
    "birth election appointment resignation strike demonstration hunger_strike visit crisis "
    "other".split()
)


def load(name: str) -> list[dict]:
    return [json.loads(l) for l in (GOLD / name).read_text(encoding="utf-8").splitlines() if l.strip()]


@lru_cache(maxsize=None)
def source(name: str) -> tuple[str, LineIndex]:
    text = (SOURCES / name).read_text(encoding="utf-8")
    return text, LineIndex(text)


EVENTS = load("events.jsonl")
NON_EVENTS = load("non_events.jsonl")


def test_every_event_date_text_is_verbatim_and_starts_on_its_line():
    wrong = []
    for rec in EVENTS:
        text, index = source(rec["file"])
        if text[rec["start"]:rec["end"]] != rec["date_text"] or index.line_of(rec["start"]) != rec["line"]:
            wrong.append((rec["file"][:3], rec["line"], rec["date_text"]))
    assert not wrong


def test_every_event_follows_the_field_conventions():
    wrong = []
    for rec in EVENTS:
        try:
            edtf_bounds(rec["edtf"])
        except ValueError:
            wrong.append((rec["line"], rec["edtf"]))
        if rec["type"] not in TYPES or rec["kind"] not in {"document", "mentioned"}:
            wrong.append((rec["line"], rec["type"], rec["kind"]))
        if rec["calendar"] not in {"gregorian", "julian"}:
            wrong.append((rec["line"], rec["calendar"]))
    assert not wrong


def test_every_non_event_text_is_verbatim_and_starts_on_its_line():
    wrong = []
    for rec in NON_EVENTS:
        text, index = source(rec["file"])
        if (text[rec["start"]:rec["end"]] != rec["text"] or index.line_of(rec["start"]) != rec["line"]
                or not rec["why"]):
            wrong.append((rec["file"][:3], rec["line"], rec["text"]))
    assert not wrong


def test_gold_has_the_required_size_and_spread():
    per_file = Counter(r["file"][:3] for r in EVENTS)
    assert len(EVENTS) >= 230 and len(NON_EVENTS) >= 60
    assert all(per_file[p] >= 25 for p in ("000", "002", "003", "004"))
    documents_001 = [r for r in EVENTS if r["file"].startswith("001") and r["kind"] == "document"]
    assert len(documents_001) >= 55


def test_no_event_is_also_a_non_event():
    spans = {(r["file"], r["start"]) for r in EVENTS}
    assert not [r for r in NON_EVENTS if (r["file"], r["start"]) in spans]


def test_every_precision_label_says_whether_it_is_held_out_and_why():
    labels = load("precision_labels.jsonl")
    assert all(isinstance(r.get("held_out"), bool) and isinstance(r.get("is_event"), bool)
               and r.get("note") and r.get("labelled_from") for r in labels)
    # A sample is held out as a whole: one seed never mixes the two kinds.
    kinds: dict[str, set] = {}
    for r in labels:
        kinds.setdefault(r["labelled_from"], set()).add(r["held_out"])
    assert all(len(k) == 1 for k in kinds.values())

