from events.extraction.build import build_events, clause_span, shorten
from events.extraction.textmap import IdentityText
from events.extraction.types import ArchivalReference, DocumentSegment, Section, SourceLayout

from .fakes import fake_dates


def _layout(raw, sections=None, documents=None, kind="article"):
    return SourceLayout(file_name="t.txt", kind=kind, languages=["ru"],
                        sections=sections if sections is not None else [Section("body", 0, len(raw))],
                        documents=documents or [])


def _build(raw, **kw):
    return build_events(raw, _layout(raw, **kw), IdentityText(raw), fake_dates)


def test_sentence_with_date_and_trigger_is_a_mentioned_event():
    raw = "Вступление.\n\n12 января 1928 г. Троцкий был арестован в Москве. Погода была хорошей."
    [ev] = _build(raw)
    assert ev.kind == "mentioned"
    assert ev.type == "arrest"
    assert ev.date == "1928-01-12"
    assert ev.quote == raw[ev.start:ev.end] == "12 января 1928 г. Троцкий был арестован в Москве."
    assert ev.line == 3
    assert 0 < ev.confidence <= 1


def test_sentence_with_date_but_no_trigger_is_not_an_event():
    raw = "12 января 1928 г. погода в Москве была хорошей."
    assert _build(raw) == []


def test_trigger_without_date_is_not_an_event():
    assert _build("Троцкий был арестован в Москве.") == []


def test_inflected_trigger_forms_match():
    raw = "В 1929 г. оппозиционеров арестовали. В 1930 г. их выслали за границу."
    types = [e.type for e in _build(raw)]
    assert types == ["arrest", "deportation"]


def test_party_membership_year_is_not_an_event():
    raw = "Иванов, член партии с 1917 г., был назначен секретарем."
    assert _build(raw) == []


def test_life_span_in_brackets_is_not_an_event():
    raw = "Л. Д. Троцкий (1879–1940) был выслан 1920 г. в ссылку."
    evs = _build(raw)
    assert all(e.date != "1879" for e in evs)


def test_bibliographic_sentence_is_not_an_event():
    raw = "Троцкий Л. Д. Письмо о съезде 1927 г. М., 1990. С. 12–15."
    assert _build(raw) == []


def test_non_eventful_sections_yield_nothing():
    raw = "Иванов родился 5 марта 1890 г. в Туле."
    assert _build(raw, sections=[Section("people_list", 0, len(raw))]) == []
    assert len(_build(raw, sections=[Section("body", 0, len(raw))])) == 1


def test_yearless_date_takes_the_previous_explicit_year():
    raw = "В 1927 г. начался кризис. 7 ноября оппозиция провела демонстрацию."
    evs = _build(raw)
    assert [(e.type, e.date) for e in evs] == [("crisis", "1927"), ("demonstration", "1927-11-07")]


def test_one_trigger_is_claimed_by_one_date_only():
    raw = "Письмо от 3 мая 1930 г. получено 5 мая 1930 г. и прочитано."
    evs = _build(raw)
    assert len(evs) == 1 and evs[0].date == "1930-05-03"


def _document_source():
    raw = (
        "ДОКУМЕНТЫ\n"
        "№ 1\n"
        "Письмо Л. Д. Троцкого М. М. Литвинову\n"
        "от 1 февраля 1923 г. об интервью\n"
        "Текст письма. 2 февраля 1923 г. состоялось заседание Политбюро.\n"
        "РГАНИ. Ф. 3. Оп. 62. Д. 182. Л. 50–53\n"
        "№ 2\n"
        "Записка Г. Е. Зиновьева\n"
        "Текст без даты.\n"
        "Зиновьев\n"
        "5 марта 1923 г.\n"
        "РГАСПИ. Ф. 17. Оп. 1. Д. 2. Л. 3\n"
    )
    h1s = raw.index("Письмо")
    h1e = raw.index("об интервью") + len("об интервью")
    r1s = raw.index("РГАНИ")
    d2 = raw.index("№ 2")
    h2s = raw.index("Записка")
    r2s = raw.index("РГАСПИ")
    docs = [
        DocumentSegment("1", raw.index("№ 1"), d2, heading=raw[h1s:h1e], heading_start=h1s, heading_end=h1e,
                        genre="letter", authors=["Л. Д. Троцкого"], recipients=["М. М. Литвинову"],
                        reference=ArchivalReference("x", start=r1s, end=raw.index("\n", r1s))),
        DocumentSegment("2", d2, len(raw), heading="Записка Г. Е. Зиновьева", heading_start=h2s,
                        heading_end=h2s + len("Записка Г. Е. Зиновьева"), genre="note",
                        authors=["Г. Е. Зиновьева"],
                        reference=ArchivalReference("y", start=r2s, end=len(raw) - 1)),
    ]
    return raw, docs


