import pytest

from events.extraction.triggers import (
    best_trigger, counts_from_another_event, find_triggers, in_quoted_title, is_future, is_membership_date,
    is_non_event_date, looks_like_citation, restates_document_date, today_is_not_a_happening, without_objects,
)


@pytest.mark.parametrize("text, lang, types", [
    ("Троцкий был арестован", "ru", ["arrest"]),
    ("оппозиционеров арестовали и сослали", "ru", ["arrest", "exile"]),
    ("его выслали за границу", "ru", ["deportation"]),
    ("он исключен из партии", "ru", ["expulsion"]),
    ("состоялось заседание Политбюро", "ru", ["politburo_session"]),
    ("его вывозят в Испанию", "ru", ["deportation"]),
    ("он разговаривал с журналистом", "ru", ["meeting"]),
    ("они продолжили свой путь в Россию", "ru", ["visit"]),
    ("Троцкий формирует поезд", "ru", ["other"]),
    ("объявили голодовку", "ru", ["hunger_strike"]),
    ("il fut arrêté puis exclu", "fr", ["arrest", "expulsion"]),
    ("une grève de la faim", "fr", ["hunger_strike"]),
    ("the pact was signed", "en", ["treaty", "treaty"]),
    ("погода была хорошей", "ru", []),
])
def test_find_triggers(text, lang, types):
    assert [t.type for t in find_triggers(text, lang)] == types


def test_trigger_spans_cover_the_words():
    text = "его выслали за границу"
    [t] = find_triggers(text, "ru")
    assert text[t.start:t.end] == "выслали за границу"


def test_best_trigger_prefers_the_near_strong_one():
    text = "Пленум, о котором шла речь давно и много раз, а 5 мая его арестовали"
    trig = best_trigger(find_triggers(text, "ru"), text.index("5 мая"))
    assert trig.type == "arrest"


@pytest.mark.parametrize("text, date", [
    ("Иванов, член партии с 1917 г., работал", "1917 г."),
    ("Л. Д. Троцкий (1879–1940) родился", "1879"),
])
def test_non_event_dates(text, date):
    s = text.index(date)
    assert is_non_event_date(text, s, s + len(date), "ru")


def test_event_date_is_not_flagged():
    text = "В 1928 г. его арестовали"
    s = text.index("1928")
    assert not is_non_event_date(text, s, s + 7, "ru")


def test_citation_markers():
    assert looks_like_citation("Известия. 1935. С. 12.", "ru")
    assert not looks_like_citation("В мае 1935 г. подписан пакт.", "ru")


def test_idioms_that_contain_trigger_words_are_ignored():
    assert find_triggers("la situation a changé par rapport à l'année dernière", "fr") == []
    assert find_triggers("речь идет о планах", "ru") == []
    assert find_triggers("О чем идет речь сегодня?", "ru") == []
    assert [t.type for t in find_triggers("он произнес речь", "ru")] == ["speech"]


@pytest.mark.parametrize("text, year, lang", [
    ("1. Khotimski Grigori Naoumovitch, né en 1901", "1901", "fr"),
    ("3. Сербский Соломон Наумович, родился в 1906", "1906", "ru"),
])
def test_birth_year_of_a_list_entry_is_not_an_event(text, year, lang):
    s = text.index(year)
    assert is_non_event_date(text, s, s + 4, lang)


def test_birth_in_running_text_stays_an_event():
    text = "Il est né en 1901 à Paris"
    s = text.index("1901")
    assert not is_non_event_date(text, s, s + 4, "fr")


@pytest.mark.parametrize("text, default, expected", [
    ("The pact was signed in May 1935 by the ministers.", "ru", "en"),
    ("Le pacte a été signé en mai 1935 par les ministres.", "ru", "fr"),
    ("Пакт был подписан в мае 1935 г.", "fr", "ru"),
    ("Пакт был подписан в мае 1935 г.", "ru", "ru"),
])
def test_guess_language_follows_the_sentence_script(text, default, expected):
    from events.extraction.triggers import guess_language

    assert guess_language(text, default) == expected


def test_every_resource_word_list_holds_only_strings():
    from events.extraction.triggers import table

    for lang in ("ru", "fr", "en"):
        assert table(lang).words  # loads without a ResourceError


