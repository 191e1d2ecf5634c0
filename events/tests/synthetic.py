"""Many plausible events, fast: for the export benchmark and the page's
10,000-event test. Uses ``bulk_create`` with the derived date columns
computed here (``save()`` per row would take minutes for a million)."""

from __future__ import annotations

import hashlib
import random

from django.db import transaction

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
    made = 0
    while made < count:
        size = min(batch, count - made)
        events = []
        for i in range(size):
            edtf, text = _date(rng)
            b = dates.bounds(edtf)
            slug = TYPES[rng.randrange(len(TYPES))]
            events.append(Event(
                title=f"{types[slug].label_en} {made + i + 1}", event_type=types[slug],
                date_edtf=edtf, date_text=text, date_earliest=b.earliest, date_latest=b.latest,
                date_sort=b.sort, date_precision=b.precision, date_approximate=b.approximate,
                date_uncertain=b.uncertain, confidence=round(rng.uniform(0.5, 1.0), 2),
                description="Synthetic event for benchmarks." if rng.random() < 0.3 else "",
            ))
        with transaction.atomic():
            _insert(events, rng, source, line_starts, people)
        made += size
        if progress:
            progress(made)
    return source


def _insert(events, rng, source, line_starts, people) -> None:
    Event.objects.bulk_create(events, batch_size=1000)
    if events[0].pk is None:  # databases that do not return ids from bulk inserts
        ids = list(Event.objects.order_by("-id").values_list("id", flat=True)[:len(events)])[::-1]
        for event, pk in zip(events, ids):
            event.pk = event.id = pk
    citations, links = [], []
    for event in events:
        for n in range(1 if rng.random() < 0.6 else 2):
            line = rng.randrange(len(line_starts))
            start = line_starts[line]
            end = source.text.index("\n", start)
            citations.append(Citation(
                event=event, source=source, start=start, end=end, line=line + 1,
                quote=source.text[start:end], is_primary=n == 0, date_text=event.date_text,
            ))
        if rng.random() < 0.4:
            links.append(EventPerson(event=event, person=people[rng.randrange(3)]))
    Citation.objects.bulk_create(citations, batch_size=2000)
    EventPerson.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)
