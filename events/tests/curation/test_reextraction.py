"""End to end: what a curator does in the admin survives running ``ingest`` again.

Ingest the smallest corpus file, then, through the admin (test client):
edit an event's title, date and people, reject another, merge two more,
merge two people. Run ``ingest`` again over the same file: every decision is
still there, the rejected event is not revived, the merged event and the
merged-away person are not re-created.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.urls import reverse

from events.models import Citation, Event, Person
from events.tests.curation.test_review_queue import form_data

pytestmark = pytest.mark.slow

SOURCE = sorted((Path(settings.BASE_DIR) / "fixtures" / "sources").glob("000_*.txt"))[0]


def ingest():
    with open("/dev/null", "w") as quiet:
        call_command("ingest", str(SOURCE), "--no-progress", stdout=quiet)


def spans(event):
    return set(Citation.objects.filter(event=event).values_list("source_id", "start", "end"))


def state(edited, rejected, target, merged):
    for event in (edited, rejected, target, merged):
        event.refresh_from_db()
    return {
        "edited": (edited.title, edited.date_text, edited.date_edtf, str(edited.date_sort),
                   sorted(edited.person_links.values_list("person_id", "role"))),
        "rejected": rejected.status,
        "merged_into": merged.merged_into_id,
        "target_citations": spans(target),
        "events": sorted(Event.objects.values_list("pk", "fingerprint", "merged_into_id", "status")),
    }


def test_curators_work_survives_reextraction(curator_client):
    ingest()
    events = list(Event.objects.current().order_by("pk"))
    assert len(events) >= 4, "the corpus file should yield events"
    edited = next(e for e in events if e.person_links.exists())
    rejected, target, merged = [e for e in events if e != edited][:3]

    # Edit title, date and people on the event page.
    data = form_data(edited, title="Исправленное название", date_text="30 июня 1935 г.", date_edtf="1935-06-30")
    data["person_links-0-DELETE"] = "on"
    response = curator_client.post(reverse("admin:events_event_change", args=[edited.pk]), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    # Reject one, merge two, from the list.
    changelist = reverse("admin:events_event_changelist")
    curator_client.post(changelist, {"action": "reject_selected", ACTION_CHECKBOX_NAME: [rejected.pk]})
    curator_client.post(changelist, {"action": "merge_selected", "confirm_merge": "yes", "target": target.pk,
                                     ACTION_CHECKBOX_NAME: [target.pk, merged.pk]})

    # Merge two people records into one.
    people = list(Person.objects.filter(event_links__isnull=False).distinct().order_by("pk")[:2])
    assert len(people) == 2
    kept, duplicate = people
    curator_client.post(reverse("admin:events_person_changelist"), {
        "action": "merge_selected", "confirm_merge": "yes", "target": kept.pk,
        ACTION_CHECKBOX_NAME: [kept.pk, duplicate.pk]})
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    people_before = sorted(Person.objects.values_list("pk", "name"))

    before = state(edited, rejected, target, merged)
    assert before["edited"][:4] == ("Исправленное название", "30 июня 1935 г.", "1935-06-30", "1935-06-30")
    assert before["rejected"] == Event.Status.REJECTED
    assert before["merged_into"] == target.pk
    assert spans(merged) == set() and len(before["target_citations"]) >= 2

    ingest()

    after = state(edited, rejected, target, merged)
    assert after["edited"] == before["edited"]
    assert after["rejected"] == Event.Status.REJECTED
    assert after["merged_into"] == target.pk
    assert after["target_citations"] == before["target_citations"]
    assert after["events"] == before["events"]  # nothing re-created, nothing revived, nothing lost
    # the merged-away person is not re-created: its name is now a variant of the kept one
    assert sorted(Person.objects.values_list("pk", "name")) == people_before
    assert duplicate.name in Person.objects.get(pk=kept.pk).variants
