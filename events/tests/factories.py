"""Small builders for test data (real model instances, real database)."""

import hashlib

from events.models import Citation, Event, EventType, Source

SAMPLE_TEXT = (
    "Письмо Л. Д. Троцкого\nот 1 февраля 1923 г. об интервью\n"
    "Летом 1937 г. переговоры были прерваны.\n"
)


def make_source(file_name="sample.txt", text=SAMPLE_TEXT, **extra) -> Source:
    return Source.objects.create(
        file_name=file_name,
        title=extra.pop("title", "Sample source"),
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        **extra,
    )


def make_event(source=None, *, date_edtf="1923-02-01", type_slug="letter", quote=None, **extra) -> Event:
    source = source or make_source()
    event = Event.objects.create(
        title=extra.pop("title", "Письмо Троцкого"),
        event_type=EventType.objects.get(slug=type_slug),
        date_edtf=date_edtf,
        date_text=extra.pop("date_text", date_edtf),
        **extra,
    )
    quote = quote or source.text.splitlines()[0]
    start = source.text.index(quote)
    citation = Citation(event=event, source=source, start=start, end=start + len(quote), is_primary=True)
    citation.fill_from_source()
    citation.full_clean()
    citation.save()
    return event
