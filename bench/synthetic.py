"""Synthetic events for the benchmarks, loaded into PostgreSQL by COPY.

``load_data(database, events, seed)`` fills an empty, migrated Chronicle
database with ``events`` events and their citations (quoting whole sentences
of synthetic source texts, with true offsets and line numbers), archival
documents, people and places. The same seed gives the same rows. COPY (with
the secondary indexes dropped during the load and rebuilt after) is what
makes a million events take minutes rather than the hour that ``save()`` or
even ``bulk_create`` would need; the derived date columns are computed with
``events.dates.bounds`` exactly as ``Event.save()`` would.

Used by ``bench/api`` and ``bench/exports``; ``clear(database)`` empties the
tables it fills so a database can be reloaded with another size.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sys
import time
from bisect import bisect_right
from collections.abc import Callable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORDS_RU = (
    "договор пакт переговоры конвенция письмо заседание политбюро оппозиция съезд пленум "
    "резолюция телеграмма посол министр армия штаб делегация визит Москва Париж Берлин "
    "Лондон Троцкий Сталин Литвинов Лаваль Потемкин Раковский союз взаимопомощь безопасность"
).split()
WORDS_FR = "traité pacte négociation lettre séance ambassadeur ministre armée accord alliance".split()
SYLLABLES = "ба ве го да ке ли мо ны ра си то ву фа хе ца че ша ю ля ми ро ст пр кр нт ск".split()

# The event types most events get (8 times the weight of the others).
TYPES = ["letter", "treaty", "negotiation", "meeting", "politburo_session", "report", "telegram",
         "arrest", "speech", "visit", "resolution", "other"]

# Every table load_data fills, parents first.
TABLES = ("events_source", "events_archivaldocument", "events_person", "events_place",
          "events_event", "events_citation", "events_eventperson", "events_eventplace")
BIG_TABLES = ("events_event", "events_citation", "events_eventperson", "events_eventplace")
DOCUMENTS_PER_SOURCE = 40
BATCH = 20000


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def vocabulary(rng: random.Random, size: int = 6000) -> tuple[list[str], list[float]]:
    """Invented words plus the real ones, with Zipf-like frequencies (as in real text).

    Returns the words and their cumulative weights (for ``random.choices``).
    """
    invented = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)}
    words = WORDS_RU + WORDS_FR + sorted(invented)
    rng.shuffle(words)
    weights = [1 / (rank + 10) for rank in range(len(words))]
    return words, list(itertools.accumulate(weights))


def make_source_text(rng: random.Random, sentences: int, vocab) -> tuple[str, list[tuple[int, int]]]:
    """A source text of dated sentences; returns the text and the sentences' spans."""
    parts, spans, offset = [], [], 0
    for index in range(sentences):
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1900, 1960)
        words = " ".join(rng.choices(vocab[0], cum_weights=vocab[1], k=rng.randint(6, 14)))
        sentence = f"{day}.{month:02d}.{year} г. {words.capitalize()}."
        spans.append((offset, offset + len(sentence)))
        separator = "\n" if index % 3 == 2 else " "
        parts.append(sentence + separator)
        offset += len(sentence) + len(separator)
    return "".join(parts), spans


def random_edtf(rng: random.Random) -> str:
    """A valid EDTF value with the mix of precisions real extraction gives."""
    year = rng.randint(1900, 1960)
    roll = rng.random()
    if roll < 0.6:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if roll < 0.8:
        return f"{year}-{rng.randint(1, 12):02d}"
    if roll < 0.87:
        return f"{year}-{rng.choice([21, 22, 23, 24]):02d}"
    if roll < 0.95:
        return f"{year}" + rng.choice(["", "~", "?"])
    return f"{year}/{year + rng.randint(1, 3)}"


