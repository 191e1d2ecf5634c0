"""Pure helpers of the benchmark runner: chunking and baseline normalisation."""

from __future__ import annotations

from types import SimpleNamespace

from bench import extraction


def test_natasha_date_keeps_the_precision_it_found():
    fact = SimpleNamespace
    assert extraction.natasha_edtf(fact(year=1936, month=3, day=None)) == "1936-03"
    assert extraction.natasha_edtf(fact(year=1935, month=6, day=29)) == "1935-06-29"
    assert extraction.natasha_edtf(fact(year=1937, month=None, day=None)) == "1937"
    assert extraction.natasha_edtf(fact(year=None, month=6, day=29)) == ""


def test_blocks_split_at_blank_lines_and_keep_offsets():
    text = "первый абзац\nвторая строка\n\nвторой абзац\n\n\nтретий"
    blocks = list(extraction._blocks(text, 0, len(text)))
    assert [b for _, b in blocks] == ["первый абзац\nвторая строка", "второй абзац", "третий"]
    assert all(text[pos:pos + len(b)] == b for pos, b in blocks)


def test_long_blocks_are_cut_at_line_ends():
    text = ("строка с датой 1 мая 1935 г.\n" * 400).rstrip("\n")
    blocks = list(extraction._blocks(text, 0, len(text)))
    assert len(blocks) > 1
    assert all(len(b) <= 5000 and b.startswith("строка") for _, b in blocks)
    assert "".join(b for _, b in blocks) == text


def test_units_cover_every_character_once_and_balance_processes(tmp_path):
    paths = []
    for i, n in enumerate((450_000, 30_000, 5_000)):
        p = tmp_path / f"00{i}_x.txt"
        p.write_text(("слово 1935 г.\n\n" * (n // 15)), encoding="utf-8")
        paths.append(p)
    groups = extraction.split_units(paths, None, 2)
    assert len(groups) == 2
    covered = {}
    for group in groups:
        for path, start, end in group:
            covered.setdefault(path, []).append((start, end))
    for p in paths:
        spans = sorted(covered[str(p)])
        assert spans[0][0] == 0 and spans[-1][1] == len(p.read_text(encoding="utf-8"))
        assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))


def test_dateparser_is_told_each_files_languages_and_the_detecting_variant_none():
    assert extraction.file_languages("004_ef18ee88021a40d8.txt") == ["fr", "ru"]
    assert extraction.file_languages("999_new.txt") == ["ru"]
    assert extraction.no_languages("004_ef18ee88021a40d8.txt") is None
    assert set(extraction.WORKERS) == set(extraction.WARM_UPS)
    assert set(extraction.SYSTEMS) < set(extraction.WORKERS)


def test_the_detecting_variant_finds_dates_without_a_language(tmp_path):
    path = tmp_path / "001_x.txt"
    path.write_text("Il fut arrêté le 15 février 1932 à Moscou.\n", encoding="utf-8")
    told = list(extraction._dateparser_units([(str(path), 0, None)]))
    detecting = list(extraction.WORKERS["dateparser_detecting"]([(str(path), 0, None)]))
    # Told Russian (001's language), dateparser reads no French month: at most the bare year.
    assert "1932-02-15" not in [item["date"] for item in told]
    assert [item["date"] for item in detecting] == ["1932-02-15"]


def test_unknown_systems_are_refused_by_name(capsys):
    import pytest

    with pytest.raises(SystemExit):
        extraction.main(["--systems", "chronicle,dateparsr"])
    assert "dateparsr" in capsys.readouterr().err


def test_the_system_column_fits_the_longest_name():
    assert extraction.name_width(["chronicle", "dateparser"]) == 11
    assert extraction.name_width(["dateparser_detecting"]) == 21
    assert extraction.fmt_ratio(300.0, 10.0) == "30.0x"
    assert extraction.fmt_ratio(None, 10.0) == "n/a"
