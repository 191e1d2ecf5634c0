"""Shared fixtures of the API tests: a small, varied timeline and users."""

import pytest
from django.contrib.auth.models import Permission, User
from rest_framework.test import APIClient

from events.models import ArchivalDocument, Citation, Event, EventPerson, EventPlace, Person, Place
from events.tests.factories import make_event, make_source

TEXT = (
    "Предисловие.\n"
    "№ 1\n"
    "Письмо Л. Д. Троцкого в Политбюро от 1 февраля 1923 г.\n"
    "Текст письма о положении в партии.\n"
    "РГАСПИ. Ф. 17. Оп. 171. Д. 31. Л. 29–34.\n"
    "2 мая 1935 г. в Париже был подписан советско-французский договор о взаимопомощи.\n"
    "Летом 1937 г. переговоры о военной конвенции были прерваны.\n"
)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def corpus(db):
    """Three events over one source with one archival document, people and places."""
    source = make_source("sample-001.txt", text=TEXT, title="Политбюро и оппозиция")
    start = TEXT.index("№ 1")
    document = ArchivalDocument.objects.create(
        source=source, number="1", start=start, end=TEXT.index("2 мая"),
        reference_text="РГАСПИ. Ф. 17. Оп. 171. Д. 31. Л. 29–34.", date_edtf="1923-02-01",
    )
    letter = make_event(source, date_edtf="1923-02-01", type_slug="letter", title="Письмо Троцкого в Политбюро",
                        quote="Письмо Л. Д. Троцкого в Политбюро от 1 февраля 1923 г.", kind="document",
                        document=document)
    Citation.objects.filter(event=letter).update(document=document)
    pact = make_event(source, date_edtf="1935-05-02", type_slug="treaty", title="Soviet–French pact signed",
                      quote="2 мая 1935 г. в Париже был подписан советско-французский договор о взаимопомощи.",
                      description="Mutual assistance treaty.", confidence=0.9)
    talks = make_event(source, date_edtf="1937-22", type_slug="negotiation", title="Military talks broken off",
                       quote="Летом 1937 г. переговоры о военной конвенции были прерваны.", confidence=0.4)
    trotsky = Person.objects.create(name="Лев Троцкий", variants=["Троцкого", "Trotsky"])
    laval = Person.objects.create(name="Pierre Laval")
    paris = Place.objects.create(name="Париж", variants=["Paris", "Париже"])
    EventPerson.objects.create(event=letter, person=trotsky, role="author")
    EventPerson.objects.create(event=pact, person=laval, role="subject")
    EventPlace.objects.create(event=pact, place=paris, role="location")
    return {
        "source": source, "document": document, "letter": letter, "pact": pact, "talks": talks,
        "trotsky": trotsky, "laval": laval, "paris": paris,
    }


def make_user(username, *perms):
    user = User.objects.create_user(username, password="x")
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def curator(db):
    """A user with every model permission a curator needs."""
    perms = [f"{action}_{model}" for action in ("add", "change", "delete", "view")
             for model in ("event", "citation", "person", "place")]
    return make_user("curator", *perms)


@pytest.fixture
def reader(db):
    """Logged in, but without any model permission."""
    return make_user("reader")


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(response):
    return [row["id"] for row in results(response)]


def rejected(event):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.REJECTED)
