"""History of events, citations, people and places: viewable and revertible in the admin."""

import pytest
from django.urls import reverse

from events.models import Event, Person
from events.tests.curation.test_review_queue import form_data


def test_event_history_lists_changes_with_user(admin_client_logged, events):
    letter = events["letter"]
    admin_client_logged.post(reverse("admin:events_event_change", args=[letter.pk]),
                             form_data(letter, title="Письмо Л. Д. Троцкого"))
    response = admin_client_logged.get(reverse("admin:events_event_history", args=[letter.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Письмо Л. Д. Троцкого" in html and "root" in html


def test_event_can_be_reverted_to_an_earlier_version(admin_client_logged, events):
    letter = events["letter"]
    original = letter.history.earliest()
    admin_client_logged.post(reverse("admin:events_event_change", args=[letter.pk]),
                             form_data(letter, title="Испорченное название", date_edtf="1924"))
    url = reverse("admin:events_event_simple_history", args=[letter.pk, original.history_id])
    page = admin_client_logged.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: ("" if value is None else value) for name, value in form.initial.items()
            if name in form.fields}
    response = admin_client_logged.post(url, data)
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.title, letter.date_edtf) == ("Письмо Троцкого", "1923-02-01")
    # a revert is a curator's edit too: it stays through re-extraction
    assert {"title", "date_edtf"} <= set(letter.curated_fields)


@pytest.mark.parametrize("model_name", ["citation", "person", "place"])
def test_history_pages_exist_for_citations_people_places(admin_client_logged, events, model_name):
    from django.apps import apps
    obj = apps.get_model("events", model_name).objects.first()
    response = admin_client_logged.get(reverse(f"admin:events_{model_name}_history", args=[obj.pk]))
    assert response.status_code == 200


def test_person_revert_restores_variants(admin_client_logged, events):
    trotsky = Person.objects.get()
    first = trotsky.history.earliest()
    trotsky.variants = []
    trotsky.save()
    url = reverse("admin:events_person_simple_history", args=[trotsky.pk, first.history_id])
    page = admin_client_logged.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["variants"] = form["variants"].value()
    assert admin_client_logged.post(url, data).status_code == 302
    trotsky.refresh_from_db()
    assert trotsky.variants == ["Троцкого"]


def test_status_change_is_in_history(admin_client_logged, events):
    from events import curation
    curation.set_status([events["talks"]], Event.Status.REJECTED, user=admin_client_logged.user)
    statuses = list(events["talks"].history.values_list("status", flat=True))
    assert statuses[:2] == ["rejected", "extracted"]
