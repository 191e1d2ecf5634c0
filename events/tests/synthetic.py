"""Many plausible events, fast: for the page's 10,000-event test. Rows go in
by ``executemany`` with the derived date columns computed here (``save()``
per row would take minutes; even ``bulk_create`` spends most of its time
building and preparing model instances). The benchmarks load PostgreSQL by
COPY instead (``bench/synthetic.py``)."""

from __future__ import annotations

import functools
import hashlib
import random

from django.core.management.color import no_style
from django.db import connection, transaction

from events import dates
from events.models import Citation, Event, EventPerson, EventType, Person, Source

LINES = [
    "Письмо Л. Д. Троцкого в Политбюро ЦК ВКП(б) о положении в партии.",
    "Выписка из протокола заседания Политбюро ЦК ВКП(б) № {n}.",
    "Lettre de Christian Rakovsky au Comité central, datée du {d}.",
    "Докладная записка ОГПУ И. В. Сталину о настроениях оппозиции.",
    "Телеграмма полпреда СССР во Франции В. С. Довгалевского в НКИД.",
    "The Soviet–French talks on a military convention were broken off.",
]
TYPES = ["letter", "politburo_session", "note", "telegram", "negotiation", "arrest", "exile", "meeting"]


def _date(rng: random.Random) -> tuple[str, str]:
    year = rng.randint(1917, 1940)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    kind = rng.random()
    if kind < 0.55:
        return f"{year}-{month:02d}-{day:02d}", f"{day}.{month:02d}.{year} г."
    if kind < 0.75:
        return f"{year}-{month:02d}", f"в {month}-м месяце {year} г."
    if kind < 0.83:
        return f"{year}", f"{year} г."
    if kind < 0.88:
        return f"{year}~", f"около {year} г."
    if kind < 0.93:
        return f"{year}-{rng.randint(21, 24)}", f"в сезон {year} г."
    if kind < 0.97:
        last = year + rng.randint(1, 3)
        return f"{year}/{last}", f"{year}–{last} гг."
    return f"{year}-{month:02d}?", f"{month}.{year}? г."


def make_source(lines: int = 2000, file_name: str = "synthetic.txt") -> Source:
    text = "\n".join(LINES[i % len(LINES)].format(n=i, d=f"{i % 28 + 1} mars 1932") for i in range(lines)) + "\n"
    return Source.objects.create(
        file_name=file_name, title="Synthetic collection", text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(), languages=["ru", "fr"],
    )


def create_events(count: int, *, seed: int = 7, batch: int = 5000, source: Source | None = None,
                  progress=None) -> Source:
    """Create ``count`` events with one or two citations each; return their source."""
    from .export_data import ensure_event_types

    ensure_event_types()
    rng = random.Random(seed)
    source = source or make_source()
    line_starts = [0]
    for i, ch in enumerate(source.text):
        if ch == "\n":
            line_starts.append(i + 1)
    line_starts.pop()  # the text ends with a newline
    types = {t.slug: t for t in EventType.objects.filter(slug__in=TYPES)}
    people = [Person.objects.get_or_create(name=n)[0] for n in ("Лев Троцкий", "Христиан Раковский", "И. В. Сталин")]
    bounds = functools.lru_cache(maxsize=None)(dates.bounds)  # a few thousand distinct dates
    next_id = (Event.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    made = 0
    while made < count:
        size = min(batch, count - made)
        events = []
        for i in range(size):
            edtf, text = _date(rng)
            b = bounds(edtf)
            slug = TYPES[rng.randrange(len(TYPES))]
            events.append({
                "id": next_id + made + i,
                "title": f"{types[slug].label_en} {made + i + 1}", "event_type_id": types[slug].pk,
                "date_edtf": edtf, "date_text": text, "date_earliest": b.earliest, "date_latest": b.latest,
                "date_sort": b.sort, "date_precision": b.precision, "date_approximate": b.approximate,
                "date_uncertain": b.uncertain, "confidence": round(rng.uniform(0.5, 1.0), 2),
                "description": "Synthetic event for benchmarks." if rng.random() < 0.3 else "",
            })
        with transaction.atomic():
            _insert(events, rng, source, line_starts, people)
        made += size
        if progress:
            progress(made)
    with connection.cursor() as cursor:  # the ids above were chosen here, not by the database
        for statement in connection.ops.sequence_reset_sql(no_style(), [Event]):
            cursor.execute(statement)
    return source


def _insert_rows(model, rows: list[dict]) -> None:
    """``bulk_create`` without building a model per row: the columns ``rows``
    set, plus every other column at its model default, by ``executemany``.

    Building 10,000 model instances and preparing each of their values cost
    most of the page test's set-up time.
    """
    if not rows:
        return
    template = model()
    given = list(rows[0])
    fields = {f.attname: f for f in model._meta.concrete_fields}
    rest = [f for name, f in fields.items() if name not in given and not f.primary_key]
    constants = [f.get_db_prep_save(f.pre_save(template, add=True), connection) for f in rest]
    # Only dates need preparing among the values the generator sets.
    prepare = [
        connection.ops.adapt_datefield_value if fields[name].get_internal_type() == "DateField" else None
        for name in given
    ]
    columns = ", ".join(connection.ops.quote_name(fields[name].column) for name in given)
    columns += "".join(", " + connection.ops.quote_name(f.column) for f in rest)
    placeholders = ", ".join(["%s"] * (len(given) + len(rest)))
    values = [
        [v if p is None else p(v) for p, v in zip(prepare, row.values())] + constants
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})",
            values,
        )


def _insert(events, rng, source, line_starts, people) -> None:
    _insert_rows(Event, events)
    citations, links = [], []
    for event in events:
        for n in range(1 if rng.random() < 0.6 else 2):
            line = rng.randrange(len(line_starts))
            start = line_starts[line]
            end = source.text.index("\n", start)
            citations.append({
                "event_id": event["id"], "source_id": source.pk, "start": start, "end": end, "line": line + 1,
                "quote": source.text[start:end], "is_primary": n == 0, "date_text": event["date_text"],
            })
        if rng.random() < 0.4:
            links.append({"event_id": event["id"], "person_id": people[rng.randrange(3)].pk})
    _insert_rows(Citation, citations)
    _insert_rows(EventPerson, links)
