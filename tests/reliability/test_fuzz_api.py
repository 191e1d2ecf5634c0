"""Fuzzing the API with schemathesis against its own OpenAPI schema.

A live server (pytest-django's, on loopback) holds a real ingested source plus
people, places and a rejected event. Schemathesis reads ``/api/schema/`` and
sends generated requests -- valid ones and deliberately invalid ones -- to
every operation, once anonymously and once with a curator's token (so the
write operations run for real). Every response must be a non-5xx and must
match the schema (status-specific body shape, content type).

Volume: ``CHRONICLE_FUZZ_EXAMPLES`` examples per operation and generation
mode (default 10; valid and invalid data), over ~30 operations and two
identities: over 1,000 cases, and each test checks that its half really ran.
"""

from __future__ import annotations

import io
import os

import hypothesis
import pytest
import schemathesis
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from events.models import EventPerson, EventPlace, Person, Place
from events.tests.factories import make_event, make_source

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

EXAMPLES = int(os.environ.get("CHRONICLE_FUZZ_EXAMPLES", "10"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
CASES = {"anonymous": 0, "curator": 0}


@pytest.fixture
def fuzz_data(corpus_dir):
    """The smallest corpus file ingested, plus the kinds of rows it may lack."""
    smallest = min(corpus_dir.glob("*.txt"), key=lambda p: p.stat().st_size)
    call_command("ingest", str(smallest), "--no-progress", stdout=io.StringIO())
    source = make_source("fuzz.txt", text="1 May 1935: a treaty was signed in Paris.\nLater, more.\n")
    event = make_event(source, quote="1 May 1935: a treaty was signed in Paris.", date_edtf="1935-05-01",
                       type_slug="treaty", title="Treaty", fingerprint="fz" * 32)
    rejected = make_event(source, quote="Later, more.", date_edtf="1935~", title="Rejected",
                          fingerprint="fr" * 32)
    rejected.status = "rejected"
    rejected.save()
    person = Person.objects.create(name="Laval", variants=["Pierre Laval"], wikidata_id="Q83003")
    place = Place.objects.create(name="Paris", latitude=48.85, longitude=2.35)
    EventPerson.objects.create(event=event, person=person, role="author")
    EventPlace.objects.create(event=event, place=place, role="location")
    curator = User.objects.create_user("fuzz-curator", password="a-long-password", is_staff=True)
    curator.groups.add(Group.objects.get(name="Curators"))
    return {"token": Token.objects.create(user=curator).key}


@pytest.fixture
def api_schema(fuzz_data, live_server):
    return schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")


FUZZ_SETTINGS = hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same cases on every run: a CI failure can be replayed
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)


def fuzz(schema, who: str, headers: dict[str, str]) -> list[str]:
    """Run every operation in both generation modes; return one line per failure.

    (schemathesis's own pytest integration does not run under pytest 9 yet,
    so operations are driven with Hypothesis directly.)
    """
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20, [op.label for op in operations]
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            seen: list[str] = []

            @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
            @FUZZ_SETTINGS
            def run(case):
                CASES[who] += 1
                try:
                    case.call_and_validate(checks=CHECKS, headers=headers, timeout=30)
                except (FailureGroup, Exception) as exc:  # noqa: BLE001 - schemathesis failures, transport errors
                    if not seen:
                        seen.append(f"{operation.label} [{mode}] {str(exc).strip()[:600]}")

            try:
                run()
            except hypothesis.errors.Unsatisfiable:
                # Nothing to negate (an operation without parameters or body).
                assert mode is GenerationMode.NEGATIVE, operation.label
            failures.extend(seen)
    print(f"fuzz {who}: {CASES[who]} cases over {len(operations)} operations")
    return failures


# Each identity sends at least half of the 1,000 cases the issue asks for.
MINIMUM_CASES = 500


def test_anonymous_requests_never_fail_or_break_the_schema(api_schema):
    failures = fuzz(api_schema, "anonymous", {})
    assert not failures, "\n\n".join(failures)
    assert CASES["anonymous"] >= MINIMUM_CASES * EXAMPLES // 10, CASES


def test_curator_requests_never_fail_or_break_the_schema(api_schema, fuzz_data):
    failures = fuzz(api_schema, "curator", {"Authorization": f"Token {fuzz_data['token']}"})
    assert not failures, "\n\n".join(failures)
    assert CASES["curator"] >= MINIMUM_CASES * EXAMPLES // 10, CASES