def test_each_document_is_an_event_dated_by_its_heading():
    raw, docs = _document_source()
    evs = _build(raw, sections=[Section("document", 0, len(raw))], documents=docs)
    doc1 = [e for e in evs if e.kind == "document" and e.document == "1"][0]
    assert doc1.type == "letter"
    assert doc1.date == "1923-02-01"
    assert doc1.title == "Письмо Л. Д. Троцкого М. М. Литвинову"
    assert doc1.quote == raw[doc1.start:doc1.end]
    assert doc1.quote.startswith("Письмо") and doc1.quote.endswith("об интервью")
    assert doc1.line == 3
    assert doc1.actors == ["Л. Д. Троцкого", "М. М. Литвинову"]


def test_document_without_heading_date_is_dated_by_its_signature():
    raw, docs = _document_source()
    evs = _build(raw, sections=[Section("document", 0, len(raw))], documents=docs)
    doc2 = [e for e in evs if e.kind == "document" and e.document == "2"][0]
    assert doc2.date == "1923-03-05"
    assert doc2.type == "note"


def test_heading_dates_do_not_become_mentioned_events_but_document_text_does():
    raw, docs = _document_source()
    evs = _build(raw, sections=[Section("document", 0, len(raw))], documents=docs)
    mentioned = [e for e in evs if e.kind == "mentioned"]
    assert [(e.type, e.date, e.document) for e in mentioned] == [("politburo_session", "1923-02-02", "1")]


def test_long_sentence_is_cited_by_the_clause_around_the_date():
    filler = "и многие другие обстоятельства, " * 20
    raw = f"Говорили о делах {filler}а 12 января 1928 г. Троцкий был арестован; затем {filler}конец."
    [ev] = _build(raw)
    assert "12 января 1928 г. Троцкий был арестован" in ev.quote
    assert len(ev.quote) < 340
    assert ev.quote == raw[ev.start:ev.end]


def test_offsets_map_back_through_the_normalized_text():
    class Shifted(IdentityText):
        """Cleaned text = raw without a 3-char prefix."""

        def __init__(self, raw):
            super().__init__(raw[3:])

        def to_source(self, i):
            return i + 3

        def source_span(self, s, e):
            return s + 3, e + 3

    raw = "###12 января 1928 г. Троцкий был арестован."
    layout = _layout(raw)
    [ev] = build_events(raw, layout, Shifted(raw), fake_dates)
    assert ev.start == 3 and ev.quote == raw[3:]


def test_shorten_cuts_at_word_boundary():
    assert shorten("слово " * 40, 30).endswith("…")
    assert len(shorten("слово " * 40, 30)) <= 30


def test_clause_span_stays_inside_sentence():
    text = "a; bb cc dd; ee"
    assert clause_span(text, 3, 5, 0, len(text)) == (3, 11)  # "bb cc dd"


def test_citation_years_do_not_become_the_running_year():
    raw = "В 1927 г. начался кризис. Троцкий Л. Д. Сочинения. М., 1931. С. 5. 7 ноября прошла демонстрация."
    evs = _build(raw)
    assert [(e.type, e.date) for e in evs] == [("crisis", "1927"), ("demonstration", "1927-11-07")]


