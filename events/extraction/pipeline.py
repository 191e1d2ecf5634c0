"""The whole extraction: raw file text in, cited events out.

normalize -> segment -> build events (finding dates) -> link people/places
-> merge. Each stage lives in its own module; this one only composes them,
reads files strictly as UTF-8 and stamps the extractor version that ingest
stores with every event.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .build import build_events
from .entities import link_entities, people_from_lists
from .merge import merge_events
from .types import ExtractedEvent, SourceLayout

# Bump when a change of rules or resources changes what is extracted.
EXTRACTOR_VERSION = "chronicle-extract 0.1"


class SourceReadError(ValueError):
    """A source file that cannot be used: missing, unreadable, not UTF-8 or empty."""


@dataclass
class Extraction:
    """Everything the pipeline learnt about one source (ingest needs more
    than the events: the layout's documents and metadata, the people lists)."""

    file_name: str
    raw: str
    layout: SourceLayout
    events: list[ExtractedEvent]
    people: list[dict] = field(default_factory=list)


def read_source(path) -> str:
    """The text of a source file, decoded strictly as UTF-8, newlines untouched."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceReadError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceReadError(f"{path}: not valid UTF-8 (byte {exc.start})") from exc
    if not text.strip():
        raise SourceReadError(f"{path}: file is empty")
    return text


def alignments_of(layout: SourceLayout) -> dict[tuple, tuple]:
    """``(source, number, language)`` of each translation -> its original."""
    by_number: dict[str, list] = {}
    for doc in layout.documents:
        by_number.setdefault(doc.number, []).append(doc)
    out = {}
    for doc in layout.documents:
        if not doc.aligned_with:
            continue
        originals = [d for d in by_number.get(doc.aligned_with, []) if d is not doc]
        original = next((d for d in originals if d.language != doc.language), originals[0] if originals else None)
        if original is not None:
            out[(layout.file_name, doc.number, doc.language)] = (layout.file_name, original.number, original.language)
    return out


@contextmanager
def collector_paused():
    """Hold Python's cyclic garbage collector off while one text is analysed.

    The stages allocate hundreds of thousands of short-lived objects (spans,
    matches, tuples, dataclasses); each few hundred allocations trigger a
    collection that walks every tracked object of the process again, the
    resident dictionaries, rule tables and Django included: a fifth of the
    pipeline's CPU on the corpus. Nearly all of that garbage has no cycle and
    reference counting frees it at once (a whole corpus pass leaves a few
    thousand cyclic objects, which the collector finds once it is back on),
    so memory stays where it was.
    The previous state is restored, also when a stage raises.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def analyse_text(raw: str, file_name: str) -> Extraction:
    """Run every stage on one source text."""
    from .dates import find_dates
    from .normalize import normalize
    from .segment import segment

    with collector_paused():
        normalized = normalize(raw)
        layout = segment(raw, file_name, normalized)
        events = build_events(raw, layout, normalized, find_dates)
        people = people_from_lists(raw, layout)
        link_entities(events, normalized.text, layout, seed_people=people)
        merge_events(events, alignments_of(layout))
    return Extraction(file_name=file_name, raw=raw, layout=layout, events=events, people=people)


def extract_text(raw: str, file_name: str) -> list[ExtractedEvent]:
    """Events (one record per citation, in file order) of a source text."""
    return analyse_text(raw, file_name).events


def extract_file(path) -> list[ExtractedEvent]:
    """Events of a source file; raises ``SourceReadError`` for unusable files."""
    path = Path(path)
    return extract_text(read_source(path), path.name)


WARM_UP_TEXT = (
    "№ 1\nПисьмо Сталина Молотову от 6 сентября 1923 г.\n\n"
    "Троцкий был арестован 5 мая 1924 г. в Москве.\n\n"
    "Le 15 février 1932 il fut arrêté à Paris. On 3 May 1930 he was arrested in London.\n"
)


def warm_up() -> None:
    """Do the once-per-process loading up front: the date engines of every
    language (with all their lazily compiled rules), the trigger tables, the
    morphological dictionaries, then one small extraction.

    Long-running callers (the benchmark, a worker) call this once so that
    timing a source measures extraction, not dictionary loading and regex
    compilation (~3 s of CPU, paid once per process either way).
    """
    from . import dates, entities, normalize, resources, segment, triggers

    for mojibake_mode in (False, True):
        normalize._word_repair_tables(mojibake_mode)  # the script-repair tables of both modes
    for lang in resources.LANGUAGES:
        engine = dates._engine(lang)
        for rule in engine.rules:
            rule.pattern  # noqa: B018 - compile now rather than on first match
        triggers.prepare(lang)
        entities._gazetteer(lang)  # lemmatises the gazetteer's forms
        entities._foreign(lang)
        segment._genre_regex(lang)
    segment._genre_regex(None)
    segment._reference_patterns()
    dates.date_anchor_positions("")
    extract_text(WARM_UP_TEXT, "warm-up.txt")


def merge_across(extractions: list[Extraction]) -> None:
    """Re-run the merge over several sources so one event cited in two
    sources (the 1935 pact in 002 and 003) shares one key."""
    events = [ev for ex in extractions for ev in ex.events]
    alignments = {}
    for ex in extractions:
        alignments.update(alignments_of(ex.layout))
    merge_events(events, alignments)
