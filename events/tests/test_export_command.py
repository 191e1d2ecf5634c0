"""``manage.py export_timeline``: the API's filters and writers, offline."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from events.models import Event

from .export_data import build_timeline

pytestmark = pytest.mark.django_db


def test_writes_the_filtered_selection_to_the_file(tmp_path):
    events = build_timeline()
    target = tmp_path / "letters.csv"
    call_command("export_timeline", "--format", "csv", "--type", "letter", "--date-from", "1930",
                 "-o", str(target), stderr=io.StringIO())
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8-sig"))))
    assert [int(r["id"]) for r in rows] == [events["rakovsky"].pk]
    assert not (tmp_path / "letters.csv.partial").exists()


def test_every_filter_option_reaches_the_filters(tmp_path):
    events = build_timeline()
    target = tmp_path / "out.json"
    call_command("export_timeline", "--format", "json", "--person", "Троцкий", "--date-to", "1925",
                 "--title", "Trotsky before 1925", "-o", str(target), stderr=io.StringIO())
    data = json.loads(target.read_text())
    assert sorted(e["id"] for e in data["events"]) == sorted([events["letter"].pk, events["arrest"].pk])
    assert data["meta"]["title"] == "Trotsky before 1925"
    assert data["meta"]["filters"] == {"person": "Троцкий", "date_to": "1925"}


def test_a_bad_filter_is_an_error_naming_the_option(tmp_path):
    build_timeline()
    target = tmp_path / "x.ics"
    with pytest.raises(CommandError, match="--date-from"):
        call_command("export_timeline", "--format", "ics", "--date-from", "12/1932", "-o", str(target))
    assert not target.exists()


def test_standard_output(capsysbinary):
    build_timeline()
    call_command("export_timeline", "--format", "timelinejs", "-o", "-")
    data = json.loads(capsysbinary.readouterr().out)
    assert len(data["events"]) == Event.objects.exclude(date_edtf="").count()
