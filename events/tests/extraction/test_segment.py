"""Segmentation: what kind of source, which part plays which role, and the
documents of collections and translations."""

from __future__ import annotations


import pytest

from events.extraction.normalize import normalize
from events.extraction.segment import genre_of, parse_archival_reference, parse_heading_people, segment
from events.extraction.types import EVENTFUL_SECTIONS

from . import corpus

# --- archival references ------------------------------------------------------------


def test_archival_citation_line_is_parsed_into_its_parts():
    ref = parse_archival_reference("РГАСПИ. Ф. 17. Оп. 171. Д. 31. Л. 29–34. Копия. Машинопись", offset=100)
    assert (ref.archive, ref.fond, ref.opis, ref.delo, ref.folios, ref.copy_status) == (
        "РГАСПИ", "17", "171", "31", "29–34", "Копия")
    assert (ref.start, ref.end) == (100, 158)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("АВП РФ, ф. 05, оп. 13, п. 94, д. 64, л. 6.", ("АВП РФ", "05", "13", "64", "6")),
        ("АПРФ. Ф. 3. Оп.'24. Д. 139. Л. 35—52. Подлинник. Машинопись.", ("АПРФ", "3", "24", "139", "35—52")),
        ("РГАСПИ. Ф. 17. Оп. 171. Д. 153. Л. 213–220; 222–229. Копия.", ("РГАСПИ", "17", "171", "153", "213–220; 222–229")),
        ("ЦА ФСБ РФ. Ф. 3. Оп. 5. Д. 12. Л. 1 об.", ("ЦА ФСБ РФ", "3", "5", "12", "1 об")),
        ("Archives du Président de la Fédération de Russie, Fonds N° 3, N° 24 d'inventaire, "
         "N° 139 de dossier, N° 35-52 de document d'archive. Original.", ("АПРФ", "3", "24", "139", "35-52")),
    ],
)
def test_archival_citations_in_other_spellings(line, expected):
    ref = parse_archival_reference(line)
    assert (ref.archive, ref.fond, ref.opis, ref.delo, ref.folios) == expected


@pytest.mark.parametrize(
    "line",
    ["Подробно об этом см. в [5. С. 348–354].", "Москва, Россия", "Троцкий Л.Д. Сталин, т. 1–2, М., 1990",
     "Ф. 17. Оп. 171. без архива"],
)
def test_lines_that_are_not_archival_citations(line):
    assert parse_archival_reference(line) is None


# --- headings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading, slug",
    [
        ("Выписка из протокола заседания Политбюро ЦК от 6 сентября 1923 г.", "politburo_session"),
        ("Выписка из протокола заседания Пленума ЦК от 14 января 1924 г.", "plenum"),
        ("Выписка из протокола заседания бюро МК ВКП(б) от 23 сентября 1927 г.", "meeting"),
        ("Выписка из протокола от 5 мая 1927 г.", "protocol"),
        ("Докладная записка Г. Г. Ягоды И. В. Сталину", "report"),
        ("Письмо Л. Д. Троцкого М. М. Литвинову", "letter"),
        ("СПЕЦСООБЩЕНИЕ ВЛ. БАЛИЦКОГО И.В. СТАЛИНУ", "report"),
        ("Lettre de C.G. Rakovski", "letter"),
        ("Note de rapport de V.A. Balitski à I.V. Staline", "report"),
    ],
)
def test_genre_word_at_the_start_of_a_heading_gives_the_event_type(heading, slug):
    assert genre_of(heading)[1] == slug


@pytest.mark.parametrize(
    "heading, phrase, slug",
    [
        ("Выписка из протокола № 6 заседания Политбюро ЦК от 14 января 1928 г.",
         "Выписка из протокола № 6 заседания Политбюро", "politburo_session"),
        ("Выписка из протокола №136/Б Закрытого заседания бюро Сибкрайкома",
         "Выписка из протокола №136/Б Закрытого заседания", "meeting"),
        ("Протокол № 12 заседания Пленума ЦК", "Протокол № 12 заседания Пленума", "plenum"),
        ("Протокол № 7", "Протокол", "protocol"),
    ],
)
def test_a_record_number_inside_a_genre_phrase_does_not_change_the_genre(heading, phrase, slug):
    assert genre_of(heading, "ru") == (phrase, slug)


