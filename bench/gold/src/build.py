#!/usr/bin/env python3
"""Build ``bench/gold/events.jsonl`` and ``non_events.jsonl`` from the
hand-written drafts in this folder, checking every entry against the corpus.

The drafts (``events_*.psv``, ``non_events.psv``) were written by reading the
five sources. A draft line gives the 1-based line where a date expression
starts and its text with whitespace normalised (a line break may be written
as a single space, a soft hyphen split as ``янва- ря``). This script finds the
expression on that line, copies it *verbatim* from the file (so JSONL holds
the exact characters, including 002's damaged Cyrillic and 003's NBSPs) and
refuses to write anything if an entry cannot be located or its EDTF does not
parse. Run it after editing a draft:

    /work/main/.venv/bin/python bench/gold/src/build.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent
REPO = GOLD.parent.parent
SOURCES = REPO / "fixtures" / "sources"
sys.path.insert(0, str(REPO))

from bench.scoring import edtf_bounds  # noqa: E402

# 002's one-to-one damage (Latin-1 letters standing for Cyrillic); drafts are
# typed in clean Cyrillic, so we compare against a repaired copy of 002.
DAMAGE_002 = str.maketrans({"á": "б", "ã": "г", "ç": "з", "Î": "О", "Í": "Н", "È": "И"})
# Cyrillic/Latin look-alikes that drafts may type either way.
HOMOGLYPHS = str.maketrans({"Х": "X", "х": "x", "І": "I", "С": "C", "с": "c", "о": "o"})

TYPES = set(
    "plenum congress conference politburo_session meeting negotiation treaty letter note "
    "report protocol resolution decree telegram statement interrogation publication speech "
    "arrest search exile deportation expulsion release escape trial sentence execution death "
    "birth election appointment resignation strike demonstration hunger_strike visit crisis "
    "other".split()
)


def source_path(prefix: str) -> Path:
    matches = sorted(SOURCES.glob(f"{prefix}_*.txt"))
    if len(matches) != 1:
        raise SystemExit(f"no unique source file for prefix {prefix!r}")
    return matches[0]


class Source:
    def __init__(self, prefix: str):
        self.path = source_path(prefix)
        self.text = self.path.read_text(encoding="utf-8")
        probe = self.text.translate(DAMAGE_002) if prefix == "002" else self.text
        self.probe = probe.translate(HOMOGLYPHS)
        self.line_starts = [0]
        for m in re.finditer("\n", self.text):
            self.line_starts.append(m.end())

    def line_span(self, line: int) -> tuple[int, int]:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return start, end

    def locate(self, line: int, wanted: str) -> tuple[int, int]:
        """Offsets of ``wanted`` starting on ``line`` (whitespace-tolerant)."""
        tokens = wanted.translate(HOMOGLYPHS).split()
        pattern = r"\s+".join(re.escape(t) for t in tokens)
        # "1930‑х" may be typed with a plain hyphen; accept any dash-like char.
        pattern = pattern.replace(r"\-", "[-‐‑–—]")
        lo, hi = self.line_span(line)
        for m in re.finditer(pattern, self.probe):
            if lo <= m.start() <= hi:
                return m.start(), m.end()
            if m.start() > hi:
                break
        raise LookupError(f"{self.path.name}:{line}: {wanted!r} not found on that line")


def read_draft(path: Path):
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        yield n, raw.split("|")


def build_events(sources: dict) -> list[dict]:
    out, errors = [], []
    for draft in sorted(HERE.glob("events_*.psv")):
        for n, f in read_draft(draft):
            try:
                prefix, line, text, edtf, etype, kind, doc, note = f[:8]
                calendar = f[8] if len(f) > 8 and f[8] else "gregorian"
                src = sources.setdefault(prefix, Source(prefix))
                start, end = src.locate(int(line), text)
                if etype not in TYPES:
                    raise ValueError(f"unknown type {etype!r}")
                edtf_bounds(edtf)  # raises on an unparsable value
                out.append(
                    {
                        "file": src.path.name,
                        "line": int(line),
                        "date_text": src.text[start:end],
                        "edtf": edtf,
                        "calendar": calendar,
                        "type": etype,
                        "kind": {"d": "document", "m": "mentioned"}[kind],
                        "document": doc or None,
                        "note": note,
                        "start": start,
                        "end": end,
                    }
                )
            except Exception as exc:  # collect every problem, then fail once
                errors.append(f"{draft.name}:{n}: {exc}")
    if errors:
        raise SystemExit("\n".join(errors))
    out.sort(key=lambda e: (e["file"], e["start"]))
    return out


def build_non_events(sources: dict) -> list[dict]:
    out, errors = [], []
    for n, f in read_draft(HERE / "non_events.psv"):
        try:
            prefix, line, text, why = f[:4]
            src = sources.setdefault(prefix, Source(prefix))
            start, end = src.locate(int(line), text)
            out.append(
                {
                    "file": src.path.name,
                    "line": int(line),
                    "text": src.text[start:end],
                    "why": why,
                    "start": start,
                    "end": end,
                }
            )
        except Exception as exc:
            errors.append(f"non_events.psv:{n}: {exc}")
    if errors:
        raise SystemExit("\n".join(errors))
    out.sort(key=lambda e: (e["file"], e["start"]))
    return out


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    sources: dict = {}
    events = build_events(sources)
    non_events = build_non_events(sources)
    write_jsonl(GOLD / "events.jsonl", events)
    write_jsonl(GOLD / "non_events.jsonl", non_events)
    per_file: dict[str, int] = {}
    for e in events:
        per_file[e["file"][:3]] = per_file.get(e["file"][:3], 0) + 1
    docs = sum(1 for e in events if e["kind"] == "document")
    print(f"events: {len(events)} {dict(sorted(per_file.items()))} (documents: {docs})")
    print(f"non-events: {len(non_events)}")


if __name__ == "__main__":
    main()
