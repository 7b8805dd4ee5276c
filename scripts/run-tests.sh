#!/usr/bin/env bash
# The whole suite on SQLite (with the browser tests), then again on PostgreSQL when
# TEST_DATABASE_URL is set. Under CI=true the PostgreSQL pass is mandatory. Each pass runs on
# every core (pytest-xdist, TEST_WORKERS=auto; a test file's tests stay on one worker; each
# worker has its own PostgreSQL database, see tests/conftest.py).
# pytest's exit code 5 ("no tests ran") counts as a failure: a pass that runs nothing proves nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL=${TEST_DATABASE_URL:-}
PARALLEL=(-n "${TEST_WORKERS:-auto}" --dist loadfile)
status=0

pass() {
  local label=$1; shift
  echo "=== test pass: $label ==="
  "$@"
  local rc=$?
  if [ "$rc" -eq 5 ]; then
    echo "test pass '$label' collected no tests" >&2
    rc=1
  fi
  [ "$rc" -eq 0 ] || status=1
}

pass "SQLite" env -u TEST_DATABASE_URL "$PY" -m pytest "${PARALLEL[@]}" -m "not postgres_only" \
  --durations=15 "$@"

if [ -n "$PG_URL" ]; then
  pass "PostgreSQL" env TEST_DATABASE_URL="$PG_URL" "$PY" -m pytest "${PARALLEL[@]}" \
    -m "not browser" --durations=15 "$@"
elif [ "${CI:-}" = "true" ]; then
  echo "CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests would be skipped" >&2
  status=1
else
  echo "(PostgreSQL pass skipped: set TEST_DATABASE_URL=postgresql+psycopg://... to run it)"
fi
exit $status
