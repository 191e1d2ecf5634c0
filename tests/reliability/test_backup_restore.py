"""Backup and restore: the round trip through `manage.py backup` and
`manage.py restore` into a new database is exact, on SQLite and PostgreSQL;
a restore over data, at another schema or from a broken file is refused and
changes nothing."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from django.core.management import CommandError, call_command

from .databases import child_env, execute, snapshot
from .support import manage

pytestmark = pytest.mark.slow


def lines_without_date(path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        lines = stream.read().splitlines()
    header = json.loads(lines[0])
    header.pop("created")
    return [json.dumps(header, sort_keys=True), *lines[1:]]


@pytest.fixture(scope="module")
def populated(databases, tmp_path_factory):
    """A populated database (see populate.py) and its backup file."""
    url = databases.migrated()
    backup = tmp_path_factory.mktemp("backup") / "first.jsonl.gz"
    code = ("from tests.reliability.populate import populate; populate();"
            f"from django.core.management import call_command; call_command('backup', '-o', {str(backup)!r})")
    result = manage("shell", "-c", code, env=child_env(url))
    assert "Backed up" in result.stdout
    return url, backup


@pytest.fixture(scope="module")
def restored(populated, databases, tmp_path_factory):
    """A new database with the backup restored, and a second backup made from it."""
    _, first = populated
    url = databases.migrated()
    result = manage("restore", str(first), env=child_env(url))
    assert "Restored" in result.stdout
    second = tmp_path_factory.mktemp("backup") / "second.jsonl.gz"
    manage("backup", "-o", str(second), env=child_env(url))
    return url, second


def test_backup_of_the_restored_database_is_identical_to_the_first(populated, restored):
    assert lines_without_date(populated[1]) == lines_without_date(restored[1])


def test_every_table_has_the_same_rows_after_the_round_trip(populated, restored):
    before, after = snapshot(populated[0]), snapshot(restored[0])
    assert before == after
    # What a backup exists for is really in it (history, curation, accounts).
    for table in ("events_historicalevent", "events_historicalperson", "events_event", "events_citation",
                  "events_archivaldocument", "auth_user", "auth_group", "auth_group_permissions",
                  "authtoken_token", "django_admin_log", "events_eventtype", "events_mergerecord",
                  "events_mergerecord_merged"):
        assert after[table][0] > 0, table
    header = json.loads(gzip.open(populated[1], "rt").readline())
    assert header["counts"]["events.historicalevent"] == before["events_historicalevent"][0]


def test_restored_data_keeps_curated_flags_and_who_edited(restored):
    url, _ = restored
    curated = execute(url, "SELECT curated_fields FROM events_event WHERE fingerprint = ?", ("a" * 64,))[0][0]
    assert sorted(json.loads(curated) if isinstance(curated, str) else curated) == ["date_edtf", "status", "title"]
    editors = execute(url, "SELECT u.username FROM events_historicalevent h JOIN auth_user u "
                           "ON u.id = h.history_user_id")
    assert ("curator",) in editors


def test_rows_added_after_a_restore_get_fresh_ids(restored):
    """The id sequences were moved past the restored rows (PostgreSQL would
    otherwise hand out an id already taken)."""
    url, _ = restored
    taken = {row[0] for row in execute(url, "SELECT id FROM auth_group")}
    execute(url, "INSERT INTO auth_group (name) VALUES ('added after restore')")
    new_id = execute(url, "SELECT id FROM auth_group WHERE name = 'added after restore'")[0][0]
    assert new_id not in taken


# Refusals run in this process, on the test database (migrated, holding only
# what migrations put there).

def counts() -> dict[str, int]:
    from events.backup import row_counts

    return row_counts()


def _restore(path) -> str:
    """Run `manage.py restore` in-process; return the error it stopped with."""
    with pytest.raises(CommandError) as error:
        call_command("restore", str(path), stdout=io.StringIO())
    return str(error.value)


def _rewrite(source, target, edit_header) -> None:
    with gzip.open(source, "rt", encoding="utf-8") as stream:
        lines = stream.read().splitlines()
    header = json.loads(lines[0])
    edit_header(header)
    with gzip.open(target, "wt", encoding="utf-8") as stream:
        stream.write("\n".join([json.dumps(header), *lines[1:]]) + "\n")


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_data_and_changes_nothing(populated):
    from events.tests.factories import make_event

    make_event()
    before = counts()
    message = _restore(populated[1])
    assert "not empty" in message and "events.event: 1" in message
    assert counts() == before


@pytest.mark.django_db
def test_restore_refuses_a_backup_made_at_another_schema(populated, tmp_path):
    newer = tmp_path / "newer.jsonl.gz"
    _rewrite(populated[1], newer, lambda header: header["migrations"]["events"].append("9999_future"))
    before = counts()
    message = _restore(newer)
    assert "schema" in message and "events.9999_future" in message and "migrate" in message
    assert counts() == before


def _broken_backup(source, case: str) -> bytes:
    with gzip.open(source, "rt", encoding="utf-8") as stream:
        lines = stream.read().splitlines()
    half = "\n".join(lines[: len(lines) // 2]) + "\n"
    bad_value = [*lines, '{"model": "events.event", "pk": 9999, "fields": {"title": "x", "confidence": "high"}}']
    dangling = [*lines, '{"model": "events.citation", "pk": 9999, "fields": {"event": 123456, "source": 1,'
                        ' "start": 0, "end": 1, "line": 1, "quote": "x"}}']
    return {
        "empty file": b"",
        "not gzip": b"plain text, not a backup",
        "other json": gzip.compress(b'{"format": "other"}\n'),
        "invalid utf-8": gzip.compress(b"\xff\xfe broken\n"),
        "truncated": gzip.compress(half.encode()),
        "bad value": gzip.compress(("\n".join(bad_value) + "\n").encode()),
        "dangling link": gzip.compress(("\n".join(dangling) + "\n").encode()),
    }[case]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("case", ["empty file", "not gzip", "other json", "invalid utf-8", "truncated",
                                  "bad value", "dangling link"])
def test_a_broken_backup_is_refused_and_changes_nothing(case, populated, tmp_path):
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(_broken_backup(populated[1], case))
    before = counts()
    message = _restore(bad)
    assert "restore did not happen" in message
    assert counts() == before
