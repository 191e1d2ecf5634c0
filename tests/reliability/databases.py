"""Throwaway databases for tests that run manage.py in child processes.

Migrating a database takes a child process many seconds, so each test session
migrates one template and copies it: a file copy on SQLite, ``CREATE DATABASE
... TEMPLATE`` on PostgreSQL (on the server of ``DATABASE_URL``). Snapshots
read every table with plain SQL, independent of Django's serializers.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .support import is_postgres, manage


def child_env(database_url: str, **extra: str) -> dict[str, str]:
    """Environment of a development child process on the given database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CHRONICLE_"))}
    env.update(DJANGO_SETTINGS_MODULE="timeline.settings", CHRONICLE_DEV="1", DATABASE_URL=database_url)
    env.update(extra)
    return env


def _sqlite_path(url: str) -> Path:
    return Path(urlsplit(url).path)


class DatabaseFactory:
    """Creates databases next to the suite's own; drops them all in ``close``."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.server = os.environ.get("DATABASE_URL", "")
        self.created: list[str] = []
        self._template: str | None = None

    def _url(self, name: str) -> str:
        if is_postgres():
            return urlunsplit(urlsplit(self.server)._replace(path="/" + name))
        return f"sqlite:///{self.directory / (name + '.sqlite3')}"

    def _execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.server, autocommit=True) as connection:
            connection.execute(sql)

    def empty(self) -> str:
        name = f"chronicle_t_{uuid.uuid4().hex[:12]}"
        if is_postgres():
            self._execute(f'CREATE DATABASE "{name}"')
            self.created.append(name)
        return self._url(name)

    def migrated(self) -> str:
        """A new database in the state `manage.py migrate` leaves it."""
        if self._template is None:
            url = self.empty()
            manage("migrate", "--noinput", env=child_env(url), timeout=600)
            self._template = url
        name = f"chronicle_t_{uuid.uuid4().hex[:12]}"
        if is_postgres():
            template = urlsplit(self._template).path.lstrip("/")
            self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            self.created.append(name)
        else:
            shutil.copyfile(_sqlite_path(self._template), self.directory / (name + ".sqlite3"))
        return self._url(name)

    def close(self) -> None:
        for name in self.created:
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()


def execute(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    """Run one statement on a database given by URL and return its rows."""
    if url.startswith("sqlite"):
        with sqlite3.connect(_sqlite_path(url)) as connection:
            rows = connection.execute(sql, params).fetchall()
        connection.close()
        return rows
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        cursor = connection.execute(sql.replace("?", "%s"), params)
        return cursor.fetchall() if cursor.description else []


def tables(url: str) -> list[str]:
    if url.startswith("sqlite"):
        rows = execute(url, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    else:
        rows = execute(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    return sorted(row[0] for row in rows)


def link_tables() -> dict[str, tuple[str, str]]:
    """Tables Django creates for plain many-to-many fields: {table: (column, column)}.

    Their own ``id`` is a surrogate nothing refers to; a restore re-creates the
    links, so only the pairs they link are compared.
    """
    from django.apps import apps

    out = {}
    for model in apps.get_models():
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                columns = [f.column for f in through._meta.local_fields if not f.primary_key]
                out[through._meta.db_table] = tuple(columns)
    return out


def snapshot(url: str, skip=("django_migrations", "django_session")) -> dict[str, tuple[int, str]]:
    """{table: (rows, sha256 of all rows)} for every table, read with plain SQL."""
    out = {}
    links = link_tables()
    for table in tables(url):
        if table in skip:
            continue
        columns = ", ".join(f'"{c}"' for c in links[table]) if table in links else "*"
        rows = sorted(repr(tuple(row)) for row in execute(url, f'SELECT {columns} FROM "{table}"'))
        out[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return out


def row_count(url: str, table: str) -> int:
    return execute(url, f'SELECT COUNT(*) FROM "{table}"')[0][0]