def test_footnote_years_do_not_become_the_running_year():
    raw = "В 1927 г. начался кризис. В 1931 г. вышла статья. 7 ноября прошла демонстрация."
    norm = IdentityText(raw)
    fs = raw.index("В 1931")
    norm.footnotes = [(fs, raw.index("7 ноября"))]
    evs = build_events(raw, _layout(raw), norm, fake_dates)
    assert [(e.type, e.date) for e in evs] == [
        ("crisis", "1927"), ("publication", "1931"), ("demonstration", "1927-11-07")]


def test_attribute_year_does_not_move_the_running_year():
    raw = "В 1936 г. начался кризис. Ратификация пакта 1935 г. обсуждалась. 8 октября прошла демонстрация."
    evs = _build(raw)
    assert ("demonstration", "1936-10-08") in [(e.type, e.date) for e in evs]


def test_english_sentence_in_a_russian_section_uses_english_triggers():
    raw = "Аннотация. The mutual assistance pact was signed in 1935 г. by both sides."
    [ev] = _build(raw)
    assert ev.type == "treaty" and ev.language == "en"


def test_bracketed_reference_inside_a_sentence_does_not_hide_its_event():
    raw = "Однако 27 февраля 1936 г. пакт был ратифицирован [Белоусова, с. 208]."
    [ev] = _build(raw)
    assert ev.type == "treaty" and ev.date == "1936-02-27"


def test_dates_inside_bracketed_references_are_not_events():
    raw = "Договор упомянут в источнике (Известия. 12 мая 1935 г. С. 3)."
    assert _build(raw) == []


def test_document_dated_only_at_its_end_by_a_month_on_its_own_line():
    raw = ("№ 1\nЗаявление оппозиции\nТекст, где в 1917 г. было иначе.\n\nАпрель 1932 г.\n")
    hs = raw.index("Заявление")
    doc = DocumentSegment("1", 0, len(raw), heading="Заявление оппозиции", heading_start=hs,
                          heading_end=hs + len("Заявление оппозиции"), genre="statement")

    def dates(text, lang, context=None):
        out = fake_dates(text, lang, context)
        i = text.find("Апрель 1932 г.")
        if i != -1:
            from events.extraction.types import DateMention
            out.append(DateMention(i, i + 14, "Апрель 1932 г.", "1932-04"))
        return sorted(out, key=lambda m: m.start)

    heading, dateline = [e for e in build_events(raw, _layout(raw, documents=[doc]), IdentityText(raw), dates)
                         if e.kind == "document"]
    assert heading.date == dateline.date == "1932-04"
    assert heading.quote == "Заявление оппозиции"
    assert dateline.quote == "Апрель 1932 г." and dateline.line == 5


def test_a_year_inside_the_last_sentence_does_not_date_the_document():
    raw = "№ 1\nЗаявление оппозиции\nТекст, где в 1917 г. было иначе.\n"
    hs = raw.index("Заявление")
    doc = DocumentSegment("1", 0, len(raw), heading="Заявление оппозиции", heading_start=hs,
                          heading_end=hs + len("Заявление оппозиции"), genre="statement")
    # undated, so no document event (the layout keeps the document itself)
    assert [e for e in build_events(raw, _layout(raw, documents=[doc]), IdentityText(raw), fake_dates)
            if e.kind == "document"] == []


def test_a_dated_document_gives_an_event_and_an_undated_one_none():
    raw = "№ 1\nЗаявление оппозиции от 5 мая 1927 г.\nТекст.\n№ 2\nСПИСОК АРЕСТОВАННЫХ\nИванов.\n"
    docs = []
    for number, heading in (("1", "Заявление оппозиции от 5 мая 1927 г."), ("2", "СПИСОК АРЕСТОВАННЫХ")):
        hs = raw.index(heading)
        start = raw.index("№ " + number)
        end = raw.index("№ 2") if number == "1" else len(raw)
        docs.append(DocumentSegment(number, start, end, heading=heading, heading_start=hs,
                                    heading_end=hs + len(heading), genre="statement"))
    events = [e for e in build_events(raw, _layout(raw, documents=docs), IdentityText(raw), fake_dates)
              if e.kind == "document"]
    assert [(e.document, e.date) for e in events] == [("1", "1927-05-05")]


