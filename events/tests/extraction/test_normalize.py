"""Normalisation: cleaned text for analysis, exact offsets back to the file."""

from __future__ import annotations

import re

import pytest

from events.extraction.normalize import normalize, repair_characters

from . import corpus


def assert_maps_back(nt):
    """Every visible cleaned character maps to the same (repaired) raw one."""
    repaired = repair_characters(nt.raw)
    for i, ch in enumerate(nt.text):
        if not ch.isspace():
            assert repaired[nt.to_source(i)] == ch, (i, ch)


# --- offsets -----------------------------------------------------------------


def test_source_span_quotes_the_raw_text_of_a_cleaned_word():
    raw = "Первая строка текста,\n\nвторая  строка\u00a0с 29 июня 1935 г. здесь\n"
    nt = normalize(raw)
    i = nt.text.index("29 июня 1935 г.")
    start, end = nt.source_span(i, i + len("29 июня 1935 г."))
    assert raw[start:end] == "29 июня 1935 г."


def test_span_across_a_soft_hyphen_covers_both_halves_in_the_raw_text():
    raw = "Письмо послу во Фран-\nции Владимиру Потемкину было написано в Париже\nи отправлено.\n"
    nt = normalize(raw)
    i = nt.text.index("Франции")
    start, end = nt.source_span(i, i + len("Франции"))
    assert raw[start:end] == "Фран-\nции"


def test_to_source_maps_the_end_of_the_cleaned_text():
    raw = "Текст.  \n"
    nt = normalize(raw)
    assert nt.to_source(len(nt.text)) == raw.index(".") + 1
    with pytest.raises(IndexError):
        nt.to_source(len(nt.text) + 1)


# --- spaces and layout ---------------------------------------------------------


def test_odd_spaces_become_spaces_and_runs_collapse():
    nt = normalize("в\u00a01935\u00a0г.  и   в\u202f1936 г.\n")
    assert nt.text == "в 1935 г. и в 1936 г."
    assert_maps_back(nt)


def test_blank_line_after_every_line_is_dropped_but_paragraphs_stay():
    lines = [
        "Отношение писателя к СССР не обладало догматической и окончательной ",
        "завершенностью, а постоянно им уточнялось и пересматривалось вновь. ",
        "Конгресс писателей 1935 г. подтолкнул его к переосмыслению своих ",
        "представлений о советской власти. ",
        "Новый абзац начинается здесь и продолжается на следующей строке и ",
        "заканчивается тут. ",
    ] * 5
    nt = normalize("\n\n".join(lines) + "\n")
    paragraphs = nt.text.split("\n")
    assert paragraphs[0].startswith("Отношение писателя")
    assert "завершенностью, а постоянно" in paragraphs[0]
    assert paragraphs[0].endswith("советской власти.")
    assert paragraphs[1].startswith("Новый абзац")
    assert_maps_back(nt)


def test_page_break_line_starting_with_a_space_continues_the_sentence():
    raw = ("Первая строка довольно длинного абзаца, который переходит на \n"
           " следующую страницу без всякого перерыва в предложении.\n")
    assert normalize(raw).text == ("Первая строка довольно длинного абзаца, который переходит на "
                                   "следующую страницу без всякого перерыва в предложении.")


# --- hyphenation -----------------------------------------------------------------


@pytest.mark.parametrize(
    "first, second, joined",
    [
        ("во Фран-", "ции Владимиру", "во Франции Владимиру"),
        ("германской социал-", "демократии и", "германской социал-демократии и"),
        ("с Жозефом Поль-", "Бонкуром и", "с Жозефом Поль-Бонкуром и"),
        ("советско-француз-", "ских переговоров", "советско-французских переговоров"),
        ("военно-", "политический блок", "военно-политический блок"),
        ("кто-", "нибудь другой", "кто-нибудь другой"),
        ("большевиков-", "ленинцев и", "большевиков-ленинцев и"),
        ("его преемни-", "ка на посту", "его преемника на посту"),
    ],
)
def test_line_end_hyphen_is_dropped_only_for_split_words(first, second, joined):
    raw = f"Очень длинная строка текста с рассказом {first}\n{second} и так далее.\n"
    assert joined in normalize(raw).text