def test_a_number_without_its_sign_is_no_record_number():
    # "Протокол 7 заседания" is no heading of a session's minutes
    assert genre_of("Протокол 7 заседания Политбюро", "ru") == ("Протокол", "protocol")


def test_a_word_that_only_begins_like_a_genre_is_not_one():
    assert genre_of("Письмоносец пришел") is None


def test_heading_people_genitive_authors_dative_recipients():
    authors, recipients = parse_heading_people(
        "Письмо Л. Д. Троцкого М. М. Литвинову, Г. Е. Зиновьеву, И. В. Сталину от 1 февраля 1923 г. об интервью",
        "ru", "Письмо")
    assert authors == ["Л. Д. Троцкого"]
    assert recipients == ["М. М. Литвинову", "Г. Е. Зиновьеву", "И. В. Сталину"]


def test_heading_people_when_the_case_is_ambiguous_the_first_name_is_the_author():
    authors, recipients = parse_heading_people("Письмо Н. К. Крупской Л. Д. Троцкому от 15 ноября 1924 г.", "ru", "Письмо")
    assert authors == ["Н. К. Крупской"] and recipients == ["Л. Д. Троцкому"]


def test_heading_people_in_french():
    authors, recipients = parse_heading_people("Note de V.A. Balitski à J.V. Staline du 15 février 1932", "fr", "Note")
    assert authors == ["V.A. Balitski"] and recipients == ["J.V. Staline"]


# --- a small collection -------------------------------------------------------------------

COLLECTION = """ПРЕДИСЛОВИЕ

Вниманию читателей предлагается сборник документов.

ДОКУМЕНТЫ

№ 1
Письмо Л. Д. Троцкого И. В. Сталину от 1 февраля 1923 г.

Тов. Сталину. Текст письма.
РГАСПИ. Ф. 17. Оп. 171. Д. 1. Л. 1. Копия. Машинопись

№ 2
Выписка из протокола заседания Политбюро ЦК от 3 февраля 1923 г.

Строго секретно
№ 7495/с
№ 40
Слушали и постановили.
РГАСПИ. Ф. 17. Оп. 171. Д. 2. Л. 2. Копия. Машинопись
Текст документа, потерявшего заголовок.
РГАСПИ. Ф. 17. Оп. 171. Д. 3. Л. 3. Подлинник. Машинопись

№ 4
Докладная записка Г. Г. Ягоды И. В. Сталину от 5 марта 1923 г.

Текст записки.
РГАНИ. Ф. 3. Оп. 62. Д. 4. Л. 4. Копия. Машинопись
"""


def test_collection_documents_follow_the_number_sequence_and_find_the_lost_one():
    lay = segment(COLLECTION, "c.txt")
    assert lay.kind == "archival_collection"
    assert [d.number for d in lay.documents] == ["1", "2", "3", "4"]
    first, second, lost, fourth = lay.documents
    assert first.genre == "letter" and first.authors == ["Л. Д. Троцкого"] and first.recipients == ["И. В. Сталину"]
    assert COLLECTION[first.heading_start:first.heading_end] == first.heading
    assert "от 1 февраля 1923 г." in first.heading
    assert second.genre == "politburo_session"
    assert lost.heading == "" and COLLECTION[lost.start:].startswith("Текст документа, потерявшего")
    assert lost.reference.delo == "3"
    assert fourth.reference.archive == "РГАНИ"
    assert all(COLLECTION[d.reference.start:d.reference.end] == d.reference.text for d in lay.documents)
    kinds = [s.kind for s in lay.sections]
    assert kinds[0] == "preface" and kinds.count("document") == 4


# --- the corpus --------------------------------------------------------------------------


def test_001_has_215_documents_numbered_1_to_215_each_with_a_reference():
    lay = corpus.layout("001")
    assert lay.kind == "archival_collection"
    assert len(lay.documents) == 215
    assert [d.number for d in lay.documents] == [str(n) for n in range(1, 216)]
    for d in lay.documents:
        ref = d.reference
        assert ref is not None and ref.archive and ref.fond and ref.opis and ref.delo, d.number
        assert d.start <= ref.start < ref.end <= d.end


