"""Work the event builder spares (speed round 6) changes no event: each
shortcut is compared with the plain way on real files and on made-up
documents built to hit its edge cases."""

from __future__ import annotations

import random

import pytest

from events.extraction import build
from events.extraction.build import EventBuilder, build_events
from events.extraction.dates import find_dates
from events.extraction.textmap import IdentityText
from events.extraction.types import DocumentSegment, Section, SourceLayout
from events.tests.extraction import corpus

# Sentences and lines that touch every rule of the running year: dated and
# year-less dates with and without a trigger, enclosed pieces with their own
# datelines (or a closing one), relative days, references (one with
# triggers), membership years, plans, a French sentence.
_PIECES = [
    "В 1927 г. начался кризис.",
    "7 ноября оппозиция провела демонстрацию.",
    "7 ноября было холодно.",
    "В 1931 г. погода была хорошей.",
    "Сегодня Иванов был арестован в Москве.",
    "Вчера пришло письмо от Иванова.",
    "Вчера было тихо.",
    "1. Москва 09.07.28 г.",
    "«Дорогой Л.Б. Сегодня Иванов был арестован.»",
    "Аресты 19-го июня разбили иллюзии, Иванов был арестован.",
    "Аресты 19-го июня разбили иллюзии.",
    "07.07.28 г.",
    "Получено 15.11.29 г. 18 час. 15 мин.",
    "№ 102 от 7.2.29 г.",
    "О ТРОЦКОМ",
    "Берлин 7.2. (ТАСС) Вчера в Берлине был арестован Иванов.",
    "ПРОТОКОЛ ДОПРОСА, произведенного 27 октября 1928 г. в здании ДПЗ.",
    "В апреле 1926 г. Троцкий приехал в Берлин.",
    "2 мая он был арестован.",
    "2 мая шел дождь.",
    "Троцкий Л. Д. Сочинения. М., 1931. С. 5.",
    "Отчет об аресте 7 ноября // Правда. М., 1927. С. 5.",
    "Иванов, член партии с 1917 г., был назначен секретарем.",
    "Завтра, 5 мая, начнется съезд.",
    "20-го апреля откроется съезд.",
    "В мае с. г. листовки были изъяты.",
    "Осенью того же года его выслали.",
    "Ратификация пакта 1935 г. обсуждалась.",
    "Le 15 février il fut arrêté.",
    "В 1929 г. в Харькове и в 1930 г. в Ленинграде он арестовывался.",
    "Письмо от 3 мая 1930 г. получено 5 мая 1930 г. и прочитано.",
    "Тов. Ярославскому.",
]
_HEADINGS = ["Докладная записка от 28 октября 1929 г.", "Письмо Политбюро от 1 сентября 1927 г.",
             "СПИСОК АРЕСТОВАННЫХ", "Обзор бюллетеней ТАСС от 5 марта 1929 г."]


def _made_up_source(rng: random.Random):
    """A source of random lines of ``_PIECES``: one dated or undated
    document after a preface, or plain body text; some lines a footnote."""
    lines = [" ".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(3, 9))]
    body = "".join(line + rng.choice(["\n", "\n\n"]) for line in lines)
    if rng.random() < 0.3:
        raw = body
        layout = SourceLayout(file_name="t.txt", kind="article", languages=["ru"],
                              sections=[Section("body", 0, len(raw))], documents=[])
    else:
        heading = rng.choice(_HEADINGS)
        preface = rng.choice(["", "В 1925 г. начался кризис.\n\n"])
        raw = f"{preface}№ 1\n{heading}\n\n{body}"
        ds = len(preface)
        hs = raw.index(heading)
        doc = DocumentSegment("1", ds, len(raw), heading=heading, heading_start=hs,
                              heading_end=hs + len(heading), genre="letter")
        sections = [Section("preface", 0, ds)] if preface else []
        layout = SourceLayout(file_name="t.txt", kind="archival_collection", languages=["ru"],
                              sections=sections, documents=[doc])
    norm = IdentityText(raw)
    if rng.random() < 0.4:  # a footnote body: one of the lines
        start = raw.index(rng.choice(lines))
        norm.footnotes = [(start, raw.index("\n", start))]
    return raw, layout, norm


def _events(raw, layout, norm):
    return [e.__dict__ for e in build_events(raw, layout, norm, find_dates)]


def _sources():
    rng = random.Random(6)
    made_up = [_made_up_source(rng) for _ in range(250)]
    real = [(corpus.raw(key), corpus.layout(key), corpus.normalized(key)) for key in ("000", "002", "004")]
    return made_up + real