def test_a_documents_dateline_is_not_a_second_happening():
    raw = ("№ 1\nЗаписка Балицкого от 15 февраля 1932 г.\nСекретно\n15 февраля 1932 г.\n"
           "ЦК ВКП(б). Последняя статья Раковского обнаружена.\n")
    hs = raw.index("Записка")
    he = raw.index("\n", hs)
    doc = DocumentSegment("1", 0, len(raw), heading=raw[hs:he], heading_start=hs, heading_end=he, genre="note")
    evs = _build(raw, documents=[doc])
    assert [(e.kind, e.date) for e in evs] == [("document", "1932-02-15")]


def test_a_dateline_outside_documents_still_dates_its_sentence():
    raw = "Перевод письма Андре Жида\n29 июня 1935 г.\nТов. Потемкину"
    [ev] = _build(raw)
    assert ev.type == "letter" and ev.date == "1935-06-29"


def test_state_of_affairs_date_is_not_an_event():
    raw = "Сообщение о стачках по данным на 1 сентября 1923 года опубликовано."
    assert _build(raw) == []


def test_sentences_never_cross_a_section_start():
    raw = "УДК 94(100)\nАвтор\nСтатья о переговорах 1935–1937 гг. В 1935 г. подписан пакт."
    start = raw.index("Статья")
    evs = _build(raw, sections=[Section("metadata", 0, start), Section("abstract", start, len(raw))])
    assert [e.quote for e in evs] == ["В 1935 г. подписан пакт."]
    from events.extraction.build import iter_sentences

    spans = list(iter_sentences(raw, [start]))
    assert all(not (s < start < e) for s, e in spans)


def _real(raw):
    from events.extraction.pipeline import analyse_text

    # a title and a paragraph first, so segmentation sees a body
    head = ("Вступление.\n\nТекст статьи о событиях начала века в России и за границей.\n\n"
            + "Это был трудный год для всех участников движения. " * 6 + "\n\n")
    return analyse_text(head + raw, "t.txt").events


def test_date_text_is_the_date_as_written_on_disk_not_the_normalised_one():
    raw = "Вступление.\n\nВ Москве 14 янва-\nря 1928 г. Троцкий был арестован.\n"
    [ev] = [e for e in _real(raw) if e.type == "arrest"]
    assert ev.date == "1928-01-14"
    assert ev.date_text == "14 янва-\nря 1928 г."


def test_a_day_date_before_1918_is_old_style_in_russia_but_new_style_abroad():
    home = [e for e in _real("Вступление.\n\n9 января 1905 г. в Петербурге был арестован Иванов.\n")
            if e.type == "arrest"]
    abroad = [e for e in _real("Вступление.\n\n9 января 1905 г. в Париже был арестован Иванов.\n")
              if e.type == "arrest"]
    assert [(e.date, e.calendar) for e in home] == [("1905-01-22", "julian")]
    assert [(e.date, e.calendar) for e in abroad] == [("1905-01-09", "gregorian")]


def _one_document(raw, heading_word):
    hs = raw.index(heading_word)
    he = raw.index("\n", hs)
    doc = DocumentSegment("1", 0, len(raw), heading=raw[hs:he], heading_start=hs, heading_end=he, genre="note")
    return _build(raw, documents=[doc])


def test_a_dateline_joined_to_its_paragraph_is_still_the_documents_own_date():
    # no blank line: the dateline shares a sentence with the text below it
    raw = ("№ 1\nЗаписка Ягоды от 14 декабря 1928 г.\nСО ОГПУ\n14 декабря 1928 г.\n"
           "Тов. Сталину При сем препровождается записка, арестован Иванов.\n")
    assert [(e.kind, e.date) for e in _one_document(raw, "Записка")] == [("document", "1928-12-14")]