def test_vocabulary_covers_the_event_types_of_the_data_model():
    from events.extraction.triggers import known_types

    expected = {"plenum", "congress", "conference", "politburo_session", "meeting", "negotiation", "treaty",
                "letter", "note", "report", "protocol", "resolution", "decree", "telegram", "statement",
                "interrogation", "publication", "speech", "arrest", "search", "exile", "deportation",
                "expulsion", "release", "escape", "trial", "sentence", "execution", "death", "birth",
                "election", "appointment", "resignation", "strike", "demonstration", "hunger_strike",
                "visit", "crisis", "other"}
    assert known_types() == expected


def test_the_clause_verb_beats_a_nearby_noun():
    text = "25 июня на съезде выступила М. Паз"
    trig = best_trigger(find_triggers(text, "ru"), 0)
    assert trig.type == "speech" and trig.verbal


@pytest.mark.parametrize("text", ["Жид направился в посольство.", "Он отправился в Париж."])
def test_a_reflexive_verb_of_going_is_a_visit_not_the_sending_of_a_letter(text):
    assert [t.type for t in find_triggers(text, "ru")] == ["visit"]


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Троцкий высылается из СССР.", "deportation"),
        ("Их исключают из партии на заседании.", "expulsion"),
        ("Политбюро ЦК поручает Сталину послать ответ.", "politburo_session"),
    ],
)
def test_the_governing_phrase_names_the_event(text, slug):
    assert find_triggers(text, "ru")[0].type == slug


@pytest.mark.parametrize("before, lang, expected", [
    ("(Принято Политбюро ЦК ", "ru", True),
    ("Резолюция, принятая пленумом ", "ru", True),
    ("(Утверждено бюро обкома ", "ru", True),
    ("Поступила в Шифрбюро ЦК ВКП на расшифрование ", "ru", True),
    ("Приложение к протоколу заседания от ", "ru", False),
    ("Он был принят на работу. Потом ", "ru", False),
    ("(adopté par le bureau le ", "fr", True),
    ("(approved by the bureau on ", "en", True),
])
def test_an_adoption_note_restates_the_documents_date(before, lang, expected):
    text = before + "5.05.1926"
    assert restates_document_date(text, len(before), lang) is expected


@pytest.mark.parametrize("before, date, edtf, after, lang, expected", [
    ("Петров. Чл. ВКП(б) ", "с марта 1917 г.", "1917-03/..", " Сослан.", "ru", True),
    ("пять рабочих со стажем ", "с 1910 по 1917 г.", "1910/1917", "", "ru", True),
    ("Член ЦК ВКП(б) ", "1917–1927 гг.", "1917/1927", "", "ru", True),
    ("Вступил в партию в ", "1903 г.", "1903", "", "ru", True),
    ("член ВКП(б) с 1919 г., исключен в ", "1928 г.", "1928", "", "ru", False),
    ("член ВКП(б) и исключен в ", "1928 г.", "1928", "", "ru", False),
    ("член партии Петров арестован ", "5 мая 1928 г.", "1928-05-05", "", "ru", False),
    ("membre du PC ", "de 1922 à 1927", "1922/1927", ", exclu.", "fr", True),
    ("sans parti; ", "de 1920 à 1927", "1920/1927", " il a été membre du PC.", "fr", True),
    ("membre du PC et exclu en ", "1927", "1927", "", "fr", False),
    ("a member of the party ", "from 1922 to 1927", "1922/1927", "", "en", True),
])
def test_how_long_someone_was_a_member_is_not_an_event(before, date, edtf, after, lang, expected):
    text = before + date + after
    assert is_membership_date(text, len(before), len(before) + len(date), edtf, lang) is expected


@pytest.mark.parametrize("before, lang, expected", [
    ("Пленум решено созвать на ", "ru", True),
    ("К ", "ru", True),
    ("Стачка продолжалась до ", "ru", True),
    ("Обыск прошел в ночь на ", "ru", False),
    ("Допрос шел с 26 на ", "ru", False),
    ("Пленум открылся ", "ru", False),
    ("la grève dura jusqu'au ", "fr", True),
    ("the plenum was scheduled for ", "en", True),
])
def test_a_date_set_for_a_plan_or_bounding_a_state_is_not_an_event(before, lang, expected):
    text = before + "27 мая 1928 г."
    assert is_non_event_date(text, len(before), len(text), lang) is expected


