"""Behaviour of the benchmark's scoring functions, driven by a tiny fake
extractor so the harness can be trusted before the real pipeline exists."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bench import scoring
from bench.scoring import Item, LineIndex, make_item

TEXT = (
    "Пакт подписан 2 мая 1935 г. в Париже.\n"  # line 1
    "\n"  # line 2
    "См.: М., 2004. С. 169–172.\n"  # line 3 (bibliography: a non-event)
    "Визит Лаваля в мае 1935 г.\n"  # line 4
    "\n"
    "\n"
    "Переговоры в августе 1939 г.\n"  # line 7
)
FILE = "x.txt"
INDEX = LineIndex(TEXT)


def gold_at(snippet: str, edtf: str, etype: str) -> dict:
    start = TEXT.index(snippet)
    return {"file": FILE, "line": INDEX.line_of(start), "edtf": edtf, "type": etype,
            "start": start, "end": start + len(snippet)}


GOLD = [
    gold_at("2 мая 1935 г.", "1935-05-02", "treaty"),
    gold_at("в мае 1935 г.", "1935-05", "visit"),
    gold_at("в августе 1939 г.", "1939-08", "negotiation"),
]
NON_EVENTS = [dict(gold_at("М., 2004. С. 169–172.", "", ""), why="bibliography")]


def fake_extractor(text: str) -> list[Item]:
    """Finds 'day month year' and 'month year' dates, sentence as the quote:
    a deliberately simple stand-in for the real pipeline."""
    months = {"мая": 5, "мае": 5, "августе": 8}
    items = []
    for m in re.finditer(r"(?:(\d{1,2}) )?(мая|мае|августе) (\d{4})", text):
        day, month, year = m.group(1), months[m.group(2)], m.group(3)
        edtf = f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
        s = text.rfind("\n", 0, m.start()) + 1
        e = text.find("\n", m.end())
        items.append(make_item(FILE, INDEX, s, e, date=edtf, type="treaty",
                               date_start=m.start(), date_end=m.end()))
    return items


# --- EDTF bounds -------------------------------------------------------------


def test_bounds_of_day_month_and_year():
    assert scoring.edtf_bounds("1935-06-29") == (date(1935, 6, 29), date(1935, 6, 29))
    assert scoring.edtf_bounds("1935-05") == (date(1935, 5, 1), date(1935, 5, 31))
    assert scoring.edtf_bounds("1935") == (date(1935, 1, 1), date(1935, 12, 31))


def test_open_interval_has_no_upper_bound():
    assert scoring.edtf_bounds("1932-11/..") == (date(1932, 11, 1), None)


def test_interval_of_parts_of_year_is_bounded_end_by_end():
    assert scoring.edtf_bounds("1935-36/1936-33") == (date(1935, 10, 1), date(1936, 3, 31))


def test_garbage_is_not_edtf():
    with pytest.raises(ValueError):
        scoring.edtf_bounds("вчера")


def test_same_bounds_count_as_the_same_date():
    # Q4 written as a part of year and as a month interval
    assert scoring.same_date("1935-10/1935-12", "1935-36")
    assert scoring.same_date("1935-05", "1935-05")


def test_different_precision_is_not_the_same_date():
    assert not scoring.same_date("1935-05-01", "1935-05")
    assert not scoring.same_date("", "1935")
    assert not scoring.same_date("nonsense", "1935")


# --- place rule and assignment -------------------------------------------------


def test_item_spanning_the_gold_line_is_at_the_right_place():
    item = Item(FILE, 0, 10, line=3, end_line=6)
    assert scoring.at_right_place(item, {"file": FILE, "line": 5})


def test_item_one_line_off_is_at_the_right_place_but_two_lines_is_not():
    near = Item(FILE, 0, 1, line=4, end_line=4)
    far = Item(FILE, 0, 1, line=7, end_line=7)
    gold = {"file": FILE, "line": 5}
    assert scoring.at_right_place(near, gold)
    assert not scoring.at_right_place(far, gold)


def test_item_in_another_file_never_matches():
    assert not scoring.at_right_place(Item("y.txt", 0, 1, 1, 1), {"file": FILE, "line": 1})


def test_one_item_cannot_satisfy_two_gold_events_on_one_line():
    g1 = {"file": FILE, "line": 1, "edtf": "1929", "start": 0}
    g2 = {"file": FILE, "line": 1, "edtf": "1930", "start": 20}
    item = Item(FILE, 0, 30, 1, 1, date="1930", date_start=18, date_end=22)
    match = scoring.assign([g1, g2], [item])
    assert match == {1: 0}  # the date-agreeing gold wins


# --- whole scoring with the fake extractor --------------------------------------


def test_fake_extractor_scores_full_recall_and_date_accuracy():
    s = scoring.score(GOLD, NON_EVENTS, fake_extractor(TEXT))
    assert s.recall == 1.0
    assert s.date_accuracy == 1.0
    assert s.non_event_hits == 0


def test_type_accuracy_counts_only_typed_items():
    s = scoring.score(GOLD, NON_EVENTS, fake_extractor(TEXT))
    assert s.typed == 3 and s.type_ok == 1  # the fake calls everything a treaty
    untyped = [Item(**{**it.__dict__, "type": None}) for it in fake_extractor(TEXT)]
    assert scoring.score(GOLD, NON_EVENTS, untyped).type_accuracy is None


def test_missing_item_lowers_recall():
    items = fake_extractor(TEXT)[:2]
    s = scoring.score(GOLD, NON_EVENTS, items)
    assert s.found == 2 and s.recall == pytest.approx(2 / 3)


def test_wrong_date_is_found_but_not_accurate():
    items = fake_extractor(TEXT)
    items[0] = Item(**{**items[0].__dict__, "date": "1935-05-03"})
    s = scoring.score(GOLD, NON_EVENTS, items)
    assert s.recall == 1.0 and s.date_accuracy == pytest.approx(2 / 3)


def test_item_on_a_non_event_span_counts_as_false_event():
    start = TEXT.index("2004")
    bogus = make_item(FILE, INDEX, start, start + 4, date="2004", date_start=start,
                      date_end=start + 4)
    s = scoring.score(GOLD, NON_EVENTS, fake_extractor(TEXT) + [bogus])
    assert s.non_event_hits == 1
    assert s.false_per_20 == 20.0
    assert s.region_precision == pytest.approx(3 / 4)


def test_manual_label_turns_an_unmatched_item_into_a_correct_one():
    start = TEXT.index("2004")
    bogus = make_item(FILE, INDEX, start, start + 4, date="2004", date_start=start,
                      date_end=start + 4)
    labels = [{"file": FILE, "start": start, "end": start + 4, "is_event": True}]
    s = scoring.score(GOLD, NON_EVENTS, fake_extractor(TEXT) + [bogus], labels)
    assert s.region_precision == 1.0
    assert s.labelled == 1 and s.label_precision == 1.0


def test_items_far_from_any_annotation_do_not_enter_region_precision():
    far_text_item = Item(FILE, 0, 1, line=40, end_line=40, date="1950")
    s = scoring.score(GOLD, NON_EVENTS, fake_extractor(TEXT) + [far_text_item])
    assert s.region_items == 3 and s.region_precision == 1.0
    assert s.items == 4


def test_scores_add_up_across_files():
    s = scoring.score(GOLD, NON_EVENTS, fake_extractor(TEXT))
    total = s.add(s)
    assert total.gold == 6 and total.found == 6 and total.recall == 1.0


def test_sample_of_unmatched_items_is_reproducible():
    items = [Item(FILE, i, i + 1, i, i) for i in range(100)]
    assert scoring.sample_unmatched(items, 10) == scoring.sample_unmatched(list(reversed(items)), 10)
    assert len(scoring.sample_unmatched(items, 500)) == 100


def test_restrict_keeps_gold_inside_the_processed_prefix():
    assert scoring.restrict(GOLD, {FILE: GOLD[1]["end"]}) == GOLD[:2]


def test_one_line_away_skips_blank_layout_lines():
    text = "Письмо от 1 февраля 1923 г.\n\n\n\nТекст письма.\n"
    index = LineIndex(text)
    gold = scoring.with_ranks([{"file": FILE, "line": 1, "edtf": "1923-02-01", "start": 10}],
                              {FILE: index})[0]
    heading = make_item(FILE, index, text.index("Текст"), len(text) - 1, date="1923-02-01")
    assert heading.line == 5
    assert scoring.at_right_place(heading, gold)  # next non-blank line
    unranked = Item(**{**heading.__dict__, "rank": None})
    assert not scoring.at_right_place(unranked, gold)  # four physical lines away


def test_two_non_blank_lines_away_is_not_the_right_place():
    text = "a 1923\n\nb\n\nc\n"
    index = LineIndex(text)
    gold = scoring.with_ranks([{"file": FILE, "line": 1, "edtf": "1923", "start": 2}],
                              {FILE: index})[0]
    item = make_item(FILE, index, text.index("c"), text.index("c") + 1)
    assert not scoring.at_right_place(item, gold)


def test_locate_date_finds_the_date_inside_the_quote():
    text = "Письмо от 1 февраля 1923 г. о встрече"
    assert scoring.locate_date(text, 0, len(text), "1 февраля 1923 г.") == (10, 27)


def test_locate_date_tolerates_repaired_letters_and_line_breaks():
    text = "подписание 29 нояáря\n1932 ã. пакта"
    s, e = scoring.locate_date(text, 0, len(text), "29 ноября 1932 г.")
    assert text[s:e] == "29 нояáря\n1932 ã."


def test_locate_date_looks_just_outside_the_quote():
    text = "№ 312\n\nСПЕЦСООБЩЕНИЕ\n\n11 октября 1932 г.\n"
    quote_end = text.index("СПЕЦСООБЩЕНИЕ") + len("СПЕЦСООБЩЕНИЕ")
    s, e = scoring.locate_date(text, text.index("СПЕЦ"), quote_end, "11 октября 1932 г.")
    assert text[s:e] == "11 октября 1932 г."
    item = make_item(FILE, LineIndex(text), text.index("СПЕЦ"), quote_end, date_start=s, date_end=e)
    assert (item.line, item.end_line) == (3, 5)


def test_locate_date_gives_up_on_text_that_is_not_there():
    assert scoring.locate_date("нет дат", 0, 7, "1 мая 1935 г.") == (-1, -1)
    assert scoring.locate_date("нет дат", 0, 7, "") == (-1, -1)


def test_details_list_each_kind_of_error():
    items = fake_extractor(TEXT)[:2]
    items[0] = Item(**{**items[0].__dict__, "date": "1935-05-03"})
    start = TEXT.index("2004")
    items.append(make_item(FILE, INDEX, start, start + 4, date="2004", date_start=start,
                           date_end=start + 4))
    kinds = sorted(k for k, _, _ in scoring.score(GOLD, NON_EVENTS, items).details)
    assert kinds == ["date", "miss", "non_event", "type"]


def test_second_citation_of_a_gold_event_is_not_a_false_event():
    items = fake_extractor(TEXT)
    twice = items + [items[0]]
    s = scoring.score(GOLD, NON_EVENTS, twice)
    assert s.found == 3 and s.region_precision == 1.0
    assert s.unmatched == []  # nothing left to label by hand


def test_estimated_precision_extrapolates_the_labelled_rate_to_all_unmatched_items():
    extra = []
    for k, year in enumerate(("1950", "1951")):
        extra.append(Item(FILE, 1000 + k, 1001 + k, line=50 + k, end_line=50 + k, date=year,
                          date_start=1000 + k, date_end=1001 + k))
    labels = [{"file": FILE, "start": 1000, "end": 1001, "is_event": False}]
    s = scoring.score(GOLD, NON_EVENTS, fake_extractor(TEXT) + extra, labels)
    assert s.labelled_unmatched == 1 and len(s.unmatched) == 2
    assert s.estimated_precision == pytest.approx(3 / 5)  # 3 matched + 2 x 0%


# --- held-out precision ------------------------------------------------------


def _unmatched_items(n: int) -> list[Item]:
    return [Item(FILE, 1000 + k, 1001 + k, line=50 + k, end_line=50 + k, date="1950",
                 date_start=1000 + k, date_end=1001 + k) for k in range(n)]


def _label(k: int, is_event: bool, held_out: bool) -> dict:
    return {"file": FILE, "start": 1000 + k, "end": 1001 + k, "is_event": is_event,
            "held_out": held_out}


def test_wilson_interval_matches_the_textbook_values():
    lo, hi = scoring.wilson_interval(8, 10)
    assert lo == pytest.approx(0.4902, abs=1e-4) and hi == pytest.approx(0.9433, abs=1e-4)


def test_wilson_interval_stays_inside_zero_and_one_at_the_extremes():
    lo, hi = scoring.wilson_interval(10, 10)
    assert hi == 1.0 and 0.6 < lo < 0.8
    lo, hi = scoring.wilson_interval(0, 10)
    assert lo == 0.0 and 0.2 < hi < 0.4
    assert scoring.wilson_interval(0, 0) is None


def test_held_out_rate_counts_only_labels_flagged_held_out():
    # 4 unmatched items: two old (in-sample) labels say "real", two held-out
    # labels split 1 real / 1 false.
    labels = [_label(0, True, False), _label(1, True, False),
              _label(2, True, True), _label(3, False, True)]
    s = scoring.score(GOLD, NON_EVENTS, fake_extractor(TEXT) + _unmatched_items(4), labels)
    assert s.labelled_unmatched == 4 and s.held_out_unmatched == 2
    assert s.held_out_rate == pytest.approx(0.5)
    # pooled: 3 matched + 4 x 75% = 6 of 7; held-out: 3 + 4 x 50% = 5 of 7
    assert s.estimated_precision == pytest.approx(6 / 7)
    assert s.held_out_precision == pytest.approx(5 / 7)


def test_stratified_precision_counts_in_sample_labels_as_they_say_and_the_rest_at_the_held_out_rate():
    # 6 unmatched items: two in-sample labels (1 real, 1 false), two held-out
    # labels (both real), two unlabelled items, which take the held-out rate.
    labels = [_label(0, True, False), _label(1, False, False),
              _label(2, True, True), _label(3, True, True)]
    s = scoring.score(GOLD, NON_EVENTS, fake_extractor(TEXT) + _unmatched_items(6), labels)
    assert s.held_out_rate == pytest.approx(1.0)
    # 3 matched + 1 real in-sample + (6 - 2) x 100% = 8 of 9
    assert s.stratified_precision == pytest.approx(8 / 9)
    # the held-out estimate applies the rate to all six: 3 + 6 = 9 of 9
    assert s.held_out_precision == pytest.approx(1.0)
    lo, hi = scoring.wilson_interval(2, 2)
    slo, shi = s.stratified_precision_interval
    assert slo == pytest.approx((3 + 1 + 4 * lo) / 9) and shi == pytest.approx((3 + 1 + 4 * hi) / 9)


def test_held_out_precision_interval_carries_the_wilson_bounds_over_to_precision():
    labels = [_label(k, k < 8, True) for k in range(10)]
    s = scoring.score(GOLD, NON_EVENTS, fake_extractor(TEXT) + _unmatched_items(10), labels)
    lo, hi = scoring.wilson_interval(8, 10)
    plo, phi = s.held_out_precision_interval
    assert plo == pytest.approx((3 + 10 * lo) / 13) and phi == pytest.approx((3 + 10 * hi) / 13)
    assert plo < s.held_out_precision < phi


def test_labels_without_the_flag_are_not_held_out():
    labels = [{"file": FILE, "start": 1000, "end": 1001, "is_event": False}]
    s = scoring.score(GOLD, NON_EVENTS, fake_extractor(TEXT) + _unmatched_items(1), labels)
    assert s.labelled_unmatched == 1 and s.held_out_unmatched == 0
    assert s.held_out_rate is None and s.held_out_precision is None
    assert s.held_out_precision_interval is None


def test_held_out_counts_add_up_across_files():
    labels = [_label(0, True, True), _label(1, False, True)]
    s = scoring.score(GOLD, NON_EVENTS, fake_extractor(TEXT) + _unmatched_items(2), labels)
    total = s.add(s)
    assert total.held_out_unmatched == 4 and total.held_out_unmatched_correct == 2


def test_labelled_date_accuracy_compares_real_unmatched_items_with_the_date_the_text_settles():
    # _unmatched_items all carry "1950": one label expects it, one expects
    # another day, one says the text settles no date, one only says date_ok,
    # one false event and one label without a date verdict are not counted.
    labels = [{**_label(0, True, True), "date_ok": True, "date_expected": "1950"},
              {**_label(1, True, True), "date_ok": False, "date_expected": "1950-08-08"},
              {**_label(2, True, True), "date_ok": False, "date_expected": None},
              {**_label(3, True, False), "date_ok": True},
              {**_label(4, False, True), "date_ok": True, "date_expected": "1950"},
              _label(5, True, True)]
    s = scoring.score(GOLD, NON_EVENTS, fake_extractor(TEXT) + _unmatched_items(6), labels)
    assert s.label_dated == 4 and s.label_dated_ok == 2
    assert s.labelled_date_accuracy == pytest.approx(0.5)


def test_labelled_date_accuracy_sees_a_date_that_changed_after_labelling():
    label = {**_label(0, True, True), "date_ok": True, "date_expected": "1950"}
    moved = Item(FILE, 1000, 1001, line=50, end_line=50, date="1951", date_start=1000, date_end=1001)
    s = scoring.score(GOLD, NON_EVENTS, fake_extractor(TEXT) + [moved], [label])
    assert s.label_dated == 1 and s.label_dated_ok == 0
    assert scoring.label_date_ok(moved, {**label, "date_expected": "1951"}) is True
    # --details lists it, with the label that judged it
    [(kind, record, item)] = [d for d in s.details if d[0] == "label_date"]
    assert record["date_expected"] == "1950" and item is moved
