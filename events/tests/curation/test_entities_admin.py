"""People and places in the admin: variants, authority ids, their events, merging duplicates."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from events.models import EventPerson, Person, Place


def test_person_page_lists_the_events_they_appear_in(admin_client_logged, events):
    trotsky = Person.objects.get()
    trotsky.wikidata_id = "Q33391"
    trotsky.save()
    html = admin_client_logged.get(reverse("admin:events_person_change", args=[trotsky.pk])).content.decode()
    for event in (events["letter"], events["citizenship"]):
        assert reverse("admin:events_event_change", args=[event.pk]) in html
    assert "Письмо Троцкого" in html and "(author)" in html
    assert "https://www.wikidata.org/wiki/Q33391" in html


def test_variants_are_edited_one_a_line(admin_client_logged, events):
    trotsky = Person.objects.get()
    url = reverse("admin:events_person_change", args=[trotsky.pk])
    assert "Троцкого</textarea>" in admin_client_logged.get(url).content.decode()
    response = admin_client_logged.post(url, {
        "name": trotsky.name, "variants": "Троцкого\r\n Троцкому \r\n\r\nТроцкого\r\nL. Trotsky",
        "description": "", "birth_year": "1879", "death_year": "1940", "wikidata_id": "Q33391"})
    assert response.status_code == 302
    trotsky.refresh_from_db()
    assert trotsky.variants == ["Троцкого", "Троцкому", "L. Trotsky"]
    assert trotsky.history.first().history_user == admin_client_logged.user


def test_wrong_authority_id_is_explained(admin_client_logged, events):
    trotsky = Person.objects.get()
    response = admin_client_logged.post(reverse("admin:events_person_change", args=[trotsky.pk]), {
        "name": trotsky.name, "variants": "", "wikidata_id": "33391"})
    assert response.status_code == 200
    assert "a Wikidata id looks like Q123" in response.content.decode()


def test_people_list_counts_events_and_searches_names(admin_client_logged, events):
    Person.objects.create(name="Сталин И. В.")
    response = admin_client_logged.get(reverse("admin:events_person_changelist"), {"q": "Троцкий"})
    results = list(response.context["cl"].result_list)
    assert [p.name for p in results] == ["Троцкий Л. Д."] and results[0].event_count == 2


def test_merge_people_action_asks_then_merges(admin_client_logged, events):
    trotsky = Person.objects.get()
    duplicate = Person.objects.create(name="Троцкому")
    EventPerson.objects.create(event=events["talks"], person=duplicate)
    url = reverse("admin:events_person_changelist")
    ask = admin_client_logged.post(url, {"action": "merge_selected", ACTION_CHECKBOX_NAME: [trotsky.pk, duplicate.pk]})
    assert ask.status_code == 200 and 'name="confirm_merge"' in ask.content.decode()
    assert ask.context["form"].fields["target"].initial == trotsky.pk  # the one with most events
    done = admin_client_logged.post(url, {"action": "merge_selected", "confirm_merge": "yes",
                                          ACTION_CHECKBOX_NAME: [trotsky.pk, duplicate.pk], "target": trotsky.pk})
    assert done.status_code == 302
    assert list(Person.objects.all()) == [trotsky]
    trotsky.refresh_from_db()
    assert "Троцкому" in trotsky.variants
    assert trotsky.events.count() == 3


def test_merge_places_action(admin_client_logged, events):
    moscow = Place.objects.get()
    moskva = Place.objects.create(name="Moscou")
    url = reverse("admin:events_place_changelist")
    admin_client_logged.post(url, {"action": "merge_selected", "confirm_merge": "yes",
                                   ACTION_CHECKBOX_NAME: [moscow.pk, moskva.pk], "target": moscow.pk})
    moscow.refresh_from_db()
    assert list(Place.objects.all()) == [moscow] and moscow.variants == ["Moscou"]


def test_places_autocomplete(admin_client_logged, events):
    response = admin_client_logged.get(reverse("admin:autocomplete"), {
        "app_label": "events", "model_name": "eventplace", "field_name": "place", "term": "Моск"})
    assert [r["text"] for r in response.json()["results"]] == ["Москва"]


def test_people_search_finds_a_declined_variant(admin_client_logged, events):
    Person.objects.create(name="Бухарин Н. И.", variants=["Бухарину"])
    response = admin_client_logged.get(reverse("admin:events_person_changelist"), {"q": "Бухарину"})
    assert [p.name for p in response.context["cl"].result_list] == ["Бухарин Н. И."]
