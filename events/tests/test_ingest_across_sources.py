"""An event cited in two files stays one event whichever files are ingested together.

The real pipeline runs on two small made-up articles that both report the
signing of one treaty; analysed together they give it one key, analysed
alone each file gives it a key of its own.
"""

import pytest
from django.core.management import call_command

from events.models import Citation, Event, EventPerson, EventPlace

LEAD = (
    "Эта статья посвящена истории франко-советских отношений в середине тридцатых годов, "
    "переговорам о коллективной безопасности в Европе и роли дипломатов обеих стран в "
    "подготовке соглашений."
)
ARTICLE_A = (
    "Франко-советские отношения\n\n"
    f"{LEAD} 2 мая 1935 г. в Париже был подписан договор о взаимопомощи между СССР и Францией.\n\n"
    f"{LEAD} 12 января 1928 г. Троцкий был арестован в Москве.\n"
)
ARTICLE_B = (
    "Пакт и Европа\n\n"
    f"{LEAD} Договор о взаимопомощи между СССР и Францией был подписан в Париже 2 мая 1935 г. "
    "полпредом В. П. Потемкиным.\n"
)


@pytest.fixture
def articles(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE_A, encoding="utf-8")
    b.write_text(ARTICLE_B, encoding="utf-8")
    return a, b


def _ingest(*paths):
    call_command("ingest", *map(str, paths), "--no-progress", stdout=open("/dev/null", "w"))


def _treaty():
    treaties = list(Event.objects.current().filter(event_type__slug="treaty"))
    assert len(treaties) == 1, [t.title for t in treaties]
    return treaties[0]


def _state(event):
    event.refresh_from_db()
    return (
        event.pk, event.fingerprint, event.title, event.date_edtf, event.updated_at,
        sorted(event.citations.values_list("source__file_name", "start", "end", "is_primary")),
        sorted(EventPerson.objects.filter(event=event).values_list("person__name", "role")),
        sorted(EventPlace.objects.filter(event=event).values_list("place__name", flat=True)),
    )


@pytest.mark.django_db
def test_one_file_reingested_alone_keeps_the_shared_event_whole(articles):
    a, b = articles
    _ingest(a, b)
    treaty = _treaty()
    assert treaty.citations.count() == 2
    before = _state(treaty)

    _ingest(b)

    assert _treaty().pk == treaty.pk
    assert _state(treaty) == before  # neither split, nor rewritten from half its evidence
    assert Event.objects.current().count() == 2  # the treaty and the arrest


@pytest.mark.django_db
def test_changed_file_reingested_alone_refreshes_only_its_own_citation(articles):
    a, b = articles
    _ingest(a, b)
    treaty = _treaty()
    a_citation = treaty.citations.get(source__file_name="a.txt")
    b.write_text(ARTICLE_B.replace("Пакт и Европа", "Пакт и Европа (1935)"), encoding="utf-8")

    _ingest(b)

    assert _treaty().pk == treaty.pk
    quotes = dict(treaty.citations.values_list("source__file_name", "quote"))
    assert set(quotes) == {"a.txt", "b.txt"}
    assert "Потемкиным" in quotes["b.txt"]
    assert Citation.objects.get(pk=a_citation.pk).quote == a_citation.quote


@pytest.mark.django_db
def test_files_ingested_together_later_join_the_event_a_curator_edited(articles):
    a, b = articles
    _ingest(b)
    first = _treaty()
    first.title = "Подписание франко-советского пакта"
    first.mark_curated("title")
    first.save()

    _ingest(a, b)

    treaty = _treaty()
    assert treaty.pk == first.pk
    assert treaty.title == "Подписание франко-советского пакта"
    assert set(treaty.citations.values_list("source__file_name", flat=True)) == {"a.txt", "b.txt"}
    settled = _state(treaty)
    _ingest(a, b)
    assert _state(treaty) == settled  # and it stays idempotent
