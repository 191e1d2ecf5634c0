"""Who may change what: every write endpoint of the API and every curation
action of the admin, tried as each kind of user. Only the allowed pairs
succeed; a refused request changes no row anywhere.

Roles: anonymous; ``reader``, logged in but neither staff nor curator;
``staff``, allowed into the admin but with no permission; ``curator``, staff
in the "Curators" group (created by a migration); ``superuser``.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from events import curation
from events.backup import row_counts
from events.models import Citation, Event, MergeRecord, Person, Place, Source
from events.tests.factories import make_event, make_source

ROLES = ["anonymous", "reader", "staff", "curator", "superuser"]
EDITORS = {"curator", "superuser"}
NOBODY: set[str] = set()

TEXT = "Письмо от 1 февраля 1923 г. об интервью.\nЛетом 1937 г. переговоры были прерваны.\nКонец.\n"


def make_user(role: str) -> User | None:
    if role == "anonymous":
        return None
    if role == "superuser":
        return User.objects.create_superuser("root", "", "a-long-root-password")
    user = User.objects.create_user(role, password=f"a-long-{role}-password", is_staff=role != "reader")
    if role == "curator":
        user.groups.add(Group.objects.get(name="Curators"))
    return user


@pytest.fixture
def world(db):
    source = make_source("perm.txt", text=TEXT, title="Permissions source")
    letter = make_event(source, quote="Письмо от 1 февраля 1923 г. об интервью.", fingerprint="1" * 64)
    talks = make_event(source, quote="Летом 1937 г. переговоры были прерваны.", date_edtf="1937-22",
                       type_slug="negotiation", title="Переговоры", fingerprint="2" * 64)
    spare = make_event(source, quote="Конец.", date_edtf="1938", title="Конец", fingerprint="3" * 64)
    person = Person.objects.create(name="Троцкий")
    place = Place.objects.create(name="Москва")
    other = make_event(source, quote="Конец.", date_edtf="1938", title="Дубль", fingerprint="4" * 64)
    record = curation.merge_events(spare, [other])
    return {"source": source, "letter": letter, "talks": talks, "spare": spare, "person": person,
            "place": place, "record": record, "citation": Citation.objects.filter(event=letter).get()}


def api_client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


# --- the API ---------------------------------------------------------------------------------

def _event_body(w):
    return {"title": "Новое", "type": "letter", "date_edtf": "1923-02-02", "date_text": "2 февраля 1923 г."}


API_OPS = {
    # name: (method, url, body, allowed roles, proof that it happened)
    "event create": ("post", "/api/events/", _event_body, EDITORS,
                     lambda w: Event.objects.filter(title="Новое").exists()),
    "event replace": ("put", "/api/events/{letter}/", lambda w: {**_event_body(w), "title": "Заменено"}, EDITORS,
                      lambda w: Event.objects.get(pk=w["letter"].pk).title == "Заменено"),
    "event edit": ("patch", "/api/events/{letter}/", lambda w: {"title": "Исправлено"}, EDITORS,
                   lambda w: Event.objects.get(pk=w["letter"].pk).title == "Исправлено"),
    "event reject": ("patch", "/api/events/{letter}/", lambda w: {"status": "rejected"}, EDITORS,
                     lambda w: Event.objects.get(pk=w["letter"].pk).status == "rejected"),
    "event delete": ("delete", "/api/events/{talks}/", None, EDITORS,
                     lambda w: not Event.objects.filter(pk=w["talks"].pk).exists()),
    "person create": ("post", "/api/people/", lambda w: {"name": "Зиновьев"}, EDITORS,
                      lambda w: Person.objects.filter(name="Зиновьев").exists()),
    "person replace": ("put", "/api/people/{person}/", lambda w: {"name": "Бронштейн"}, EDITORS,
                       lambda w: Person.objects.get(pk=w["person"].pk).name == "Бронштейн"),
    "person edit": ("patch", "/api/people/{person}/", lambda w: {"wikidata_id": "Q33391"}, EDITORS,
                    lambda w: Person.objects.get(pk=w["person"].pk).wikidata_id == "Q33391"),
    "person delete": ("delete", "/api/people/{person}/", None, EDITORS,
                      lambda w: not Person.objects.filter(pk=w["person"].pk).exists()),
    "place create": ("post", "/api/places/", lambda w: {"name": "Париж"}, EDITORS,
                     lambda w: Place.objects.filter(name="Париж").exists()),
    "place replace": ("put", "/api/places/{place}/", lambda w: {"name": "Moscou"}, EDITORS,
                      lambda w: Place.objects.get(pk=w["place"].pk).name == "Moscou"),
    "place edit": ("patch", "/api/places/{place}/", lambda w: {"latitude": 55.75}, EDITORS,
                   lambda w: Place.objects.get(pk=w["place"].pk).latitude == 55.75),
    "place delete": ("delete", "/api/places/{place}/", None, EDITORS,
                     lambda w: not Place.objects.filter(pk=w["place"].pk).exists()),
    "citation create": ("post", "/api/citations/",
                        lambda w: {"event": w["talks"].pk, "source": w["source"].pk, "start": 0, "end": 6},
                        EDITORS, lambda w: Citation.objects.filter(event=w["talks"], start=0, end=6).exists()),
    "citation replace": ("put", "/api/citations/{citation}/",
                         lambda w: {"event": w["letter"].pk, "source": w["source"].pk, "start": 0, "end": 6},
                         EDITORS, lambda w: Citation.objects.get(pk=w["citation"].pk).end == 6),
    "citation edit": ("patch", "/api/citations/{citation}/", lambda w: {"is_primary": False}, EDITORS,
                      lambda w: not Citation.objects.get(pk=w["citation"].pk).is_primary),
    "citation delete": ("delete", "/api/citations/{citation}/", None, EDITORS,
                        lambda w: not Citation.objects.filter(pk=w["citation"].pk).exists()),
    # Read-only resources: nobody writes them through the API.
    "source create": ("post", "/api/sources/", lambda w: {"title": "x", "file_name": "x.txt", "text": "x"},
                      NOBODY, lambda w: Source.objects.filter(file_name="x.txt").exists()),
    "source edit": ("patch", "/api/sources/{source}/", lambda w: {"title": "changed"}, NOBODY,
                    lambda w: Source.objects.get(pk=w["source"].pk).title == "changed"),
    "source delete": ("delete", "/api/sources/{source}/", None, NOBODY,
                      lambda w: not Source.objects.filter(pk=w["source"].pk).exists()),
    "event type create": ("post", "/api/event-types/", lambda w: {"slug": "new", "label_en": "new"}, NOBODY,
                          lambda w: False),
    "document create": ("post", "/api/documents/", lambda w: {"number": "9"}, NOBODY, lambda w: False),
}


def _url(template: str, w) -> str:
    return template.format(**{k: getattr(v, "pk", v) for k, v in w.items()})


API_CASES = [(op, role) for op in API_OPS for role in ROLES]


@pytest.mark.parametrize("op,role", API_CASES, ids=[f"{op}-{role}" for op, role in API_CASES])
def test_api_write_succeeds_only_for_allowed_roles(world, op, role):
    method, url, body, allowed, happened = API_OPS[op]
    client = api_client(make_user(role))
    before = row_counts()
    response = getattr(client, method)(_url(url, world), body(world) if body else None, format="json")
    if role in allowed:
        assert response.status_code in (200, 201, 204), (response.status_code, response.content[:300])
        assert happened(world)
    else:
        # Anonymous: 403 rather than 401, because session authentication comes first.
        expected = {401, 403} if role == "anonymous" else {403, 405}
        if allowed is NOBODY:
            expected |= {405}
        assert response.status_code in expected, (response.status_code, response.content[:300])
        assert not happened(world)
        assert row_counts() == before


# --- the admin -------------------------------------------------------------------------------

def _action(name, *keys, extra=None):
    def post(client, w):
        data = {"action": name, "_selected_action": [w[k].pk for k in keys], **(extra(w) if extra else {})}
        return client.post("/admin/events/event/", data)
    return post


def _queue_action(name, key):
    def post(client, w):
        return client.post("/admin/events/reviewqueueevent/", {"action": name, "_selected_action": [w[key].pk]})
    return post


def _post(url, data=None):
    def post(client, w):
        return client.post(_url(url, w), data(w) if data else {})
    return post


ADMIN_OPS = {
    # name: (request, allowed roles, proof that it happened)
    "approve": (_action("approve_selected", "letter"), EDITORS,
                lambda w: Event.objects.get(pk=w["letter"].pk).status == "reviewed"),
    "reject": (_action("reject_selected", "letter"), EDITORS,
               lambda w: Event.objects.get(pk=w["letter"].pk).status == "rejected"),
    "merge": (_action("merge_selected", "letter", "talks",
                      extra=lambda w: {"confirm_merge": "1", "target": w["letter"].pk}), EDITORS,
              lambda w: Event.objects.get(pk=w["talks"].pk).merged_into_id == w["letter"].pk),
    "queue approve": (_queue_action("approve_selected", "talks"), EDITORS,
                      lambda w: Event.objects.get(pk=w["talks"].pk).status == "reviewed"),
    "undo merge": (_post("/admin/events/mergerecord/{record}/revert/"), EDITORS,
                   lambda w: MergeRecord.objects.get(pk=w["record"].pk).reverted_at is not None),
    "undo merge action": (lambda c, w: c.post("/admin/events/mergerecord/", {
        "action": "revert_selected", "_selected_action": [w["record"].pk]}), EDITORS,
        lambda w: MergeRecord.objects.get(pk=w["record"].pk).reverted_at is not None),
    "delete event": (_post("/admin/events/event/{talks}/delete/", lambda w: {"post": "yes"}), EDITORS,
                     lambda w: not Event.objects.filter(pk=w["talks"].pk).exists()),
    "add person": (_post("/admin/events/person/add/", lambda w: {"name": "Каменев", "variants": ""}), EDITORS,
                   lambda w: Person.objects.filter(name="Каменев").exists()),
    "delete place": (_post("/admin/events/place/{place}/delete/", lambda w: {"post": "yes"}), EDITORS,
                     lambda w: not Place.objects.filter(pk=w["place"].pk).exists()),
    "delete source": (_post("/admin/events/source/{source}/delete/", lambda w: {"post": "yes"}), NOBODY,
                      lambda w: not Source.objects.filter(pk=w["source"].pk).exists()),
    "add user": (_post("/admin/auth/user/add/", lambda w: {
        "username": "intruder", "password1": "Xq9-long-password", "password2": "Xq9-long-password",
        "usable_password": "true"}), {"superuser"},
        lambda w: User.objects.filter(username="intruder").exists()),
    "join curators": (lambda c, w: c.post(f"/admin/auth/group/{Group.objects.get(name='Curators').pk}/change/",
                                          {"name": "Curators", "permissions": []}), {"superuser"},
                      lambda w: not Group.objects.get(name="Curators").permissions.exists()),
}

ADMIN_CASES = [(op, role) for op in ADMIN_OPS for role in ROLES]


@pytest.mark.parametrize("op,role", ADMIN_CASES, ids=[f"{op}-{role}" for op, role in ADMIN_CASES])
def test_admin_action_succeeds_only_for_allowed_roles(world, client, op, role):
    request, allowed, happened = ADMIN_OPS[op]
    user = make_user(role)
    if user is not None:
        client.force_login(user)
    before = row_counts()
    response = request(client, world)
    assert response.status_code < 500
    if role in allowed:
        assert happened(world), (response.status_code, response.content[:500])
    else:
        assert not happened(world)
        if role in ("anonymous", "reader"):
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
        assert row_counts() == before
