"""The gold files must cite the corpus exactly: verbatim text, right line."""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("rec", EVENTS, ids=lambda r: f"{r['file'][:3]}:{r['line']}")
def test_event_date_text_is_verbatim_and_starts_on_its_line(rec):
    text, index = source(rec["file"])
    assert text[rec["start"]:rec["end"]] == rec["date_text"]
    assert index.line_of(rec["start"]) == rec["line"]


@pytest.mark.parametrize("rec", EVENTS, ids=lambda r: f"{r['file'][:3]}:{r['line']}")
def test_event_fields_follow_the_conventions(rec):
    edtf_bounds(rec["edtf"])
    assert rec["type"] in TYPES
    assert rec["kind"] in {"document", "mentioned"}
    assert rec["calendar"] in {"gregorian", "julian"}


@pytest.mark.parametrize("rec", NON_EVENTS, ids=lambda r: f"{r['file'][:3]}:{r['line']}")
def test_non_event_text_is_verbatim_and_starts_on_its_line(rec):
    text, index = source(rec["file"])
    assert text[rec["start"]:rec["end"]] == rec["text"]
    assert index.line_of(rec["start"]) == rec["line"]
    assert rec["why"]


def test_gold_has_the_required_size_and_spread():
    per_file = Counter(r["file"][:3] for r in EVENTS)
    assert len(EVENTS) >= 230 and len(NON_EVENTS) >= 60
    assert all(per_file[p] >= 25 for p in ("000", "002", "003", "004"))
    documents_001 = [r for r in EVENTS if r["file"].startswith("001") and r["kind"] == "document"]
    assert len(documents_001) >= 55


def test_no_event_is_also_a_non_event():
    spans = {(r["file"], r["start"]) for r in EVENTS}
    assert not [r for r in NON_EVENTS if (r["file"], r["start"]) in spans]
