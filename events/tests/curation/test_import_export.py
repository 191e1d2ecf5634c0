"""Import/export of events: filtered exports, an import preview that shows bad rows first."""

import csv
import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import Event
from import_export.formats import base_formats

EXPORT = reverse("admin:events_event_export")
IMPORT = reverse("admin:events_event_import")
FORMATS = [base_formats.CSV, base_formats.XLSX, base_formats.JSON]


def export(client, fmt, query=""):
    return client.post(f"{EXPORT}?{query}", {"format": FORMATS.index(fmt), "resource": 0,
                                             **{f"eventresource_{name}": "on" for name in (
                                                 "id", "title", "event_type", "date_text", "date_edtf",
                                                 "date_display", "status", "source", "quote", "people")}})


def rows_of(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_export_has_dates_source_quote_and_people(admin_client_logged, events):
    response = export(admin_client_logged, base_formats.CSV)
    assert response.status_code == 200
    rows = {row["title"]: row for row in rows_of(response)}
    letter = rows["Письмо Троцкого"]
    assert letter["date_edtf"] == "1923-02-01" and letter["date_text"] == "1 февраля 1923 г."
    assert letter["event_type"] == "letter" and letter["source"] == "000_sample.txt"
    assert letter["quote"] == "от 1 февраля 1923 г. об интервью" and letter["people"] == "Троцкий Л. Д."


def test_export_honours_the_changelist_filters(admin_client_logged, events):
    response = export(admin_client_logged, base_formats.CSV, "decade=1930&confidence_band=low")
    assert [row["title"] for row in rows_of(response)] == ["Переговоры прерваны"]


def test_json_and_xlsx_exports(admin_client_logged, events):
    data = json.loads(export(admin_client_logged, base_formats.JSON).content)
    assert {row["title"] for row in data} == {"Письмо Троцкого", "Переговоры прерваны", "Лишение гражданства"}
    xlsx = export(admin_client_logged, base_formats.XLSX)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"  # a zip container


def upload(client, text):
    return client.post(IMPORT, {
        "format": FORMATS.index(base_formats.CSV), "resource": 0,
        "import_file": SimpleUploadedFile("events.csv", text.encode("utf-8"), content_type="text/csv"),
    })


def test_import_preview_shows_the_bad_row_and_saves_nothing(admin_client_logged, events):
    letter, talks = events["letter"], events["talks"]
    text = (
        "id,title,event_type,date_text,date_edtf,status\n"
        f"{letter.pk},Письмо Л. Д. Троцкого,letter,1 февраля 1923 г.,1923-02-01,extracted\n"
        f"{talks.pk},Переговоры прерваны,negotiation,Летом 1937 г.,1937-13-45,extracted\n"
        ",Новое событие,meeting,1938,1938,extracted\n"
    )
    response = upload(admin_client_logged, text)
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [2]
    html = response.content.decode()
    assert "month 13 does not exist" in html
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert Event.objects.count() == 3
    letter.refresh_from_db()
    assert letter.title == "Письмо Троцкого"


def test_clean_import_previews_then_confirms_and_marks_curated(admin_client_logged, events):
    letter = events["letter"]
    text = (
        "id,title,event_type,date_text,date_edtf,status\n"
        f"{letter.pk},Письмо Л. Д. Троцкого,letter,1 февраля 1923 г.,1923-02-01,extracted\n"
    )
    preview = upload(admin_client_logged, text)
    confirm = preview.context["confirm_form"]
    letter.refresh_from_db()
    assert letter.title == "Письмо Троцкого"  # nothing saved by the preview
    response = admin_client_logged.post(reverse("admin:events_event_process_import"), confirm.initial)
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.title == "Письмо Л. Д. Троцкого" and letter.curated_fields == ["title"]


def test_import_rejects_an_unknown_event_type(admin_client_logged, events):
    response = upload(admin_client_logged, "id,title,event_type,date_edtf\n,X,no_such_type,1938\n")
    assert response.context["result"].has_errors() or response.context["result"].has_validation_errors()
    assert Event.objects.count() == 3
