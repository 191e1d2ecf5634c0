"""The fast validity check of common EDTF forms agrees with the ``edtf`` parser."""

import itertools

import edtf
import pytest

from events import dates


def edtf_accepts(value: str) -> bool:
    try:
        return edtf.parse_edtf(value) is not None
    except Exception:
        return False


SIDES = ["1932", "1932~", "1932?", "1932%", "1932-06", "1932-06~", "1932-13", "1932-00", "1932-20",
         "1932-21", "1932-24", "1932-25", "1932-41", "1932-42", "1932-02-29", "1933-02-29",
         "1932-06-31", "1932-06-30?", "0000", ".."]
VALUES = SIDES + [f"{a}/{b}" for a, b in itertools.product(SIDES, SIDES)] + ["", " 1932", "1932 ", "1932?~", "193X"]


@pytest.mark.parametrize("value", VALUES)
def test_fast_path_only_accepts_what_the_edtf_parser_accepts(value):
    if dates._known_valid(value):
        assert edtf_accepts(value), value


def test_fast_path_covers_the_usual_forms():
    for value in ["1935-06-29", "1935-06", "1937-22", "1932~", "1932?", "1935/1937", "1932-11/..",
                  "../1933", "1935-06-01/1937"]:
        assert dates._known_valid(value), value


def test_invalid_dates_still_get_the_explanation():
    with pytest.raises(dates.InvalidEDTF, match="day 29 does not exist in 1933-02"):
        dates.validate("1933-02-29")
    with pytest.raises(dates.InvalidEDTF, match="month 13 does not exist"):
        dates.bounds("1932-13")