def test_001_documents_do_not_overlap_and_headings_name_the_genre():
    lay = corpus.layout("001")
    docs = lay.documents
    assert all(a.end <= b.start for a, b in zip(docs, docs[1:]))
    with_genre = sum(1 for d in docs if d.genre)
    assert with_genre >= 200
    raw = corpus.raw("001")
    first = docs[0]
    assert raw[first.start:first.start + 3] == "№ 1"
    assert first.heading.startswith("Письмo".replace("o", "о") + " Л. Д. Троцкого")
    assert first.recipients == ["М. М. Литвинову", "Г. Е. Зиновьеву", "И. В. Сталину"]


def test_001_preface_comes_first_and_people_lists_yield_no_events():
    lay = corpus.layout("001")
    assert lay.sections[0].kind == "preface"
    people = [s for s in lay.sections if s.kind == "people_list"]
    assert people and "people_list" not in EVENTFUL_SECTIONS
    assert len(lay.people) > 100
    assert all(p["name"].isupper() for p in lay.people[:50])


def test_001_footnotes_are_notes_sections():
    lay = corpus.layout("001")
    raw = corpus.raw("001")
    notes = [s for s in lay.sections if s.kind == "notes"]
    assert any("Васецкий Н.А." in raw[s.start:s.end] for s in notes)


def test_004_is_a_translation_with_eight_french_texts_aligned_to_their_russian_originals():
    lay = corpus.layout("004")
    assert lay.kind == "translation"
    fr = [d for d in lay.documents if d.language == "fr" and not d.number.endswith("-2")]
    ru = [d for d in lay.documents if d.language == "ru"]
    assert len(fr) == 8 and len(ru) == 8
    assert [d.aligned_with for d in fr] == [d.number for d in ru]
    assert all(f.end <= ru[0].start for f in fr)
    assert fr[0].authors == ["V.A. Balitski"] and fr[0].recipients == ["J.V. Staline"]
    assert ru[0].authors == ["В. А. Балицкого"] and ru[0].recipients == ["И. В. Сталину"]
    assert ru[6].genre == "letter" and fr[6].genre == "letter"
    assert lay.metadata["pairs"] == 8


def test_004_french_version_printed_among_the_originals_is_linked_to_the_next_original():
    lay = corpus.layout("004")
    second = [d for d in lay.documents if d.number.endswith("-2")]
    assert [(d.number, d.language, d.aligned_with) for d in second] == [("3-fr-2", "fr", "3")]
    assert second[0].heading.startswith("COMMUNICATION SPÉCIALE")


def test_004_archival_citations_are_found_in_both_languages():
    lay = corpus.layout("004")
    refs = {(d.language, d.reference.archive, d.reference.delo) for d in lay.documents if d.reference}
    assert ("ru", "АПРФ", "139") in refs and ("fr", "АПРФ", "139") in refs


def test_003_metadata_is_read_from_the_text():
    lay = corpus.layout("003")
    meta = lay.metadata
    assert lay.kind == "article"
    assert meta["doi"] == "10.15826/qr.2022.2.699"
    assert meta["udc"].startswith("94(100)")
    assert meta["year"] == 2022 and meta["journal"] == "Quaestio Rossica"
    assert lay.title.startswith("Несостоявшийся союз") and lay.title.endswith("реваншизма")
    assert lay.authors == ["Александр Вершинин"]
    assert meta["title_en"].startswith("Failed Alliance")
    assert meta["keywords_by_language"]["en"][:2] == ["World War II", "Red Army"]
    assert meta["keywords"][0] == "Вторая мировая война"
    assert set(meta["abstracts"]) == {"ru", "en"}
    assert meta["abstract"].startswith("Статья посвящена")


def test_003_sections_run_metadata_abstracts_keywords_then_body():
    lay = corpus.layout("003")
    raw = corpus.raw("003")
    kinds = [s.kind for s in lay.sections]
    assert kinds.index("abstract") < kinds.index("keywords") < kinds.index("body")
    body = next(s for s in lay.sections if s.kind == "body")
    assert raw[body.start:].startswith("Вопрос о")


