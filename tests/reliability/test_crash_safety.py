"""Crash safety of ``ingest``: killed with SIGKILL at random moments, it never
leaves a source half-stored, and the next run ends exactly where an
uninterrupted run ends.

PostgreSQL only: that is where CI runs it and where production lives (a
killed process's open transaction is rolled back by the server). Each trial
kills a fresh ``ingest`` of the smallest corpus file(s) at a random moment
of its run (measured on a reference run), then checks the database; trials
follow each other on the same database, so each run also starts from the
state the previous kill left. A last, uninterrupted run must give the
reference result, row for row.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time

import pytest

from .databases import child_env, execute
from .support import PYTHON, REPO, is_postgres

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not is_postgres(), reason="crash tests need PostgreSQL (set DATABASE_URL); "
                                                  "CI runs them in its PostgreSQL pass"),
]

TRIALS = int(os.environ.get("CHRONICLE_CRASH_TRIALS", "20"))
# How many of the smallest corpus files each run ingests (2 also shows that
# one source can be stored while the next is not, never half of one).
FILES = int(os.environ.get("CHRONICLE_CRASH_FILES", "1"))

EVENTS_SQL = """
SELECT e.fingerprint, e.title, e.description, e.date_text, e.date_edtf, e.date_calendar, e.status, e.kind,
       e.confidence, t.slug, e.date_conflict, e.merged_into_id IS NOT NULL
FROM events_event e JOIN events_eventtype t ON t.id = e.event_type_id
"""
CITATIONS_SQL = """
SELECT s.file_name, c.start, c."end", c.line, md5(c.quote), c.is_primary, c.date_edtf, e.fingerprint
FROM events_citation c JOIN events_source s ON s.id = c.source_id JOIN events_event e ON e.id = c.event_id
"""
LINKS_SQL = """
SELECT e.fingerprint, p.name, l.role FROM events_eventperson l
JOIN events_event e ON e.id = l.event_id JOIN events_person p ON p.id = l.person_id
UNION ALL
SELECT e.fingerprint, p.name, l.role FROM events_eventplace l
JOIN events_event e ON e.id = l.event_id JOIN events_place p ON p.id = l.place_id
"""
DOCUMENTS_SQL = """
SELECT s.file_name, d.number, d.language, d.start, d."end", d.date_edtf FROM events_archivaldocument d
JOIN events_source s ON s.id = d.source_id
"""


def canonical(url: str) -> dict[str, list]:
    """Everything ingest stores, without ids or timestamps, sorted."""
    return {
        "sources": sorted(execute(url, "SELECT file_name, sha256, length(text) FROM events_source")),
        "documents": sorted(execute(url, DOCUMENTS_SQL)),
        "events": sorted(execute(url, EVENTS_SQL), key=repr),
        "citations": sorted(execute(url, CITATIONS_SQL), key=repr),
        "links": sorted(execute(url, LINKS_SQL)),
    }


def per_source(state: dict[str, list]) -> dict[str, tuple]:
    """{file name: (its documents, its citations)}: what must be all there or all absent."""
    out = {}
    for file_name, *_ in state["sources"]:
        out[file_name] = (
            [d for d in state["documents"] if d[0] == file_name],
            [c for c in state["citations"] if c[0] == file_name],
        )
    return out


class Ingest:
    """One child ``ingest`` run, started ahead of time so its start-up cost is paid off the clock."""

    def __init__(self, url: str, paths: list[str]):
        self.process = subprocess.Popen(
            [PYTHON, "-m", "tests.reliability.ingest_child", *paths], cwd=REPO, env=child_env(url),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        line = self.process.stdout.readline().strip()
        if line != "READY":
            self.process.kill()
            raise AssertionError(f"ingest child did not start: {line} {self.process.stderr.read()[-2000:]}")

    def go(self) -> float:
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        return time.monotonic()

    def finish(self, timeout: float = 600) -> None:
        out, err = self.process.communicate(timeout=timeout)
        assert self.process.returncode == 0 and "DONE" in out, err[-3000:]

    def kill_after(self, delay: float) -> bool:
        """SIGKILL after ``delay`` seconds; True if it was still running then."""
        try:
            self.process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process.communicate()
            return True
        self.process.communicate()
        return False


@pytest.fixture(scope="module")
def smallest_files(corpus_dir) -> list[str]:
    files = sorted(corpus_dir.glob("*.txt"), key=lambda p: p.stat().st_size)[:FILES]
    return [str(p) for p in files]


@pytest.fixture(scope="module")
def reference(databases, smallest_files):
    """An uninterrupted run: its canonical result and how long its ingest took."""
    url = databases.migrated()
    child = Ingest(url, smallest_files)
    started = child.go()
    child.finish()
    state = canonical(url)
    assert len(state["sources"]) == FILES and state["events"], "the reference run stored nothing"
    return state, time.monotonic() - started


def test_ingest_killed_at_random_moments_never_leaves_a_half_stored_source(databases, smallest_files, reference):
    expected, duration = reference
    expected_by_source = per_source(expected)
    url = databases.migrated()
    rng = random.Random(20231125)
    outcomes = {"killed": 0, "completed": 0, "partial states seen": 0}
    upcoming = Ingest(url, smallest_files)
    for trial in range(TRIALS):
        child, upcoming = upcoming, None
        delay = rng.uniform(0.05, 1.1) * duration
        child.go()
        killed = child.kill_after(delay)
        upcoming = Ingest(url, smallest_files) if trial + 1 < TRIALS else None
        state = canonical(url)
        outcomes["killed" if killed else "completed"] += 1
        if state != expected:
            outcomes["partial states seen"] += 1
        # Every source present is complete, and nothing hangs off an absent one.
        for file_name, stored in per_source(state).items():
            assert stored == expected_by_source[file_name], f"trial {trial}: {file_name} is half-stored"
        present = {name for name, *_ in state["sources"]}
        expected_fingerprints = {c[-1] for c in expected["citations"] if c[0] in present}
        assert {e[0] for e in state["events"]} == expected_fingerprints, f"trial {trial}: stray or missing events"
        if not killed:
            assert state == expected, f"trial {trial}: a completed run differs from the reference"
    # The next, uninterrupted run ends exactly like the reference run.
    final = Ingest(url, smallest_files)
    final.go()
    final.finish()
    assert canonical(url) == expected
    print(f"crash trials: {outcomes}, reference ingest {duration:.1f}s")
    assert outcomes["killed"] >= TRIALS // 2, outcomes
