"""Settings for the test suite: production settings plus a throwaway key.

The database still comes from ``DATABASE_URL`` so the same suite runs on
SQLite and on PostgreSQL.
"""

import os

os.environ.setdefault("CHRONICLE_DEV", "1")

from .settings import *  # noqa: E402,F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"}}  # noqa: F405