def test_an_adoption_note_with_the_documents_date_is_not_a_second_event():
    raw = ("№ 1\nВыписка из протокола заседания Политбюро от 7 октября 1926 г.\n"
           "Заявление (Принято Политбюро ЦК 7 октября 1926 г.) о съезде партии.\n")
    assert [(e.kind, e.date) for e in _one_document(raw, "Выписка")] == [("document", "1926-10-07")]


def test_another_event_on_the_documents_day_is_still_an_event():
    raw = ("№ 1\nЗаписка Ягоды от 14 декабря 1928 г.\nТекст.\n"
           "Сообщаем, что 14 декабря 1928 г. в Москве был арестован Иванов.\n")
    assert [(e.kind, e.type) for e in _one_document(raw, "Записка")] == [("document", "note"), ("mentioned", "arrest")]


def test_a_dated_line_that_continues_a_sentence_is_not_a_dateline():
    raw = ("№ 1\nПисьмо Ягоды от 6 октября 1927 г.\nТекст. Посылаются записки т. Чудова, арестованного\n"
           "от 6 октября 1927 г.\n")
    evs = _one_document(raw, "Письмо")
    assert [(e.kind, e.type) for e in evs] == [("document", "note"), ("mentioned", "arrest")]


def test_a_date_under_a_registration_number_is_the_documents_dispatch_not_an_event():
    # sent out a day after the heading's date: still the document's own heading
    raw = ("№ 1\nЗаписка Ягоды от 13 июня 1929 г.\nСекретно\n\n№ 13328/С\n\n14 июня 1929 г.\n"
           "Членам Политбюро При сем препровождается записка, арестован Иванов.\n")
    assert [(e.kind, e.date) for e in _one_document(raw, "Записка")] == [("document", "1929-06-13")]


def test_an_outgoing_number_line_and_its_from_date_are_no_event():
    raw = ("№ 1\nПисьмо Каменева от 29 ноября 1928 г.\n\nИсх. № 8299/с\n\nот 30 ноября 1928 г.\n"
           "Тов. Сталину При сем препровождается записка, арестован Иванов.\n")
    assert [(e.kind, e.date) for e in _one_document(raw, "Письмо")] == [("document", "1928-11-29")]


def test_a_date_right_over_a_registration_number_is_the_documents_registration_not_an_event():
    raw = ("№ 1\nПисьмо Троцкого от 3 марта 1926 г.\nСекретно\nВ Секретариат ЦК\n\n8.03.26 г.\n\n№ 39/с\n"
           "Прошу разослать записку, арестован Иванов.\n")
    assert [(e.kind, e.date) for e in _one_document(raw, "Письмо")] == [("document", "1926-03-03")]


def test_a_signature_date_over_the_next_number_line_stays_the_letters_date():
    raw = ("№ 1\nПротокол заседания от 5 октября 1923 г.\nПринять к сведению.\nПрошу письмо разослать всем\n"
           "Л. Троцкий\n8 октября 1923 г.\n№ 365\nСекретно\n")
    assert ("mentioned", "1923-10-08") in [(e.kind, e.date) for e in _one_document(raw, "Протокол")]


def test_a_sentence_under_a_registration_number_still_dates_its_event():
    raw = ("№ 1\nЗаписка Ягоды от 13 июня 1929 г.\nСекретно\n№ 13328/С\n\n"
           "14 июня 1929 г. в Москве был арестован Иванов.\n")
    evs = _one_document(raw, "Записка")
    assert [(e.kind, e.type, e.date) for e in evs] == [("document", "note", "1929-06-13"),
                                                       ("mentioned", "arrest", "1929-06-14")]


def _relative_dates(text, lang, context=None):
    """fake_dates plus "завтра"/"вчера" counted from the document date."""
    import datetime

    from events.extraction.types import DateMention

    found = fake_dates(text, lang, context)
    doc = getattr(context, "document_date", None)
    for word, days in (("завтра", 1), ("вчера", -1)):
        i = text.find(word)
        if i >= 0 and doc is not None:
            day = doc + datetime.timedelta(days=days)
            found.append(DateMention(i, i + len(word), word, day.isoformat(), inferred=True,
                                     confidence=0.5, rule="relative_day"))
    return sorted(found, key=lambda d: d.start)


