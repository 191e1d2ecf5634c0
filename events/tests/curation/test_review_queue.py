"""The review queue: order, bulk approve/reject, going through it one event after another."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from events.models import Event

QUEUE = reverse("admin:events_reviewqueueevent_changelist")


def queue_change(event):
    return reverse("admin:events_reviewqueueevent_change", args=[event.pk])


def form_data(event, **overrides):
    """The change form's POST data for ``event`` as it is (inlines included)."""
    data = {
        "title": event.title, "event_type": event.event_type_id, "kind": event.kind,
        "status": event.status, "description": event.description, "date_text": event.date_text,
        "date_edtf": event.date_edtf, "date_calendar": event.date_calendar,
        "date_original_edtf": event.date_original_edtf, "document": "",
    }
    if event.date_conflict:
        data["date_conflict"] = "on"
    for prefix, related in (("person_links", event.person_links.all()), ("place_links", event.place_links.all())):
        data.update({f"{prefix}-TOTAL_FORMS": len(related), f"{prefix}-INITIAL_FORMS": len(related),
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
        fk = "person" if prefix == "person_links" else "place"
        for i, link in enumerate(related):
            data.update({f"{prefix}-{i}-id": link.pk, f"{prefix}-{i}-event": event.pk,
                         f"{prefix}-{i}-{fk}": getattr(link, f"{fk}_id"), f"{prefix}-{i}-role": link.role})
    citations = list(event.citations.all())
    data.update({"citations-TOTAL_FORMS": len(citations), "citations-INITIAL_FORMS": len(citations),
                 "citations-MIN_NUM_FORMS": 0, "citations-MAX_NUM_FORMS": 1000})
    for i, c in enumerate(citations):
        data.update({f"citations-{i}-id": c.pk, f"citations-{i}-event": event.pk,
                     f"citations-{i}-source": c.source_id, f"citations-{i}-document": c.document_id or "",
                     f"citations-{i}-start": c.start, f"citations-{i}-end": c.end,
                     f"citations-{i}-language": c.language, f"citations-{i}-date_text": c.date_text,
                     f"citations-{i}-date_edtf": c.date_edtf})
        if c.is_primary:
            data[f"citations-{i}-is_primary"] = "on"
    data.update(overrides)
    return data


def test_queue_lists_unreviewed_lowest_confidence_first(admin_client_logged, events):
    events["citizenship"].status = Event.Status.REVIEWED
    events["citizenship"].save()
    response = admin_client_logged.get(QUEUE)
    assert response.status_code == 200
    assert [e.title for e in response.context["cl"].result_list] == ["Переговоры прерваны", "Письмо Троцкого"]


def test_queue_ignores_sort_requests(admin_client_logged, events):
    response = admin_client_logged.get(QUEUE, {"o": "-1"})
    assert [e.confidence for e in response.context["cl"].result_list] == [0.3, 0.6, 0.9]


def test_bulk_approve_marks_reviewed_and_curated(admin_client_logged, events):
    chosen = [events["talks"], events["letter"]]
    response = admin_client_logged.post(QUEUE, {
        "action": "approve_selected", ACTION_CHECKBOX_NAME: [e.pk for e in chosen]})
    assert response.status_code == 302
    for event in chosen:
        event.refresh_from_db()
        assert event.status == Event.Status.REVIEWED and "status" in event.curated_fields
        assert event.history.first().history_user == admin_client_logged.user
    assert [e.title for e in admin_client_logged.get(QUEUE).context["cl"].result_list] == ["Лишение гражданства"]


def test_bulk_reject_from_the_event_list(admin_client_logged, events):
    response = admin_client_logged.post(reverse("admin:events_event_changelist"), {
        "action": "reject_selected", ACTION_CHECKBOX_NAME: [events["talks"].pk]})
    assert response.status_code == 302
    events["talks"].refresh_from_db()
    assert events["talks"].status == Event.Status.REJECTED
    assert events["talks"].curated_fields == ["status"]


def test_approve_and_next_opens_the_following_event_of_the_queue(admin_client_logged, events):
    talks = events["talks"]
    response = admin_client_logged.post(queue_change(talks), form_data(talks, _approvenext="1"))
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert response["Location"] == queue_change(events["citizenship"])
    talks.refresh_from_db()
    assert talks.status == Event.Status.REVIEWED and "status" in talks.curated_fields


def test_save_and_next_keeps_status_and_moves_on(admin_client_logged, events):
    citizenship = events["citizenship"]
    response = admin_client_logged.post(queue_change(citizenship),
                                        form_data(citizenship, title="Лишение гражданства СССР", _savenext="1"))
    assert response["Location"] == queue_change(events["letter"])
    citizenship.refresh_from_db()
    assert citizenship.status == Event.Status.EXTRACTED
    assert citizenship.curated_fields == ["title"]


def test_reject_and_next_on_the_last_event_returns_to_the_empty_queue(admin_client_logged, events):
    for event in (events["talks"], events["citizenship"]):
        event.status = Event.Status.REVIEWED
        event.save()
    letter = events["letter"]
    response = admin_client_logged.post(queue_change(letter), form_data(letter, _rejectnext="1"))
    assert response["Location"] == QUEUE
    letter.refresh_from_db()
    assert letter.status == Event.Status.REJECTED


def test_queue_change_page_records_history_of_the_event(admin_client_logged, events):
    talks = events["talks"]
    admin_client_logged.post(queue_change(talks), form_data(talks, title="Переговоры сорваны"))
    record = talks.history.first()
    assert record.title == "Переговоры сорваны" and record.history_user == admin_client_logged.user


def test_review_buttons_are_on_the_change_page(admin_client_logged, events):
    html = admin_client_logged.get(queue_change(events["talks"])).content.decode()
    assert 'name="_approvenext"' in html and 'name="_savenext"' in html and 'name="_rejectnext"' in html


def test_queue_history_button_leads_to_the_event_history(admin_client_logged, events):
    talks = events["talks"]
    response = admin_client_logged.get(reverse("admin:events_reviewqueueevent_history", args=[talks.pk]))
    assert response["Location"] == reverse("admin:events_event_history", args=[talks.pk])
