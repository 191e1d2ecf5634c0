"""Sources and the passage endpoint: the cited span with its context."""

import pytest

from .conftest import TEXT, results

pytestmark = pytest.mark.django_db


def test_source_list_has_metadata_but_no_text(api, corpus):
    (row,) = results(api.get("/api/sources/"))
    assert row["title"] == "Политбюро и оппозиция"
    assert row["document_count"] == 1
    assert "text" not in row


def test_source_detail_gives_text_length_and_lines(api, corpus):
    row = api.get(f"/api/sources/{corpus['source'].pk}/").json()
    assert row["text_length"] == len(TEXT)
    assert row["line_count"] == TEXT.count("\n") + 1


def test_passage_gives_span_context_and_line(api, corpus):
    start = TEXT.index("2 мая")
    end = start + len("2 мая 1935 г.")
    data = api.get(f"/api/sources/{corpus['source'].pk}/passage/?start={start}&end={end}&context=10").json()
    assert data["text"] == "2 мая 1935 г."
    assert data["before"] == TEXT[start - 10:start]
    assert data["after"] == TEXT[end:end + 10]
    assert data["line"] == 6 and data["end_line"] == 6
    assert data["context"] == 10


def test_passage_context_is_clipped_at_the_ends_of_the_text(api, corpus):
    data = api.get(f"/api/sources/{corpus['source'].pk}/passage/?start=0&end=5").json()
    assert data["before"] == ""
    assert data["text"] == TEXT[:5]
    assert data["after"] == TEXT[5:305]
    assert data["line"] == 1


@pytest.mark.parametrize("query, param", [
    ("start=10&end=5", "end"),
    ("start=5&end=5", "end"),
    ("start=0&end=999999", "end"),
    ("start=-1&end=5", "start"),
    ("start=abc&end=5", "start"),
    ("end=5", "start"),
    ("start=0&end=5&context=100000", "context"),
    ("start=0&end=99999999999999999999999", "end"),
])
def test_bad_passage_parameters_are_400(api, corpus, query, param):
    response = api.get(f"/api/sources/{corpus['source'].pk}/passage/?{query}")
    assert response.status_code == 400
    assert param in response.json()


def test_passage_of_missing_source_is_404(api, db):
    assert api.get("/api/sources/999/passage/?start=0&end=1").status_code == 404
