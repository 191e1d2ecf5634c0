"""Passages around a cited span: context, word boundaries, escaping, highlight."""

import pytest

from events.passages import passage_around

TEXT = "Alpha beta gamma delta epsilon. The cited words here. Zeta eta theta iota kappa."


def test_passage_contains_context_on_both_sides():
    start = TEXT.index("The cited")
    end = start + len("The cited words here.")
    passage = passage_around(TEXT, start, end, radius=14)
    assert passage.quote == "The cited words here."
    assert passage.before.endswith("epsilon. ") and passage.after.startswith(" Zeta")
    assert passage.truncated_before and passage.truncated_after


def test_passage_cuts_at_word_boundaries():
    start = TEXT.index("The cited")
    passage = passage_around(TEXT, start, start + 3, radius=12)  # the window starts inside "delta"
    assert passage.before == "epsilon. "
    assert passage.after == " cited words"  # the window ends on a word boundary: kept


def test_passage_end_inside_a_word_is_moved_back():
    start = TEXT.index("The cited")
    passage = passage_around(TEXT, start, start + 3, radius=10)  # the window ends inside "words"
    assert passage.after == " cited"



def test_passage_at_text_edges_is_not_marked_truncated():
    passage = passage_around(TEXT, 0, 5, radius=1000)
    assert passage.before == "" and not passage.truncated_before and not passage.truncated_after
    assert passage.before + passage.quote + passage.after == TEXT


def test_html_escapes_source_text_and_marks_the_span():
    text = "before <script>x</script> & the <b>span</b> after"
    start = text.index("<b>")
    html = passage_around(text, start, start + len("<b>span</b>")).as_html()
    assert '<mark class="cited">&lt;b&gt;span&lt;/b&gt;</mark>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html


def test_span_outside_text_is_an_error():
    with pytest.raises(ValueError):
        passage_around("short", 2, 10)
