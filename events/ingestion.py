"""Store extraction results: sources, documents, events, citations, people, places.

``ingest_paths`` is what ``manage.py ingest`` runs. Its promises:

* **idempotent** - a second run over unchanged files changes nothing;
* **curators win** - a field named in ``Event.curated_fields`` is never
  overwritten, a rejected event is never revived, and an event whose
  fingerprint was merged away by a curator (``merged_into`` set) is never
  re-created;
* **tidy** - uncurated extracted events the extractor no longer produces are
  removed, and so are citations no longer produced;
* **all or nothing per source** - every file is read and checked before
  anything is written, and each source is stored in one transaction.

An event's fingerprint is the pipeline's ``event_key``, so re-extraction
finds the same row again. An event cited in two sources (the 1935 pact in
002 and 003) is one row whose citations come from both. Its key depends on
which files were analysed together (a group takes its smallest member key),
so an event is also found again through its stored citations (same file,
quote and date, wherever the quote moved): ingesting one of the two files alone neither splits the
event nor rewrites it from half of its evidence - it only refreshes the
citations of that file and adds links.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from .extraction.entities import canonical_person, person_key
from .extraction.pipeline import EXTRACTOR_VERSION, Extraction, analyse_text, merge_across, read_source
from .extraction.types import ExtractedEvent
from .ingest_guard import check_source_size, check_source_text
from .models import (
    ArchivalDocument, Citation, Event, EventPerson, EventPlace, EventType, Person, Place, Source,
)

SOURCE_KINDS = {k for k, _ in Source.Kind.choices}
_FOREIGN_KEYS = frozenset({"event_type", "document", "aligned_with"})


@dataclass
class SourceSummary:
    """What one source's ingest did (one row of the command's table)."""

    file_name: str
    documents: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_curated: int = 0
    removed: int = 0
    citations: int = 0
    people: int = 0
    places: int = 0
    notes: list[str] = field(default_factory=list)


def load_extractions(paths) -> list[Extraction]:
    """Read and analyse every file first, so a bad file stops everything
    before a single row is written (raises ``SourceReadError``)."""
    for p in paths:
        check_source_size(p)
    texts = [(Path(p), read_source(p)) for p in paths]
    for path, raw in texts:
        check_source_text(path, raw)
    extractions = [analyse_text(raw, path.name) for path, raw in texts]
    merge_across(extractions)
    return extractions


def _set(obj, values: dict) -> bool:
    """Assign changed attributes; True if any changed."""
    changed = False
    for name, value in values.items():
        if name in _FOREIGN_KEYS:  # compare ids: an unsaved row has no related object
            current = getattr(obj, f"{name}_id")
            if current != (value.pk if value is not None else None):
                setattr(obj, name, value)
                changed = True
        elif getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _primary(citations: list[ExtractedEvent]) -> ExtractedEvent:
    """The citation that speaks for the event: a document's own heading
    first, then the most confident, then the first in file order."""
    return min(citations, key=lambda e: (e.kind != "document", -e.confidence, e.source, e.start))


class Ingestor:
    """Stores a batch of extractions; one ``ingest_source`` call per source."""

    def __init__(self, extractions: list[Extraction]):
        self.extractions = extractions
        self.by_key: dict[str, list[ExtractedEvent]] = defaultdict(list)
        for ex in extractions:
            for ev in ex.events:
                self.by_key[ev.event_key].append(ev)
        self.types = {t.slug: t for t in EventType.objects.all()}
        self.people_cache: dict[str, Person] = {}
        self.places_cache: dict[str, Place] = {}
        self.variant_index: dict[type, dict[str, int]] = {}
        self.batch_sources = {ex.file_name for ex in extractions}
        self.aliases = self._citation_aliases()

    # -- reference data ----------------------------------------------------
    def person(self, name: str, variants=(), **extra) -> Person:
        person = self.people_cache.get(name)
        if person is None:
            person = self._known(Person, name)
            if person is None:
                person = Person.objects.create(name=name, variants=[])
            self.people_cache[name] = person
        new_variants = [v for v in variants if v and v != name and v not in person.variants]
        updates = {k: v for k, v in extra.items() if v and not getattr(person, k, None)}
        if new_variants or updates:
            person.variants = person.variants + new_variants
            _set(person, updates)
            person.save()
        return person

    def place(self, name: str) -> Place:
        place = self.places_cache.get(name)
        if place is None:
            place = self._known(Place, name) or Place.objects.create(name=name)
            self.places_cache[name] = place
        return place

    def _known(self, model, name: str):
        """The person/place called ``name``, or known under it as a variant: a
        curator who merged duplicates keeps the merged names as variants, and
        re-extraction must not bring the duplicates back."""
        found = model.objects.filter(name=name).order_by("id").first()
        if found is not None:
            return found
        index = self.variant_index.get(model)
        if index is None:
            index = {}
            for pk, variants in model.objects.order_by("id").values_list("id", "variants"):
                for variant in variants or []:
                    index.setdefault(variant, pk)
            self.variant_index[model] = index
        pk = index.get(name)
        return model.objects.filter(pk=pk).first() if pk is not None else None

    def _citation_aliases(self) -> dict[tuple, int | None]:
        """(file, quote, date) of every stored citation of the batch's files ->
        its current event's id, or None when two events share it. The quote,
        not the offsets: an edit elsewhere in the file moves the passage.

        Taken before anything is written, so it describes what earlier
        ingests stored, whatever groups this batch forms.
        """
        aliases: dict[tuple, int | None] = {}
        rows = Citation.objects.filter(
            source__file_name__in=self.batch_sources, event__merged_into__isnull=True
        ).values_list("source__file_name", "quote", "date_edtf", "event_id")
        for file_name, quote, date, event_id in rows:
            alias = (file_name, quote, date)
            aliases[alias] = event_id if aliases.get(alias, event_id) == event_id else None
        return aliases

    def _event_by_citations(self, key: str) -> Event | None:
        """The stored event that already holds this batch's citations of
        ``key`` under another fingerprint (see the module docstring).

        Only an unambiguous answer counts: one event, not claimed by another
        key of this batch.
        """
        found = {self.aliases.get((c.source, c.quote, c.date)) for c in self.by_key[key]}
        found.discard(None)
        if len(found) != 1:
            return None
        event = Event.objects.filter(pk=found.pop(), merged_into__isnull=True).first()
        if event is None or (event.fingerprint != key and event.fingerprint in self.by_key):
            return None
        return event

    def _cited_outside_batch(self, event: Event) -> bool:
        """Whether some of the event's evidence lies in files this batch did not read."""
        return event.citations.exclude(source__file_name__in=self.batch_sources).exists()

    # -- one source --------------------------------------------------------
    def ingest_source(self, ex: Extraction) -> SourceSummary:
        with transaction.atomic():
            return self._ingest(ex)

    def _ingest(self, ex: Extraction) -> SourceSummary:
        summary = SourceSummary(ex.file_name)
        source = self._source(ex)
        docs = self._documents(ex, source)
        summary.documents = len(docs)
        for person in ex.people:
            self.person(person["name"], person.get("variants", ()),
                        birth_year=person.get("birth_year"), description=person.get("description", ""))

        produced = {}
        for ev in ex.events:
            produced.setdefault(ev.event_key, []).append(ev)
        existing = {e.fingerprint: e for e in Event.objects.filter(fingerprint__in=list(produced))}
        adopted = self._adopted_citations(produced, existing)
        people_seen, places_seen = set(), set()
        handled: set[int] = set()

        for key, mine in produced.items():
            event = existing.get(key) or self._event_by_citations(key)
            if event is not None and event.merged_into_id is not None:
                summary.notes.append(f"{key}: merged away by a curator, not re-created")
                continue
            if event is not None and event.status == Event.Status.REJECTED:
                summary.kept_curated += 1
                continue
            allc = self.by_key[key]
            primary = _primary(allc)
            created = event is None
            partial = not created and self._cited_outside_batch(event)
            if created:
                event = Event(fingerprint=key)
            # Seen through part of its evidence, an event keeps its fields
            # and links; its citations of this file are still refreshed.
            changed = False if partial else self._event_fields(event, primary, allc, docs)
            if created or changed:
                event.save()
            handled.add(event.pk)
            changed |= self._links(event, primary, allc, ex, additive=partial)
            stored_primary = primary if not partial else None
            changed |= self._citations(event, source, mine + adopted.pop(event.pk, []), docs, stored_primary)
            summary.citations += len(mine)
            people_seen.update(a for c in allc for a in c.actors)
            places_seen.update(p for c in allc for p in c.places)
            if created:
                summary.created += 1
            elif event.curated_fields:
                summary.kept_curated += 1
            elif changed:
                summary.updated += 1
            else:
                summary.unchanged += 1
        summary.removed = self._remove_stale(source, keep_events=set(adopted) | handled)
        summary.people = len(people_seen)
        summary.places = len(places_seen)
        return summary

    @staticmethod
    def _adopted_citations(produced, existing) -> dict[int, list[ExtractedEvent]]:
        """Citations produced for events a curator merged away, by the id of the
        event they were merged into: that event keeps them (the merge moved them)."""
        adopted = defaultdict(list)
        for key, mine in produced.items():
            event = existing.get(key)
            if event is None or event.merged_into_id is None:
                continue
            target_id, hops = event.merged_into_id, 0
            while hops < 20:  # follow merges of merges to the surviving event
                nxt = Event.objects.filter(pk=target_id).values_list("merged_into_id", flat=True).first()
                if nxt is None:
                    break
                target_id, hops = nxt, hops + 1
            adopted[target_id].extend(mine)
        return adopted

    def _source(self, ex: Extraction) -> Source:
        layout = ex.layout
        sha = hashlib.sha256(ex.raw.encode("utf-8")).hexdigest()
        source = Source.objects.filter(file_name=ex.file_name).first()
        values = {
            "title": (layout.title or ex.file_name)[:500],
            "authors": list(layout.authors),
            "languages": list(layout.languages),
            "kind": layout.kind if layout.kind in SOURCE_KINDS else Source.Kind.OTHER,
            "sha256": sha,
            "text": ex.raw,
            "metadata": dict(layout.metadata),
        }
        if source is None:
            return Source.objects.create(file_name=ex.file_name, ingested_at=timezone.now(), **values)
        if source.sha256 != sha:
            values["ingested_at"] = timezone.now()
        if _set(source, values):
            source.save()
        return source

    def _documents(self, ex: Extraction, source: Source) -> dict[tuple[str, str], ArchivalDocument]:
        existing = {(d.number, d.language): d for d in source.documents.all()}
        dates = {(e.document, e.language): e for e in ex.events if e.kind == "document"}
        out = {}
        for seg in ex.layout.documents:
            key = (seg.number, seg.language)
            ref = seg.reference
            dated = dates.get(key)
            values = {
                "heading": seg.heading,
                "genre": seg.genre,
                "archive": ref.archive if ref else "",
                "fond": ref.fond if ref else "",
                "opis": ref.opis if ref else "",
                "delo": ref.delo if ref else "",
                "folios": ref.folios if ref else "",
                "copy_status": (ref.copy_status if ref else "")[:200],
                "reference_text": ref.text if ref else "",
                "start": seg.start,
                "end": seg.end,
                "date_text": dated.date_text if dated else "",
                "date_edtf": dated.date if dated else "",
                "date_calendar": dated.calendar if dated else "gregorian",
                "date_original_edtf": dated.original_date if dated else "",
            }
            doc = existing.get(key)
            if doc is None:
                doc = ArchivalDocument(source=source, number=seg.number, language=seg.language)
                _set(doc, values)
                doc.save()
            elif _set(doc, values):
                doc.save()
            out[key] = doc
        for seg in ex.layout.documents:
            if not seg.aligned_with:
                continue
            doc = out[(seg.number, seg.language)]
            target = next((d for (n, lang), d in out.items() if n == seg.aligned_with and d is not doc
                           and lang != seg.language), None)
            target = target or next((d for (n, _), d in out.items() if n == seg.aligned_with and d is not doc), None)
            if target is not None and doc.aligned_with_id != target.id:
                doc.aligned_with = target
                doc.save(update_fields=["aligned_with"])
        for key, doc in existing.items():
            if key not in out and not doc.events.exists() and not doc.citations.exists():
                doc.delete()
        return out

    def _event_fields(self, event: Event, primary: ExtractedEvent, allc, docs) -> bool:
        curated = set(event.curated_fields or [])
        values = {
            "title": primary.title[:500] or primary.type,
            "description": primary.description,
            "event_type": self.types.get(primary.type) or self.types["other"],
            "date_text": primary.date_text[:300],
            "date_edtf": primary.date,
            "date_calendar": primary.calendar or "gregorian",
            "date_original_edtf": primary.original_date,
        }
        values = {k: v for k, v in values.items() if k not in curated}
        doc = None
        if primary.kind == "document":
            doc = docs.get((primary.document, primary.language))
        values.update({
            "kind": primary.kind,
            "document": doc,
            "confidence": max(0.0, min(1.0, round(float(max(c.confidence for c in allc)), 3))),
            "date_conflict": any(c.date_conflict for c in allc),
        })
        changed = _set(event, values)
        if changed or event.pk is None:
            event.extractor_version = EXTRACTOR_VERSION
        return changed

    def _links(self, event: Event, primary: ExtractedEvent, allc, ex: Extraction, additive=False) -> bool:
        """Make the event's people and places those of its citations; with
        ``additive`` (part of the evidence unseen) only add, never remove."""
        curated = set(event.curated_fields or [])
        changed = False
        if "people" not in curated:
            authors, recipients = set(), set()
            for seg in ex.layout.documents:
                if primary.kind == "document" and seg.number == primary.document and seg.language == primary.language:
                    authors = {person_key(canonical_person(a)[0]) for a in seg.authors}
                    recipients = {person_key(canonical_person(r)[0]) for r in seg.recipients}
            wanted = set()
            for c in allc:
                for name in c.actors:
                    k = person_key(name)
                    role = (EventPerson.Role.AUTHOR if k in authors else
                            EventPerson.Role.RECIPIENT if k in recipients else
                            EventPerson.Role.MENTIONED)
                    wanted.add((self.person(name, ()).id, role))
            changed |= _sync_links(event, event.person_links, EventPerson, "person_id", wanted, additive)
        if "places" not in curated:
            wanted = {(self.place(p).id, EventPlace.Role.MENTIONED) for c in allc for p in c.places}
            changed |= _sync_links(event, event.place_links, EventPlace, "place_id", wanted, additive)
        return changed

    def _citations(self, event: Event, source: Source, mine, docs, primary: ExtractedEvent | None) -> bool:
        existing = {(c.start, c.end): c for c in event.citations.filter(source=source)}
        changed = False
        seen = set()
        for ev in mine:
            span = (ev.start, ev.end)
            if span in seen:
                continue
            seen.add(span)
            doc = docs.get((ev.document, ev.language)) if ev.document else None
            values = {
                "document": doc,
                "line": ev.line,
                "quote": ev.quote,
                "language": ev.language,
                "date_text": ev.date_text[:300],
                "date_edtf": ev.date,
            }
            if primary is not None:  # None: the batch cannot tell; stored flags stay
                values["is_primary"] = ev is primary
            cit = existing.pop(span, None)
            if cit is None:
                Citation.objects.create(event=event, source=source, start=ev.start, end=ev.end, **values)
                changed = True
            elif _set(cit, values):
                cit.save()
                changed = True
        if existing:
            Citation.objects.filter(id__in=[c.id for c in existing.values()]).delete()
            changed = True
        return changed

    def _remove_stale(self, source: Source, keep_events=frozenset()) -> int:
        """Drop citations of this source no longer produced, and uncurated
        extracted events left with no citations. ``keep_events`` hold citations
        adopted through a curator's merge."""
        produced_keys = set(self.by_key)
        stale_cits = Citation.objects.filter(source=source).exclude(event__fingerprint__in=produced_keys)
        stale_cits = stale_cits.exclude(event_id__in=keep_events)
        stale_cits = stale_cits.filter(
            event__status=Event.Status.EXTRACTED, event__curated_fields=[], event__merged_into__isnull=True
        )
        event_ids = set(stale_cits.values_list("event_id", flat=True))
        stale_cits.delete()
        removed = 0
        for event in Event.objects.filter(id__in=event_ids):
            if not event.citations.exists():
                event.delete()
                removed += 1
        return removed


def ingest_paths(paths, progress=None) -> list[SourceSummary]:
    """Ingest the given source files; ``progress`` wraps the per-source loop
    (e.g. a tqdm factory). Raises ``SourceReadError`` before writing if any
    file is unusable."""
    extractions = load_extractions(paths)
    ingestor = Ingestor(extractions)
    loop = progress(extractions) if progress else extractions
    return [ingestor.ingest_source(ex) for ex in loop]


def _sync_links(event: Event, links, model, key: str, wanted: set, additive: bool = False) -> bool:
    """Make an event's person or place links exactly ``wanted`` ({(id, role)}),
    or, with ``additive``, at least ``wanted``.

    Links that stay are left untouched (their history stays quiet); returns
    whether anything changed.
    """
    have = set(links.values_list(key, "role"))
    if additive:
        wanted = wanted | have
    if have == wanted:
        return False
    links.exclude(
        id__in=[lid for lid, other, role in links.values_list("id", key, "role") if (other, role) in wanted]
    ).delete()
    for other, role in wanted - have:
        model.objects.create(event=event, role=role, **{key: other})
    return True