@pytest.mark.parametrize("text, lang", [
    ("В 1932 г. приступил к оформлению группы", "ru"),
    ("En 1932, il a commencé à former un groupe", "fr"),
    ("In 1932 he began to form a group", "en"),
])
def test_the_start_of_an_undertaking_is_an_event(text, lang):
    assert [t.type for t in find_triggers(text, lang)] == ["other"]


@pytest.mark.parametrize("after, lang, expected", [
    (" после арестов прошли собрания", "ru", True),
    (" будут аресты", "ru", False),
    (" après les arrestations", "fr", True),
    (" after the arrests", "en", True),
])
def test_a_relative_day_may_count_from_another_event(after, lang, expected):
    text = "Через два дня" + after
    assert counts_from_another_event(text, len("Через два дня"), lang) is expected


@pytest.mark.parametrize("before, date, lang", [
    ("листовки, предназначенные к раздаче ", "7 ноября", "ru"),
    ("листовка, посвященная ", "7 ноября", "ru"),
    ("число безработных за ", "1926–1928 годы", "ru"),
    ("урожай хуже, чем в ", "прошлом году", "ru"),
    ("налог проходит значительно легче, чем налоги в ", "1922 г.", "ru"),
    ("la récolte est inférieure à celle de ", "l'année dernière", "fr"),
    ("the harvest was worse than ", "last year", "en"),
])
def test_anniversaries_periods_of_account_and_comparisons_are_not_events(before, date, lang):
    text = before + date + " и т. д."
    assert is_non_event_date(text, len(before), len(before) + len(date), lang)


@pytest.mark.parametrize("before, date, lang, expected", [
    ("листовки к годовщине ", "7 ноября", "ru", True),
    ("готовили празднование ", "1 Мая", "ru", True),
    ("листовка, написанная по поводу ", "1 Мая", "ru", True),
    ("листовки, посвященные 7-му ", "ноября", "ru", True),
    ("des tracts pour l'anniversaire du ", "7 novembre", "fr", True),
    ("leaflets on the occasion of ", "1 May", "en", True),
    # a happening on that day stays an event
    ("листовки были распространены ", "7 ноября", "ru", False),
    ("les tracts furent distribués le ", "7 novembre", "fr", False),
    ("the leaflets were seized on ", "1 May", "en", False),
])
def test_a_day_named_as_an_anniversary_or_a_topic_is_not_an_event(before, date, lang, expected):
    text = before + date + " и т. д."
    assert is_non_event_date(text, len(before), len(before) + len(date), lang) is expected


@pytest.mark.parametrize("before, date, lang, expected", [
    ("объединенное заседание, созываемое ", "25 октября", "ru", True),
    ("намеченный ", "7 ноября", "ru", True),
    ("la session prévue le ", "25 octobre", "fr", True),
    ("the session planned for ", "25 October", "en", True),
    # a meeting that was held on that day stays an event
    ("объединенное заседание, состоявшееся ", "25 октября", "ru", False),
    ("la session eut lieu le ", "25 octobre", "fr", False),
    ("the session was held on ", "25 October", "en", False),
])
def test_a_day_a_meeting_is_convened_or_planned_for_is_not_an_event(before, date, lang, expected):
    text = before + date + " и т. д."
    assert is_non_event_date(text, len(before), len(before) + len(date), lang) is expected


def test_a_bracketed_span_of_years_after_a_name_is_not_an_event():
    text = "группа Петрова (1921–1923 гг.) была разгромлена"
    s = text.index("1921")
    assert is_non_event_date(text, s, text.index(")"), "ru")


def test_a_negated_idiom_with_a_trigger_word_is_no_trigger():
    assert find_triggers("о расколе не было и речи", "ru") == []