def test_000_title_abstracts_notes():
    lay = corpus.layout("000")
    raw = corpus.raw("000")
    assert lay.title.startswith("«ПОСТОЯННО БОДРСТВУЮЩИЙ ДУХ КРИТИКИ»")
    assert set(lay.metadata["abstracts"]) == {"ru", "en"}
    notes = [s for s in lay.sections if s.kind == "notes"]
    assert any("Термин из судебной практики" in raw[s.start:s.end] for s in notes)
    assert lay.sections[-1].kind == "abstract" and lay.sections[-1].language == "en"


def test_002_is_an_article_whose_footnotes_are_notes():
    lay = corpus.layout("002")
    raw = corpus.raw("002")
    assert lay.kind == "article"
    notes = [raw[s.start:s.end] for s in lay.sections if s.kind == "notes"]
    assert any(n.startswith("56 Там же") for n in notes)
    body = [s for s in lay.sections if s.kind == "body"]
    assert raw[body[0].start:].startswith("«Íевероятный союç»")


@pytest.mark.parametrize("key", sorted(corpus.FILES))
def test_sections_are_sorted_and_do_not_overlap(key):
    secs = corpus.layout(key).sections
    assert all(a.end <= b.start for a, b in zip(secs, secs[1:]))


def test_segment_normalises_when_not_given_normalised_text():
    lay = segment(COLLECTION, "c.txt", None)
    again = segment(COLLECTION, "c.txt", normalize(COLLECTION))
    assert [d.number for d in lay.documents] == [d.number for d in again.documents]


def test_004_title_is_the_line_in_capitals_before_the_texts():
    assert corpus.layout("004").title == "TEXTES DE RAKOVSKI DE 1932"


def test_001_compiler_signing_the_preface_is_the_author():
    assert corpus.layout("001").authors == ["Олег Мозохин"]


def test_section_and_document_lookup_by_raw_offset():
    from events.extraction.segment import document_at, section_at

    lay = corpus.layout("001")
    raw = corpus.raw("001")
    pos = raw.index("Прошу передать этот ответ Ренсому")
    assert section_at(lay, pos).kind == "document"
    assert document_at(lay, pos).number == "1"
    assert section_at(lay, raw.index("Вниманию читателей")).kind == "preface"
    assert document_at(lay, raw.index("Вниманию читателей")) is None


def test_a_date_line_below_a_heading_without_a_year_joins_the_heading():
    lay = corpus.layout("004")
    raw = corpus.raw("004")
    doc = next(d for d in lay.documents if d.number == "3-fr")
    assert doc.heading.endswith("11 octobre 1932.")
    assert raw[doc.heading_start:doc.heading_end].endswith("11 octobre 1932.")
    first = next(d for d in lay.documents if d.number == "1-fr")
    assert "Urgent" not in first.heading  # a line without a date stays out


def test_000_letter_published_in_the_article_is_a_document_dated_by_its_dateline():
    lay = corpus.layout("000")
    raw = corpus.raw("000")
    assert len(lay.documents) == 1
    doc = lay.documents[0]
    assert doc.genre == "letter" and doc.heading.startswith("Перевод письма Андре Жида")
    assert raw[doc.heading_start:doc.heading_end].endswith("29 июня 1935 г.")
    assert "Благоволите принять уверения" in raw[doc.start:doc.end]
    assert any(s.kind == "document" for s in lay.sections)


def test_body_paragraph_starting_with_a_genre_word_is_not_a_document():
    # 000's body opens with "Письмо Андре Жида советскому послу..." (a long
    # sentence, not a heading): only the published letter is a document.
    lay = corpus.layout("000")
    raw = corpus.raw("000")
    assert raw.index("Письмо Андре Жида советскому послу") < lay.documents[0].start


@pytest.mark.parametrize("name,case", [
    ("И. В. Сталину", "datv"), ("Л. Д. Троцкого", "gent"), ("Н. К. Крупской", ""),
    ("G. Zinoviev", ""),
])
def test_the_case_of_a_headings_surname_comes_from_its_ending_or_its_parses(name, case):
    """A Latin surname has no Russian case; one that pymorphy3 reads both
    as genitive and dative ("Крупской") cannot be told."""
    from events.extraction.segment import _case_of_surname

    assert _case_of_surname.__wrapped__(name) == case
