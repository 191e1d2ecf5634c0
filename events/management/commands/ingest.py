"""``manage.py ingest [PATH ...]``: extract events from sources and store them.

Without paths every file in ``fixtures/sources/`` is ingested. Each source is
stored in one transaction; running it again over unchanged files changes
nothing; curated fields, rejected and merged-away events are respected (see
``events.ingestion``). Ends with a summary table per source.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.extraction.pipeline import SourceReadError
from events.ingestion import ingest_paths

DEFAULT_DIR = Path(settings.BASE_DIR) / "fixtures" / "sources"

COLUMNS = [
    ("source", "file_name"), ("docs", "documents"), ("created", "created"), ("updated", "updated"),
    ("unchanged", "unchanged"), ("kept-curated", "kept_curated"), ("removed", "removed"),
    ("citations", "citations"), ("people", "people"), ("places", "places"),
]


class Command(BaseCommand):
    help = "Extract events from source files and store them (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help=f"source files (default: all of {DEFAULT_DIR})")
        parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")

    def handle(self, *args, **options):
        paths = [Path(p) for p in options["paths"]] or sorted(DEFAULT_DIR.glob("*.txt"))
        if not paths:
            raise CommandError(f"no source files given and none found in {DEFAULT_DIR}")
        progress = None
        if not options["no_progress"] and sys.stderr.isatty():
            from tqdm import tqdm

            def progress(items):
                return tqdm(items, desc="ingest", unit="source", file=sys.stderr)
        try:
            summaries = ingest_paths(paths, progress=progress)
        except SourceReadError as exc:
            raise CommandError(str(exc)) from exc
        self.print_table(summaries)

    def print_table(self, summaries):
        rows = [[str(getattr(s, attr)) for _, attr in COLUMNS] for s in summaries]
        totals = ["total"] + [str(sum(getattr(s, attr) for s in summaries)) for _, attr in COLUMNS[1:]]
        header = [title for title, _ in COLUMNS]
        widths = [max(len(r[i]) for r in rows + [header, totals]) for i in range(len(header))]

        def fmt(row):
            return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))

        self.stdout.write(fmt(header))
        self.stdout.write("  ".join("-" * w for w in widths))
        for row in rows:
            self.stdout.write(fmt(row))
        self.stdout.write(fmt(totals))
        for s in summaries:
            for note in s.notes[:5]:
                self.stdout.write(f"{s.file_name}: {note}")
