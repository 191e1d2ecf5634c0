"""API benchmark: Chronicle's REST API under load, against raw SQL and Datasette.

Run it with ``bench/api`` (see ``--help``). It

1. starts its own PostgreSQL (scripts/postgres.sh, port 54351) and migrates;
2. loads N synthetic events (default 100,000) with citations, people, places
   and archival documents, by COPY;
3. serves the app on 127.0.0.1 with granian (WSGI, keeping client connections
   alive, two workers per CPU; ``--proxy nginx`` for the whole stack of
   docs/production.md, nginx in front of one granian process per CPU, each on
   its own port; ``--server gunicorn`` for gunicorn's gthread or sync
   workers) and, for five typical queries
   (a date window, a type plus a decade, a person, a full-text query, a detail
   page), measures requests/s and p50/p95 latency with concurrent clients;
4. measures the raw SQL time of the same pages: the statements the view runs
   for every path the load visits (captured in-process), replayed round robin
   through psycopg on one connection;
5. prints EXPLAIN ANALYZE of the date-window query, to show index use;
6. exports the events to SQLite, serves them with Datasette and measures the
   equivalent date-window query;
7. prints a table with the targets: API p95 <= 3x raw SQL p95 of the same page;
   API requests/s >= Datasette's.

Loopback only; every client and server is bounded in count and time, and
everything it started is stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import nginx  # noqa: E402
from bench.synthetic import load_data  # noqa: E402  (the shared COPY loader)

PG_PORT = 54351
QUERY_NAMES = ("date window", "type + decade", "person", "full text", "detail")
API_PORT = 54352
DATASETTE_PORT = 54353
UPSTREAM_PORT = 54360  # behind nginx: granian processes on UPSTREAM_PORT, UPSTREAM_PORT + 1, ...


# ------------------------------------------------------------------------------------- helpers

def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(fraction * (len(ordered) - 1)))))
    return ordered[index]


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


# ------------------------------------------------------------------------------- load generation

def run_load(port: int, paths: list[str], clients: int, seconds: float, max_requests: int) -> dict:
    """Hit ``paths`` (round robin) with ``clients`` threads for ``seconds``; latencies in ms."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    counter = iter(range(max_requests))
    counter_lock = threading.Lock()

    def worker(offset: int):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        index = offset
        while time.monotonic() < stop_at:
            with counter_lock:
                if next(counter, None) is None:
                    break
            path = paths[index % len(paths)]
            index += clients
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept": "application/json"})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1
        conn.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    return {
        "requests": len(latencies), "errors": errors[0], "rps": len(latencies) / wall if wall else 0,
        "p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95),
    }


def children_cpu(parent: int) -> float:
    """CPU seconds (user + system) used so far by the child processes of ``parent``.

    The HTTP server's workers (children of its master) and the PostgreSQL backends
    (children of the postmaster): CPU per request stays meaningful when other
    jobs share the machine, which stretches wall-clock latencies. Children
    that already ended (PostgreSQL's parallel workers) count through the
    parent's cutime/cstime.
    """
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid, fields in _proc_stats():
        if int(fields[1]) == parent:
            total += (int(fields[11]) + int(fields[12])) / ticks
        elif pid == parent:
            total += (int(fields[13]) + int(fields[14])) / ticks
    return total


def children_cpu_each(parent: int) -> dict[int, float]:
    """CPU seconds (user + system) used so far by each child process of ``parent``, by pid."""
    ticks = os.sysconf("SC_CLK_TCK")
    return {pid: (int(fields[11]) + int(fields[12])) / ticks
            for pid, fields in _proc_stats() if int(fields[1]) == parent}


