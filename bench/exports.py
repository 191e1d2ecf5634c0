#!/usr/bin/env python3
"""Export benchmark: throughput (rows/s) and peak memory of every export format.

    bench/exports                        # 100,000 synthetic events on SQLite, all formats
    bench/exports --events 1000000       # a million (generation takes a while; reused next time)
    bench/exports --postgres             # on a throwaway PostgreSQL (scripts/postgres.sh, port 54353)
    bench/exports --formats csv,ics      # some formats only

The events are generated once per size into ``bench/out/exports-<N>.sqlite3``
(or the PostgreSQL data directory) and reused. Each format is exported in a
subprocess of its own (``--worker``) that streams the file to a temporary
file exactly as the API view does, so its peak resident memory
(``ru_maxrss``) is its own: "flat memory" shows as the same peak for 100,000
and 1,000,000 events. The table gives the memory at start (Django loaded) and
the peak during the export.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

OUT = REPO / "bench" / "out"
PG_PORT = 54353
FORMATS = ("csv", "xlsx", "json", "timelinejs", "ics", "html")


def _django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("CHRONICLE_DEV", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
    import django

    django.setup()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def worker(fmt: str, database_url: str, chunk_size: int) -> None:
    """Export every event in ``fmt`` to a temporary file; print one JSON line."""
    _django(database_url)
    from events import exports
    from events.models import Event

    Event.objects.exists()  # open the connection before measuring
    start_rss = _rss_mb()
    started = time.perf_counter()
    cpu = time.process_time()
    size = 0
    with tempfile.TemporaryFile(dir=OUT) as handle:
        for chunk in exports.stream(fmt, Event.objects.all(), chunk_size=chunk_size):
            handle.write(chunk)
            size += len(chunk)
    elapsed = time.perf_counter() - started
    rows = Event.objects.count()
    print(json.dumps({
        "format": fmt, "rows": rows, "seconds": elapsed, "cpu": time.process_time() - cpu,
        "bytes": size, "start_rss_mb": start_rss, "peak_rss_mb": _rss_mb(),
    }))


def ensure_events(database_url: str, count: int) -> None:
    """Migrate and fill the database with ``count`` synthetic events (once)."""
    _django(database_url)
    from django.core.management import call_command

    from events.models import Citation, Event, EventPerson, Source
    from events.tests.synthetic import create_events

    call_command("migrate", verbosity=0)
    if Event.objects.count() == count:
        return
    print(f"generating {count:,} synthetic events ...", file=sys.stderr)
    EventPerson.objects.all().delete()
    Citation.objects.all().delete()
    Event.objects.all().delete()
    Source.objects.all().delete()
    started = time.perf_counter()

    def progress(done: int) -> None:
        if done % 50_000 == 0 or done == count:
            print(f"  {done:,} events ({time.perf_counter() - started:.0f} s)", file=sys.stderr)

    create_events(count, progress=progress)


def start_postgres() -> tuple[str, Path]:
    data = Path(tempfile.gettempdir()) / "chronicle-bench-exports-pg"
    data.mkdir(exist_ok=True)
    data.chmod(0o755)
    url = subprocess.run(
        ["bash", str(REPO / "scripts" / "postgres.sh"), "start", str(data / "data"), str(PG_PORT)],
        check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]
    return url, data


def stop_postgres(data: Path) -> None:
    subprocess.run(["bash", str(REPO / "scripts" / "postgres.sh"), "stop", str(data / "data")], check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--postgres", action="store_true", help=f"use PostgreSQL on port {PG_PORT}")
    parser.add_argument("--chunk-size", type=int, default=2000)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.worker:
        worker(args.worker, args.database_url, args.chunk_size)
        return 0

    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = set(formats) - set(FORMATS)
    if unknown:
        parser.error(f"unknown formats: {', '.join(sorted(unknown))}")
    pg_data = None
    if args.postgres:
        database_url, pg_data = start_postgres()
    else:
        database_url = f"sqlite:///{OUT / f'exports-{args.events}.sqlite3'}"
    try:
        ensure_events(database_url, args.events)
        results = []
        for fmt in formats:
            proc = subprocess.run(
                [sys.executable, __file__, "--worker", fmt, "--database-url", database_url,
                 "--chunk-size", str(args.chunk_size)],
                check=True, capture_output=True, text=True,
            )
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            results.append(result)
            print(f"  {fmt}: {result['rows'] / result['seconds']:,.0f} rows/s", file=sys.stderr)
    finally:
        if pg_data is not None:
            stop_postgres(pg_data)

    database = "PostgreSQL" if args.postgres else "SQLite"
    print(f"\nExport benchmark: {args.events:,} events on {database}, chunk size {args.chunk_size}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    header = f"{'format':<11} {'rows':>10} {'seconds':>9} {'rows/s':>9} {'output MB':>10} {'RSS start MB':>13} {'RSS peak MB':>12}"
    print(header)
    print("-" * len(header))
    for r in results:
        print(f"{r['format']:<11} {r['rows']:>10,} {r['seconds']:>9.1f} {r['rows'] / r['seconds']:>9,.0f} "
              f"{r['bytes'] / 1e6:>10.1f} {r['start_rss_mb']:>13.0f} {r['peak_rss_mb']:>12.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
