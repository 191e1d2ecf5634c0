import pytest

pytestmark = pytest.mark.django_db


def test_event_types_endpoint_lists_the_vocabulary(client):
    response = client.get("/api/event-types/")
    assert response.status_code == 200
    slugs = [row["slug"] for row in response.json()]
    assert "politburo_session" in slugs


def test_admin_login_page_answers(client):
    assert client.get("/admin/login/").status_code == 200


def test_schema_and_docs_answer(client):
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
