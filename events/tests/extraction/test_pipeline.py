"""End-to-end checks of the pipeline on the real corpus (needs every stage)."""

import pytest

from events.extraction import pipeline


def test_read_source_rejects_non_utf8_and_empty_files(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Письмо".encode("cp1251"))
    with pytest.raises(pipeline.SourceReadError, match="bad.txt.*UTF-8"):
        pipeline.read_source(bad)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(pipeline.SourceReadError, match="empty"):
        pipeline.read_source(empty)
    with pytest.raises(pipeline.SourceReadError, match="cannot read"):
        pipeline.read_source(tmp_path / "missing.txt")


def test_read_source_keeps_newlines_untouched(tmp_path):
    f = tmp_path / "crlf.txt"
    f.write_bytes("a\r\nb\n".encode())
    assert pipeline.read_source(f) == "a\r\nb\n"


def test_every_citation_of_a_real_article_points_into_the_file(corpus_dir):
    path = corpus_dir / "003_c05c5337956b655d.txt"
    raw = pipeline.read_source(path)
    events = pipeline.extract_file(path)
    assert len(events) > 20
    for ev in events:
        assert raw[ev.start:ev.end] == ev.quote
        assert ev.line == raw.count("\n", 0, ev.start) + 1
        assert ev.event_key and ev.type and ev.date
        assert 0 < ev.confidence <= 1


def test_event_keys_are_stable_across_runs(corpus_dir):
    path = corpus_dir / "000_f5ef5ab2162ad18e.txt"
    first = [(e.start, e.event_key) for e in pipeline.extract_file(path)]
    second = [(e.start, e.event_key) for e in pipeline.extract_file(path)]
    assert first == second


def test_the_1935_pact_cited_twice_is_one_event(corpus_dir):
    events = pipeline.extract_file(corpus_dir / "003_c05c5337956b655d.txt")
    pact = [e for e in events if e.type == "treaty" and e.date in ("1935-05", "1935-05-02")]
    assert {e.date for e in pact} == {"1935-05", "1935-05-02"}
    assert len({e.event_key for e in pact}) == 1


def test_translation_and_original_document_share_a_key(corpus_dir):
    ex = pipeline.analyse_text(pipeline.read_source(corpus_dir / "004_ef18ee88021a40d8.txt"),
                               "004_ef18ee88021a40d8.txt")
    docs = {(e.document, e.language): e for e in ex.events if e.kind == "document"}
    pairs = pipeline.alignments_of(ex.layout)
    # an undated document gives no event, so only pairs of dated documents
    dated = [(a, b) for (_, *a), (_, *b) in pairs.items() if tuple(a) in docs and tuple(b) in docs]
    assert dated
    for a, b in dated:
        assert docs[tuple(a)].event_key == docs[tuple(b)].event_key


def test_extraction_turns_the_garbage_collector_back_on_afterwards():
    import gc

    assert gc.isenabled()
    pipeline.extract_text("Он был арестован 5 мая 1924 г. в Москве.\n", "one.txt")
    assert gc.isenabled()


def test_a_failing_stage_still_turns_the_garbage_collector_back_on(monkeypatch):
    import gc

    def broken(*args, **kwargs):
        raise RuntimeError("stage failed")

    monkeypatch.setattr(pipeline, "build_events", broken)
    with pytest.raises(RuntimeError, match="stage failed"):
        pipeline.extract_text("Он был арестован 5 мая 1924 г.\n", "one.txt")
    assert gc.isenabled()


def test_extraction_leaves_a_disabled_collector_disabled():
    import gc

    gc.disable()
    try:
        pipeline.extract_text("Он был арестован 5 мая 1924 г.\n", "one.txt")
        assert not gc.isenabled()
    finally:
        gc.enable()