@pytest.mark.parametrize("text, date, edtf, expected", [
    ("его книги «1917 г.», в которой", "1917 г.", "1917", True),
    ("статья «Ленин в июльские дни 1917 г.» не напечатана", "1917 г.", "1917", True),
    ('сборник "Оппозиция в СССР, 1923–1927", где', "1923–1927", "1923/1927", True),
    ("документ «Встреча с Петровым 22.09.28 г.»", "22.09.28 г.", "1928-09-22", False),
    ("«Правда» в 1927 г. писала", "1927 г.", "1927", False),
])
def test_a_year_inside_a_quoted_title_is_not_an_event(text, date, edtf, expected):
    s = text.index(date)
    assert in_quoted_title(text, s, s + len(date), edtf) is expected


@pytest.mark.parametrize("text, lang, kept", [
    ("переговоры о заключении военной конвенции", "ru", ["negotiation"]),
    ("negotiations on the conclusion of a military convention", "en", ["negotiation"]),
    ("les négociations sur une convention militaire", "fr", ["negotiation"]),
    ("переговоры завершились подписанием договора", "ru", ["negotiation", "treaty", "treaty"]),
    ("переговоры шли долго. Конвенция подписана", "ru", ["negotiation", "treaty", "treaty"]),
])
def test_what_a_negotiation_was_about_is_not_a_second_event(text, lang, kept):
    assert [t.type for t in without_objects(find_triggers(text, lang), text, lang)] == kept


@pytest.mark.parametrize("text, lang", [
    ("атташе сообщил командованию о готовности", "ru"),
    ("de Lattre informa Ostrovski", "fr"),
    ("the attaché informed the command", "en"),
])
def test_telling_someone_is_a_statement(text, lang):
    assert [t.type for t in find_triggers(text, lang)] == ["statement"]


@pytest.mark.parametrize("text, word, lang, expected", [
    ("и только 24 февраля выедет в Турцию", "выедет", "ru", True),
    ("через неделю будут массовые аресты", "аресты", "ru", True),
    ("he will be arrested on 5 May", "arrested", "en", True),
    ("24 февраля выехал в Турцию", "выехал", "ru", False),
    ("19 октября большинство ЦК организует заявление", "заявление", "ru", False),
])
def test_what_is_told_in_the_future_is_flagged(text, word, lang, expected):
    [t] = [t for t in find_triggers(text, lang) if t.text == word]
    assert is_future(t, text, lang) is expected


@pytest.mark.parametrize("text, date", [
    ("Обыск произведен у т. С. Петрова (1919 г.). Потом", "1919 г."),
    ("Делегат на все конгрессы, начиная с 1893 г. Потом", "1893 г."),
    ("Член ЦИК многих созывов, начиная со II созыва ВЦИК 1917 г. Потом", "1917 г."),
])
def test_a_persons_bracketed_year_and_a_since_year_are_not_events(text, date):
    s = text.index(date)
    assert is_non_event_date(text, s, s + len(date), "ru")


def test_a_since_phrase_ends_at_its_clause():
    text = "Начиная с весны, шли аресты; 5 мая 1927 г. арестован Иванов."
    s = text.index("5 мая")
    assert not is_non_event_date(text, s, s + len("5 мая 1927 г."), "ru")


@pytest.mark.parametrize("before, date, edtf, lang, expected", [
    ("(полпред СССР во Франции в ", "1927—1934 гг.", "1927/1934", "ru", True),
    ("был назначен полпредом в ", "1927 г.", "1927", "ru", False),
    ("ambassadeur à Paris ", "de 1927 à 1934", "1927/1934", "fr", True),
    ("ambassador in Paris ", "from 1927 to 1934", "1927/1934", "en", True),
])
def test_a_span_of_years_in_office_is_a_term_not_an_event(before, date, edtf, lang, expected):
    text = before + date + ")"
    assert is_membership_date(text, len(before), len(before) + len(date), edtf, lang) is expected


@pytest.mark.parametrize("before, lang", [
    ("Верхней хронологической рамкой служит ", "ru"),
    ("Нижняя хронологическая рамка – ", "ru"),
    ("Le cadre chronologique est ", "fr"),
    ("The chronological framework is ", "en"),
])
def test_the_chronological_frame_of_a_study_is_not_an_event(before, lang):
    text = before + "1935 г."
    assert is_non_event_date(text, len(before), len(text), lang)


