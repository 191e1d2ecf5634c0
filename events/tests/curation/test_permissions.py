"""The Curators group: exactly what curation needs, nothing about users."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, User
from django.urls import reverse

from events.models import Event, Person
from events.tests.curation.test_review_queue import form_data

EXPECTED = {
    *(f"{action}_{model}" for model in ("event", "citation", "person", "place", "eventperson", "eventplace")
      for action in ("view", "add", "change", "delete")),
    "view_source", "view_archivaldocument", "view_eventtype", "view_mergerecord",
    "view_historicalevent", "view_historicalcitation", "view_historicalperson", "view_historicalplace",
    "view_historicaleventperson", "view_historicaleventplace",
    "view_reviewqueueevent", "change_reviewqueueevent",
}


def test_curators_group_has_exactly_the_curation_permissions(db):
    group = Group.objects.get(name="Curators")
    perms = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert perms == {("events", codename) for codename in EXPECTED}


def test_curator_can_open_the_curation_pages(curator_client, events):
    for name in ("events_event_changelist", "events_reviewqueueevent_changelist",
                 "events_person_changelist", "events_place_changelist", "events_mergerecord_changelist",
                 "events_source_changelist"):
        assert curator_client.get(reverse(f"admin:{name}")).status_code == 200, name
    assert curator_client.get(reverse("admin:events_event_change", args=[events["letter"].pk])).status_code == 200
    source_id = events["letter"].citations.get().source_id
    assert curator_client.get(reverse("admin:events_source_text", args=[source_id])).status_code == 200
    assert curator_client.get(reverse("admin:events_event_history", args=[events["letter"].pk])).status_code == 200


def test_curator_can_edit_approve_and_merge(curator_client, events):
    talks, letter = events["talks"], events["letter"]
    url = reverse("admin:events_event_change", args=[talks.pk])
    assert curator_client.post(url, form_data(talks, title="Переговоры сорваны")).status_code == 302
    curator_client.post(reverse("admin:events_reviewqueueevent_changelist"), {
        "action": "approve_selected", ACTION_CHECKBOX_NAME: [letter.pk]})
    curator_client.post(reverse("admin:events_event_changelist"), {
        "action": "merge_selected", "confirm_merge": "yes", "target": letter.pk,
        ACTION_CHECKBOX_NAME: [letter.pk, events["citizenship"].pk]})
    talks.refresh_from_db()
    letter.refresh_from_db()
    assert talks.title == "Переговоры сорваны"
    assert letter.status == Event.Status.REVIEWED
    assert Event.objects.get(pk=events["citizenship"].pk).merged_into == letter
    assert talks.history.first().history_user == curator_client.user


def test_curator_cannot_manage_users_or_groups(curator_client, curator):
    assert curator_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert curator_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    response = curator_client.post(reverse("admin:auth_user_change", args=[curator.pk]), {
        "username": "clio", "is_superuser": "on", "is_staff": "on"})
    assert response.status_code == 403
    curator.refresh_from_db()
    assert not curator.is_superuser


def test_curator_cannot_change_or_delete_sources(curator_client, events):
    source = events["letter"].citations.get().source
    assert curator_client.post(reverse("admin:events_source_delete", args=[source.pk]), {"post": "yes"}).status_code == 403
    response = curator_client.post(reverse("admin:events_source_change", args=[source.pk]), {"title": "Changed"})
    assert response.status_code == 403
    source.refresh_from_db()
    assert source.title == "Sample archive"


def test_staff_user_outside_the_group_cannot_curate(client, events):
    user = User.objects.create_user("visitor", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:events_event_changelist")).status_code == 403
    assert client.get(reverse("admin:events_reviewqueueevent_changelist")).status_code == 403
    source_id = events["letter"].citations.get().source_id
    assert client.get(reverse("admin:events_source_text", args=[source_id])).status_code == 403
    assert client.get(reverse("admin:events_event_import")).status_code == 403
    assert client.get(reverse("admin:events_event_export")).status_code == 403


def test_curator_can_import_and_export(curator_client, events):
    assert curator_client.get(reverse("admin:events_event_import")).status_code == 200
    assert curator_client.get(reverse("admin:events_event_export")).status_code == 200


def test_curator_can_merge_people(curator_client, events):
    duplicate = Person.objects.create(name="Троцкому")
    trotsky = Person.objects.get(name="Троцкий Л. Д.")
    curator_client.post(reverse("admin:events_person_changelist"), {
        "action": "merge_selected", "confirm_merge": "yes", "target": trotsky.pk,
        ACTION_CHECKBOX_NAME: [trotsky.pk, duplicate.pk]})
    assert not Person.objects.filter(pk=duplicate.pk).exists()