def _every_date_judged_first(monkeypatch):
    """The plain way: every date of a sentence is judged (and re-dated by
    an enclosed piece's dateline) before its triggers are looked for."""
    monkeypatch.setattr(EventBuilder, "judged_at_once", staticmethod(lambda state, after: True))


def test_dates_judged_once_a_sentence_has_triggers_give_the_events_of_judging_every_date_first(monkeypatch):
    sources = _sources()
    calls = {"n": 0}
    plain_judge = EventBuilder.is_usable

    def counted(self, *args):
        calls["n"] += 1
        return plain_judge(self, *args)

    monkeypatch.setattr(EventBuilder, "is_usable", counted)
    lazily = [_events(*source) for source in sources]
    lazy_calls = calls["n"]
    _every_date_judged_first(monkeypatch)
    calls["n"] = 0
    eagerly = [_events(*source) for source in sources]
    assert lazily == eagerly
    assert sum(map(len, lazily)) > 300  # the sources really give events
    assert lazy_calls < calls["n"] * 0.95  # and judging late spares work


@pytest.mark.parametrize("key", ["001"])
def test_dates_judged_once_a_sentence_has_triggers_change_nothing_in_a_file_of_enclosed_pieces(key, monkeypatch):
    """001 encloses letters and wire items with datelines of their own, whose
    year-less dates ``told_in_piece`` re-dates."""
    source = (corpus.raw(key), corpus.layout(key), corpus.normalized(key))
    lazily = _events(*source)
    _every_date_judged_first(monkeypatch)
    assert _events(*source) == lazily


def _carried(sentence, state=(None, None, None, None), footnote=False, doc=None, doc_year=None, year=1927):
    layout = SourceLayout(file_name="t.txt", kind="article", languages=["ru"])
    builder = EventBuilder("", layout, IdentityText(""), find_dates)
    [m] = find_dates(sentence, "ru", build.make_context(year=year))
    return builder.carried(state, m, sentence, 0, "ru", footnote, doc, doc_year)


def test_only_a_date_with_a_year_of_its_own_outside_footnotes_carries_the_running_year():
    assert _carried("В 1929 г. начался кризис.") == (1929, None, None, None)
    assert _carried("В 1929 г. начался кризис.", footnote=True) == (None, None, None, None)
    assert _carried("В ноябре 1929 г. начался кризис.") == (1929, None, None, 11)
    assert _carried("Ратификация пакта 1935 г. обсуждалась.", state=(1936, None, None, 3)) == (1936, None, None, 3)


def test_a_yearless_date_outside_dated_documents_carries_the_month_the_story_reached():
    assert _carried("7 ноября прошла демонстрация.", state=(1927, None, None, None)) == (1927, None, None, 11)
    assert _carried("7 ноября прошла демонстрация.", state=(1927, None, None, 3), footnote=True) \
        == (1927, None, None, 3)
    doc = DocumentSegment("1", 0, 10)
    assert _carried("7 ноября прошла демонстрация.", state=(1927, None, None, None), doc=doc, doc_year=1927) \
        == (1927, None, None, None)  # a dated document's writing day governs instead


def test_a_date_in_a_document_carries_the_latest_year_and_may_open_a_story():
    doc = DocumentSegment("1", 0, 10)
    assert _carried("В 1926 г. Троцкий приехал в Берлин.", doc=doc, doc_year=1927) == (1926, 1926, (1926, 9), None)
    assert _carried("Он писал о пакте 1925 г. и о съезде.", state=(1927, 1926, None, None), doc=doc,
                    doc_year=1927) == (1927, 1926, None, None)  # nothing moves: judged only for events


def test_the_running_year_is_carried_as_if_every_date_were_asked_whether_it_sets_it():
    """``carried`` does not ask a date that repeats the running year whether
    it sets it (the answer leaves the year as it is): for running years
    before, at and after each date's year it carries what asking gives."""
    layout = SourceLayout(file_name="t.txt", kind="article", languages=["ru"])
    builder = EventBuilder("", layout, IdentityText(""), find_dates)
    asked = 0
    for sentence in _PIECES:
        for m in find_dates(sentence, "ru", build.make_context(year=1927)):
            y = build.year_of(m.edtf.rsplit("/", 1)[-1]) or build.year_of(m.edtf)
            if m.inferred or not y:
                continue
            for last_year in (None, y - 1, y, y + 1):
                plain = y if EventBuilder.sets_running_year(sentence, m, "ru", last_year) else last_year
                point = build.last_month_of(m.edtf)
                reached = point[1] if point is not None and point[0] == plain else None
                assert builder.carried((last_year, None, None, None), m, sentence, 0, "ru", False, None, None) \
                    == (plain, None, None, reached), sentence
                asked += 1
    assert asked > 40