def test_what_the_writer_expects_tomorrow_is_not_an_event_but_yesterday_is():
    raw = ("№ 1\nПисьмо Радека от 5 мая 1928 г.\n\n"
           "Вчера меня арестовали. Завтра же будут новые аресты.\n")
    hs = raw.index("Письмо")
    he = raw.index("\n", hs)
    doc = DocumentSegment("1", 0, len(raw), heading=raw[hs:he], heading_start=hs, heading_end=he, genre="letter")
    raw = raw.replace("Вчера", "вчера").replace("Завтра", "завтра")
    evs = build_events(raw, _layout(raw, documents=[doc]), IdentityText(raw), _relative_dates)
    assert [(e.kind, e.date) for e in evs] == [("document", "1928-05-05"), ("mentioned", "1928-05-04")]


def test_a_decade_keeps_its_century_across_the_abbreviation_gg():
    from events.extraction.build import join_century_splits

    text = "Это было в 90-е гг. XIX века во Франции. Потом пришел новый век."
    cut = text.index("XIX")
    spans = list(join_century_splits(text, [(0, cut - 1), (cut, text.index(" Потом")),
                                            (text.index("Потом"), len(text))]))
    assert [text[s:e] for s, e in spans] == ["Это было в 90-е гг. XIX века во Франции.", "Потом пришел новый век."]


def test_a_decade_of_the_nineteenth_century_is_dated_in_that_century():
    raw = "Вступление.\n\nВ 90-е гг. XIX столетия во Франции был арестован Дрейфус.\n"
    [ev] = [e for e in _real(raw) if e.type == "arrest"]
    assert ev.date == "189X"


def test_a_day_date_before_1918_in_a_paragraph_about_a_place_abroad_is_new_style():
    abroad = [e for e in _real("Вступление.\n\nВ Париже шли споры о деле. 9 января 1905 г. Иванов был арестован.\n")
              if e.type == "arrest"]
    home = [e for e in _real("Вступление.\n\nВ Москве шли споры о деле. 9 января 1905 г. Иванов был арестован.\n")
            if e.type == "arrest"]
    assert [(e.date, e.calendar) for e in abroad] == [("1905-01-09", "gregorian")]
    assert [(e.date, e.calendar) for e in home] == [("1905-01-22", "julian")]


def test_a_date_after_a_letter_and_its_addressee_dates_the_letter():
    [ev] = _build("В письме Петрову от 19 декабря 1935 г. Иванов заявил о разрыве.")
    assert (ev.type, ev.date) == ("letter", "1935-12-19")


def test_a_decision_dated_with_from_does_not_take_over_what_it_decided():
    [ev] = _build("Постановлением ОСО от 11 февраля 1929 г. Иванов был выслан в Сибирь.")
    assert ev.type == "exile"


def test_a_dispatch_line_cut_off_its_sentence_still_restates_the_documents_date():
    raw = ("№ 1\nШифровка из Пензы от 3 октября 1927 г.\n\nШИФРОВКА Из Пензы отправлена 16.10. "
           "3 октября 1927 г. Поступила в Шифрбюро 4 октября 1927 г.\n")
    assert [(e.kind, e.date) for e in _one_document(raw, "Шифровка")] == [
        ("document", "1927-10-03"), ("mentioned", "1927-10-04")]


def test_a_date_told_with_a_verb_in_the_future_is_not_an_event():
    assert _build("Газета пишет, что Иванов только 24 февраля 1929 г. выедет в Турцию.") == []
    [ev] = _build("Газета пишет, что Иванов 24 февраля 1929 г. выехал в Турцию.")
    assert ev.type == "visit"


def test_dates_listed_after_one_verb_all_take_it():
    evs = _build("Он дважды арестовывался: в 1929 г. в Харькове и в 1930 г. в Москве.")
    assert [(e.type, e.date) for e in evs] == [("arrest", "1929"), ("arrest", "1930")]


