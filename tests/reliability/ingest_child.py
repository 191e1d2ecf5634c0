"""A child process for the crash tests: sets Django up, says READY, waits for
a line on standard input, then runs ``manage.py ingest`` on its arguments and
says DONE. Starting up (imports, language models) happens before the signal,
so a test can time its SIGKILL against the ingest itself.
"""

import io
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from events import ingestion  # noqa: E402,F401  (imported now, not after the signal)

print("READY", flush=True)
if sys.stdin.readline().strip() == "go":
    call_command("ingest", *sys.argv[1:], "--no-progress", stdout=io.StringIO())
    print("DONE", flush=True)
