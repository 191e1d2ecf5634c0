"""Load test: the API under granian on PostgreSQL, many readers and curators at once.

    python -m bench.load [--clients 50] [--seconds 60] [--curators 2] [--files 3]

What it does, all on loopback (127.0.0.1) and bounded in time and count:

1. starts a throwaway PostgreSQL (``scripts/postgres.sh``, port 54354) unless
   ``--database-url`` is given, migrates it and ingests the smallest corpus
   files;
2. serves ``timeline.wsgi`` as docs/production.md deploys it: nginx in front
   of one granian process per worker, each on its own port (``--proxy none``:
   one multi-worker granian; ``--server gunicorn`` for gunicorn's gthread
   workers), with production settings (DEBUG off, a random secret key);
3. runs ``--clients`` reader threads (event lists with filters and cursor
   pages, event details, people, places, sources, passages) and ``--curators``
   curator threads that PATCH events with their token, each curator on its own
   events, for ``--seconds``;
4. checks: zero errors (every reader gets 200, every edit 200) and no lost
   edit: each event's title in the database is its last acknowledged edit
   and the history table holds every acknowledged edit;
5. prints requests/s and latency percentiles, and exits 1 on any error or lost
   edit.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from bench.api_bench import Processes, server_description, start_servers

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
HOST = "127.0.0.1"  # where bench.api_bench.server_command binds too
MAX_REQUESTS_PER_THREAD = 100_000  # a bound besides the clock


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def run(*args: str, env: dict[str, str], timeout: float = 900) -> str:
    result = subprocess.run([*args], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return result.stdout


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, problem: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if problem:
                self.errors.append(problem)


class Client:
    """One keep-alive HTTP connection to the server."""

    def __init__(self, port: int, token: str | None = None):
        self.port = port
        self.headers = {"Accept": "application/json", "Host": f"{HOST}:{port}"}
        if token:
            self.headers["Authorization"] = f"Token {token}"
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):  # a server may close an idle keep-alive connection
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def reader(port: int, deadline: float, stats: Stats, world: dict, seed: int) -> None:
    rng = random.Random(seed)
    client = Client(port)
    paths = [
        lambda: "/api/events/",
        lambda: f"/api/events/?date_from={rng.randint(1890, 1940)}&date_to={rng.randint(1940, 1990)}",
        lambda: f"/api/events/?type={rng.choice(world['types'])}",
        lambda: f"/api/events/?q={quote(rng.choice(['Троцк', 'Париж', 'договор', 'lettre', 'письмо']))}",
        lambda: f"/api/events/?ordering=-date&page_size={rng.choice([10, 50, 100])}",
        lambda: f"/api/events/{rng.choice(world['events'])}/",
        lambda: "/api/people/",
        lambda: "/api/places/",
        lambda: "/api/sources/",
        lambda: "/api/event-types/",
    ]
    next_page = None
    for _ in range(MAX_REQUESTS_PER_THREAD):
        if time.monotonic() >= deadline:
            break
        path = next_page if next_page and rng.random() < 0.5 else rng.choice(paths)()
        started = time.monotonic()
        try:
            status, body = client.request("GET", path)
        except Exception as exc:  # noqa: BLE001 - every failure is counted, the thread goes on
            stats.record(time.monotonic() - started, f"GET {path}: {exc!r}")
            continue
        stats.record(time.monotonic() - started, None if status == 200 else f"GET {path}: {status} {body[:200]!r}")
        next_page = None
        if status == 200 and (path.startswith("/api/events/?") or path == "/api/events/"):
            try:
                link = json.loads(body).get("next")
            except (ValueError, AttributeError):
                link = None
            if link:
                parts = urlsplit(link)
                next_page = parts.path + ("?" + parts.query if parts.query else "")


def curator(port: int, deadline: float, stats: Stats, token: str, events: list[int], name: str,
            acknowledged: dict[int, list[str]]) -> None:
    rng = random.Random(name)
    client = Client(port, token)
    for n in range(MAX_REQUESTS_PER_THREAD):
        if time.monotonic() >= deadline:
            break
        event = rng.choice(events)
        title = f"load edit {name} #{n}"
        started = time.monotonic()
        try:
            status, body = client.request("PATCH", f"/api/events/{event}/",
                                          {"title": title, "description": f"edited under load by {name}"})
        except Exception as exc:  # noqa: BLE001 - every failure is counted, the thread goes on
            stats.record(time.monotonic() - started, f"PATCH {event}: {exc!r}")
            continue
        problem = None if status == 200 else f"PATCH {event}: {status} {body[:200]!r}"
        stats.record(time.monotonic() - started, problem)
        if status == 200:
            acknowledged.setdefault(event, []).append(title)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--curators", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--files", type=int, default=3, help="how many of the smallest corpus files to ingest")
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 2)))
    parser.add_argument("--threads", type=int, default=2,
                        help="Python threads per server worker (default 2, as docs/production.md serves)")
    parser.add_argument("--server", choices=("granian", "gunicorn"), default="granian",
                        help="HTTP server: granian, as docs/production.md serves (default), or gunicorn")
    parser.add_argument("--proxy", choices=("nginx", "none"), default="nginx",
                        help="nginx in front of one server process per worker, as docs/production.md "
                             "deploys (default), or none: one multi-worker server")
    parser.add_argument("--database-url", help="use this (empty, or already loaded) database instead")
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("CHRONICLE_LOAD_PG_PORT", "54354")))
    args = parser.parse_args(argv)
    if args.seconds > 600 or args.clients > 500:
        parser.error("bounded: at most 600 seconds and 500 clients")

    workdir = Path(tempfile.mkdtemp(prefix="chronicle-load-"))
    os.chmod(workdir, 0o755)  # the PostgreSQL user must reach its data directory
    pgdata = workdir / "pg"
    started_pg = args.database_url is None
    processes = Processes()
    try:
        database_url = args.database_url or run("bash", "scripts/postgres.sh", "start", str(pgdata),
                                                str(args.pg_port), env=dict(os.environ)).strip()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CHRONICLE_"))}
        env.update(
            DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="timeline.settings",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(64), DJANGO_ALLOWED_HOSTS=HOST,
            CHRONICLE_ANON_RATE="100000000/minute",  # one address plays 50 readers here
            DATABASE_CONN_MAX_AGE="60",
        )
        print(f"database: {database_url}")
        run(PYTHON, "manage.py", "migrate", "--noinput", env=env)
        files = sorted((REPO / "fixtures" / "sources").glob("*.txt"), key=lambda p: p.stat().st_size)
        print(f"ingesting {', '.join(p.name for p in files[:args.files])} ...")
        run(PYTHON, "manage.py", "ingest", "--no-progress", *map(str, files[:args.files]), env=env)
        setup = run(PYTHON, "manage.py", "shell", "-c", SETUP, env=env)
        world = json.loads(next(line for line in setup.splitlines() if line.startswith("{")))
        if len(world["events"]) < 2 * args.curators:
            raise SystemExit("too few events to edit")

        port = free_port()
        server_args = argparse.Namespace(server=args.server, workers=args.workers, threads=args.threads,
                                         worker_class="gthread", proxy=args.proxy)
        start_servers(server_args, PYTHON, processes, workdir, env, port=port,
                      upstream_ports=[free_port() for _ in range(args.workers)],
                      stdout=subprocess.DEVNULL, stderr=open(workdir / "server.log", "w"))
        for _ in range(300):
            try:
                if Client(port).request("GET", "/api/event-types/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit(f"{args.server} did not start:\n" + (workdir / "server.log").read_text()[-3000:])
        print(f"{server_description(server_args)} on {HOST}:{port}; "
              f"{args.clients} readers and {args.curators} curators for {args.seconds:.0f} s")

        stats = Stats()
        acknowledged: dict[int, list[str]] = {}
        deadline = time.monotonic() + args.seconds
        shares = [world["events"][i::args.curators] for i in range(args.curators)]
        threads = [threading.Thread(target=reader, args=(port, deadline, stats, world, i), daemon=True)
                   for i in range(args.clients)]
        threads += [threading.Thread(target=curator, args=(port, deadline, stats, world["token"], shares[i],
                                                           f"c{i}", acknowledged), daemon=True)
                    for i in range(args.curators)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 120)
        elapsed = time.monotonic() - began

        # No lost edits: the database holds each event's last acknowledged title,
        # and its history every acknowledged one.
        edits_file = workdir / "edits.json"
        edits_file.write_text(json.dumps(acknowledged))
        check = run(PYTHON, "manage.py", "shell", "-c", VERIFY.format(path=str(edits_file)), env=env)
        verdict = json.loads(next(line for line in check.splitlines() if line.startswith("{")))
        edits = sum(len(titles) for titles in acknowledged.values())
        total = len(stats.latencies)
        print(f"requests: {total} in {elapsed:.1f} s = {total / elapsed:.0f} requests/s")
        print(f"latency: p50 {percentile(stats.latencies, .5) * 1000:.0f} ms, "
              f"p95 {percentile(stats.latencies, .95) * 1000:.0f} ms, "
              f"p99 {percentile(stats.latencies, .99) * 1000:.0f} ms, "
              f"mean {statistics.fmean(stats.latencies) * 1000:.0f} ms")
        print(f"curator edits: {edits} acknowledged on {len(acknowledged)} events; "
              f"lost: {verdict['lost_final']} final titles, {verdict['lost_history']} history entries")
        print(f"errors: {len(stats.errors)}")
        for problem in stats.errors[:10]:
            print(f"  {problem}")
        ok = not stats.errors and verdict["lost_final"] == 0 and verdict["lost_history"] == 0 and edits > 0
        print("RESULT:", "ok" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        processes.stop_all()
        if started_pg:
            subprocess.run(["bash", "scripts/postgres.sh", "stop", str(pgdata)], cwd=REPO)
        shutil.rmtree(workdir, ignore_errors=True)


SETUP = """
import json
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
from events.models import Event, EventType
user, _ = User.objects.get_or_create(username="load-curator", defaults={"is_staff": True})
user.groups.add(Group.objects.get(name="Curators"))
token, _ = Token.objects.get_or_create(user=user)
events = list(Event.objects.public().values_list("id", flat=True).order_by("id"))
types = list(EventType.objects.filter(events__isnull=False).values_list("slug", flat=True).distinct())
print(json.dumps({"token": token.key, "events": events, "types": types or ["letter"]}))
"""

VERIFY = """
import json
from events.models import Event
acknowledged = {{int(k): v for k, v in json.load(open({path!r})).items()}}
lost_final = lost_history = 0
for event_id, titles in acknowledged.items():
    event = Event.objects.get(pk=event_id)
    if event.title != titles[-1]:
        lost_final += 1
    recorded = set(event.history.filter(title__in=titles).values_list("title", flat=True))
    lost_history += len(set(titles) - recorded)
print(json.dumps({{"lost_final": lost_final, "lost_history": lost_history}}))
"""


if __name__ == "__main__":
    sys.exit(main())
