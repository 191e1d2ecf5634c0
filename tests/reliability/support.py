"""Helpers shared by the reliability tests: subprocess environments and databases."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def production_env(**overrides: str) -> dict[str, str]:
    """The environment of a production deployment behind HTTPS, with nothing
    inherited that would switch on development shortcuts."""
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CHRONICLE_")) and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="timeline.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_HTTPS="1",
        DJANGO_ALLOWED_HOSTS="chronicle.example.org",
        DATABASE_URL=os.environ.get("DATABASE_URL", "sqlite:////tmp/chronicle-unused.sqlite3"),
    )
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str], timeout: float = 120, check: bool = True,
           input: bytes | None = None) -> subprocess.CompletedProcess:
    """Run ``manage.py`` in a child process and capture its output as text."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO, env=env, capture_output=True,
        timeout=timeout, input=input,
    )
    result.stdout = result.stdout.decode("utf-8", "replace")
    result.stderr = result.stderr.decode("utf-8", "replace")
    if check and result.returncode != 0:
        raise AssertionError(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result


def is_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
