"""A small, varied timeline for export and page tests.

Covers what makes historians' dates hard for ordinary tools: an exact day,
a month, an approximate season, an uncertain year, an interval, an open
interval, an Old Style date, an undated event; several citations per event,
a numbered archival document, people and places.
"""

from __future__ import annotations

import hashlib
import importlib

from events.models import (
    ArchivalDocument, Citation, Event, EventPerson, EventPlace, EventType, Person, Place, Source,
)

TEXT = (
    "№ 12\n"
    "Письмо Л. Д. Троцкого в Политбюро ЦК ВКП(б) от 8 октября 1923 г.\n"
    "Троцкий пишет о положении в партии.\n"
    "РГАСПИ. Ф. 17. Оп. 171. Д. 31. Л. 29–34. Копия. Машинопись\n"
    "В январе 1928 г. Троцкий был выслан в Алма-Ату.\n"
    "Летом 1937 г. переговоры были прерваны.\n"
    "Около 1932 г. Раковский писал «=SUM(A1)» о кризисе.\n"
    "С 1935 по 1937 г. шли переговоры о военной конвенции.\n"
    "Не ранее ноября 1932 г. миссия Симонова прибыла в Париж.\n"
    "14 января 1898 г. (ст. ст.) Троцкий был арестован в Николаеве.\n"
    "Когда-то состоялась встреча в Москве.\n"
)


def ensure_event_types() -> None:
    """Re-seed the vocabulary if a transactional test's flush removed it.

    Browser tests run on ``transaction=True`` databases, which are emptied
    after each test; the data migration's rows do not always come back.
    """
    if EventType.objects.exists():
        return
    seed = importlib.import_module("events.migrations.0002_seed_event_types")
    for position, (slug, en, ru, fr) in enumerate(seed.EVENT_TYPES):
        EventType.objects.update_or_create(
            slug=slug, defaults={"label_en": en, "label_ru": ru, "label_fr": fr, "position": position}
        )


def _cite(event, source, quote, *, primary=False, document=None, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = source.text.index(quote, start + 1)
    citation = Citation(
        event=event, source=source, document=document, start=start, end=start + len(quote),
        is_primary=primary, date_text=event.date_text,
    )
    citation.fill_from_source()
    citation.full_clean()
    citation.save()
    return citation


def build_timeline(file_name: str = "export-sample.txt") -> dict[str, Event]:
    """Create the sample source and its events; return the events by short name."""
    ensure_event_types()
    source = Source.objects.create(
        file_name=file_name, title="Политбюро и троцкистская оппозиция", text=TEXT,
        sha256=hashlib.sha256(TEXT.encode()).hexdigest(), languages=["ru"],
    )
    second = Source.objects.create(
        file_name="second-" + file_name, title="Soviet–French talks", text=TEXT,
        sha256=hashlib.sha256(("2" + TEXT).encode()).hexdigest(), languages=["ru"],
    )
    heading_start = TEXT.index("Письмо Л. Д.")
    document = ArchivalDocument.objects.create(
        source=source, number="12", heading=TEXT.splitlines()[1], genre="letter",
        archive="РГАСПИ", fond="17", opis="171", delo="31", folios="29–34",
        reference_text="РГАСПИ. Ф. 17. Оп. 171. Д. 31. Л. 29–34",
        start=0, end=heading_start + 200, date_edtf="1923-10-08", date_text="8 октября 1923 г.",
    )
    types = {t.slug: t for t in EventType.objects.all()}
    trotsky = Person.objects.create(name="Лев Троцкий", variants=["Троцкого", "Л. Д. Троцкий"])
    rakovsky = Person.objects.create(name="Христиан Раковский")
    alma_ata = Place.objects.create(name="Алма-Ата")
    paris = Place.objects.create(name="Париж")

    def event(key, title, type_slug, date_edtf, date_text, **extra):
        return Event.objects.create(
            title=title, event_type=types[type_slug], date_edtf=date_edtf, date_text=date_text,
            fingerprint=f"{file_name}:{key}", **extra,
        )

    events = {
        "letter": event("letter", "Письмо Троцкого в Политбюро", "letter", "1923-10-08",
                        "от 8 октября 1923 г.", kind=Event.Kind.DOCUMENT, document=document,
                        description="Троцкий пишет о положении в партии."),
        "exile": event("exile", "Высылка Троцкого в Алма-Ату", "exile", "1928-01", "В январе 1928 г."),
        "talks_broken": event("talks", "Переговоры прерваны", "negotiation", "1937-22", "Летом 1937 г."),
        "rakovsky": event("rakovsky", "Раковский пишет о кризисе", "letter", "1932~", "Около 1932 г."),
        "convention": event("convention", "Переговоры о военной конвенции", "negotiation", "1935/1937",
                            "С 1935 по 1937 г."),
        "mission": event("mission", "Миссия Симонова в Париже", "visit", "1932-11/..",
                         "Не ранее ноября 1932 г."),
        "arrest": event("arrest", "Арест Троцкого в Николаеве", "arrest", "1898-01-26",
                        "14 января 1898 г. (ст. ст.)", date_calendar="julian",
                        date_original_edtf="1898-01-14"),
        "undated": event("undated", "Встреча в Москве", "meeting", "", "Когда-то"),
    }
    _cite(events["letter"], source, TEXT.splitlines()[1], primary=True, document=document)
    _cite(events["letter"], source, "Троцкий пишет о положении в партии.", document=document)
    _cite(events["exile"], source, "В январе 1928 г. Троцкий был выслан в Алма-Ату.", primary=True)
    _cite(events["exile"], second, "В январе 1928 г. Троцкий был выслан в Алма-Ату.")
    _cite(events["talks_broken"], source, "Летом 1937 г. переговоры были прерваны.", primary=True)
    _cite(events["rakovsky"], source, "Около 1932 г. Раковский писал «=SUM(A1)» о кризисе.", primary=True)
    _cite(events["convention"], source, "С 1935 по 1937 г. шли переговоры о военной конвенции.", primary=True)
    _cite(events["mission"], source, "Не ранее ноября 1932 г. миссия Симонова прибыла в Париж.", primary=True)
    _cite(events["arrest"], source, "14 января 1898 г. (ст. ст.) Троцкий был арестован в Николаеве.",
          primary=True)
    _cite(events["undated"], source, "Когда-то состоялась встреча в Москве.", primary=True)
    EventPerson.objects.create(event=events["letter"], person=trotsky, role=EventPerson.Role.AUTHOR)
    EventPerson.objects.create(event=events["exile"], person=trotsky, role=EventPerson.Role.SUBJECT)
    EventPerson.objects.create(event=events["arrest"], person=trotsky, role=EventPerson.Role.SUBJECT)
    EventPerson.objects.create(event=events["rakovsky"], person=rakovsky, role=EventPerson.Role.AUTHOR)
    EventPlace.objects.create(event=events["exile"], place=alma_ata, role=EventPlace.Role.DESTINATION)
    EventPlace.objects.create(event=events["mission"], place=paris, role=EventPlace.Role.LOCATION)
    for e in events.values():
        e.refresh_from_db()
    return events
