"""``manage.py extract PATH [PATH ...] --format jsonl``: print extracted events.

Runs the extraction pipeline on the given files and prints one JSON object
per event citation (``ExtractedEvent.as_json()``). It touches no database, so
it is the quick way to see what ``ingest`` would store.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.extraction.pipeline import SourceReadError, analyse_text, merge_across, read_source


class Command(BaseCommand):
    help = "Extract dated events from source files and print them (no database access)."
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="source text files (UTF-8)")
        parser.add_argument("--format", choices=["jsonl", "table"], default="jsonl",
                            help="jsonl: one JSON object per citation (default); table: a readable list")

    def handle(self, *args, **options):
        extractions = []
        for name in options["paths"]:
            path = Path(name)
            try:
                raw = read_source(path)
            except SourceReadError as exc:
                raise CommandError(str(exc)) from exc
            extractions.append(analyse_text(raw, path.name))
        if len(extractions) > 1:
            merge_across(extractions)
        out = self.stdout
        try:
            for ex in extractions:
                for ev in ex.events:
                    if options["format"] == "jsonl":
                        out.write(json.dumps(ev.as_json(), ensure_ascii=False))
                    else:
                        out.write(f"{ev.source}:{ev.line}\t{ev.date or '-'}\t{ev.type}\t{ev.kind}\t{ev.title}")
            out.flush()
        except BrokenPipeError:  # "extract ... | head": the reader has had enough
            sys.stderr.close()