def _proc_stats():
    """``(pid, fields)`` of every process in /proc: its stat fields after the
    command name (which may hold spaces and parentheses), so ``fields[1]`` is
    the parent pid and ``fields[11:15]`` utime, stime, cutime, cstime."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        yield int(stat.parent.name), fields


def worker_shares(before: dict[int, float], after: dict[int, float]) -> list[float]:
    """Each worker's share of the workers' CPU between two readings, largest first (sums to 1).

    Each client holds one keep-alive connection, and the kernel gives each new
    connection to one worker (granian binds a socket per worker with
    SO_REUSEPORT and the kernel picks one by a hash of the connection's
    addresses), so with two clients both land on the same worker about once
    in as many runs as there are workers: that worker then serves them one
    request at a time, and the share shows it (one worker near 1.0).
    """
    used = {pid: after[pid] - before.get(pid, 0.0) for pid in after}
    total = sum(used.values())
    if total <= 0:
        return []
    return sorted((value / total for value in used.values()), reverse=True)


def fewer_workers_than_clients(shares: list[float], clients: int, busy: float = 0.1) -> bool:
    """Did the clients' connections sit on fewer workers than there were clients?

    ``shares`` as :func:`worker_shares` gives them. A worker counts as busy
    when it did at least ``busy`` of the work; with one connection per client,
    fewer busy workers than clients means some shared a worker (which then
    served them one at a time). Unknown (no shares) is not a verdict: False.
    """
    if not shares or clients < 2:
        return False
    return sum(1 for share in shares if share >= busy) < clients


def server_command(args, python: str, port: int, workers: int | None = None) -> list[str]:
    """The command serving ``timeline.wsgi`` on 127.0.0.1:``port``: granian (default) or gunicorn.

    granian is the production server (docs/production.md): its HTTP handling is
    Rust code outside the GIL, where gunicorn parses requests and writes
    responses in Python, about a third of a detail page's CPU in the worker.
    gunicorn stays selectable to compare. ``workers`` overrides ``args.workers``
    (behind nginx each process has one worker on its own port).
    """
    workers = args.workers if workers is None else workers
    if args.server == "gunicorn":
        return [python, "-m", "gunicorn", "timeline.wsgi:application", "--bind", f"127.0.0.1:{port}",
                "--workers", str(workers), *gunicorn_worker_args(args.worker_class, args.threads),
                "--log-level", "warning", "--access-logfile", "/dev/null"]
    return [python, "-m", "granian", "timeline.wsgi:application", "--host", "127.0.0.1", "--port", str(port),
            "--workers", str(workers), *granian_worker_args(args.threads),
            "--log-level", "warning", "--no-access-log"]


def granian_worker_args(threads: int) -> list[str]:
    """granian's WSGI options: ``threads`` Python threads per worker.

    By default granian lets a WSGI worker start half its backlog's worth of
    Python threads (hundreds). Two per worker overlap a second request's
    database wait with the first one's Python; more only take turns at the
    GIL, which stretches the tail: measured on two CPUs (api/README.md,
    8 December 02:20-02:45), the detail's p95 was 1.8-2.3 ms with two threads
    against 2.1-3.2 with four, and under 30 clients behind nginx the p95 fell
    from 174-190 ms with eight to 95-124 ms with two at the same throughput.
    ``--backpressure`` stays at granian's default: it bounds the connections a
    worker takes, not only its requests in flight, and set as low as the
    thread count it left the connections opened last waiting for seconds
    under load (`python -m bench.load`: curators made 2 edits in 15 s beside
    20 readers, 78 without the bound).
    """
    return ["--interface", "wsgi", "--blocking-threads", str(threads)]


def gunicorn_worker_args(worker_class: str, threads: int) -> list[str]:
    """gunicorn's worker options: gthread with ``threads`` and keep-alive, or sync.

    A sync worker closes the connection after every response, so each
    request also pays a TCP connection and its teardown, on the client's CPU
    as well as the server's (about as much as the Django response itself
    for a small page); HTTP clients and the proxy in front of the server keep
    connections alive, which the gthread worker serves.
    """
    if worker_class == "sync":
        return ["--worker-class", "sync"]
    return ["--worker-class", "gthread", "--threads", str(threads), "--keep-alive", "30"]


# ----------------------------------------------------------------------------- raw SQL of a page

def capture_sql(path: str) -> list[str]:
    """The SQL statements the view runs for ``path`` (executed in-process)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = Client().get(path, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    return [q["sql"] for q in ctx.captured_queries]


def replay_rounds(pages: list[list[str]], repeat: int) -> list[list[str]]:
    """The pages to time, round robin like the clients: ``repeat`` rounds, and at least one per page."""
    return [pages[index % len(pages)] for index in range(max(repeat, len(pages)))]


def time_sql(database_url: str, pages: list[list[str]], repeat: int) -> dict:
    """Wall time of replaying each page's statements on one connection, in ms.

    ``pages`` holds the statements of every path the HTTP load visits, in the
    same order; the replay takes them round robin, as the clients do, so the
    raw side times the same pages (a detail visits 200 different events: each
    touches other index and heap pages, and the first path alone would be
    replayed from a cache warmer than the one the HTTP side sees). Every page
    is run once before timing (the HTTP side is warmed too), and there are at
    least as many timed rounds as pages, so each page counts.

    The connection sends every statement as the app's does: Django opens
    psycopg with ``prepare_threshold=None`` (never prepare). psycopg's own
    default prepares a statement on the server after its fifth run, so a
    replay of one page 30 times used to time mostly ``EXECUTE`` of a cached
    plan -- parsing and planning skipped, which the app never skips.
    """
    import psycopg

    from timeline.db_session import POSTGRES_OPTIONS  # the app's session settings, for a fair replay

    timings = []
    with psycopg.connect(database_url, autocommit=True, options=POSTGRES_OPTIONS, prepare_threshold=None) as conn:
        for statements in pages:  # warm up
            for statement in statements:
                conn.execute(statement).fetchall()
        for statements in replay_rounds(pages, repeat):
            began = time.perf_counter()
            for statement in statements:
                conn.execute(statement).fetchall()
            timings.append((time.perf_counter() - began) * 1000)
    return {"p50": percentile(timings, 0.5), "p95": percentile(timings, 0.95),
            "statements": max(len(statements) for statements in pages), "pages": len(pages)}


def explain_analyze(database_url: str, statements: list[str]) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of the page's event query (the one reading ``events_event``)."""
    import psycopg

    main_sql = next(s for s in statements if "events_event" in s.split("FROM", 1)[1][:40])
    with psycopg.connect(database_url) as conn:
        return "\n".join(row[0] for row in conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + main_sql))


