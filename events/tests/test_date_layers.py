"""The three date layers: verbatim text -> EDTF -> bounds, precision and flags.

Each row is a date form that occurs in the corpus, with the EDTF value the
extractor gives it and what that value must mean on the calendar.
"""

import datetime as dt

import pytest

from events import dates

D = dt.date

# verbatim, EDTF, earliest, latest, precision, approximate, uncertain
CORPUS_FORMS = [
    ("29 июня 1935 г.", "1935-06-29", D(1935, 6, 29), D(1935, 6, 29), "day", False, False),
    ("от 1 февраля 1923 г.", "1923-02-01", D(1923, 2, 1), D(1923, 2, 1), "day", False, False),
    ("1.02.23г.", "1923-02-01", D(1923, 2, 1), D(1923, 2, 1), "day", False, False),
    ("6.09.1923 г.", "1923-09-06", D(1923, 9, 6), D(1923, 9, 6), "day", False, False),
    ("17.П.1925", "1925-02-17", D(1925, 2, 17), D(1925, 2, 17), "day", False, False),
    ("25.УП.28", "1928-07-25", D(1928, 7, 25), D(1928, 7, 25), "day", False, False),
    ("du 15 février 1932", "1932-02-15", D(1932, 2, 15), D(1932, 2, 15), "day", False, False),
    ("du 23/04/1929", "1929-04-23", D(1929, 4, 23), D(1929, 4, 23), "day", False, False),
    ("в мае 1935 г.", "1935-05", D(1935, 5, 1), D(1935, 5, 31), "month", False, False),
    ("En mars 1929", "1929-03", D(1929, 3, 1), D(1929, 3, 31), "month", False, False),
    ("в феврале 1932 г.", "1932-02", D(1932, 2, 1), D(1932, 2, 29), "month", False, False),
    ("летом 1937 г.", "1937-22", D(1937, 6, 1), D(1937, 8, 31), "season", False, False),
    ("летом 1903 г.", "1903-22", D(1903, 6, 1), D(1903, 8, 31), "season", False, False),
    ("осенью 1928 г.", "1928-23", D(1928, 9, 1), D(1928, 11, 30), "season", False, False),
    ("зимой 1925 г.", "1925-24", D(1925, 12, 1), D(1926, 2, 28), "season", False, False),
    ("au printemps 1932", "1932-21", D(1932, 3, 1), D(1932, 5, 31), "season", False, False),
    ("в конце 1936 г.", "1936-36", D(1936, 10, 1), D(1936, 12, 31), "season", False, False),
    ("в первой половине 1933 г.", "1933-40", D(1933, 1, 1), D(1933, 6, 30), "season", False, False),
    ("в 1935 г.", "1935", D(1935, 1, 1), D(1935, 12, 31), "year", False, False),
    ("около 1932 г.", "1932~", D(1932, 1, 1), D(1932, 12, 31), "year", True, False),
    ("1932 (?)", "1932?", D(1932, 1, 1), D(1932, 12, 31), "year", False, True),
    ("примерно в мае 1935 г.", "1935-05~", D(1935, 5, 1), D(1935, 5, 31), "month", True, False),
    ("1935–1937 гг.", "1935/1937", D(1935, 1, 1), D(1937, 12, 31), "year", False, False),
    ("1921–1929 гг.", "1921/1929", D(1921, 1, 1), D(1929, 12, 31), "year", False, False),
    ("21–23 октября 1927 г.", "1927-10-21/1927-10-23", D(1927, 10, 21), D(1927, 10, 23), "day", False, False),
    ("в мае-июне 1932 г.", "1932-05/1932-06", D(1932, 5, 1), D(1932, 6, 30), "month", False, False),
    ("с сентября 1936 по март 1937 г.", "1936-09/1937-03", D(1936, 9, 1), D(1937, 3, 31), "month", False, False),
    ("весной-летом 1939 г.", "1939-21/1939-22", D(1939, 3, 1), D(1939, 8, 31), "season", False, False),
    ("в ночь с 18-го на 19 июня 1928 года", "1928-06-18/1928-06-19", D(1928, 6, 18), D(1928, 6, 19), "day", False, False),
    ("1930-х гг.", "193X", D(1930, 1, 1), D(1939, 12, 31), "decade", False, False),
    ("не ранее ноября 1932 г.", "1932-11/..", D(1932, 11, 1), dates.OPEN_END, "month", False, False),
    ("не позднее 1933 г.", "../1933", dates.OPEN_START, D(1933, 12, 31), "year", False, False),
    # Old Style: stored Gregorian, the verbatim Julian kept beside it.
    ("26 октября (7 ноября) 1879 г.", "1879-11-07", D(1879, 11, 7), D(1879, 11, 7), "day", False, False),
]


@pytest.mark.parametrize(
    "verbatim, edtf_value, earliest, latest, precision, approximate, uncertain", CORPUS_FORMS,
    ids=[row[0] for row in CORPUS_FORMS],
)
def test_corpus_date_forms_have_exact_bounds(
    verbatim, edtf_value, earliest, latest, precision, approximate, uncertain
):
    b = dates.bounds(edtf_value)
    assert (b.earliest, b.latest) == (earliest, latest)
    assert b.precision == precision
    assert (b.approximate, b.uncertain) == (approximate, uncertain)


def test_the_table_covers_at_least_25_forms_of_every_kind():
    assert len(CORPUS_FORMS) >= 25
    precisions = {row[4] for row in CORPUS_FORMS}
    assert {"day", "month", "season", "year", "decade"} <= precisions


def test_sort_date_is_earliest_day_or_latest_for_open_start():
    assert dates.bounds("1937-22").sort == D(1937, 6, 1)
    assert dates.bounds("../1933").sort == D(1933, 12, 31)


@pytest.mark.parametrize(
    "julian, gregorian",
    [
        ((1879, 10, 26), D(1879, 11, 7)),  # Trotsky's birth, Old Style
        ((1917, 10, 25), D(1917, 11, 7)),  # the October revolution
        ((1918, 1, 31), D(1918, 2, 13)),  # the last Julian day in Soviet Russia
        ((1900, 2, 29), D(1900, 3, 13)),  # a day that exists only in the Julian calendar
        ((1799, 12, 31), D(1800, 1, 11)),  # before 1800 the gap is 11 days
    ],
)
def test_julian_dates_convert_to_gregorian(julian, gregorian):
    assert dates.julian_to_gregorian(*julian) == gregorian
    assert dates.gregorian_to_julian(gregorian) == julian


@pytest.mark.parametrize(
    "value, message_part",
    [
        ("1935-13-45", "month 13 does not exist"),
        ("1935-02-30", "day 30 does not exist in 1935-02"),
        ("1900-02-29", "day 29 does not exist"),
        ("29.06.1935", "not DD.MM.YYYY"),
        ("", "empty"),
        (" 1935", "spaces"),
        ("summer 1937", "not valid EDTF"),
        ("1935-22-01", "season"),
        ("1" * 200, "too long"),
    ],
)
def test_invalid_edtf_is_rejected_with_a_message_that_says_why(value, message_part):
    with pytest.raises(dates.InvalidEDTF) as excinfo:
        dates.bounds(value)
    assert message_part in str(excinfo.value)


@pytest.mark.parametrize(
    "value, text",
    [
        ("1935-06-29", "29 June 1935"),
        ("1937-22", "summer 1937"),
        ("1932~", "about 1932"),
        ("1932-11/..", "not earlier than November 1932"),
        ("1935/1937", "1935 – 1937"),
        ("193X", "1930s"),
    ],
)
def test_display_reads_naturally(value, text):
    assert dates.display(value) == text
