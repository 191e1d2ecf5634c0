"""Behaviour of the date-finding stage (events.extraction.dates).

The big table holds real forms from the corpus (fixtures/sources) and the
forms the pipeline must refuse; each row asserts the exact span text, EDTF
and calendar of every date found, so a rule that grows too greedy or too
shy fails here.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from edtf import parse_edtf

from events.extraction.dates import (
    DateContext,
    find_dates,
    iter_with_context,
    julian_to_gregorian,
    roman_to_int,
)

SOURCES = Path(__file__).resolve().parents[3] / "fixtures" / "sources"

G, J = "gregorian", "julian"

# (lang, text, [(span text, edtf, calendar), ...])
FORMS = [
    # --- Russian: full dates -------------------------------------------------
    ("ru", "письмо от 29 июня 1935 г. послу", [("29 июня 1935 г.", "1935-06-29", G)]),
    ("ru", "Протокол от 1 февраля 1923 года", [("1 февраля 1923 года", "1923-02-01", G)]),
    ("ru", "Письмо от 6 сентября 1923 г.", [("6 сентября 1923 г.", "1923-09-06", G)]),
    ("ru", "решение 14 окт. 1927 г. отменить", [("14 окт. 1927 г.", "1927-10-14", G)]),
    ("ru", "с 18 сент. 1927 г. по настоящее время", [("с 18 сент. 1927 г.", "1927-09-18/..", G)]),
    ("ru", "решение 18 сент. 1927 г.", [("18 сент. 1927 г.", "1927-09-18", G)]),
    # a cipher's dispatch line: Roman month, a space, the year
    ("ru", "Из Пензы отправлена 3/Х 1927 г.", [("3/Х 1927 г.", "1927-10-03", G)]),
    # a registration number's "-с" suffix (секретно) is no preposition "from"
    ("ru", "Строго секретно № П12/3-с 5 мая 1926 г.", [("5 мая 1926 г.", "1926-05-05", G)]),
    ("ru", "пленум 18-го июня 1928 г. решил", [("18-го июня 1928 г.", "1928-06-18", G)]),
    ("ru", "Постановление от 11 октября1923 г. о", [("11 октября1923 г.", "1923-10-11", G)]),
    ("ru", "14 января\n1928 г. выслан", [("14 января\n1928 г.", "1928-01-14", G)]),
    ("ru", "7 НОЯБРЯ 1927 Г.", [("7 НОЯБРЯ 1927 Г.", "1927-11-07", G)]),
    # --- Russian: month, year, season, parts ------------------------------------
    ("ru", "в мае 1935 г. он", [("мае 1935 г.", "1935-05", G)]),
    ("ru", "в 1935 г. приехал", [("1935 г.", "1935", G)]),
    ("ru", "события 1935 года", [("1935 года", "1935", G)]),
    ("ru", "в 1935-м вернулся", [("1935-м", "1935", G)]),
    ("ru", "Летом 1937 г. переговоры", [("Летом 1937 г.", "1937-22", G)]),
    ("ru", "осенью 1923 года", [("осенью 1923 года", "1923-23", G)]),
    ("ru", "весной-летом 1939 г. шли", [("весной-летом 1939 г.", "1939-21/1939-22", G)]),
    ("ru", "осенью—зимой 1932—1933 гг. шли", [("осенью—зимой 1932—1933 гг.", "1932-23/1933-24", G)]),
    ("ru", "в конце 1936 г. стало", [("конце 1936 г.", "1936-36", G)]),
    ("ru", "К началу 1926 г.", [("началу 1926 г.", "1926-33", G)]),
    ("ru", "в середине 1930 г.", [("середине 1930 г.", "1930-38", G)]),
    ("ru", "в первой половине 1930 г.", [("первой половине 1930 г.", "1930-40", G)]),
    ("ru", "во второй половине 1931 г.", [("второй половине 1931 г.", "1931-41", G)]),
    ("ru", "в начале мая 1935 г.", [("начале мая 1935 г.", "1935-05-01/1935-05-10", G)]),
    ("ru", "в середине марта 1927 года", [("середине марта 1927 года", "1927-03-11/1927-03-20", G)]),
    ("ru", "в конце февраля 1928 г.", [("конце февраля 1928 г.", "1928-02-21/1928-02-29", G)]),
    ("ru", "в конце 1932 — начале 1933 г.", [("конце 1932 — начале 1933 г.", "1932-10/1933-03", G)]),
    ("ru", "В начале ноября 1916 г. выслан", [("начале ноября 1916 г.", "1916-11-01/1916-11-10", G)]),
    ("ru", "С февраля 1914 г. издавал", [("С февраля 1914 г.", "1914-02/..", G)]),
    ("ru", "член партии с 1902 г.", [("1902 г.", "1902", G)]),
    ("ru", "с 1500 рублями", []),
    # --- Russian: numeric and Roman-numeral months -----------------------------
    ("ru", "1.02.23г. Москва", [("1.02.23г.", "1923-02-01", G)]),
    ("ru", "Москва, 6.09.1923 г.", [("6.09.1923 г.", "1923-09-06", G)]),
    ("ru", "8. 3. 28 г. Троцкий", [("8. 3. 28 г.", "1928-03-08", G)]),
    ("ru", "15/11/24 Сталин", [("15/11/24", "1924-11-15", G)]),
    ("ru", "17.П.1925 г.", [("17.П.1925 г.", "1925-02-17", G)]),
    ("ru", "25.УП.28 г.", [("25.УП.28 г.", "1928-07-25", G)]),
    ("ru", "14/Х-32", [("14/Х-32", "1932-10-14", G)]),
    ("ru", "5.XI.27", [("5.XI.27", "1927-11-05", G)]),
    ("ru", "21.1Х.29 г.", [("21.1Х.29 г.", "1929-09-21", G)]),
    ("ru", "30.ХI-28", [("30.ХI-28", "1928-11-30", G)]),
    ("ru", "в октябре м-це 1927 года", [("октябре м-це 1927 года", "1927-10", G)]),
    # --- Russian: ranges, nights, decades ------------------------------------------
    ("ru", "21–23 октября 1927 г. прошел", [("21–23 октября 1927 г.", "1927-10-21/1927-10-23", G)]),
    ("ru", "в мае-июне 1932 г.", [("мае-июне 1932 г.", "1932-05/1932-06", G)]),
    ("ru", "с сентября 1936 по март 1937 г.", [("с сентября 1936 по март 1937 г.", "1936-09/1937-03", G)]),
    ("ru", "с 1 по 5 сентября 1927 г.", [("с 1 по 5 сентября 1927 г.", "1927-09-01/1927-09-05", G)]),
    ("ru", "в 1935–1937 гг. велись", [("1935–1937 гг.", "1935/1937", G)]),
    ("ru", "в 1909-10 г.", [("1909-10 г.", "1909/1910", G)]),
    ("ru", "между 1932 и 1934 гг.", [("между 1932 и 1934 гг.", "1932/1934", G)]),
    ("ru", "в ночь с 18-го на 19 июня 1928 года", [("ночь с 18-го на 19 июня 1928 года", "1928-06-18/1928-06-19", G)]),
    ("ru", "В ночь на 15 сентября 1927 г.", [("ночь на 15 сентября 1927 г.", "1927-09-14/1927-09-15", G)]),
    ("ru", "в 1930-х гг. стало", [("1930-х гг.", "193X", G)]),
    ("ru", "в 20-е годы", [("20-е годы", "192X", G)]),
    ("ru", "в 80-х годов", [("80-х годов", "198X", G)]),
    ("ru", "сидел в 1919 и 1920 гг.", [("1919", "1919", G), ("1920 гг.", "1920", G)]),
    # --- Russian: approximate and uncertain ----------------------------------------
    ("ru", "около 1932 г. он", [("около 1932 г.", "1932~", G)]),
    ("ru", "примерно в мае 1935 г.", [("примерно в мае 1935 г.", "1935-05~", G)]),
    ("ru", "не ранее ноября 1932 г.", [("не ранее ноября 1932 г.", "1932-11/..", G)]),
    ("ru", "не позднее 1933 г.", [("не позднее 1933 г.", "../1933", G)]),
    ("ru", "в 1933 г. (?) он", [("1933 г. (?)", "1933?", G)]),
    # --- Russian: Old Style -----------------------------------------------------
    ("ru", "родился 26 октября (7 ноября) 1879 г. в", [("26 октября (7 ноября) 1879 г.", "1879-11-07", J)]),
    ("ru", "14 января 1898 г. арестован", [("14 января 1898 г.", "1898-01-26", J)]),
    ("ru", "25 октября 1917 г.", [("25 октября 1917 г.", "1917-11-07", J)]),
    ("ru", "1 мая 1920 г.", [("1 мая 1920 г.", "1920-05-01", G)]),
    ("ru", "7 ноября (25 октября) 1917 г.", [("7 ноября (25 октября) 1917 г.", "1917-11-07", J)]),
    ("ru", "18 июня 1928 г. по ст. ст.", [("18 июня 1928 г. по ст. ст.", "1928-07-01", J)]),
    ("ru", "5 января 1917 г. (по новому стилю)", [("5 января 1917 г. (по новому стилю)", "1917-01-05", G)]),
    ("ru", "в мае 1905 г.", [("мае 1905 г.", "1905-05", G)]),
    # --- Russian: not dates --------------------------------------------------------
    ("ru", "РГАСПИ. Ф. 17. Оп. 171. Д. 31. Л. 29–34. Копия. Машинопись", []),
    ("ru", "М., 2004. С. 169—172.", []),
    ("ru", "№ 7495/с", []),
    ("ru", "№ 1234 от", []),
    ("ru", "УДК 94(47)", []),
    ("ru", "DOI 10.15826/qr.2022.1.123", []),
    ("ru", "выдано 1935 руб. и 12 %", []),
    ("ru", "около 1500 человек", []),
    ("ru", "собрались в 14 ч. 30 м.", []),
    ("ru", "1917 1918 1919 1925", []),
    ("ru", "книга «1905» Троцкого", []),
    ("ru", "т. 1–2, 1990 с.", []),
    ("ru", "Л. 12.10.", []),
    ("ru", "пункт 3.2.1 приказа", []),
    ("ru", "годовщина Великого Октября", []),
    # --- French ------------------------------------------------------------------
    ("fr", "lettre du 15 février 1932 au", [("15 février 1932", "1932-02-15", G)]),
    ("fr", "le 1er mai 1935", [("1er mai 1935", "1935-05-01", G)]),
    ("fr", "En mars 1929, il", [("mars 1929", "1929-03", G)]),
    ("fr", "au printemps 1932", [("printemps 1932", "1932-21", G)]),
    ("fr", "note du 23/04/1929", [("23/04/1929", "1929-04-23", G)]),
    ("fr", "fin 1936, la", [("fin 1936", "1936-36", G)]),
    ("fr", "à la fin de 1927", [("à la fin de 1927", "1927-36", G)]),
    ("fr", "en 1935 il", [("1935", "1935", G)]),
    ("fr", "de 1920 à 1927", [("de 1920 à 1927", "1920/1927", G)]),
    ("fr", "entre 1932 et 1934", [("entre 1932 et 1934", "1932/1934", G)]),
    ("fr", "les années 1930", [("années 1930", "193X", G)]),
    ("fr", "vers 1930", [("vers 1930", "1930~", G)]),
    ("fr", "du 15 au 20 février 1932", [("du 15 au 20 février 1932", "1932-02-15/1932-02-20", G)]),
    ("fr", "27  décembre  1928", [("27  décembre  1928", "1928-12-27", G)]),
    ("fr", "depuis mars 1929", [("depuis mars 1929", "1929-03/..", G)]),
    ("fr", "la révolution de 1905", []),
    ("fr", "page 1935 et 12 %", []),
    # --- English -----------------------------------------------------------------
    ("en", "on 29 June 1935 Gide", [("29 June 1935", "1935-06-29", G)]),
    ("en", "on June 29, 1935 Gide", [("June 29, 1935", "1935-06-29", G)]),
    ("en", "in May 1935", [("May 1935", "1935-05", G)]),
    ("en", "in summer 1937", [("summer 1937", "1937-22", G)]),
    ("en", "in the 1930s", [("1930s", "193X", G)]),
    ("en", "early 1936", [("early 1936", "1936-33", G)]),
    ("en", "took place in 1935 in Paris", [("1935", "1935", G)]),
    ("en", "from 1935 to 1937", [("from 1935 to 1937", "1935/1937", G)]),
    ("en", "pp. 12-15", []),
    ("en", "1500 people", []),
]


@pytest.mark.parametrize("lang,text,expected", FORMS, ids=[f"{f[0]}:{f[1][:40]}" for f in FORMS])
def test_form_table(lang, text, expected):
    found = find_dates(text, lang)
    assert [(m.text, m.edtf, m.calendar) for m in found] == expected
    for m in found:
        assert text[m.start : m.end] == m.text
        parse_edtf(m.edtf)
        if m.original_edtf:
            parse_edtf(m.original_edtf)


def test_form_table_is_large_enough():
    assert len(FORMS) >= 60


@pytest.mark.parametrize("lang", ["ru", "fr", "en"])
def test_every_rule_of_every_language_compiles(lang):
    from events.extraction.dates import _engine

    engine = _engine(lang)
    assert engine.rules
    for rule in engine.rules:
        assert rule.pattern.groupindex  # compiles and reads its parts by name


def test_part_range_within_months_uses_day_bounds():
    (m,) = find_dates("В конце августа – начале сентября", "ru", DateContext(year=1936))
    assert (m.text, m.edtf) == ("конце августа – начале сентября", "1936-08-21/1936-09-10")


def test_old_style_keeps_the_written_date_as_original():
    (m,) = find_dates("26 октября (7 ноября) 1879 г.", "ru")
    assert (m.calendar, m.original_edtf, m.edtf) == ("julian", "1879-10-26", "1879-11-07")
    (m,) = find_dates("14 января 1898 г.", "ru")
    assert m.original_edtf == "1898-01-14"


def test_julian_rule_applies_only_to_russian():
    assert find_dates("14 January 1898", "en")[0].calendar == "gregorian"
    assert find_dates("14 janvier 1898", "fr")[0].edtf == "1898-01-14"


def test_context_can_force_or_forbid_julian():
    no = find_dates("14 января 1898 г.", "ru", DateContext(julian=False))[0]
    assert (no.edtf, no.calendar) == ("1898-01-14", "gregorian")
    yes = find_dates("14 January 1898", "en", DateContext(julian=True))[0]
    assert (yes.edtf, yes.calendar) == ("1898-01-26", "julian")


def test_julian_range_converts_both_ends():
    (m,) = find_dates("9-10 января 1905 г.", "ru")
    assert m.edtf == "1905-01-22/1905-01-23"
    assert m.original_edtf == "1905-01-09/1905-01-10"


def test_yearless_date_is_skipped_without_context():
    assert find_dates("21 октября прошло заседание", "ru") == []


def test_yearless_date_takes_context_year_and_is_inferred():
    (m,) = find_dates("21 октября прошло заседание", "ru", DateContext(year=1927))
    assert (m.edtf, m.inferred, m.text) == ("1927-10-21", True, "21 октября")
    assert m.confidence <= 0.6


def test_yearless_date_takes_last_explicit_year_in_text():
    found = find_dates("Письмо от 3 мая 1926 г. Ответ пришел 21 октября.", "ru", DateContext(year=1920))
    assert [m.edtf for m in found] == ["1926-05-03", "1926-10-21"]
    assert found[1].inferred and not found[0].inferred


def test_french_yearless_date_with_context():
    (m,) = find_dates("du 15 février", "fr", DateContext(year=1932))
    assert (m.text, m.edtf, m.inferred) == ("15 février", "1932-02-15", True)


def test_this_year_reference_uses_document_year():
    ctx = DateContext(year=1923, document_date=datetime.date(1927, 10, 21))
    (m,) = find_dates("назначено на 25 октября с.г.", "ru", ctx)
    assert (m.text, m.edtf, m.inferred) == ("25 октября с.г.", "1927-10-25", True)


def test_same_year_reference_uses_last_mentioned_year():
    found = find_dates("В 1925 г. он уехал, а осенью того же года вернулся", "ru")
    assert [(m.text, m.edtf) for m in found] == [("1925 г.", "1925"), ("осенью того же года", "1925-23")]
    assert found[1].inferred


def test_la_meme_annee():
    found = find_dates("En 1928 il fut exclu. La même année, il", "fr")
    assert [(m.text, m.edtf, m.inferred) for m in found] == [
        ("1928", "1928", False),
        ("La même année", "1928", True),
    ]


@pytest.mark.parametrize(
    "text,span,edtf",
    [
        ("Арестован 13.VI. с. г. в Москве", "13.VI. с. г.", "1927-06-13"),
        ("сообщению от 29/Х с. г. за № 220353", "29/Х с. г.", "1927-10-29"),
        ("записка от 12.1. с.г. с приложением", "12.1. с.г.", "1927-01-12"),
        ("в конце марта м-ца с. г. при ликвидации", "конце марта м-ца с. г.", "1927-03-21/1927-03-31"),
    ],
)
def test_numeric_day_month_with_this_year(text, span, edtf):
    ctx = DateContext(document_date=datetime.date(1927, 11, 2))
    (m,) = find_dates(text, "ru", ctx)
    assert (m.text, m.edtf, m.inferred) == (span, edtf, True)


def test_previous_year_reference():
    ctx = DateContext(document_date=datetime.date(1932, 3, 1))
    (m,) = find_dates("осенью прошлого года", "ru", ctx)
    assert m.edtf == "1931-23"


def test_relative_days_need_a_document_date():
    assert find_dates("вчера состоялось заседание", "ru") == []
    ctx = DateContext(document_date=datetime.date(1927, 10, 21))
    found = find_dates("Вчера было заседание, через неделю будет пленум", "ru", ctx)
    assert [(m.text, m.edtf) for m in found] == [("Вчера", "1927-10-20"), ("через неделю", "1927-10-28")]
    assert all(m.inferred and m.confidence <= 0.6 for m in found)


def test_relative_day_before_1918_is_not_converted_again():
    ctx = DateContext(document_date=datetime.date(1917, 11, 7))  # Gregorian
    (m,) = find_dates("вчера открылся съезд", "ru", ctx)
    assert (m.edtf, m.calendar) == ("1917-11-06", "gregorian")


def test_month_alone_after_preposition_uses_running_year_with_low_confidence():
    (m,) = find_dates("в октябре пленум", "ru", DateContext(year=1927))
    assert (m.text, m.edtf, m.inferred) == ("октябре", "1927-10", True)
    assert m.confidence <= 0.5


@pytest.mark.parametrize(
    "lang,text,span,edtf",
    [
        ("ru", "Осенью Симонов уехал в Париж", "Осенью", "1936-23"),
        ("fr", "au printemps, il revint", "printemps", "1936-21"),
        ("en", "in the autumn the talks stalled", "autumn", "1936-23"),
    ],
)
def test_season_alone_takes_running_year(lang, text, span, edtf):
    (m,) = find_dates(text, lang, DateContext(year=1936))
    assert (m.text, m.edtf, m.inferred) == (span, edtf, True)
    assert m.confidence <= 0.5
    assert find_dates(text, lang) == []


def test_confidence_reflects_precision():
    day, month, year = (find_dates(t, "ru")[0] for t in ("1 мая 1925 г.", "в мае 1925 г.", "в 1925 г."))
    assert day.confidence == 1.0
    assert month.confidence == 0.9
    assert year.confidence < month.confidence


def test_bare_year_range_needs_plausible_years():
    assert [m.edtf for m in find_dates("в период 1923–1927", "ru")] == ["1923/1927"]
    assert find_dates("номера 1000–1500", "ru") == []


def test_page_range_is_not_a_year_range():
    assert find_dates("Т. 12. С. 1923–1927.", "ru") == []


def test_find_dates_changes_nothing_global():
    ctx = DateContext(year=1930)
    text = "Письмо от 3 мая 1926 г. Ответ пришел 21 октября."
    first = find_dates(text, "ru", ctx)
    assert ctx == DateContext(year=1930)
    assert find_dates("21 октября", "ru", ctx)[0].edtf == "1930-10-21"
    assert find_dates(text, "ru", ctx) == first


def test_iter_with_context_carries_year_between_paragraphs():
    paragraphs = ["Письмо от 3 мая 1926 г.", "Ответ пришел 21 октября."]
    result = list(iter_with_context(paragraphs, "ru"))
    assert [(i, [m.edtf for m in ms]) for i, ms in result] == [(0, ["1926-05-03"]), (1, ["1926-10-21"])]


def test_mentions_are_ordered_and_do_not_overlap():
    text = "С 1 по 5 мая 1927 г., затем 8. 3. 28 г. и летом 1929 г., в 1930-х гг."
    found = find_dates(text, "ru")
    assert len(found) == 4
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


@pytest.mark.parametrize(
    "numeral,value",
    [("II", 2), ("П", 2), ("Ш", 3), ("III", 3), ("IV", 4), ("IУ", 4), ("УП", 7), ("VII", 7),
     ("УШ", 8), ("1Х", 9), ("IX", 9), ("Х", 10), ("ХI", 11), ("ХП", 12), ("XII", 12),
     ("ХV", 15), ("XVII", 17), ("1", 1)],
)
def test_roman_to_int_accepts_latin_and_lookalikes(numeral, value):
    assert roman_to_int(numeral) == value


@pytest.mark.parametrize("bad", ["", "IIII", "VX", "ABC", "Пуск", "12"])
def test_roman_to_int_rejects_non_numerals(bad):
    assert roman_to_int(bad) is None


@pytest.mark.parametrize(
    "julian,gregorian",
    [
        ((1879, 10, 26), datetime.date(1879, 11, 7)),
        ((1917, 10, 25), datetime.date(1917, 11, 7)),
        ((1918, 1, 31), datetime.date(1918, 2, 13)),
        ((1900, 2, 29), datetime.date(1900, 3, 13)),  # a Julian-only leap day
        ((1900, 3, 1), datetime.date(1900, 3, 14)),
        ((1800, 2, 28), datetime.date(1800, 3, 11)),
        ((1800, 3, 1), datetime.date(1800, 3, 13)),
        ((1700, 3, 1), datetime.date(1700, 3, 12)),
        ((1582, 10, 5), datetime.date(1582, 10, 15)),
    ],
)
def test_julian_to_gregorian(julian, gregorian):
    assert julian_to_gregorian(*julian) == gregorian


@pytest.mark.skipif(not SOURCES.is_dir(), reason="corpus fixtures not present")
def test_every_corpus_mention_is_valid_edtf_with_exact_span():
    values = set()
    for path in sorted(SOURCES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for lang in ("ru", "fr", "en"):
            last_end = 0
            for m in find_dates(text, lang):
                assert text[m.start : m.end] == m.text
                assert m.start >= last_end
                last_end = m.end
                assert m.text == m.text.strip()
                values.add(m.edtf)
                if m.original_edtf:
                    values.add(m.original_edtf)
    assert len(values) > 100
    # parse_edtf takes ~50 ms a call: check one value of every shape
    # ("9999-99-99/9999-99-99"...); day and month ranges are checked when
    # the values are built (datetime.date).
    shapes = {re.sub(r"\d", "9", v): v for v in sorted(values)}
    assert len(shapes) >= 10
    for value in shapes.values():
        parse_edtf(value)


def test_long_whitespace_runs_do_not_backtrack():
    import time

    find_dates("5 мая 1935 г.", "ru")  # compile first
    texts = ["5 мая" + " " * 20000 + "x", ("в конце" + " " * 5000) * 3, "с" + " " * 5000 + "мая" + " " * 5000 + "по x"]
    started = time.process_time()
    for text in texts:
        assert find_dates(text, "ru") == []
    assert time.process_time() - started < 2.0


def test_a_yearless_date_long_after_the_writing_day_is_last_years():
    ctx = DateContext(year=1929, document_date=datetime.date(1929, 2, 27), written_on=datetime.date(1929, 2, 27))
    [m] = find_dates("16 декабря прибыл комиссар ГПУ.", "ru", ctx)
    assert m.edtf == "1928-12-16"


def test_a_yearless_date_shortly_after_the_writing_day_keeps_the_year():
    # a plan told ahead, or an enclosure written after its covering note
    ctx = DateContext(year=1928, written_on=datetime.date(1928, 1, 12))
    [m] = find_dates("Конгресс открывается 15-го марта.", "ru", ctx)
    assert m.edtf == "1928-03-15"


@pytest.mark.parametrize("text, edtf", [
    ("1927 г., сентябрь 13 дня, уполномоченный допросил", "1927-09-13"),
    ("1928 г. октября 30 дня", "1928-10-30"),
    ("1930 года, января 5 числа", "1930-01-05"),
])
def test_a_record_dates_itself_year_first_with_the_word_day(text, edtf):
    [m] = find_dates(text, "ru")
    assert (m.edtf, m.inferred) == (edtf, False)
    assert text.startswith(m.text)


def test_a_month_in_brackets_after_a_year_is_that_years_month():
    [m] = find_dates("В 1919 г. (февраль) арестован меньшевистским правительством.", "ru")
    assert (m.edtf, m.text) == ("1919-02", "1919 г. (февраль)")
    # without the day word or the brackets the year stands alone
    assert [m.edtf for m in find_dates("В 1927 г. сентябрь был холодным.", "ru")] == ["1927"]


@pytest.mark.parametrize("text, span, edtf", [
    ("письмо, опубликованное в июньском номере журнала «Эспри»", "июньском номере", "1936-06"),
    ("и в июльском\nномере «Бюллетеня оппозиции»", "июльском\nномере", "1936-07"),
    ("статья вышла в мартовской книжке «Красной нови»", "мартовской книжке", "1936-03"),
    ("напечатано в декабрьском выпуске", "декабрьском выпуске", "1936-12"),
])
def test_an_issue_named_by_its_month_is_a_yearless_month(text, span, edtf):
    [m] = find_dates(text, "ru", DateContext(year=1936))
    assert (m.text, m.edtf, m.inferred) == (span, edtf, True)


@pytest.mark.parametrize("text", [
    "после Октябрьской революции", "в октябрьском перевороте", "на апрельской конференции",
    "после июньского переворота Цанкова", "в майском наброске", "в мартовском заявлении",
])
def test_a_month_adjective_without_an_issue_noun_is_no_date(text):
    assert find_dates(text, "ru", DateContext(year=1936)) == []


def test_every_case_of_a_month_adjective_reads_its_month():
    endings = ["ий", "ого", "ому", "им", "ом", "ая", "ой", "ую", "ое", "ие", "их", "ими"]
    for ending in endings:
        [m] = find_dates(f"в ноябрьск{ending} номере", "ru", DateContext(year=1930))
        assert m.edtf == "1930-11", ending


def test_a_yearless_month_far_behind_the_month_a_story_reached_is_next_years():
    # "в начале ноября 1916 г. ... 27 марта выезжает из Нью-Йорка": March 1917
    ctx = DateContext(year=1916, month=11)
    [m] = find_dates("В феврале он выехал из Нью-Йорка.", "ru", ctx)
    assert (m.edtf, m.inferred) == ("1917-02", True)


def test_a_yearless_month_a_few_months_behind_the_story_stays_in_its_year():
    ctx = DateContext(year=1916, month=11)
    [m] = find_dates("Еще в июне он писал об этом.", "ru", ctx)
    assert m.edtf == "1916-06"
    [m] = find_dates("В декабре он выехал.", "ru", DateContext(year=1916, month=2))
    assert m.edtf == "1916-12"  # ahead of the story: the same year


def test_the_story_month_moves_no_date_with_its_own_year_or_a_writing_day():
    ctx = DateContext(year=1916, month=11)
    assert find_dates("В марте 1916 г. он выехал.", "ru", ctx)[0].edtf == "1916-03"
    assert find_dates("В 1916 г. газета закрылась; в марте он выехал.", "ru", ctx)[-1].edtf == "1916-03"
    # a document's writing day governs instead (its own rule looks back)
    written = DateContext(year=1916, month=11, written_on=datetime.date(1916, 11, 20))
    assert find_dates("В марте он выехал.", "ru", written)[0].edtf == "1916-03"
    assert find_dates("В марте он выехал.", "ru", DateContext(year=1916))[0].edtf == "1916-03"


def test_a_year_given_in_the_text_is_not_moved_by_the_writing_day():
    ctx = DateContext(year=1929, written_on=datetime.date(1929, 2, 27))
    mentions = find_dates("В 1929 г. ждали съезда; 16 декабря он откроется.", "ru", ctx)
    assert mentions[-1].edtf == "1929-12-16"


def test_a_yearless_date_shares_the_year_of_a_later_date_right_after_it_in_the_clause():
    ctx = DateContext(year=1926)
    first, _ = find_dates("Съезд начался 22 дек., и кончился 29 декабря 1920 года.", "ru", ctx)
    assert first.edtf == "1920-12-22"
    month, _ = find_dates("В мае и 10 мая 1925 г. шли аресты.", "ru", ctx)
    assert month.edtf == "1925-05"


def test_a_yearless_date_keeps_the_running_year_when_the_next_dated_day_is_earlier_or_far():
    ctx = DateContext(year=1926)
    assert find_dates("Письмо от 30 декабря и от 1 января 1925 г.", "ru", ctx)[0].edtf == "1926-12-30"
    assert find_dates("Съезд открылся 22 декабря. 29 декабря 1920 г. был другой.", "ru", ctx)[0].edtf == "1926-12-22"


def test_a_relative_day_restated_as_a_date_is_that_date():
    ctx = DateContext(year=1926, document_date=datetime.date(1926, 3, 11))
    mentions = find_dates("Это было 29 января. Через две недели после этого, а именно 11 февраля, "
                          "пришел ответ.", "ru", ctx)
    assert [m.edtf for m in mentions] == ["1926-01-29", "1926-02-11", "1926-02-11"]


def test_a_relative_day_followed_by_an_unrelated_date_keeps_its_count():
    ctx = DateContext(year=1926, document_date=datetime.date(1926, 3, 11))
    mentions = find_dates("Через две недели пришел ответ на письмо от 11 февраля.", "ru", ctx)
    assert mentions[0].edtf == "1926-03-25"


def test_this_year_is_the_writing_year_when_given_and_not_the_storys_year():
    ctx = DateContext(year=1929, this_year=1932)
    [m] = find_dates("Изъяты листовки от апреля с. г.", "ru", ctx)
    assert m.edtf == "1932-04"
    [m] = find_dates("Изъяты листовки от апреля с. г.", "ru", DateContext(year=1929))
    assert m.edtf == "1929-04"
