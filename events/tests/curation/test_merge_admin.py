"""Merging events from the admin, and undoing the merge."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from events.models import Citation, Event, MergeRecord

CHANGELIST = reverse("admin:events_event_changelist")


def test_merge_action_first_asks_which_event_to_keep(admin_client_logged, events):
    chosen = [events["talks"].pk, events["letter"].pk]
    response = admin_client_logged.post(CHANGELIST, {"action": "merge_selected", ACTION_CHECKBOX_NAME: chosen})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Merge these 2 events into one" in html
    assert 'name="confirm_merge"' in html
    # the oldest is proposed by default, nothing merged yet
    assert response.context["form"].fields["target"].initial == events["letter"].pk
    assert MergeRecord.objects.count() == 0 and Event.objects.current().count() == 3


def test_confirmed_merge_combines_events_and_records_it(admin_client_logged, events):
    letter, talks = events["letter"], events["talks"]
    response = admin_client_logged.post(CHANGELIST, {
        "action": "merge_selected", ACTION_CHECKBOX_NAME: [letter.pk, talks.pk],
        "confirm_merge": "yes", "target": talks.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:events_event_change", args=[talks.pk])
    letter.refresh_from_db()
    assert letter.merged_into == talks
    assert Citation.objects.filter(event=talks).count() == 2
    record = MergeRecord.objects.get()
    assert record.created_by == admin_client_logged.user
    assert letter.history.first().history_user == admin_client_logged.user


def test_merge_action_with_one_event_only_warns(admin_client_logged, events):
    response = admin_client_logged.post(CHANGELIST, {
        "action": "merge_selected", ACTION_CHECKBOX_NAME: [events["letter"].pk]}, follow=True)
    assert "Select at least two events" in response.content.decode()
    assert MergeRecord.objects.count() == 0


def test_undo_button_reverts_the_merge(admin_client_logged, events):
    letter, talks = events["letter"], events["talks"]
    admin_client_logged.post(CHANGELIST, {
        "action": "merge_selected", ACTION_CHECKBOX_NAME: [letter.pk, talks.pk],
        "confirm_merge": "yes", "target": letter.pk})
    record = MergeRecord.objects.get()
    page = admin_client_logged.get(reverse("admin:events_mergerecord_change", args=[record.pk]))
    assert "Undo this merge" in page.content.decode()
    # the event page links to its merge record
    event_page = admin_client_logged.get(reverse("admin:events_event_change", args=[letter.pk]))
    assert reverse("admin:events_mergerecord_change", args=[record.pk]) in event_page.content.decode()

    response = admin_client_logged.post(reverse("admin:events_mergerecord_revert", args=[record.pk]))
    assert response.status_code == 302
    talks.refresh_from_db()
    assert talks.merged_into is None
    assert talks.citations.count() == 1 and letter.citations.count() == 1
    record.refresh_from_db()
    assert record.is_reverted
    page = admin_client_logged.get(reverse("admin:events_mergerecord_change", args=[record.pk]))
    assert "Undo this merge" not in page.content.decode()


def test_undo_action_on_merge_records(admin_client_logged, events):
    from events import curation
    record = curation.merge_events(events["citizenship"], [events["letter"], events["talks"]])
    response = admin_client_logged.post(reverse("admin:events_mergerecord_changelist"), {
        "action": "revert_selected", ACTION_CHECKBOX_NAME: [record.pk]})
    assert response.status_code == 302
    assert Event.objects.current().count() == 3


def test_undo_needs_a_post(admin_client_logged, events):
    from events import curation
    record = curation.merge_events(events["letter"], [events["talks"]])
    admin_client_logged.get(reverse("admin:events_mergerecord_revert", args=[record.pk]))
    record.refresh_from_db()
    assert not record.is_reverted