def test_an_account_is_a_report():
    assert [t.type for t in find_triggers("судя по его отчету от 9 января", "ru")] == ["report"]


@pytest.mark.parametrize("text, expected", [
    ("Предлагаем созвать заседание немедленно, т.е. сегодня.", True),
    ("Вопрос не в том, пошлет ли он сегодня ноту.", True),
    ("Почтальон говорит: «сегодня писем нет».", True),
    ("Я узнал о решении, вынесенном сегодня Политбюро.", False),
    ("Газета публикует сегодня его статью.", False),
])
def test_today_with_an_infinitive_a_future_or_no_verb_is_no_happening(text, expected):
    s = text.index("сегодня")
    assert today_is_not_a_happening(text, s, s + len("сегодня"), "ru") is expected


def _stative(text, date, edtf, lang="ru"):
    from events.extraction.triggers import is_stative_span

    start = text.index(date)
    return is_stative_span(text, start, start + len(date), edtf, lang)


@pytest.mark.parametrize("text, date, edtf, lang", [
    ("Секретарь, которого я знал с 1930 года, уехал.", "с 1930 года", "1930/..", "ru"),
    ("Он знает Петрова с 1919 г. по работе.", "с 1919 г.", "1919/..", "ru"),
    ("Брат служил в полку и находился в нем по 1922 г. включительно.", "по 1922 г.", "../1922", "ru"),
    ("Выходившие с 1924 года журналы были закрыты.", "с 1924 года", "1924/..", "ru"),
    ("Когда партии разошлись (с 1905 г.), он стоял в стороне.", "с 1905 г.", "1905/..", "ru"),
    ("Il le connaissait depuis 1921 et lui faisait confiance.", "depuis 1921", "1921/..", "fr"),
    ("She had known him since 1921 and trusted him.", "since 1921", "1921/..", "en"),
])
def test_state_since_or_until_a_year_is_not_an_event(text, date, edtf, lang):
    assert _stative(text, date, edtf, lang)


@pytest.mark.parametrize("text, date, edtf", [
    # a day date: the start of an imprisonment is a happening
    ("С 3 марта 1930 г. находился под арестом.", "3 марта 1930 г.", "1930-03-03"),
    # an eventive verb: "since 1930 he was exiled" is not a state of knowing
    ("С 1930 года его выслали в Сибирь.", "1930 года", "1930/.."),
    # the stative verb is in another clause
    ("С 1930 года он был выслан, и знал об этом весь город.", "1930 года", "1930/.."),
    # no "since"/"until": a year with a stative verb is left to the other rules
    ("В 1930 году знал он немногих.", "1930 году", "1930"),
])
def test_dates_and_verbs_that_are_not_a_bounded_state_stay(text, date, edtf):
    assert not _stative(text, date, edtf)


@pytest.mark.parametrize("before, date, lang, expected", [
    ("Где работал до войны ", "1914 г.", "ru", True),
    ("Накануне революции ", "1905 года", "ru", True),
    ("Il vivait à Kiev avant la guerre de ", "1914", "fr", True),
    ("He lived in Kiev before the war of ", "1914", "en", True),
    # the date of the event itself, and "before" with a day date of its own
    ("Война началась в ", "1914 г.", "ru", False),
    ("Он уехал до ", "1914 г.", "ru", True),
    ("La guerre éclata en ", "1914", "fr", False),
])
def test_a_year_naming_the_event_that_bounds_a_period_is_a_frame(before, date, lang, expected):
    text = before + date + ", а потом"
    assert is_non_event_date(text, len(before), len(before) + len(date), lang) is expected


@pytest.mark.parametrize("before, lang, expected", [
    ("При вступлении в ВКП(б) в ", "ru", True),
    ("Вступила в партию в ", "ru", True),
    ("a rejoint le PCR(b) en ", "fr", True),
    ("joined the party in ", "en", True),
    # joining something else is an event
    ("При вступлении в Москву в ", "ru", False),
    ("a rejoint Moscou en ", "fr", False),
])
def test_the_year_someone_joined_the_party_is_membership(before, lang, expected):
    text = before + "1920 г."
    assert is_membership_date(text, len(before), len(text), "1920", lang) is expected