def test_a_list_of_dates_far_from_its_verb_still_takes_it():
    # the second date is beyond the shared reach of the verb, but only the
    # first date (a list item of the same verb) stands between them
    evs = _build("Он дважды арестовывался за свою подпольную работу в партии: в 1929 г. в Харькове "
                 "и в 1930 г. в Москве.")
    assert [(e.type, e.date) for e in evs] == [("arrest", "1929"), ("arrest", "1930")]


def test_a_list_does_not_lend_its_verb_across_another_verb():
    evs = _build("Он был арестован за свою подпольную работу в партии в 1929 г. в Харькове, "
                 "преподавал в 1930 г. в Москве.")
    assert [(e.type, e.date) for e in evs] == [("arrest", "1929")]


def test_a_date_inside_a_bracketed_page_reference_is_not_an_event():
    raw = "Число бедняков уменьшилось (см. отчет ЦК 1928 г. стр. 19). В 1929 г. он был арестован."
    assert [(e.type, e.date) for e in _build(raw)] == [("arrest", "1929")]


def _dated_document(body: str, heading: str = "Письмо Политбюро от 1 сентября 1927 г."):
    from events.extraction.dates import find_dates

    raw = f"№ 1\n{heading}\n\n{body}\n"
    hs = raw.index(heading)
    doc = DocumentSegment("1", 0, len(raw), heading=heading, heading_start=hs,
                          heading_end=hs + len(heading), genre="letter")
    return [e.date for e in build_events(raw, _layout(raw, documents=[doc]), IdentityText(raw), find_dates)
            if e.kind == "mentioned"]


def test_a_yearless_date_in_a_dated_document_takes_the_documents_year_not_a_year_named_in_passing():
    events = _dated_document("Оппозиция, осужденная еще в 1923 г., снова выступила против ЦК. "
                             "Троцкий и Зиновьев подписали заявление 8 августа.")
    assert "1927-08-08" in events


def test_a_story_opened_by_a_dated_sentence_keeps_its_year_to_the_end_of_its_paragraph():
    events = _dated_document("В апреле 1926 г. Троцкий приехал в Берлин. 2 мая он был арестован.\n\n"
                             "Оппозиция подписала заявление 8 августа.")
    assert "1926-05-02" in events
    assert "1927-08-08" in events


def test_only_a_date_opening_its_sentence_outside_brackets_opens_a_story():
    from events.extraction.build import EventBuilder
    from events.extraction.dates import find_dates

    def opens(sentence):
        [m] = find_dates(sentence, "ru")
        return EventBuilder.opens_story(sentence, m)

    assert opens("В апреле 1926 г. Троцкий приехал в Берлин.")
    assert not opens("Оппозиция, осужденная еще в 1923 г., снова выступила.")
    assert not opens("«Политик», № 15–16, сентябрь 1926 г.).")
    assert not opens("(сентябрь 1926 г.) Статья вышла.")


def test_today_in_a_quoted_letter_with_its_own_dateline_counts_from_that_letter():
    body = ("Приложение: письмо, найденное при обыске.\n"
            "1. Москва 09.07.28 г.\n"
            "«Дорогой Л.Б. Сегодня Иванов был арестован в Москве.»")
    assert "1928-07-09" in _dated_document(body, heading="Докладная записка от 28 октября 1929 г.")


def test_yesterday_in_a_wire_item_counts_from_its_bulletins_date_line():
    body = "№ 102 от 7.2.29 г.\nО ТРОЦКОМ\nБерлин 7.2. (ТАСС) Вчера в Берлине был арестован Иванов."
    assert _dated_document(body, heading="Обзор бюллетеней ТАСС от 5 марта 1929 г.") == ["1929-02-06"]


def test_today_in_an_enclosed_protocol_counts_from_the_protocols_date():
    body = ("ПРОТОКОЛ ДОПРОСА, произведенного 27 октября 1928 г. в здании ДПЗ.\n"
            "Надзиратель показал: сегодня перед ужином Иванов был арестован.")
    assert "1928-10-27" in _dated_document(body, heading="Докладная записка от 29 октября 1928 г.")


