"""``manage.py restore FILE``: load a backup into an empty, migrated database."""

from django.core.management.base import BaseCommand, CommandError

from events.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a file written by `manage.py backup` into an EMPTY database that `manage.py "
        "migrate` has just created. Refuses a database that holds data or is at another "
        "migration state; loads everything in one transaction (all or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup file written by `manage.py backup`")
        parser.add_argument("--database", default="default")

    def handle(self, *args, file, database, **options):
        try:
            summary = restore_backup(file, using=database)
        except BackupError as exc:
            raise CommandError(f"restore did not happen: {exc}") from exc
        tables = sum(1 for rows in summary.counts.values() if rows)
        self.stdout.write(self.style.SUCCESS(f"Restored {summary.objects} rows into {tables} tables from {file}."))