# ---------------------------------------------------------------------------------- Datasette

def export_sqlite(database_url: str, target: Path) -> None:
    """The events (with their type slug) as one SQLite table, indexed like PostgreSQL."""
    import psycopg

    if target.exists():
        target.unlink()
    db = sqlite3.connect(target)
    db.execute(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT, description TEXT, type TEXT, status TEXT, "
        "confidence REAL, date_edtf TEXT, date_earliest TEXT, date_latest TEXT, date_sort TEXT)"
    )
    with psycopg.connect(database_url) as conn, conn.cursor(name="export") as cur:
        cur.itersize = 20000
        cur.execute(
            "SELECT e.id, e.title, e.description, t.slug, e.status, e.confidence, e.date_edtf, "
            "e.date_earliest::text, e.date_latest::text, e.date_sort::text "
            "FROM events_event e JOIN events_eventtype t ON t.id = e.event_type_id"
        )
        while True:
            rows = cur.fetchmany(20000)
            if not rows:
                break
            db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    db.execute("CREATE INDEX events_sort ON events (date_sort, id)")
    db.execute("CREATE INDEX events_latest ON events (date_latest)")
    db.execute("CREATE INDEX events_earliest ON events (date_earliest, date_latest)")
    db.commit()
    db.execute("ANALYZE")
    db.close()


# ------------------------------------------------------------------------------------ the run

