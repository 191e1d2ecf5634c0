"""Ingest: idempotent, respects curators, all-or-nothing per source.

The extraction is the real builder/entities/merge chain with the tiny fake
date finder, so these tests exercise storage rules, not date rules.
"""

import pytest
from django.core.management import CommandError, call_command

from events import ingestion
from events.extraction.build import build_events
from events.extraction.entities import link_entities
from events.extraction.merge import merge_events
from events.extraction.pipeline import Extraction
from events.extraction.textmap import IdentityText
from events.extraction.types import ArchivalReference, DocumentSegment, Section, SourceLayout
from events.models import ArchivalDocument, Citation, Event, Person, Source

from .extraction.fakes import fake_dates

TEXT = (
    "№ 1\n"
    "Письмо Л. Д. Троцкого И. В. Сталину\n"
    "от 1 февраля 1923 г. об интервью\n"
    "12 января 1928 г. Троцкий был арестован в Москве.\n"
    "5 мая 1929 г. состоялось заседание Политбюро.\n"
    "РГАНИ. Ф. 3. Оп. 62. Д. 182. Л. 50–53\n"
)


def fake_analyse(raw, file_name):
    hs = raw.index("Письмо")
    he = raw.index("об интервью") + len("об интервью")
    rs = raw.index("РГАНИ")
    doc = DocumentSegment("1", 0, len(raw), heading=raw[hs:he], heading_start=hs, heading_end=he, genre="letter",
                          authors=["Л. Д. Троцкого"], recipients=["И. В. Сталину"],
                          reference=ArchivalReference(raw[rs:-1], archive="РГАНИ", fond="3", opis="62",
                                                      delo="182", start=rs, end=len(raw) - 1))
    layout = SourceLayout(file_name, "archival_collection", ["ru"], title="Тест",
                          sections=[Section("document", 0, len(raw))], documents=[doc])
    events = build_events(raw, layout, IdentityText(raw), fake_dates)
    link_entities(events, raw, layout)
    merge_events(events)
    return Extraction(file_name, raw, layout, events, [])


@pytest.fixture
def source_file(tmp_path, monkeypatch):
    monkeypatch.setattr(ingestion, "analyse_text", fake_analyse)
    path = tmp_path / "t.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _snapshot():
    return (
        sorted(Event.objects.values_list("fingerprint", "title", "date_edtf", "status", "updated_at")),
        sorted(Citation.objects.values_list("event__fingerprint", "start", "end", "quote", "updated_at")),
        Person.objects.count(),
        sorted(ArchivalDocument.objects.values_list("number", "updated_at")),
        list(Source.objects.values_list("sha256", "updated_at")),
    )


def _ingest(path):
    call_command("ingest", str(path), "--no-progress", stdout=open("/dev/null", "w"))


@pytest.mark.django_db
def test_ingest_stores_source_documents_events_citations_and_people(source_file):
    _ingest(source_file)
    source = Source.objects.get(file_name="t.txt")
    assert source.text == TEXT and len(source.sha256) == 64
    doc = ArchivalDocument.objects.get(source=source, number="1")
    assert (doc.archive, doc.fond, doc.date_edtf) == ("РГАНИ", "3", "1923-02-01")
    letter = Event.objects.get(kind="document")
    assert letter.event_type.slug == "letter" and letter.document == doc
    assert {(l.person.name, l.role) for l in letter.person_links.all()} == {
        ("Л. Д. Троцкий", "author"), ("И. В. Сталин", "recipient")}
    arrest = Event.objects.get(event_type__slug="arrest")
    assert arrest.date_edtf == "1928-01-12" and arrest.date_sort is not None
    assert [p.name for p in arrest.places.all()] == ["Москва"]
    for c in Citation.objects.all():
        c.full_clean()  # quote == text[start:end], line right


@pytest.mark.django_db
def test_second_ingest_changes_nothing(source_file):
    _ingest(source_file)
    before = _snapshot()
    _ingest(source_file)
    assert _snapshot() == before


@pytest.mark.django_db
def test_curated_fields_are_never_overwritten(source_file):
    _ingest(source_file)
    ev = Event.objects.get(event_type__slug="arrest")
    ev.title = "Арест Троцкого (правка)"
    ev.mark_curated("title")
    ev.save()
    _ingest(source_file)
    ev.refresh_from_db()
    assert ev.title == "Арест Троцкого (правка)"
    assert ev.date_edtf == "1928-01-12"


@pytest.mark.django_db
def test_rejected_event_is_not_revived(source_file):
    _ingest(source_file)
    Event.objects.filter(event_type__slug="arrest").update(status=Event.Status.REJECTED)
    _ingest(source_file)
    assert Event.objects.get(event_type__slug="arrest").status == Event.Status.REJECTED


@pytest.mark.django_db
def test_merged_away_event_is_not_recreated(source_file):
    _ingest(source_file)
    arrest = Event.objects.get(event_type__slug="arrest")
    letter = Event.objects.get(kind="document")
    arrest.merged_into = letter
    arrest.save()
    count = Event.objects.count()
    _ingest(source_file)
    assert Event.objects.count() == count
    assert Event.objects.get(pk=arrest.pk).merged_into == letter


@pytest.mark.django_db
def test_events_no_longer_extracted_are_removed_unless_curated(source_file):
    _ingest(source_file)
    session = Event.objects.get(event_type__slug="politburo_session")
    session.mark_curated("description")
    session.save()
    source_file.write_text(TEXT.replace("был арестован", "был дома").replace("состоялось", "было"), encoding="utf-8")
    _ingest(source_file)
    assert not Event.objects.filter(event_type__slug="arrest").exists()
    assert Event.objects.filter(pk=session.pk).exists()


@pytest.mark.django_db
def test_unusable_file_is_a_command_error_and_nothing_is_written(tmp_path, source_file):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Письмо".encode("cp1251"))
    with pytest.raises(CommandError, match="bad.txt"):
        call_command("ingest", str(source_file), str(bad), "--no-progress")
    assert Source.objects.count() == 0 and Event.objects.count() == 0
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(CommandError, match="empty.txt"):
        call_command("ingest", str(empty), "--no-progress")


@pytest.mark.django_db
def test_summary_table_is_printed(source_file, capsys):
    call_command("ingest", str(source_file), "--no-progress")
    out = capsys.readouterr().out
    assert "kept-curated" in out and "t.txt" in out
