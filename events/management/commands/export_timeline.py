"""``manage.py export_timeline --format csv [filters] -o FILE``: the API export, offline.

Same filters as ``/api/events/`` (through ``api.filters.filter_events``) and
the same streaming writers, so a file made here equals the one the page's
export button downloads. The file is written under a temporary name and
renamed when complete, so an interrupted export never leaves a truncated
file that looks finished.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rest_framework.exceptions import ValidationError

from events import exports

# command-line option -> filter parameter of /api/events/
FILTER_OPTIONS = (
    ("date_from", "Start of the date window (EDTF: 1927, 1927-11, 1927-11-12, 1937-22 ...)."),
    ("date_to", "End of the date window (same forms)."),
    ("date_mode", "overlap (default) or within."),
    ("type", "Event type slugs, comma-separated."),
    ("person", "Person ids or a name."),
    ("place", "Place ids or a name."),
    ("source", "Source ids, comma-separated."),
    ("document", "Archival document ids, comma-separated."),
    ("status", "Statuses, comma-separated (extracted, reviewed, rejected)."),
    ("include_rejected", "true to include rejected events."),
    ("min_confidence", "Minimum extraction confidence, 0 to 1."),
    ("q", "Full-text search."),
    ("ordering", "date (default), -date, title, -title, confidence, -confidence."),
)


class Command(BaseCommand):
    help = "Export the events selected by the API's filters to a file (csv, xlsx, json, timelinejs, ics, html)."

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=list(exports.FORMATS), dest="export_format")
        parser.add_argument("-o", "--output", required=True, help="Output file, or - for standard output.")
        parser.add_argument("--title", default="Chronicle timeline", help="Title written into the file.")
        for name, help_text in FILTER_OPTIONS:
            parser.add_argument(f"--{name.replace('_', '-')}", dest=f"filter_{name}", help=help_text)

    def handle(self, *args, export_format, output, title, **options):
        from api.filters import filter_events  # the API's one definition of the filters

        params = {
            name: options[f"filter_{name}"]
            for name, _ in FILTER_OPTIONS
            if options.get(f"filter_{name}") not in (None, "")
        }
        try:
            events = filter_events(params)
        except ValidationError as exc:
            problems = "; ".join(
                f"--{key.replace('_', '-')}: {' '.join(str(m) for m in messages)}"
                for key, messages in exc.detail.items()
            )
            raise CommandError(f"invalid filter: {problems}") from exc
        meta = exports.ExportMeta(title=title, filters=params)
        chunks = exports.stream(export_format, events, meta, keep_order=True)
        started = time.perf_counter()
        if output == "-":
            written = self._write(chunks, sys.stdout.buffer)
            return
        target = Path(output)
        partial = target.with_name(target.name + ".partial")
        try:
            with partial.open("wb") as handle:
                written = self._write(chunks, handle)
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        elapsed = time.perf_counter() - started
        self.stderr.write(f"Wrote {target} ({written:,} bytes, {export_format}) in {elapsed:.1f} s.")

    @staticmethod
    def _write(chunks, handle) -> int:
        written = 0
        for chunk in chunks:
            handle.write(chunk)
            written += len(chunk)
        handle.flush()
        return written
