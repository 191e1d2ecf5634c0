"""A small database that exercises everything a backup must carry.

Run inside a configured Django process (``manage.py shell -c``): users of
each kind with API tokens, the curators' group, sources in three languages,
events with people, places, citations, an archival document translated by
another (self link), a merged and a rejected event, curated fields, edits
recorded in the history tables by a named user, an admin log entry, an edited
and a deleted event type.
"""

from __future__ import annotations

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from rest_framework.authtoken.models import Token

from events.models import (
    ArchivalDocument, Citation, Event, EventPerson, EventPlace, EventType, Person, Place, Source,
)
from events.tests.factories import make_event, make_source

HOSTILE = "<script>alert(1)</script> ' OR 1=1; -- \U0001F4DC \u202e"


def populate() -> None:
    root = User.objects.create_superuser("root", "root@example.org", "a-long-root-password")
    curator = User.objects.create_user("curator", password="a-long-curator-password", first_name="Анна")
    reader = User.objects.create_user("reader", password="a-long-reader-password", is_active=True)
    gone = User.objects.create_user("gone", password="x-long-password-gone")
    curators, _ = Group.objects.get_or_create(name="Curators")
    curators.permissions.add(*Permission.objects.filter(content_type__app_label="events"))
    curator.groups.add(curators)
    reader.user_permissions.add(Permission.objects.get(codename="view_event"))
    for user in (root, curator, reader):
        Token.objects.create(user=user)

    ru = make_source()
    fr = make_source(
        "fr.txt", "Lettre du 3 mars 1924.\nÀ Paris, l'été 1925 : réunion.\n",
        title="Source française", languages=["fr"], authors=["Dupont"], metadata={"year": 1990},
    )
    make_source("en.txt", "On 5 May 1926 a meeting was held in London.\n", title=HOSTILE)

    original = ArchivalDocument.objects.create(
        source=fr, number="1", language="fr", heading="Lettre", start=0, end=22,
        date_edtf="1924-03-03", date_text="3 mars 1924",
    )
    ArchivalDocument.objects.create(
        source=ru, number="1", language="ru", heading="Письмо (перевод)", start=0, end=20,
        aligned_with=original, date_edtf="1923-02-01", date_text="1 февраля 1923 г.",
    )

    letter = make_event(ru, fingerprint="a" * 64, confidence=0.75)
    summer = make_event(ru, date_edtf="1937-22", type_slug="negotiation",
                        quote="Летом 1937 г. переговоры были прерваны.", fingerprint="b" * 64)
    duplicate = make_event(ru, date_edtf="1937-22", type_slug="negotiation",
                           quote="Летом 1937 г.", fingerprint="c" * 64)
    duplicate.merged_into = summer
    duplicate.save()
    rejected = make_event(fr, date_edtf="1924-03-03", quote="Lettre du 3 mars 1924.",
                          title=HOSTILE, fingerprint="d" * 64)
    rejected.status = Event.Status.REJECTED
    rejected.save()

    trotsky = Person.objects.create(name="Лев Троцкий", variants=["Троцкого", "Л. Д. Троцкому"],
                                    wikidata_id="Q33391", birth_year=1879, death_year=1940)
    paris = Place.objects.create(name="Paris", variants=["Париж"], latitude=48.8566, longitude=2.3522)
    EventPerson.objects.create(event=letter, person=trotsky, role=EventPerson.Role.AUTHOR)
    EventPlace.objects.create(event=rejected, place=paris, role=EventPlace.Role.LOCATION)
    Citation.objects.filter(event=letter).update(date_text="1 февраля 1923 г.", date_edtf="1923-02-01")

    # A curator's edits, recorded in the history by name.
    letter.title = "Письмо Л. Д. Троцкого об интервью"
    letter.date_edtf = "1923-02-01/1923-02-03"
    letter.status = Event.Status.REVIEWED
    letter.mark_curated("title", "date_edtf", "status")
    letter._history_user = curator
    letter.save()
    trotsky.description = "Revolutionary; " + HOSTILE
    trotsky._history_user = gone
    trotsky.save()

    # A curator's merge (kept with its undo record), then another one undone.
    from events import curation

    spare = make_event(fr, date_edtf="1924-03-03", quote="Lettre du 3 mars 1924.", fingerprint="m" * 64)
    twin = make_event(fr, date_edtf="1924-03-03", quote="Lettre du 3 mars 1924.", fingerprint="n" * 64)
    curation.merge_events(spare, [twin], user=curator, reason="same letter")
    other = make_event(fr, date_edtf="1925-22", quote="À Paris, l'été 1925 : réunion.", fingerprint="o" * 64)
    undone = curation.merge_events(spare, [other], user=curator)
    curation.revert_merge(undone, user=root)

    LogEntry.objects.create(
        user=curator, content_type=ContentType.objects.get_for_model(Event), object_id=str(letter.pk),
        object_repr=str(letter)[:200], action_flag=CHANGE, change_message='[{"changed": {"fields": ["Title"]}}]',
    )

    # The vocabulary itself is curated: one label edited, one unused type removed, one added.
    letter_type = EventType.objects.get(slug="letter")
    letter_type.label_fr = "lettre (missive)"
    letter_type.save()
    EventType.objects.exclude(events__isnull=False).order_by("-position").first().delete()
    EventType.objects.create(slug="custom-type", label_en="custom", label_ru="особое", label_fr="spécial",
                             position=999)
    gone.delete()  # history rows keep pointing at nobody (SET_NULL)
