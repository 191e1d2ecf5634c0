"""The export benchmark's own arithmetic: CPU from /proc and the table."""

from __future__ import annotations

import os

from bench import exports


def test_process_cpu_reads_this_process_and_grows_with_work():
    before = exports._process_cpu(os.getpid())
    sum(i * i for i in range(2_000_000))
    after = exports._process_cpu(os.getpid())
    assert before is not None and after > before
    assert exports._process_cpu(2**22 + 12345) is None  # no such process


def test_table_gives_rows_per_cpu_second_of_export_and_database_together():
    result = {"events": 1000, "format": "csv", "rows": 900, "seconds": 3.0, "cpu": 2.0, "db_cpu": 1.0,
              "bytes": 2_000_000, "start_rss_mb": 100.0, "peak_rss_mb": 120.0}
    lines = exports.table([result, {**result, "format": "ics", "db_cpu": None}]).splitlines()
    cells = [c.strip() for c in lines[2].split("|")[1:-1]]
    assert cells == ["1,000", "csv", "900", "3.0", "300", "2.0", "1.0", "300", "2.0", "100", "120"]
    cells = [c.strip() for c in lines[3].split("|")[1:-1]]
    assert cells[6:8] == ["-", "450"]  # unknown database CPU: the export's own only
