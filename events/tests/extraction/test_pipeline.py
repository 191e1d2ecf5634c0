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