class Copier:
    """COPY rows into a table, filling NOT NULL columns the generator does not set.

    Reading the required columns from the catalogue keeps the loader working
    when a migration adds a column with a default the database does not know
    (Django keeps defaults in Python).
    """

    FILLERS = {"boolean": "f", "integer": "0", "bigint": "0", "smallint": "0", "double precision": "0",
               "jsonb": "[]", "json": "[]", "date": "1970-01-01"}

    def __init__(self, conn):
        self.conn = conn

    def required_columns(self, table):
        rows = self.conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s "
            "AND is_nullable = 'NO' AND column_default IS NULL AND column_name <> 'id'", [table],
        ).fetchall()
        return dict(rows)

    def copy(self, table, columns, rows):
        now = dt.datetime.now(dt.timezone.utc).isoformat()
        extra = {c: t for c, t in self.required_columns(table).items() if c not in columns}
        fill = []
        for column, kind in extra.items():
            if "timestamp" in kind:
                fill.append(now)
            elif kind in ("jsonb", "json"):
                fill.append("{}" if column == "metadata" else "[]")
            else:
                fill.append(self.FILLERS.get(kind, ""))
        all_columns = list(columns) + list(extra)
        with self.conn.cursor() as cur:
            columns_sql = ", ".join(f'"{c}"' for c in all_columns)
            with cur.copy(f"COPY {table} ({columns_sql}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(list(row) + fill)


def connect(database: str | Mapping, **kwargs):
    """A psycopg connection from a URL/conninfo string or connection keywords
    (e.g. ``django.db.connection.get_connection_params()``)."""
    import psycopg

    if isinstance(database, Mapping):
        return psycopg.connect(**{**database, **kwargs})
    return psycopg.connect(database, **kwargs)


def count_events(database: str | Mapping) -> int:
    with connect(database) as conn:
        return conn.execute("SELECT count(*) FROM events_event").fetchone()[0]


def clear(database: str | Mapping) -> None:
    """Empty every table ``load_data`` fills (and what references them), restarting ids."""
    with connect(database) as conn:
        conn.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")


def load_data(database: str | Mapping, events: int, seed: int, *,
              log: Callable[[str], None] = _log) -> dict:
    """Load ``events`` synthetic events (and what they cite) into an empty database.

    Returns counts: events, citations, person_links, place_links, sources, people, places.
    """
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from events import dates

    rng = random.Random(seed)
    sources_n = max(5, min(200, events // 5000))
    people_n = max(50, events // 50)
    places_n = max(20, events // 200)
    stats = {"events": events}
    with connect(database, autocommit=False) as conn:
        copier = Copier(conn)
        type_ids = dict(conn.execute("SELECT slug, id FROM events_eventtype ORDER BY slug").fetchall())
        # Sources: texts made of sentences; citations quote whole sentences.
        vocab = vocabulary(rng)
        texts = []
        for index in range(sources_n):
            text, spans = make_source_text(rng, 400, vocab)
            newlines = [i for i, ch in enumerate(text) if ch == "\n"]
            texts.append((text, spans, newlines))
        copier.copy(
            "events_source", ["id", "title", "file_name", "sha256", "text", "kind", "authors", "languages", "metadata"],
            ((i + 1, f"Synthetic source {i + 1}", f"synthetic_{i + 1:04d}.txt", f"{i:064x}", t[0], "other",
              "[]", '["ru", "fr"]', "{}") for i, t in enumerate(texts)),
        )
        documents = []
        for s in range(sources_n):
            for d in range(DOCUMENTS_PER_SOURCE):
                start = d * 100
                documents.append((len(documents) + 1, s + 1, str(d + 1), "ru", start, start + 100,
                                  f"РГАСПИ. Ф. 17. Оп. {s}. Д. {d}. Л. 1–2."))
        copier.copy("events_archivaldocument",
                    ["id", "source_id", "number", "language", "start", "end", "reference_text"], documents)
        copier.copy("events_person", ["id", "name", "variants"],
                    ((i + 1, f"{rng.choice(WORDS_RU).capitalize()} Person {i + 1}", "[]") for i in range(people_n)))
        copier.copy("events_place", ["id", "name", "variants"],
                    ((i + 1, f"Place {i + 1}", "[]") for i in range(places_n)))
        conn.commit()
        log(f"  {sources_n} sources, {len(documents)} documents, {people_n} people, {places_n} places")

        # Secondary indexes (full-text GIN above all) are built once after the
        # load, which is much faster than maintaining them row by row.
        secondary = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)", [list(BIG_TABLES)],
        ).fetchall()
        for name, _ in secondary:
            conn.execute(f'DROP INDEX "{name}"')
        conn.commit()

        bounds_cache: dict[str, object] = {}
        event_rows, citation_rows, person_rows, place_rows = [], [], [], []
        citation_id = person_link_id = place_link_id = 0
        type_slugs = list(type_ids)
        weights = [8 if slug in TYPES else 1 for slug in type_slugs]
        # A few "famous" people appear in many events (a realistic skew).
        famous = list(range(1, 11))

        def flush():
            copier.copy("events_event", [
                "id", "title", "description", "event_type_id", "kind", "document_id", "status", "confidence",
                "date_text", "date_edtf", "date_calendar", "date_original_edtf", "date_earliest", "date_latest",
                "date_sort", "date_precision", "date_approximate", "date_uncertain", "curated_fields",
                "date_conflict", "extractor_version",
            ], event_rows)
            copier.copy("events_citation", [
                "id", "event_id", "source_id", "document_id", "start", "end", "line", "quote", "language",
                "is_primary", "date_text", "date_edtf",
            ], citation_rows)
            copier.copy("events_eventperson", ["id", "event_id", "person_id", "role"], person_rows)
            copier.copy("events_eventplace", ["id", "event_id", "place_id", "role"], place_rows)
            conn.commit()
            event_rows.clear(), citation_rows.clear(), person_rows.clear(), place_rows.clear()

        for event_id in range(1, events + 1):
            edtf = random_edtf(rng)
            b = bounds_cache.get(edtf)
            if b is None:
                b = bounds_cache[edtf] = dates.bounds(edtf)
            title_words = " ".join(rng.choices(vocab[0], cum_weights=vocab[1], k=rng.randint(3, 7)))
            status = "rejected" if rng.random() < 0.03 else ("reviewed" if rng.random() < 0.2 else "extracted")
            source_index = rng.randrange(sources_n)
            document_id = source_index * DOCUMENTS_PER_SOURCE + rng.randrange(DOCUMENTS_PER_SOURCE) + 1
            event_rows.append((
                event_id, title_words.capitalize(), " ".join(rng.choices(vocab[0], cum_weights=vocab[1], k=12)),
                type_ids[rng.choices(type_slugs, weights)[0]], "mentioned", None, status,
                round(rng.uniform(0.3, 1.0), 3), edtf, edtf, "gregorian", "", b.earliest, b.latest, b.sort,
                b.precision, b.approximate, b.uncertain, "[]", False, "bench",
            ))
            for number in range(1 if rng.random() < 0.6 else 2):
                cited = source_index if number == 0 else rng.randrange(sources_n)
                text, spans, newlines = texts[cited]
                start, end = spans[rng.randrange(len(spans))]
                citation_id += 1
                citation_rows.append((
                    citation_id, event_id, cited + 1,
                    document_id if number == 0 else None, start, end, bisect_right(newlines, start - 1) + 1,
                    text[start:end], "ru", number == 0, "", "",
                ))
            for person in {rng.choice(famous) if rng.random() < 0.1 else rng.randint(1, people_n)
                           for _ in range(rng.randint(0, 2))}:
                person_link_id += 1
                person_rows.append((person_link_id, event_id, person, rng.choice(["author", "recipient", "mentioned"])))
            if rng.random() < 0.5:
                place_link_id += 1
                place_rows.append((place_link_id, event_id, rng.randint(1, places_n), "location"))
            if len(event_rows) >= BATCH:
                flush()
                if event_id % 100000 == 0:
                    log(f"  {event_id} events")
        flush()
        log(f"  rebuilding {len(secondary)} indexes")
        conn.execute("SET maintenance_work_mem = '512MB'")
        for _, definition in secondary:
            conn.execute(definition)
        conn.commit()
        for table in TABLES:
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
        stats.update(citations=citation_id, person_links=person_link_id, place_links=place_link_id,
                     sources=sources_n, people=people_n, places=places_n)
    return stats
