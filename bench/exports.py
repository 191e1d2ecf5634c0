#!/usr/bin/env python3
"""Export benchmark: throughput (rows/s) and peak memory of every export format, on PostgreSQL.

    bench/exports                               # 100,000 synthetic events, all formats
    bench/exports --events 100000,1000000       # both sizes in one table (flat memory shows)
    bench/exports --formats csv,xlsx            # some formats only
    bench/exports --keep /tmp/exports-pg        # keep the loaded databases for the next run

It starts a throwaway PostgreSQL (scripts/postgres.sh, port 54355) with one
database per size, loads the synthetic events by COPY (``bench/synthetic.py``,
the loader ``bench/api`` uses; a million events take a few minutes), and
exports every format in a subprocess of its own (``--worker``). The worker
runs exactly what ``GET /api/export/?format=...`` runs -- ``filter_events``
with no filters (every event that is not rejected), then ``exports.stream``
-- and writes the bytes to a temporary file, so its peak resident memory
(``ru_maxrss``) is the export's own: "flat memory" shows as the same peak for
100,000 and 1,000,000 events. The machine may be shared, so besides the
wall-clock rows/s the table gives the CPU seconds of the export process and
of the PostgreSQL server process serving its queries (from /proc), and rows
per CPU second of both together: the figure that stays put under load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import synthetic  # noqa: E402  (the shared COPY loader)

OUT = REPO / "bench" / "out"
PG_PORT = 54355
SEED = 1935
FORMATS = ("csv", "json", "timelinejs", "ics", "html", "xlsx")


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _process_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) a process on this machine has used, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker(fmt: str, database_url: str, chunk_size: int) -> None:
    """Export the events in ``fmt`` as the API view does; print one JSON line."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("CHRONICLE_DEV", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
    import django

    django.setup()
    from api.filters import filter_events
    from events import exports

    from django.db import connection

    events = filter_events({})
    rows = events.count()  # also opens the connection before measuring
    with connection.cursor() as cursor:  # the server process that runs the export's queries
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    db_cpu = _process_cpu(backend)
    start_rss = _rss_mb()
    meta = exports.ExportMeta(title="Export benchmark")
    started = time.perf_counter()
    cpu = time.process_time()
    size = 0
    with tempfile.TemporaryFile(dir=OUT) as handle:
        for chunk in exports.stream(fmt, events, meta, chunk_size=chunk_size, keep_order=True):
            handle.write(chunk)
            size += len(chunk)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    db_cpu = None if db_cpu is None else (_process_cpu(backend) or 0) - db_cpu
    print(json.dumps({
        "format": fmt, "rows": rows, "seconds": seconds, "cpu": cpu, "db_cpu": db_cpu, "bytes": size, "start_rss_mb": start_rss, "peak_rss_mb": _rss_mb(),
    }))


def start_postgres(data: Path) -> str:
    return subprocess.run(
        ["bash", str(REPO / "scripts" / "postgres.sh"), "start", str(data), str(PG_PORT)],
        check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]


def stop_postgres(data: Path) -> None:
    subprocess.run(["bash", str(REPO / "scripts" / "postgres.sh"), "stop", str(data)], check=False)


def database_for(server_url: str, events: int) -> str:
    """A database of its own for each size (created once), migrated."""
    name = f"exports_{events}"
    with synthetic.connect(server_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    url = server_url.rsplit("/", 1)[0] + "/" + name
    env = {**os.environ, "DATABASE_URL": url, "CHRONICLE_DEV": "1", "DJANGO_SETTINGS_MODULE": "timeline.settings"}
    subprocess.run([sys.executable, str(REPO / "manage.py"), "migrate", "--noinput", "-v", "0"],
                   cwd=REPO, env=env, check=True)
    return url


def ensure_events(database_url: str, events: int) -> None:
    """Load ``events`` synthetic events unless the database already holds them."""
    if synthetic.count_events(database_url) == events:
        return
    _log(f"loading {events:,} synthetic events by COPY")
    began = time.perf_counter()
    synthetic.clear(database_url)
    synthetic.load_data(database_url, events, SEED, log=_log)
    _log(f"  loaded in {time.perf_counter() - began:.0f} s")


def run_worker(fmt: str, database_url: str, chunk_size: int) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", fmt, "--database-url", database_url, "--chunk-size", str(chunk_size)],
        capture_output=True, text=True,
    )
    if proc.returncode:
        raise SystemExit(f"{fmt} export failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _per_cpu(result: dict) -> float | None:
    """Rows per CPU second of the export process and its database server process
    together: what the machine would do if the export had it to itself."""
    used = result["cpu"] + (result.get("db_cpu") or 0)
    return result["rows"] / used if used else None


def _number(value, spec: str) -> str:
    width = int(spec.split(".")[0].replace(",", ""))
    return f"{'-':>{width}}" if value is None else format(value, f">{spec}")


def table(results: list[dict]) -> str:
    header = (f"| {'events':>9} | {'format':<10} | {'rows':>9} | {'seconds':>7} | {'rows/s':>7} | "
              f"{'CPU s':>6} | {'DB CPU s':>8} | {'rows/CPU s':>10} | {'output MB':>9} | "
              f"{'RSS start MB':>12} | {'RSS peak MB':>11} |")
    lines = [header, "|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|"]
    for r in results:
        lines.append(
            f"| {r['events']:>9,} | {r['format']:<10} | {r['rows']:>9,} | {r['seconds']:>7.1f} | "
            f"{r['rows'] / r['seconds']:>7,.0f} | {r['cpu']:>6.1f} | {_number(r.get('db_cpu'), '8.1f')} | "
            f"{_number(_per_cpu(r), '10,.0f')} | {r['bytes'] / 1e6:>9.1f} | "
            f"{r['start_rss_mb']:>12.0f} | {r['peak_rss_mb']:>11.0f} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", default="100000", help="sizes, comma-separated (default 100000)")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--chunk-size", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=1,
                        help="formats exported side by side (default 1; rows per CPU second is unaffected)")
    parser.add_argument("--keep", metavar="DIR", help="PostgreSQL data directory to keep (reused when loaded)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.worker:
        worker(args.worker, args.database_url, args.chunk_size)
        return 0

    try:
        sizes = [int(n.replace("_", "")) for n in args.events.split(",") if n.strip()]
    except ValueError:
        parser.error("--events takes whole numbers, comma-separated")
    if not sizes or min(sizes) < 1:
        parser.error("--events must be positive")
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = set(formats) - set(FORMATS)
    if unknown:
        parser.error(f"unknown formats: {', '.join(sorted(unknown))}")

    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="chronicle-bench-exports."))
    workdir.mkdir(parents=True, exist_ok=True)
    workdir.chmod(0o755)
    data = workdir / "pg"
    results = []
    try:
        _log(f"PostgreSQL in {data} on port {PG_PORT}")
        server_url = start_postgres(data)
        for events in sizes:
            database_url = database_for(server_url, events)
            ensure_events(database_url, events)

            def export(fmt: str, events: int = events, database_url: str = database_url) -> dict:
                result = {"events": events, **run_worker(fmt, database_url, args.chunk_size)}
                _log(f"  {events:,} events, {fmt}: {result['rows'] / result['seconds']:,.0f} rows/s, "
                     f"peak {result['peak_rss_mb']:.0f} MB  {json.dumps(result)}")
                return result

            with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
                results += pool.map(export, formats)
    finally:
        stop_postgres(data)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    print(f"\nExport benchmark on PostgreSQL 15: synthetic events (the non-rejected ones are exported), "
          f"chunk size {args.chunk_size}, {args.jobs} format(s) at a time, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
