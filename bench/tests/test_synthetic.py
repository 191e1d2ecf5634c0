"""The benchmarks' shared synthetic data: valid, deterministic, and (on
PostgreSQL) loaded by COPY into rows the app reads like its own."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from bench import synthetic
from events import dates


def test_random_dates_are_valid_edtf_of_every_precision():
    rng = random.Random(3)
    values = [synthetic.random_edtf(rng) for _ in range(2000)]
    for value in values:
        dates.validate(value)
    precisions = {dates.bounds(v).precision for v in values}
    assert len(precisions) >= 4


def test_source_text_spans_are_whole_dated_sentences():
    rng = random.Random(5)
    text, spans = synthetic.make_source_text(rng, 30, synthetic.vocabulary(rng, 200))
    assert len(spans) == 30
    for start, end in spans:
        sentence = text[start:end]
        assert sentence.endswith(".") and " г. " in sentence and sentence[0].isdigit()
    assert "\n" in text


def test_the_same_seed_gives_the_same_text():
    def build(seed):
        rng = random.Random(seed)
        return synthetic.make_source_text(rng, 20, synthetic.vocabulary(rng, 100))

    assert build(11) == build(11)
    assert build(11) != build(12)


# No serialized_rollback: the root conftest restores the seeded rows (event
# types, groups) after every transactional test.
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the COPY loader needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_load_data_copies_events_whose_citations_quote_their_source():
    from events.models import Citation, Event, EventPerson, EventPlace

    params = connection.get_connection_params()
    connection.close()  # the loader commits on its own connection
    synthetic.clear(params)
    stats = synthetic.load_data(params, 300, seed=9, log=lambda message: None)

    assert Event.objects.count() == stats["events"] == 300
    assert Citation.objects.count() == stats["citations"] >= 300
    assert EventPerson.objects.count() == stats["person_links"]
    assert EventPlace.objects.count() == stats["place_links"]
    for citation in Citation.objects.select_related("source")[:50]:
        text = citation.source.text
        assert citation.quote == text[citation.start:citation.end]
        assert citation.line == text.count("\n", 0, citation.start) + 1
    for event in Event.objects.all()[:50]:
        expected = dates.bounds(event.date_edtf)
        assert (event.date_earliest, event.date_latest, event.date_precision) == (
            expected.earliest, expected.latest, expected.precision)
    # The sequences follow the copied ids: the app can add rows afterwards.
    assert Event.objects.create(title="after the load", event_type=Event.objects.first().event_type,
                                date_edtf="1935").pk == 301
    first = [(e.title, e.date_edtf) for e in Event.objects.order_by("id")[:20]]
    synthetic.clear(params)
    synthetic.load_data(params, 300, seed=9, log=lambda message: None)
    assert [(e.title, e.date_edtf) for e in Event.objects.order_by("id")[:20]] == first
