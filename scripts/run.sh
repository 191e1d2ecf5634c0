#!/usr/bin/env bash
# Install everything and run Chronicle on its embedded SQLite database at
# http://127.0.0.1:8000/ with the corpus loaded and an "admin" account.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export CHRONICLE_DEV=1 DJANGO_DEBUG=${DJANGO_DEBUG:-1}
py=.venv/bin/python
$py manage.py migrate --noinput
# Extract and store the corpus (idempotent: a second start changes nothing).
if $py manage.py help ingest >/dev/null 2>&1; then $py manage.py ingest; fi
$py manage.py ensure_admin
exec $py manage.py runserver "${CHRONICLE_ADDR:-127.0.0.1:8000}"