@pytest.mark.parametrize("text, date, edtf, lang", [
    ("Я знаком с Ивановым с 1921 г., но дружили мы позже.", "с 1921 г.", "1921/..", "ru"),
    ("С 1919 г. член РКП(б).", "1919 г.", "1919/..", "ru"),
    ("Он работает на заводе с 1925 года.", "с 1925 года", "1925/..", "ru"),
    ("Я примерно с июня этого года состою в кружке.", "примерно с июня этого года", "1927-06~/..", "ru"),
])
def test_a_state_since_a_year_told_by_a_noun_adjective_or_present_verb_is_not_an_event(text, date, edtf, lang):
    assert _stative(text, date, edtf, lang)


@pytest.mark.parametrize("text, date, edtf", [
    # a month date with a past stative verb: the start may be the event told
    ("С июня 1927 г. работал в Харькове.", "июня 1927 г.", "1927-06/.."),
    # "член" without "since": "В 1919 г. члены ЦК уехали" is an act of members
    ("В 1919 г. члены ЦК уехали в Киев.", "1919 г.", "1919"),
])
def test_past_month_states_and_members_acting_stay_events(text, date, edtf):
    assert not _stative(text, date, edtf)


def _joining(text, date, edtf, lang="ru"):
    from events.extraction.triggers import is_joining_date

    start = text.index(date)
    others = []
    for other in ("1927", "1930 г."):
        i = text.find(other)
        if i != -1 and not (start <= i < start + len(date)):
            others.append((i, i + len(other)))
    return is_joining_date(text, start, start + len(date), edtf, lang, others)


@pytest.mark.parametrize("text, date, lang", [
    ("В партию вступил в 1917 г. Работал в Уфе.", "1917 г.", "ru"),
    ("В революционное движение вступила в 1903 г.", "1903 г.", "ru"),
    ("в 1920 г. вновь вступил в ВКП(б), в 1927 исключен", "1920 г.", "ru"),
    ("il a quitté le parti ; en 1921, il a été admis en qualité de membre du PCR(b) et exclu en 1927",
     "1921", "fr"),
    ("In 1916 he joined the party.", "1916", "en"),
])
def test_a_year_of_joining_in_any_word_order_is_not_an_event(text, date, lang):
    assert _joining(text, date, "".join(c for c in date if c.isdigit()), lang)


@pytest.mark.parametrize("text, date, edtf, lang", [
    # the expulsion after "и"/"et" is not the joining's
    ("в 1920 г. вновь вступил в ВКП(б) и в 1927 исключен из партии", "1927", "1927", "ru"),
    ("en 1921, il a été admis en qualité de membre du PCR(b) et exclu en 1927", "1927", "1927", "fr"),
    # joining something that is no party: entering a town, a war
    ("В 1920 г. армия вступила в Варшаву.", "1920 г.", "1920", "ru"),
    # a day date: the day someone joined is left alone
    ("5 мая 1917 г. вступил в партию.", "5 мая 1917 г.", "1917-05-05", "ru"),
])
def test_other_acts_next_to_a_joining_and_day_dates_stay_events(text, date, edtf, lang):
    assert not _joining(text, date, edtf, lang)


def _group(text, date, edtf, lang="ru"):
    from events.extraction.triggers import names_a_group

    start = text.index(date)
    return names_a_group(text, start, start + len(date), edtf, lang)


@pytest.mark.parametrize("text, date, edtf, lang", [
    ("это заявление исходит от руководителей оппозиции 1923 г. плюс Смилга", "1923 г.", "1923", "ru"),
    ("Зиновьев позвал товарищей из группы 1925 года на беседу.", "1925 года", "1925", "ru"),
    ("les chefs de l'opposition de 1923 ont parlé", "1923", "1923", "fr"),
    ("the leaders of the opposition of 1923 spoke", "1923", "1923", "en"),
])
def test_a_year_naming_a_group_is_not_an_event(text, date, edtf, lang):
    assert _group(text, date, edtf, lang)


