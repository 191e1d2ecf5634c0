"""``manage.py extract``: JSONL on stdout, no database, clear errors."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from events.management.commands import extract as extract_cmd
from events.models import Event

from .test_ingest import TEXT, fake_analyse


@pytest.fixture
def source_file(tmp_path, monkeypatch):
    monkeypatch.setattr(extract_cmd, "analyse_text", fake_analyse)
    path = tmp_path / "t.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_extract_prints_one_json_object_per_citation_and_writes_nothing(source_file):
    out = io.StringIO()
    call_command("extract", str(source_file), "--format", "jsonl", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["type"] for r in rows} == {"letter", "arrest", "politburo_session"}
    for r in rows:
        assert TEXT[r["start"]:r["end"]] == r["quote"]
        assert set(r) >= {"source", "kind", "date", "date_text", "calendar", "line", "actors", "places",
                          "confidence", "document", "event_key", "date_conflict"}
    assert Event.objects.count() == 0


def test_extract_names_a_file_that_is_not_utf8(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("é".encode("latin-1"))
    with pytest.raises(CommandError, match="latin1.txt"):
        call_command("extract", str(bad))