def test_latin_words_are_joined_when_the_whole_word_occurs_elsewhere():
    raw = ("The press explained it. Later the Soviet press ex-\nplained that all attacks failed, "
           "said the bolcheviks-léninistes and the bolcheviks-\nléninistes again.\n")
    text = normalize(raw).text
    assert "press explained that" in text and "the bolcheviks-léninistes again" in text


def test_a_date_split_at_a_hyphen_reads_as_one():
    raw = "Он родился 14 янва-\nря 1898 г. в деревне.\n"
    assert "14 января 1898 г." in normalize(raw).text


# --- character repairs --------------------------------------------------------------


def test_code_page_damage_inside_cyrillic_words_is_repaired():
    raw = ("Îднако вопрос о степени ãотовности двух сторон к соçданию союçа. "
           "Èстория áыла иной в 1930-х ãã. Íевероятный союç.\n")
    text = normalize(raw).text
    assert text == ("Однако вопрос о степени готовности двух сторон к созданию союза. "
                    "История была иной в 1930-х гг. Невероятный союз.")


def test_genuine_french_letters_survive_next_to_damaged_cyrillic():
    raw = ("Îднако ãотовности союçа áыла. Èстория ãã. Íет. "
           "Les militaires Français et la défense. annйes 20, colloque organisé а Moscou, Vaпsse M.\n")
    text = normalize(raw).text
    assert "Français" in text and "défense" in text
    assert "années 20" in text and "organisé à Moscou" in text and "Vaïsse" in text
    assert len(text) == len(raw.strip())  # one character for one


def test_latin_look_alikes_in_russian_words_and_back():
    text = normalize("не paз это проявлял. Baш ответ. L'économie сoercitive.\n").text
    assert "не раз" in text and "Ваш ответ" in text and "coercitive" in text
    assert not re.search("[а-я]", "coercitive".join(text.split("coercitive")[1:2]) or "")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("на ХV съезде партии", "на XV съезде партии"),
        ("письмо от 14/Х-32 г.", "письмо от 14/X-32 г."),
        ("получено 21.Х.1928 вечером", "получено 21.X.1928 вечером"),
        ("на ХХ съезде", "на XX съезде"),
        ("С приветом Х. Г. Раковский", "С приветом Х. Г. Раковский"),  # an initial stays
    ],
)
def test_cyrillic_x_as_roman_numeral_becomes_latin(raw, expected):
    assert normalize(raw + "\n").text == expected


# --- footnotes -------------------------------------------------------------------------


def test_glued_footnote_markers_are_removed():
    raw = "Письмо секретарю Камчатского Губкома24 пришло в конце года.12 Потом «ответ»3, и Ф. 17. Л.29 и 2 г.\n"
    text = normalize(raw).text
    assert "Губкома пришло" in text and "года. Потом" in text and "«ответ», и" in text
    assert "Ф. 17. Л.29 и 2 г." in text


def test_footnote_bodies_are_marked_and_moved_out_of_an_interrupted_sentence():
    raw = (
        "Советские историки утверждали, что внешняя политика Парижа преследовала цель1 \n"
        "направить агрессию на Восток2, а Москва обеспечивала безопасность в \n"
        "1 Там же, л. 7.\n"
        "2 РГАСПИ, ф. 558, оп. 11, д. 185, л. 65.\n"
        " течение всего периода. Конец.\n"
    )
    nt = normalize(raw)
    assert len(nt.footnotes) == 2
    a, b = nt.footnotes[0]
    assert raw[a:b] == "1 Там же, л. 7."
    assert nt.is_footnote(raw.index("РГАСПИ"))
    first = nt.text.split("\n")[0]
    assert first.endswith("безопасность в течение всего периода. Конец.")
    assert "1 Там же, л. 7." in nt.text.split("\n")[1]
    assert_maps_back(nt)


def test_a_numbered_line_without_a_marker_is_not_a_footnote():
    raw = "В тексте нет сносок вовсе.\n15 Октября 1923 г. состоялось заседание.\n"
    assert normalize(raw).footnotes == []