@pytest.mark.parametrize("text, date, edtf", [
    # the year has its own preposition: what the group did then
    ("Оппозиция в 1923 г. выступила с платформой.", "в 1923 г.", "1923"),
    # a punctuation mark between noun and year
    ("Разгромили группу, 1923 г. стал для нее последним.", "1923 г.", "1923"),
    # a day date after a group noun dates its act
    ("Заявление группы 5 мая 1927 г. было подано в ЦК.", "5 мая 1927 г.", "1927-05-05"),
    # not a group noun
    ("Съезд 1923 г. осудил Троцкого.", "1923 г.", "1923"),
])
def test_years_that_do_not_name_a_group_stay(text, date, edtf):
    assert not _group(text, date, edtf)


def test_a_month_of_joining_is_personal_data_too():
    assert _joining("В партию вступил в марте 1917 г. Командовал миноносцем.", "марте 1917 г.", "1917-03")


@pytest.mark.parametrize("text, date, edtf, expected", [
    ("Работал в «Правде» с 1918 г. до исключения из партии.", "1918 г.", "1918/..", True),
    ("Учился с 1910 г. до революции.", "1910 г.", "1910/..", True),
    # a range of years, or "до" with a number, is not this pattern
    ("Он воевал с 1918 г. до 1921 г.", "1918 г.", "1918/..", False),
])
def test_a_since_year_closed_by_a_named_event_is_a_span(text, date, edtf, expected):
    assert _stative(text, date, edtf) is expected


@pytest.mark.parametrize("text, date, edtf, expected", [
    ("Допрошен гр. Андреев Борис Ильич, 1908 г. рождения, проживающий в Ленинграде.", "1908 г.", "1908", True),
    ("его приятель Иванов, 1896 г. р., прожив. в кв. 6.", "1896 г.", "1896", True),
    # "р." that is no abbreviation of "рождения"
    ("В 1896 г. р. Нева разлилась.", "1896 г.", "1896", False),
])
def test_a_birth_year_in_personal_data_is_not_an_event(text, date, edtf, expected):
    s = text.index(date)
    assert is_membership_date(text, s, s + len(date), edtf, "ru") is expected


@pytest.mark.parametrize("before, expected", [
    ("демонстрация, назначенная на воскресенье ", True),
    ("демонстрация прошла в воскресенье ", False),
])
def test_a_day_set_for_a_weekday_is_a_plan(before, expected):
    text = before + "28 октября, не состоялась."
    s = len(before)
    assert is_non_event_date(text, s, s + len("28 октября"), "ru") is expected


@pytest.mark.parametrize("text", [
    "Dessberg F. (dir.) Les Européens et la guerre: actes des colloques organisé le 25 novembre 2010 а Paris.",
    "Actes du colloque organisé а Moscou les 2 et 3 octobre 1997 / Dir. de M. Narinski.",
    "L'URSS et l'Europe. P., 2000.",
])
def test_a_french_bibliography_entry_reads_as_a_citation(text):
    assert looks_like_citation(text, "fr")


def test_french_running_text_with_a_page_is_not_a_bibliography_entry():
    assert not looks_like_citation("Le colloque s'ouvrit à Paris le 3 octobre 1997.", "fr")


def _future(text, date, others=()):
    from events.extraction.triggers import told_in_the_future

    s = text.index(date)
    spans = [(text.index(o), text.index(o) + len(o)) for o in others]
    return told_in_the_future(text, s, s + len(date), spans, "ru")


@pytest.mark.parametrize("text, date, others, expected", [
    ("Товарищи, 20-го апреля откроется VIII съезд комсомола.", "20-го апреля", (), True),
    ("Возможно, что демонстрация совпадет с 9 января, но она пройдет и раньше – в октябре.", "октябре",
     ("9 января",), True),
    # past and both-aspect verbs are what happened (or a historical present)
    ("20 апреля открылся VIII съезд комсомола.", "20 апреля", (), False),
    ("20 апреля ЦК организует совещание.", "20 апреля", (), False),
    # the future verb belongs to another date
    ("5 мая арестовали Иванова, 7 мая его вышлют.", "5 мая", ("7 мая",), False),
])
def test_a_date_whose_nearest_verb_is_a_future_is_a_plan(text, date, others, expected):
    assert _future(text, date, others) is expected


