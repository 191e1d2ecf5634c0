"""A printable handout: the selection in chronological order, one entry per
event with the date as the source writes it next to the normalised date,
and numbered citations (source, document and archival reference, line,
quote) printed right under the entry they support.

Notes stay with their entry rather than at the end of the file so the
handout can be written in one pass with flat memory; the numbering still
runs through the whole document, as in a printed book. The stylesheet lays
it out for A4 paper.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.html import escape

from events.models import Event

from . import base

CONTENT_TYPE = "text/html; charset=utf-8"
EXTENSION = "html"

STYLE = """
:root { --ink: #1d1d1f; --muted: #5b5b66; --rule: #d9d6cf; --accent: #7a3b1d; }
* { box-sizing: border-box; }
body { font: 11.5pt/1.45 "Georgia", "PT Serif", "Times New Roman", serif; color: var(--ink);
       max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
header.handout { border-bottom: 2px solid var(--ink); margin-bottom: 1.5rem; padding-bottom: .75rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
.meta, .how { color: var(--muted); font-size: .9rem; margin: .15rem 0; }
h2.year { font-size: 1.3rem; color: var(--accent); border-bottom: 1px solid var(--rule);
          margin: 1.6rem 0 .6rem; padding-bottom: .15rem; break-after: avoid; }
article.event { margin: 0 0 1.1rem; break-inside: avoid; page-break-inside: avoid; }
.when { margin: 0; font-size: .95rem; }
.when .as-written { font-weight: bold; }
.when .normalised { color: var(--muted); }
.when .flag { font-size: .8rem; border: 1px solid var(--muted); border-radius: 3px;
              padding: 0 .25rem; margin-left: .3rem; color: var(--muted); }
.event.inexact .when .as-written { font-style: italic; }
h3 { font-size: 1.05rem; margin: .1rem 0 .25rem; }
h3 sup a { color: var(--accent); text-decoration: none; font-weight: normal; }
.description, .who { margin: .2rem 0; }
.who { color: var(--muted); font-size: .9rem; }
ol.notes { margin: .35rem 0 0; padding-left: 2.2rem; font-size: .85rem; color: #333;
           border-left: 2px solid var(--rule); }
ol.notes li { margin: .15rem 0; }
ol.notes .ref { font-style: italic; }
ol.notes q { quotes: "«" "»"; }
footer.handout { border-top: 1px solid var(--rule); margin-top: 2rem; color: var(--muted); font-size: .85rem; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  h2.year { break-after: avoid; page-break-after: avoid; }
}
"""


def _head(meta: base.ExportMeta) -> str:
    selection = meta.filters_text()
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{escape(meta.title)}</title>\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n<header class=\"handout\">\n"
        f"<h1>{escape(meta.title)}</h1>\n"
        + (f"<p class=\"meta\">Selection: {escape(selection)}</p>\n" if selection else "")
        + f"<p class=\"meta\">Generated {meta.generated_at:%Y-%m-%d %H:%M} UTC by Chronicle.</p>\n"
        "<p class=\"how\">Each date is given first as the source writes it, then normalised. "
        "Numbered notes under each entry quote the passage it comes from.</p>\n"
        "</header>\n<main>\n"
    )


def _year_heading(event: Event) -> str:
    known = base.known_date(event.date_sort)
    return str(known.year) if known else "Undated"


def entry(event: Event, first_note: int, meta: base.ExportMeta) -> str:
    """One event as an ``<article>``; its notes are numbered from ``first_note``."""
    citations = base.citations_of(event)
    numbers = range(first_note, first_note + len(citations))
    inexact = event.date_approximate or event.date_uncertain
    normalised = base.normalised_date(event)
    when = []
    if event.date_text:
        when.append(f"<span class=\"as-written\">{escape(base.one_line(event.date_text))}</span>")
    if normalised and normalised != event.date_text:
        when.append(f"<span class=\"normalised\">({escape(normalised)})</span>")
    if event.date_approximate:
        when.append("<span class=\"flag\">approximate</span>")
    if event.date_uncertain:
        when.append("<span class=\"flag\">uncertain</span>")
    if event.date_conflict:
        when.append("<span class=\"flag\">sources disagree</span>")
    marks = "".join(f"<sup><a href=\"#note-{n}\">{n}</a></sup>" for n in numbers)
    html = [
        f"<article class=\"event{' inexact' if inexact else ''}\" id=\"event-{event.pk}\">",
        f"<p class=\"when\">{' '.join(when)}</p>",
        f"<h3>{escape(event.title)}{marks}</h3>",
    ]
    if event.description:
        html.append(f"<p class=\"description\">{escape(event.description)}</p>")
    people, places = base.people_names(event), base.place_names(event)
    if people or places:
        who = "; ".join(p for p in (", ".join(people), ", ".join(places)) if p)
        html.append(f"<p class=\"who\">{escape(who)}</p>")
    if citations:
        html.append(f"<ol class=\"notes\" start=\"{first_note}\">")
        for number, citation in zip(numbers, citations):
            html.append(
                f"<li id=\"note-{number}\"><span class=\"ref\">{escape(base.citation_reference(citation))}"
                f"</span>: <q>{escape(base.one_line(citation.quote))}</q></li>"
            )
        html.append("</ol>")
    html.append("</article>\n")
    return "".join(html)


def render(events: Iterable[Event], meta: base.ExportMeta | None = None) -> Iterator[bytes]:
    meta = meta or base.ExportMeta()
    return base.chunked_text(_parts(events, meta))


def _parts(events: Iterable[Event], meta: base.ExportMeta) -> Iterator[str]:
    yield _head(meta)
    year = None
    note = 1
    count = 0
    for event in events:
        heading = _year_heading(event)
        if heading != year:
            if year is not None:
                yield "</section>\n"
            yield f"<section>\n<h2 class=\"year\">{escape(heading)}</h2>\n"
            year = heading
        yield entry(event, note, meta)
        note += len(base.citations_of(event))
        count += 1
    if year is not None:
        yield "</section>\n"
    if not count:
        yield "<p>No events match this selection.</p>\n"
    yield f"</main>\n<footer class=\"handout\"><p>{count} events, {note - 1} citations.</p></footer>\n</body>\n</html>\n"