def test_today_without_an_enclosed_dateline_is_the_documents_day():
    body = ("Рост ядра: на 1 апреля 1927 г. 34,1\n"
            "Сегодня Иванов был арестован в Москве.")
    assert _dated_document(body, heading="Докладная записка от 29 октября 1928 г.")[-1] == "1928-10-29"


def test_a_nearer_date_that_opens_no_piece_stops_the_search_for_a_dateline():
    # the letter above is signed "07.07.28 г.", but the letter holding
    # "сегодня" is undated: its receipt line is no dateline of it
    body = ("Мы верим в наше дело: оно за нас!\n"
            "07.07.28 г.\n"
            "Получено 15.11.29 г. 18 час. 15 мин.\n"
            "Дорогой товарищ! Сегодня Иванов был арестован в Москве.")
    assert _dated_document(body, heading="Докладная записка от 28 октября 1929 г.")[-1] == "1929-10-28"


def test_yearless_dates_in_an_enclosed_letter_signed_with_its_own_date_take_that_year():
    body = ("Приложение: письмо из архива.\n"
            "Аресты 19-го июня разбили иллюзии, Иванов был арестован.\n"
            "Мы верим в наше дело: оно за нас!\n"
            "07.07.28 г.\n"
            "Получено 15.11.29 г. 18 час. 15 мин.")
    assert "1928-06-19" in _dated_document(body, heading="Докладная записка от 28 октября 1929 г.")


def test_a_signature_date_of_the_piece_above_does_not_date_the_narrative_after_it():
    body = ("«Мы знаем наш долг». Подпись: Л. Троцкий.\n"
            "Алма-Ата, 16.XII-28 г.\n"
            "Я сомневаюсь в этом. Агент ГПУ передал мне решение о высылке, датированное 18 января, "
            "и я был выслан.")
    dates = _dated_document(body, heading="Статья Троцкого от 27 февраля 1929 г.")
    assert "1929-01-18" in dates and "1928-01-18" not in dates


def test_this_year_in_an_undated_document_is_the_latest_year_it_has_told_of():
    from events.extraction.dates import find_dates

    heading = "СПИСОК АРЕСТОВАННЫХ"
    raw = (f"№ 1\n{heading}\n\n1. Иванов в 1932 г. был арестован в Москве.\n"
           "2. Петров в 1929 г. был выслан. У него изъяты листовки от апреля с. г.\n")
    hs = raw.index(heading)
    doc = DocumentSegment("1", 0, len(raw), heading=heading, heading_start=hs,
                          heading_end=hs + len(heading), genre="statement")
    dates = [e.date for e in build_events(raw, _layout(raw, documents=[doc]), IdentityText(raw), find_dates)]
    assert "1932-04" in dates and "1929-04" not in dates


def _build_with_dates(raw):
    from events.extraction.dates import find_dates

    return [(e.type, e.date) for e in build_events(raw, _layout(raw), IdentityText(raw), find_dates)]


def test_a_story_told_in_order_carries_a_yearless_date_into_the_next_year():
    raw = ("В начале ноября 1916 г. его выслали в Испанию. 9 ноября он был арестован. "
           "В феврале он выехал в Нью-Йорк. В апреле он был снова арестован.")
    # February is three months ahead of November, not nine behind; April
    # then follows in the year the story has gone on into
    assert [date for _, date in _build_with_dates(raw)] == [
        "1916-11-01/1916-11-10", "1916-11-09", "1917-02", "1917-04"]


def test_a_look_back_of_a_few_months_keeps_the_storys_year():
    raw = "В ноябре 1927 г. оппозицию исключили. Еще в июне ее лидеры были арестованы."
    assert _build_with_dates(raw)[-1] == ("arrest", "1927-06")


def test_a_new_explicit_year_resets_the_month_the_story_reached():
    raw = ("В ноябре 1927 г. оппозицию исключили. В 1928 г. Троцкого выслали в Алма-Ату. "
           "В марте его семья была арестована.")
    assert _build_with_dates(raw)[-1] == ("arrest", "1928-03")
