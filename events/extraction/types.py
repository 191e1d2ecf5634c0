"""The records that flow between the extraction stages.

The pipeline is normalize -> segment -> find dates -> build events -> link
people/places -> merge. Each stage is a module of its own; these plain
dataclasses are the only thing the stages share, so a stage can be tested (and
replaced) without the others and without Django.

Every offset here is a Python ``str`` index into the source file's text exactly
as read from disk (UTF-8, newlines untouched). Stages that analyse a cleaned-up
copy of the text map their offsets back before they hand results on.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DateMention:
    """A date expression found in text, normalised to EDTF.

    ``edtf`` is always Gregorian; for an Old Style (Julian) source text
    ``calendar`` is ``"julian"`` and ``original_edtf`` holds the date as written.
    ``inferred`` marks dates whose year (or whole value) came from context
    (the document's date, "с.г.", the paragraph's last explicit year...).
    """

    start: int
    end: int
    text: str
    edtf: str
    calendar: str = "gregorian"
    original_edtf: str = ""
    confidence: float = 1.0
    inferred: bool = False
    # A short machine tag saying which rule matched ("day_month_year",
    # "season", "range", "relative"...): useful in tests and for debugging.
    rule: str = ""


@dataclass
class ArchivalReference:
    """An archival citation line parsed into its parts.

    ``РГАСПИ. Ф. 17. Оп. 171. Д. 31. Л. 29–34. Копия. Машинопись``
    -> archive="РГАСПИ", fond="17", opis="171", delo="31", folios="29–34",
    copy_status="Копия", text=the whole line.
    """

    text: str
    archive: str = ""
    fond: str = ""
    opis: str = ""
    delo: str = ""
    folios: str = ""
    copy_status: str = ""
    start: int = 0
    end: int = 0


@dataclass
class Section:
    """A stretch of a source with one role: metadata, abstract, body, notes,
    bibliography, keywords, people_list, document... Only some kinds may yield
    events (see ``EVENTFUL_SECTIONS``)."""

    kind: str
    start: int
    end: int
    language: str = "ru"


EVENTFUL_SECTIONS = frozenset({"body", "abstract", "document", "notes", "preface"})


@dataclass
class DocumentSegment:
    """One archival document inside a source (001's numbered documents, 004's
    texts in French and Russian)."""

    number: str
    start: int
    end: int
    heading: str = ""
    heading_start: int = 0
    heading_end: int = 0
    genre: str = ""  # an event-type slug: letter, report, protocol, telegram...
    authors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    date: DateMention | None = None  # the document's own date (heading or signature)
    reference: ArchivalReference | None = None
    language: str = "ru"
    # For a translation: the number of the document it translates, in the
    # same source (004: French text -> its Russian original).
    aligned_with: str | None = None


@dataclass
class SourceLayout:
    """What segmentation learns about a whole source file."""

    file_name: str
    kind: str  # archival_collection | article | translation
    languages: list[str]
    title: str = ""
    authors: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)  # journal, year, doi, udc, abstract, keywords
    sections: list[Section] = field(default_factory=list)
    documents: list[DocumentSegment] = field(default_factory=list)
    # Persons described in lists of people (name, birth year, party year,
    # verdict...): they seed Person records but are not events.
    people: list[dict] = field(default_factory=list)


@dataclass
class ExtractedEvent:
    """One event with one citation, as the ``extract`` command prints it.

    An event cited in several places is several ExtractedEvent records that
    share ``event_key`` after the merge stage.
    """

    source: str
    kind: str  # "document" | "mentioned"
    date: str  # EDTF, Gregorian
    date_text: str
    calendar: str
    type: str
    title: str
    start: int
    end: int
    line: int
    quote: str
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    confidence: float = 1.0
    document: str | None = None
    description: str = ""
    language: str = "ru"
    original_date: str = ""  # EDTF in the source's own calendar when Julian
    event_key: str = ""  # identical for citations of the same (merged) event
    date_conflict: bool = False

    def as_json(self) -> dict:
        """The fixed JSONL shape of ``manage.py extract``."""
        return {
            "source": self.source,
            "kind": self.kind,
            "date": self.date,
            "date_text": self.date_text,
            "calendar": self.calendar,
            "type": self.type,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "quote": self.quote,
            "actors": list(self.actors),
            "places": list(self.places),
            "confidence": round(float(self.confidence), 3),
            "document": self.document,
            "event_key": self.event_key,
            "date_conflict": self.date_conflict,
        }