@pytest.mark.parametrize("text, date, lang, expected", [
    ("Германия вышла из изоляции, в которой оказалась в начале 1920-х гг.", "1920-х гг.", "ru", True),
    ("Документы по процессам 1930-х гг. опубликованы позже.", "1930-х гг.", "ru", True),
    ("la situation au milieu des années 1930", "années 1930", "fr", True),
    # a decade told as the time of an act
    ("В 1930-х гг. это ведомство направляло во Францию миссии.", "1930-х гг.", "ru", False),
    ("в 90-е гг. XIX столетия прошло дело Дрейфуса", "90-е гг. XIX столетия", "ru", False),
    ("In the 1930s the ministry sent missions.", "1930s", "en", False),
])
def test_part_of_a_decade_or_a_decade_as_attribute_is_a_frame(text, date, lang, expected):
    from events.extraction.triggers import is_decade_frame

    s = text.index(date)
    edtf = "193X" if "193" in date else ("192X" if "192" in date else "189X")
    assert is_decade_frame(text, s, s + len(date), edtf, lang) is expected


@pytest.mark.parametrize("text, date, edtf, expected", [
    ("Рабочий с 1903 г. – профессиональный революционер.", "1903 г.", "1903", True),
    ("Партийный журналист с 1906 г. В 1912 г. ушел.", "1906 г.", "1906", True),
    # a verb in the clause: what happened since then is told
    ("С 1906 г. его трижды арестовывали.", "1906 г.", "1906", False),
    # a closed span is not an open state
    ("Заключен в крепость с 1913 по 1916 гг.", "с 1913 по 1916 гг.", "1913/1916", False),
    # the "с" of "с.г." (this year) is no "since"
    ("Письмо Зиновьева от 24.06 с.г. с приложениями.", "с.г.", "1927", False),
])
def test_a_since_year_in_a_verbless_clause_is_a_state(text, date, edtf, expected):
    assert _stative(text, date, edtf) is expected


def test_what_someone_told_after_o_chem_is_no_comparison():
    text = "о чем он сообщил 5 мая 1927 г. в ЦК"
    s = text.index("5 мая")
    assert not is_non_event_date(text, s, s + len("5 мая 1927 г."), "ru")


@pytest.mark.parametrize("text, date, expected", [
    ("Перемена названия партии у Вас датирована 1919 годом, тогда как", "1919 годом", True),
    # a document dated by a day is the document's date
    ("в письме, датированном 15 сентября 1927 г., он писал", "15 сентября 1927 г.", False),
])
def test_how_a_text_dates_something_is_a_claim_not_an_event(text, date, expected):
    s = text.index(date)
    assert is_non_event_date(text, s, s + len(date), "ru") is expected


def test_a_french_joining_needs_a_party_not_a_part():
    # "partie" and "partir" are no party
    assert not _joining("en 1920, une partie des troupes est entrée à Varsovie", "1920", "1920", "fr")
    assert _joining("en 1920, il est entré au parti", "1920", "1920", "fr")


@pytest.mark.parametrize("text, date, lang, expected", [
    ("проверить расчеты, так чтобы в смету 1925–1926 гг. можно было внести ассигнование", "1925–1926 гг.", "ru",
     True),
    ("он просит, чтобы его и сегодня освободили от интервью", "сегодня", "ru", True),
    ("il faut agir pour que le 7 novembre la manifestation ait lieu", "7 novembre", "fr", True),
    # the purpose clause ends at a comma: the date is the main clause's
    ("Чтобы спасти дело, 5 мая 1927 г. он уехал в Москву.", "5 мая 1927 г.", "ru", False),
    # "чтобы" is not the beginning of another word
    ("Учтобыл 5 мая арестован.", "5 мая", "ru", False),
])
def test_a_date_in_a_clause_of_purpose_is_wanted_not_happened(text, date, lang, expected):
    from events.extraction.triggers import in_purpose_clause

    s = text.index(date)
    assert in_purpose_clause(text, s, s + len(date), (), lang) is expected


def test_entering_an_alliance_is_no_joining():
    assert not _joining("В 1935 г. Франция вступила в союз с СССР.", "1935 г.", "1935", "ru")