class Processes:
    def __init__(self):
        self.running: list[subprocess.Popen] = []

    def start(self, args, **kwargs):
        process = subprocess.Popen(args, start_new_session=True, **kwargs)
        self.running.append(process)
        return process

    def stop_all(self):
        for process in self.running:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.running:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events to load (default 100000)")
    parser.add_argument("--clients", type=int, default=0,
                        help="concurrent HTTP clients (default: one per CPU, at least 2)")
    parser.add_argument("--seconds", type=float, default=8.0, help="load time per query (default 8)")
    parser.add_argument("--max-requests", type=int, default=5000, help="request cap per query (default 5000)")
    parser.add_argument("--server", choices=("granian", "gunicorn"), default="granian",
                        help="HTTP server: granian, as docs/production.md serves (default), or gunicorn")
    # Behind nginx one server process per CPU, as docs/production.md deploys.
    # Without the proxy two workers per CPU: the kernel gives each keep-alive
    # connection to a worker by a hash of its addresses, so with one per CPU
    # both clients share a worker in about half the runs (its threads then
    # take turns at the GIL while the other idles); with two, in a quarter.
    parser.add_argument("--workers", type=int, default=0,
                        help="server worker processes (default: one per CPU behind nginx, two per CPU "
                             "with --proxy none; at least 2)")
    parser.add_argument("--proxy", choices=("none", "nginx"), default="none",
                        help="none: the clients talk to one multi-worker server directly (default: the "
                             "app server alone, as the targets are set); nginx: the whole production stack "
                             "of docs/production.md, nginx in front of one server process per worker, each "
                             "on its own port")
    parser.add_argument("--worker-class", choices=("gthread", "sync"), default="gthread",
                        help="gunicorn workers: gthread keeps client connections alive (default); sync opens a "
                             "connection per request")
    parser.add_argument("--threads", type=int, default=2,
                        help="Python threads per worker (granian, gunicorn gthread; default 2)")
    parser.add_argument("--sql-repeat", type=int, default=30,
                        help="raw SQL repetitions per query (at least one per path the query visits)")
    parser.add_argument("--query", action="append", choices=QUERY_NAMES,
                        help="measure only this query (repeatable; default: all five)")
    parser.add_argument("--keep", metavar="DIR", help="keep the database in DIR (reused if already loaded)")
    parser.add_argument("--no-datasette", action="store_true", help="skip the Datasette comparison")
    args = parser.parse_args(argv)
    args.clients = args.clients or max(2, (os.cpu_count() or 2))
    args.workers = args.workers or default_workers(args.proxy)
    if args.events < 1 or args.clients < 1 or args.seconds <= 0 or args.workers < 1:
        parser.error("--events, --clients, --workers and --seconds must be positive")
    for port in (PG_PORT, API_PORT, DATASETTE_PORT):
        if not port_is_free(port):
            parser.error(f"port {port} on 127.0.0.1 is in use")

    python = sys.executable
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="chronicle-bench-api."))
    workdir.mkdir(parents=True, exist_ok=True)
    os.chmod(workdir, 0o755)
    pgdata = workdir / "pg"
    processes = Processes()
    started_pg = False
    try:
        log(f"PostgreSQL in {pgdata} on port {PG_PORT}")
        database_url = subprocess.run(
            ["bash", str(ROOT / "scripts" / "postgres.sh"), "start", str(pgdata), str(PG_PORT)],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
        started_pg = True
        env = {
            **os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "timeline.settings",
            "DJANGO_SECRET_KEY": "chronicle-benchmark-only", "DJANGO_DEBUG": "0",
            "CHRONICLE_ANON_RATE": "100000000/minute", "DJANGO_LOG_LEVEL": "ERROR",
            "DATABASE_CONN_MAX_AGE": "600",
        }
        os.environ.update(env)
        subprocess.run([python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)

        import django

        sys.path.insert(0, str(ROOT))
        django.setup()
        from django.conf import settings

        settings.ALLOWED_HOSTS = ["*"]
        from django.db.models import Count

        from events.models import Event, EventPerson

        loaded = Event.objects.count()
        if loaded not in (0, args.events):
            raise SystemExit(f"{pgdata} holds {loaded} events, not {args.events}; use another --keep directory")
        if loaded == 0:
            log(f"loading {args.events} synthetic events")
            began = time.perf_counter()
            stats = load_data(database_url, args.events, seed=1935, log=log)
            log(f"  loaded in {time.perf_counter() - began:.1f}s: {json.dumps(stats)}")
        from django.db import connection

        connection.close()

        person_id = (  # the person with most events
            EventPerson.objects.values("person_id").order_by().annotate(n=Count("id"))
            .order_by("-n").values_list("person_id", flat=True).first()
        )
        rng = random.Random(7)
        max_id = Event.objects.order_by("-id").values_list("id", flat=True).first()
        detail_ids = list(
            Event.objects.public().filter(id__in=[rng.randint(1, max_id) for _ in range(400)]).values_list("id", flat=True)
        )[:200]
        queries = {
            "date window": ["/api/events/?date_from=1935-05&date_to=1935-06"],
            "type + decade": ["/api/events/?type=treaty&date_from=1930&date_to=1939"],
            "person": [f"/api/events/?person={person_id}"],
            "full text": ["/api/events/?q=%D0%B4%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80"],  # договор
            "detail": [f"/api/events/{pk}/" for pk in detail_ids],
        }
        queries = {name: paths for name, paths in queries.items() if name in (args.query or QUERY_NAMES)}

        # Raw SQL of the same pages: the statements of every path the load
        # visits (captured in-process), replayed round robin through psycopg.
        log("raw SQL timings")
        raw = {}
        for name, paths in queries.items():
            raw[name] = time_sql(database_url, [capture_sql(path) for path in paths], args.sql_repeat)
        connection.close()

        plan = None
        if "date window" in queries:
            log("EXPLAIN of the date-window page")
            plan = explain_analyze(database_url, capture_sql(queries["date window"][0]))
            connection.close()

        servers, proxy = start_servers(args, python, processes, workdir,
                                       {**env, "DJANGO_ALLOWED_HOSTS": "127.0.0.1"})
        run_load(API_PORT, ["/api/events/?page_size=5"], 2, 1.0, 200)  # warm the workers
        api = {}
        postmaster = int((pgdata / "postmaster.pid").read_text().split()[0])
        parents = {"app": [server.pid for server in servers], "db": [postmaster],
                   "proxy": [proxy.pid] if proxy else []}
        for name, paths in queries.items():
            log(f"load: {name}")
            # Let the workers see the previous clients' connections close, so
            # the new ones are spread over idle workers.
            time.sleep(0.5)
            cpu_before = {part: sum(map(children_cpu, pids)) for part, pids in parents.items()}
            workers_before = workers_cpu(servers)
            api[name] = run_load(API_PORT, paths, args.clients, args.seconds, args.max_requests)
            cpu_after = {part: sum(map(children_cpu, pids)) for part, pids in parents.items()}
            api[name]["worker_shares"] = worker_shares(workers_before, workers_cpu(servers))
            served = max(api[name]["requests"] + api[name]["errors"], 1)
            for part in parents:
                api[name][f"{part}_cpu"] = (cpu_after[part] - cpu_before[part]) * 1000 / served

        datasette = None
        if not args.no_datasette and "date window" in queries:
            log("Datasette: exporting to SQLite")
            sqlite_file = workdir / "bench.db"
            export_sqlite(database_url, sqlite_file)
            processes.start(
                [python, "-m", "datasette", "serve", str(sqlite_file), "--host", "127.0.0.1", "--port",
                 str(DATASETTE_PORT), "--setting", "default_page_size", "50", "--setting", "sql_time_limit_ms",
                 "20000", "--setting", "num_sql_threads", str(max(2, args.workers)),
                 "--setting", "suggest_facets", "off"],
                cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            wait_for_port(DATASETTE_PORT)
            path = ("/bench/events.json?date_latest__gte=1935-05-01&date_earliest__lte=1935-06-30"
                    "&status__not=rejected&_sort=date_sort&_size=50&_shape=objects&_nocount=1&_nofacet=1")
            run_load(DATASETTE_PORT, [path], 2, 1.0, 100)
            log("load: Datasette date window")
            datasette = run_load(DATASETTE_PORT, [path], args.clients, args.seconds, args.max_requests)

        report(args, api, raw, datasette, plan)
        return 0
    finally:
        processes.stop_all()
        if started_pg:
            subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh"), "stop", str(pgdata)], check=False)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def default_workers(proxy: str) -> int:
    """Server processes (behind nginx) or workers (without it) by default: see ``--workers``."""
    per_cpu = 1 if proxy == "nginx" else 2
    return per_cpu * max(2, os.cpu_count() or 2)


def start_servers(args, python: str, processes: "Processes", workdir: Path, env: dict, port: int = API_PORT,
                  upstream_ports: list[int] | None = None, **output):
    """Serve the app on 127.0.0.1:``port``; return the server processes and the proxy (or None).

    ``--proxy nginx`` (as docs/production.md deploys; bench.load's default): one server
    process with one worker per port (``upstream_ports``, by default
    ``args.workers`` of them from UPSTREAM_PORT on) and nginx on ``port``
    giving each request to the least busy one. ``--proxy none``: one server
    with ``args.workers`` workers on ``port``, each client connection kept by
    the worker the kernel gave it to. ``output`` (stdout, stderr) goes to the
    servers' processes.
    """
    if args.proxy == "none":
        log(f"{args.server}: {args.workers} workers on 127.0.0.1:{port}")
        server = processes.start(server_command(args, python, port), cwd=ROOT, env=env, **output)
        wait_for_port(port)
        return [server], None
    ports = upstream_ports or [UPSTREAM_PORT + i for i in range(args.workers)]
    busy = [upstream for upstream in ports if not port_is_free(upstream)]
    if busy:
        raise SystemExit(f"port {busy[0]} on 127.0.0.1 is in use")
    log(f"nginx on 127.0.0.1:{port} in front of {len(ports)} {args.server} processes "
        f"(one worker each) on ports {', '.join(map(str, ports))}")
    servers = [processes.start(server_command(args, python, upstream, workers=1), cwd=ROOT, env=env, **output)
               for upstream in ports]
    for upstream in ports:
        wait_for_port(upstream)
    proxy = processes.start(nginx.command(workdir / "nginx", port, ports))
    wait_for_port(port)
    return servers, proxy


def workers_cpu(servers) -> dict[int, float]:
    """CPU seconds so far of every worker process of ``servers``, by pid."""
    return {pid: cpu for server in servers for pid, cpu in children_cpu_each(server.pid).items()}


def server_description(args) -> str:
    """The HTTP server as the report names it."""
    if args.server == "granian":
        served = f"{args.workers} granian workers x {args.threads} threads (WSGI, keep-alive)"
    else:
        served = f"{args.workers} gunicorn workers" + (
            f" x {args.threads} threads (gthread, keep-alive)" if args.worker_class == "gthread" else " (sync)"
        )
    if args.proxy == "nginx":
        return f"nginx (least_conn, keep-alive) -> {served}, one process per port"
    return served


def report(args, api, raw, datasette, plan) -> None:
    print()
    server = server_description(args)
    print(f"Chronicle API benchmark: {args.events} events, {args.clients} clients, {server}, "
          f"{args.seconds:g}s per query, page size 50")
    print()
    header = f"{'query':<15} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'SQL p50':>8} {'SQL p95':>8} " \
             f"{'stmts':>5} {'p95/SQL':>8}  target p95 <= 3x SQL"
    print(header)
    print("-" * len(header))
    for name, result in api.items():
        sql = raw[name]
        ratio = result["p95"] / sql["p95"] if sql["p95"] else float("inf")
        verdict = "ok" if ratio <= 3 else "MISSED"
        if fewer_workers_than_clients(result.get("worker_shares", []), args.clients):
            verdict += " (connections shared a worker)"
        errors = f"  ({result['errors']} errors)" if result["errors"] else ""
        print(f"{name:<15} {result['rps']:>8.1f} {result['p50']:>8.1f} {result['p95']:>8.1f} {sql['p50']:>8.1f} "
              f"{sql['p95']:>8.1f} {sql['statements']:>5} {ratio:>8.2f}  {verdict}{errors}")
    print()
    pages = f" (detail: {raw['detail']['pages']} pages, each warmed once first)" if "detail" in raw else ""
    print(f"Raw SQL: the statements of every path a query visits, replayed round robin on one connection{pages}.")
    print()
    print("CPU per request during the load (from /proc; not stretched by other jobs on the machine):")
    for name, result in api.items():
        proxy = f", nginx {result['proxy_cpu']:6.1f} ms" if args.proxy == "nginx" else ""
        print(f"  {name:<15} {args.server} workers {result['app_cpu']:6.1f} ms, PostgreSQL {result['db_cpu']:6.1f} ms"
              f"{proxy}")
    print()
    print("Each worker's share of the workers' CPU during the load (busiest first; one worker near 1.0: "
          "the clients' connections shared it):")
    for name, result in api.items():
        shares = " ".join(f"{share:.2f}" for share in result.get("worker_shares", [])[: max(args.clients, 2) + 1])
        print(f"  {name:<15} {shares}")
    if datasette is not None:
        ours = api["date window"]["rps"]
        verdict = "ok" if ours >= datasette["rps"] else "MISSED"
        print()
        print(f"Datasette, same date window (events table only, no citations/people/places):")
        print(f"  {datasette['rps']:.1f} req/s, p50 {datasette['p50']:.1f} ms, p95 {datasette['p95']:.1f} ms"
              f"{' (' + str(datasette['errors']) + ' errors)' if datasette['errors'] else ''}")
        print(f"  Chronicle {ours:.1f} req/s vs Datasette {datasette['rps']:.1f} req/s -> target "
              f"requests/s >= Datasette's: {verdict}")
    if plan is not None:
        print()
        print("EXPLAIN (ANALYZE, BUFFERS) of the date-window page's event query:")
        print(plan)


if __name__ == "__main__":
    sys.exit(main())
