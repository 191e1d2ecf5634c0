"""``manage.py backup -o FILE``: the whole database in one file (see events.backup)."""

from django.core.management.base import BaseCommand, CommandError

from events.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Write every table (events, citations, people, places, sources, their history, curated "
        "flags, users, groups, API tokens, the admin log) to one gzip JSON Lines file. "
        "Restore it with `manage.py restore FILE` into a new, migrated database."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="file to write, e.g. chronicle.jsonl.gz")
        parser.add_argument("--database", default="default")

    def handle(self, *args, output, database, **options):
        try:
            summary = write_backup(output, using=database)
        except (BackupError, OSError) as exc:
            raise CommandError(f"backup failed: {exc}") from exc
        tables = sum(1 for rows in summary.counts.values() if rows)
        self.stdout.write(self.style.SUCCESS(
            f"Backed up {summary.objects} rows from {tables} non-empty tables to {summary.path}."
        ))
