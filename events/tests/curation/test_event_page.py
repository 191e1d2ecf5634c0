"""The event page: passages in context, the source viewer, EDTF messages, curated marks."""

import re

from django.urls import reverse

from events.models import ArchivalDocument, Citation, Event, Person
from events.tests.curation.test_review_queue import form_data


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


def test_citation_passage_shows_context_with_the_span_highlighted(admin_client_logged, events):
    html = admin_client_logged.get(change_url(events["talks"])).content.decode()
    assert '<mark class="cited">Летом 1937 г. переговоры были прерваны.</mark>' in html
    # context on both sides of the span
    assert re.search(r"корреспондентом\.\s*<mark", html)
    assert re.search(r"</mark>\s*В 1932 г\. Троцкий", html)


def test_passage_escapes_markup_of_the_source(admin_client_logged, events):
    html = admin_client_logged.get(change_url(events["letter"])).content.decode()
    assert "&lt;b&gt;с&lt;/b&gt; корреспондентом" in html
    assert "<b>с</b>" not in html


def test_citation_shows_archival_reference_and_links_to_the_source_viewer(admin_client_logged, events):
    talks = events["talks"]
    citation = talks.citations.get()
    document = ArchivalDocument.objects.create(
        source=citation.source, number="12", start=0, end=len(citation.source.text),
        reference_text="АП РФ. Ф. 3. Оп. 1. Д. 5. Л. 7.")
    citation.document = document
    citation.save()
    html = admin_client_logged.get(change_url(talks)).content.decode()
    assert "АП РФ. Ф. 3. Оп. 1. Д. 5. Л. 7." in html
    viewer = reverse("admin:events_source_text", args=[citation.source_id])
    assert f'{viewer}?start={citation.start}&amp;end={citation.end}#cited' in html


def test_source_viewer_shows_the_whole_text_with_the_span_marked(admin_client_logged, events):
    citation = events["talks"].citations.get()
    url = reverse("admin:events_source_text", args=[citation.source_id])
    response = admin_client_logged.get(url, {"start": citation.start, "end": citation.end})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<mark id="cited">Летом 1937 г. переговоры были прерваны.</mark>' in html
    assert "Письмо Л. Д. Троцкого" in html and "лишён гражданства" in html  # the whole text
    assert "&lt;b&gt;с&lt;/b&gt;" in html  # escaped
    assert "line 3" in html


def test_source_viewer_without_a_valid_span_shows_plain_text(admin_client_logged, events):
    source_id = events["talks"].citations.get().source_id
    url = reverse("admin:events_source_text", args=[source_id])
    for params in ({}, {"start": "x", "end": "3"}, {"start": 5, "end": 10**6}):
        html = admin_client_logged.get(url, params).content.decode()
        assert 'id="cited"' not in html and "Письмо Л. Д. Троцкого" in html


def test_source_viewer_needs_a_staff_login(client, events):
    url = reverse("admin:events_source_text", args=[events["talks"].citations.get().source_id])
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_invalid_edtf_is_refused_with_an_explanation(admin_client_logged, events):
    talks = events["talks"]
    response = admin_client_logged.post(change_url(talks), form_data(talks, date_edtf="1937-13-45"))
    assert response.status_code == 200  # the form again, with the error
    errors = response.context["adminform"].form.errors["date_edtf"]
    assert "month 13 does not exist" in errors[0]  # says what is wrong, not just "invalid"
    assert "month 13 does not exist" in response.content.decode()
    talks.refresh_from_db()
    assert talks.date_edtf == "1937-22"


def test_valid_edtf_updates_the_derived_dates(admin_client_logged, events):
    talks = events["talks"]
    response = admin_client_logged.post(change_url(talks), form_data(talks, date_edtf="1937-07-01"))
    assert response.status_code == 302
    talks.refresh_from_db()
    assert (str(talks.date_sort), talks.date_precision) == ("1937-07-01", "day")
    assert talks.curated_fields == ["date_edtf"]


def test_saving_marks_only_changed_curatable_fields(admin_client_logged, events):
    letter = events["letter"]
    admin_client_logged.post(change_url(letter), form_data(letter, title="Письмо Л. Д. Троцкого",
                                                          date_text="1.II.1923"))
    letter.refresh_from_db()
    assert letter.curated_fields == ["date_text", "title"]
    assert letter.history.first().history_user == admin_client_logged.user


def test_editing_people_inline_marks_people_curated(admin_client_logged, events):
    talks = events["talks"]
    stalin = Person.objects.create(name="Сталин И. В.")
    data = form_data(talks)
    data.update({"person_links-TOTAL_FORMS": 1, "person_links-0-person": stalin.pk,
                 "person_links-0-role": "mentioned", "person_links-0-event": talks.pk})
    response = admin_client_logged.post(change_url(talks), data)
    assert response.status_code == 302
    talks.refresh_from_db()
    assert list(talks.people.all()) == [stalin]
    assert talks.curated_fields == ["people"]


def test_removing_a_person_marks_people_curated(admin_client_logged, events):
    letter = events["letter"]
    data = form_data(letter)
    data["person_links-0-DELETE"] = "on"
    admin_client_logged.post(change_url(letter), data)
    letter.refresh_from_db()
    assert letter.people.count() == 0 and letter.curated_fields == ["people"]


def test_editing_citation_offsets_recomputes_quote_and_line(admin_client_logged, events):
    talks = events["talks"]
    citation = talks.citations.get()
    data = form_data(talks, **{"citations-0-start": citation.start, "citations-0-end": citation.start + 13})
    assert admin_client_logged.post(change_url(talks), data).status_code == 302
    citation.refresh_from_db()
    assert citation.quote == "Летом 1937 г."
    assert citation.line == 3


def test_citation_beyond_the_source_is_refused(admin_client_logged, events):
    talks = events["talks"]
    data = form_data(talks, **{"citations-0-end": 10**6})
    response = admin_client_logged.post(change_url(talks), data)
    assert response.status_code == 200
    assert "beyond the end of the source" in response.content.decode()


def test_people_autocomplete_finds_by_name(admin_client_logged, events):
    response = admin_client_logged.get(reverse("admin:autocomplete"), {
        "app_label": "events", "model_name": "eventperson", "field_name": "person", "term": "Троц"})
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Троцкий Л. Д."]


def test_people_inline_uses_autocomplete(admin_client_logged, events):
    html = admin_client_logged.get(change_url(events["letter"])).content.decode()
    assert "admin-autocomplete" in html


def test_merged_event_page_links_to_its_target(admin_client_logged, events):
    from events import curation
    curation.merge_events(events["letter"], [events["talks"]])
    html = admin_client_logged.get(change_url(events["talks"])).content.decode()
    assert f'Merged into <a href="{change_url(events["letter"])}">event #{events["letter"].pk}</a>' in html
    assert 'name="_approvenext"' not in html
