"""How fast are the curation pages on a large database?

Fills a THROWAWAY database with N synthetic events (each with a citation and a
person) and times the admin pages curators use most, with their query counts.

    CHRONICLE_DEV=1 DATABASE_URL=sqlite:////tmp/bench-admin.sqlite3 \\
        .venv/bin/python bench/admin_changelist.py --events 100000

The database must be empty of events (it is migrated first); nothing is
cleaned up afterwards, so never point it at real data.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
os.environ.setdefault("CHRONICLE_DEV", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from events.models import Citation, Event, EventPerson, EventType, Person, Source  # noqa: E402

WORDS = "переговоры письмо съезд арест заседание интервью конгресс доклад telegram lettre".split()


def fill(n: int, seed: int = 7) -> Source:
    rng = random.Random(seed)
    lines = [f"{i}. {' '.join(rng.choices(WORDS, k=8))} {1900 + i % 60} г." for i in range(2000)]
    text = "\n".join(lines) + "\n"
    source = Source.objects.create(file_name="bench.txt", title="Bench", text=text,
                                   sha256=hashlib.sha256(text.encode()).hexdigest())
    types = list(EventType.objects.all())
    people = Person.objects.bulk_create([Person(name=f"Person {i}", variants=[f"Person-{i}"]) for i in range(1000)])
    offsets = []
    pos = 0
    for line in lines:
        offsets.append((pos, pos + len(line)))
        pos += len(line) + 1
    batch = 5000
    bounds_cache: dict[str, Event] = {}
    for first in range(0, n, batch):
        events = []
        for i in range(first, min(n, first + batch)):
            year = 1900 + i % 60
            month = 1 + i % 12
            event = Event(title=f"{rng.choice(WORDS)} {i}", event_type=rng.choice(types),
                          date_edtf=f"{year}-{month:02d}", date_text=f"{month}.{year}",
                          confidence=round(rng.random(), 3), fingerprint=f"bench-{i}",
                          status=rng.choice(["extracted", "extracted", "reviewed", "rejected"]))
            _copy_bounds(event, bounds_cache)
            events.append(event)
        events = Event.objects.bulk_create(events)
        citations, links = [], []
        for event in events:
            line_no = rng.randrange(len(lines))
            start, end = offsets[line_no]
            citations.append(Citation(event=event, source=source, start=start, end=end, line=line_no + 1,
                                      quote=text[start:end], is_primary=True))
            links.append(EventPerson(event=event, person=rng.choice(people)))
        Citation.objects.bulk_create(citations)
        EventPerson.objects.bulk_create(links)
    return source


DERIVED = ("date_earliest", "date_latest", "date_sort", "date_precision", "date_approximate", "date_uncertain")


def _copy_bounds(event: Event, cache: dict[str, Event]) -> None:
    """Derived date columns, computed once per distinct EDTF value (bulk_create skips save())."""
    template = cache.get(event.date_edtf)
    if template is None:
        template = Event(date_edtf=event.date_edtf)
        template.refresh_date_bounds()
        cache[event.date_edtf] = template
    for name in DERIVED:
        setattr(event, name, getattr(template, name))


def timed(client: Client, url: str, repeat: int) -> tuple[float, int]:
    client.get(url)  # warm up
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(times), queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="time a database this script filled before")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    if args.reuse:
        source = Source.objects.get(file_name="bench.txt")
        user = User.objects.get(username="bench")
        args.events = Event.objects.count()
        print(f"reusing {args.events} events ({connection.vendor})")
    else:
        if Event.objects.exists():
            sys.exit("this database already has events; use a throwaway one (or --reuse)")
        started = time.perf_counter()
        source = fill(args.events)
        print(f"filled {args.events} events in {time.perf_counter() - started:.1f}s ({connection.vendor})")
        user = User.objects.create_superuser("bench", "", "bench")
    client = Client()
    client.force_login(user)
    some = Event.objects.order_by("pk")[args.events // 2]
    pages = {
        "event list": "/admin/events/event/",
        "event list, decade 1930s": "/admin/events/event/?decade=1930",
        "event list, source filter": f"/admin/events/event/?source={source.pk}",
        "event list, low confidence": "/admin/events/event/?confidence_band=low",
        "event list, search 'арест'": "/admin/events/event/?q=%D0%B0%D1%80%D0%B5%D1%81%D1%82",
        "event list, year 1935 (hierarchy)": "/admin/events/event/?date_sort__year=1935",
        "review queue": "/admin/events/reviewqueueevent/",
        "event page": f"/admin/events/event/{some.pk}/change/",
        "people list": "/admin/events/person/",
    }
    print(f"{'page':40} {'median ms':>10} {'queries':>8}")
    for name, url in pages.items():
        seconds, queries = timed(client, url, args.repeat)
        print(f"{name:40} {seconds * 1000:10.0f} {queries:8d}")


if __name__ == "__main__":
    main()