def test_footnote_number_on_its_own_line_with_text_below():
    lines = ["Появляются работы о Троцком2. Особое внимание представляют работы Васецкого3 ",
             "и других авторов, которые дают наиболее объективное представление о нем. ",
             "                                   ", "2", " Радзинский Э. Сталин. М., 1998. ",
             "3", " Васецкий Н.А. Троцкий. М., 1992. ", " В 2012 г. два ведущих специалиста по Троцкому ",
             "объединили свои усилия и написали книгу. "] * 1
    raw = "\n\n".join(lines[:2]) + "\n\n" + "\n".join(lines[2:7]) + "\n" + "\n\n".join(lines[7:]) + "\n"
    nt = normalize(raw)
    notes = [raw[a:b] for a, b in nt.footnotes]
    assert any("Радзинский" in n for n in notes) and any("Васецкий Н.А." in n for n in notes)
    assert not any("В 2012 г." in n for n in notes)


# --- the corpus ----------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(corpus.FILES))
def test_corpus_text_maps_back_character_for_character(key):
    nt = corpus.normalized(key)
    repaired = nt.repaired
    step = max(1, len(nt.text) // 20000)
    for i in range(0, len(nt.text), step):
        ch = nt.text[i]
        if not ch.isspace():
            assert repaired[nt.to_source(i)] == ch


def test_002_has_no_latin1_letters_left_inside_russian_words():
    text = corpus.normalized("002").text
    assert not re.search(r"[а-яё][áãçÎÍÈ]|[áãçÎÍÈ][а-яё]", text)
    assert "Невероятный союз" in text


def test_003_non_breaking_spaces_are_gone():
    assert "\u00a0" not in corpus.normalized("003").text


def test_000_sentence_spanning_layout_lines_reads_as_one():
    text = corpus.normalized("000").text
    assert "было написано 29 июня 1935 г., когда в летнем знойном Париже закончился" in text


def test_002_footnotes_are_found_in_sequence():
    nt = corpus.normalized("002")
    raw = corpus.raw("002")
    numbers = [int(raw[a:b].split(" ", 1)[0]) for a, b in nt.footnotes]
    assert numbers == sorted(numbers) and len(numbers) >= 55


def test_to_clean_inverts_to_source_even_around_moved_footnotes():
    nt = corpus.normalized("002")
    for i in range(0, len(nt.text), 97):
        if not nt.text[i].isspace():
            assert nt.to_clean(nt.to_source(i)) == i
    a, _ = nt.footnotes[0]
    assert nt.text[nt.to_clean(a):].startswith("1 Guelton")


def test_to_clean_of_a_dropped_character_is_the_next_kept_one():
    raw = "Губкома24 пришло.\n"
    nt = normalize(raw)
    assert nt.text[nt.to_clean(raw.index("24")):].startswith(" пришло")


def test_a_lone_page_number_inside_a_sentence_is_dropped():
    body = ["Мы решительно осуждаем такую критику Коминтерна или политики нашей партии, ",
            "которая переходит в травлю, ослабляющую положение Коминтерна, как боевой "]
    after = ["организации мирового пролетариата и первого государства диктатуры. ",
             "Не только агитация Корша и ему подобных встретит наш отпор. "]
    lines = body * 6 + ["", "", "116 ", "", " ", ""] + after * 6
    raw = "\n\n".join(lines) + "\n"
    text = normalize(raw).text
    assert "как боевой организации мирового" in text
    assert "116" not in text


def test_a_column_of_numbers_is_not_taken_for_page_numbers():
    raw = "Список членов:\n116\n117\n118\n119\nКонец списка.\n"
    text = normalize(raw).text
    assert all(n in text for n in ("116", "117", "118", "119"))


def test_windows_line_endings_clean_like_unix_ones():
    unix = "Письмо послу во Фран-\nции было написано\n29 июня 1935 г. в Париже.\n"
    nt = normalize(unix.replace("\n", "\r\n"))
    assert nt.text == normalize(unix).text
    assert_maps_back(nt)


@pytest.mark.parametrize("invisible", list("\u200b\u200c\u200d\u2060\ufeff\u00ad"))
def test_every_invisible_character_is_dropped_and_the_word_still_maps_back(invisible):
    raw = f"Он был аре{invisible}стован 5 мая 1924 г.\n"
    nt = normalize(raw)
    assert "арестован 5 мая 1924 г." in nt.text
    i = nt.text.index("арестован")
    start, end = nt.source_span(i, i + len("арестован"))
    assert raw[start:end] == f"аре{invisible}стован"
