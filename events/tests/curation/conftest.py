"""Fixtures for curation tests: users (superuser, curator), a small corpus of events."""

import pytest
from django.contrib.auth.models import Group, User

from events.models import EventPerson, Person, Place
from events.tests.factories import make_event, make_source

TEXT = (
    "Письмо Л. Д. Троцкого\n"
    "от 1 февраля 1923 г. об интервью <b>с</b> корреспондентом.\n"
    "Летом 1937 г. переговоры были прерваны.\n"
    "В 1932 г. Троцкий был лишён гражданства.\n"
)


@pytest.fixture
def admin_client_logged(db, client):
    user = User.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def curator(db):
    user = User.objects.create_user("clio", "clio@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    return user


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    client.user = curator
    return client


@pytest.fixture
def source(db):
    return make_source(file_name="000_sample.txt", text=TEXT, title="Sample archive")


@pytest.fixture
def events(source):
    """Three events of one source, with different dates, types and confidences."""
    letter = make_event(source, title="Письмо Троцкого", date_edtf="1923-02-01",
                        date_text="1 февраля 1923 г.", confidence=0.9,
                        quote="от 1 февраля 1923 г. об интервью")
    talks = make_event(source, title="Переговоры прерваны", type_slug="negotiation",
                       date_edtf="1937-22", date_text="Летом 1937 г.", confidence=0.3,
                       quote="Летом 1937 г. переговоры были прерваны.")
    citizenship = make_event(source, title="Лишение гражданства", type_slug="other",
                             date_edtf="1932", date_text="В 1932 г.", confidence=0.6,
                             quote="В 1932 г. Троцкий был лишён гражданства.")
    trotsky = Person.objects.create(name="Троцкий Л. Д.", variants=["Троцкого"])
    EventPerson.objects.create(event=letter, person=trotsky, role=EventPerson.Role.AUTHOR)
    EventPerson.objects.create(event=citizenship, person=trotsky, role=EventPerson.Role.SUBJECT)
    Place.objects.create(name="Москва")
    return {"letter": letter, "talks": talks, "citizenship": citizenship}
