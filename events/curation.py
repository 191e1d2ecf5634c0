"""What curators do to events, people and places, as plain functions.

The admin calls these; so can a shell or a test, without HTTP. Every
function runs in one transaction and saves through the models (never
``QuerySet.update``) so django-simple-history records each change with the
curator as its author and a change reason saying what happened.

* :func:`set_status` approves or rejects events (and marks ``status`` as
  curated, so re-extraction never revives a rejected event).
* :func:`merge_events` folds duplicates into one event and keeps the others as
  tombstones (``merged_into``), which is how ``ingest`` knows not to re-create
  them; :func:`revert_merge` undoes it from the :class:`~events.models.MergeRecord`.
* :func:`merge_people` / :func:`merge_places` fold duplicate records of one
  person (Троцкий, Троцкого...) or place into one.
* :func:`curated_changes` says which edited fields a curator's save protects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Citation, Event, EventPerson, EventPlace, MergeRecord, Person, Place


class CurationError(Exception):
    """A curation request that cannot be carried out; the message says why."""


def _save(obj, *, user=None, reason: str = "", **kwargs) -> None:
    """Save ``obj`` so its history row names the curator and the reason."""
    obj._change_reason = reason[:100]
    if user is not None and getattr(user, "is_authenticated", False):
        obj._history_user = user
    obj.save(**kwargs)


def _delete(obj, *, user=None, reason: str = "") -> None:
    obj._change_reason = reason[:100]
    if user is not None and getattr(user, "is_authenticated", False):
        obj._history_user = user
    obj.delete()


# --- Curated fields ----------------------------------------------------------


def curated_changes(changed_fields: Iterable[str]) -> list[str]:
    """The curatable fields among ``changed_fields`` (e.g. a form's ``changed_data``)."""
    return [name for name in changed_fields if name in Event.CURATABLE_FIELDS]


def changed_fields(stored: Event, edited: Event) -> list[str]:
    """Curatable fields (not people or places) whose value differs between two versions."""
    names = [name for name in Event.CURATABLE_FIELDS if name not in ("people", "places")]
    return [name for name in names
            if getattr(stored, Event._meta.get_field(name).attname) != getattr(edited, Event._meta.get_field(name).attname)]


# --- Review -----------------------------------------------------------------


def review_queue():
    """Events waiting for a curator: extracted, not merged, lowest confidence first."""
    return (
        Event.objects.current()
        .filter(status=Event.Status.EXTRACTED)
        .order_by("confidence", "id")
    )


def next_in_review_queue(after: Event | None = None) -> Event | None:
    """The event a reviewer should see after ``after``.

    The one following it in queue order; when ``after`` was the last, the queue
    starts again from the top (events saved without a decision stay in it).
    """
    queue = review_queue()
    if after is None:
        return queue.first()
    queue = queue.exclude(pk=after.pk)
    following = queue.filter(
        Q(confidence__gt=after.confidence) | Q(confidence=after.confidence, id__gt=after.pk)
    ).first()
    return following or queue.first()


def set_status(events: Iterable[Event], status: str, *, user=None) -> int:
    """Give ``events`` a review status; returns how many changed.

    The status becomes a curated field, so ``ingest`` keeps the decision.
    """
    if status not in Event.Status.values:
        raise CurationError(f"unknown status {status!r}")
    changed = 0
    with transaction.atomic():
        for event in events:
            if event.status == status and event.is_curated("status"):
                continue
            event.status = status
            event.mark_curated("status")
            _save(event, user=user, reason=f"Marked {status}",
                  update_fields=["status", "curated_fields", "updated_at"])
            changed += 1
    return changed


# --- Merging events ------------------------------------------------------------


def merge_events(target: Event, others: Iterable[Event], *, user=None, reason: str = "") -> MergeRecord:
    """Merge ``others`` into ``target``; returns the record that can undo it.

    Citations move to the target (it keeps its own primary citation), person
    and place links move unless the target already has the same one with the
    same role (then the duplicate link is dropped and remembered). The merged
    events stay as tombstones pointing at the target. If their dates differ
    the target is flagged ``date_conflict``. The target's ``people`` and
    ``places`` become curated when links moved, so re-extraction keeps them.
    """
    others = [e for e in others if e.pk != target.pk]
    if not others:
        raise CurationError("Choose at least two events to merge.")
    if target.merged_into_id is not None:
        raise CurationError(f"Event #{target.pk} was itself merged into #{target.merged_into_id}.")
    for other in others:
        if other.merged_into_id is not None:
            raise CurationError(f"Event #{other.pk} is already merged into #{other.merged_into_id}.")

    with transaction.atomic():
        record = MergeRecord.objects.create(target=target, reason=reason[:300], created_by=_user_or_none(user))
        label = f"merge #{record.pk}"
        moves = {
            "citations": [], "person_links": [], "place_links": [],
            "dropped_person_links": [], "dropped_place_links": [],
            "target": {"date_conflict": target.date_conflict, "curated_fields": list(target.curated_fields)},
        }
        has_primary = target.citations.filter(is_primary=True).exists()
        for other in others:
            for citation in other.citations.all():
                moves["citations"].append({"id": citation.pk, "event": other.pk, "is_primary": citation.is_primary})
                citation.event = target
                citation.is_primary = citation.is_primary and not has_primary
                has_primary = has_primary or citation.is_primary
                _save(citation, user=user, reason=f"Moved from event #{other.pk} ({label})")
            _move_links(other, target, EventPerson, "person", moves["person_links"],
                        moves["dropped_person_links"], user=user, label=label)
            _move_links(other, target, EventPlace, "place", moves["place_links"],
                        moves["dropped_place_links"], user=user, label=label)
            other.merged_into = target
            _save(other, user=user, reason=f"Merged into event #{target.pk} ({label})")

        if any(o.date_edtf and o.date_edtf != target.date_edtf for o in others):
            target.date_conflict = True
        gained = []
        if moves["person_links"]:
            gained.append("people")
        if moves["place_links"]:
            gained.append("places")
        target.mark_curated(*gained)
        merged_ids = ", ".join(f"#{o.pk}" for o in others)
        _save(target, user=user, reason=f"Merged events {merged_ids} into this one ({label})")

        record.moves = moves
        record.save(update_fields=["moves"])
        record.merged.set(others)
    return record


def _move_links(source_event, target, link_model, fk_name, moved, dropped, *, user, label) -> None:
    """Re-point ``source_event``'s person/place links to ``target``, noting each move."""
    for link in link_model.objects.filter(event=source_event):
        duplicate = link_model.objects.filter(
            event=target, role=link.role, **{f"{fk_name}_id": getattr(link, f"{fk_name}_id")}
        ).exists()
        if duplicate:
            dropped.append({"event": source_event.pk, fk_name: getattr(link, f"{fk_name}_id"), "role": link.role})
            _delete(link, user=user, reason=f"Already on event #{target.pk} ({label})")
        else:
            moved.append({"id": link.pk, "event": source_event.pk})
            link.event = target
            _save(link, user=user, reason=f"Moved from event #{source_event.pk} ({label})")


def revert_merge(record: MergeRecord, *, user=None) -> MergeRecord:
    """Undo a merge: citations and links go back, the tombstones come alive.

    Things deleted since the merge (a citation, a person) are skipped rather
    than re-invented. Curated marks stay: reverting never removes protection.
    """
    if record.is_reverted:
        raise CurationError(f"Merge #{record.pk} was already reverted.")
    label = f"undo merge #{record.pk}"
    moves = record.moves or {}
    with transaction.atomic():
        target = record.target
        for move in moves.get("citations", []):
            citation = Citation.objects.filter(pk=move["id"], event=target).first()
            if citation is None:
                continue
            citation.event_id = move["event"]
            citation.is_primary = move["is_primary"]
            _save(citation, user=user, reason=f"Moved back from event #{target.pk} ({label})")
        _restore_links(target, EventPerson, "person", Person, moves.get("person_links", []),
                       moves.get("dropped_person_links", []), user=user, label=label)
        _restore_links(target, EventPlace, "place", Place, moves.get("place_links", []),
                       moves.get("dropped_place_links", []), user=user, label=label)
        for event in record.merged.all():
            if event.merged_into_id != target.pk:
                continue
            event.merged_into = None
            _save(event, user=user, reason=f"Separated from event #{target.pk} ({label})")
        target.refresh_from_db()
        target.date_conflict = moves.get("target", {}).get("date_conflict", target.date_conflict)
        _save(target, user=user, reason=f"Merge #{record.pk} undone")
        record.reverted_at = timezone.now()
        record.reverted_by = _user_or_none(user)
        record.save(update_fields=["reverted_at", "reverted_by"])
    return record


def _restore_links(target, link_model, fk_name, entity_model, moved, dropped, *, user, label) -> None:
    for move in moved:
        link = link_model.objects.filter(pk=move["id"], event=target).first()
        if link is None:
            continue
        clash = link_model.objects.filter(
            event_id=move["event"], role=link.role, **{f"{fk_name}_id": getattr(link, f"{fk_name}_id")}
        ).exists()
        if clash:
            continue
        link.event_id = move["event"]
        _save(link, user=user, reason=f"Moved back from event #{target.pk} ({label})")
    for drop in dropped:
        if not entity_model.objects.filter(pk=drop[fk_name]).exists():
            continue
        link, created = link_model.objects.get_or_create(
            event_id=drop["event"], role=drop["role"], **{f"{fk_name}_id": drop[fk_name]}
        )


def _user_or_none(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


# --- Merging people and places ---------------------------------------------------


@dataclass
class EntityMergeResult:
    target: Person | Place
    merged_names: list[str]
    links_moved: int
    links_dropped: int


def merge_people(target: Person, duplicates: Iterable[Person], *, user=None) -> EntityMergeResult:
    """Fold duplicate person records into ``target`` (see :func:`_merge_entities`)."""
    return _merge_entities(target, duplicates, EventPerson, "person",
                           fill_fields=("description", "wikidata_id", "birth_year", "death_year"), user=user)


def merge_places(target: Place, duplicates: Iterable[Place], *, user=None) -> EntityMergeResult:
    """Fold duplicate place records into ``target`` (see :func:`_merge_entities`)."""
    return _merge_entities(target, duplicates, EventPlace, "place",
                           fill_fields=("description", "wikidata_id", "latitude", "longitude"), user=user)


def _merge_entities(target, duplicates, link_model, fk_name, *, fill_fields, user) -> EntityMergeResult:
    """Combine names into ``target``'s variants, re-point event links, delete the duplicates.

    Fields the target lacks (authority id, years, coordinates) are filled from
    the duplicates. Records with two different Wikidata ids are different
    entities by authority and are never merged.
    """
    duplicates = [d for d in duplicates if d.pk != target.pk]
    if not duplicates:
        raise CurationError("Choose at least two records to merge.")
    qids = {x.wikidata_id for x in [target, *duplicates] if x.wikidata_id}
    if len(qids) > 1:
        raise CurationError(f"These records have different Wikidata ids ({', '.join(sorted(qids))}).")

    names = target.all_names()
    moved = dropped = 0
    with transaction.atomic():
        for duplicate in duplicates:
            for name in duplicate.all_names():
                if name not in names:
                    names.append(name)
            for field in fill_fields:
                if getattr(target, field) in (None, "") and getattr(duplicate, field) not in (None, ""):
                    setattr(target, field, getattr(duplicate, field))
            reason = f"Merged into {fk_name} #{target.pk} {target.name}"
            for link in link_model.objects.filter(**{fk_name: duplicate}):
                if link_model.objects.filter(event_id=link.event_id, role=link.role, **{fk_name: target}).exists():
                    _delete(link, user=user, reason=reason)
                    dropped += 1
                else:
                    setattr(link, fk_name, target)
                    _save(link, user=user, reason=reason)
                    moved += 1
            _delete(duplicate, user=user, reason=reason)
        target.variants = [n for n in names if n != target.name]
        merged_names = [d.name for d in duplicates]
        _save(target, user=user, reason=f"Merged duplicates: {', '.join(merged_names)}")
    return EntityMergeResult(target=target, merged_names=merged_names, links_moved=moved, links_dropped=dropped)
