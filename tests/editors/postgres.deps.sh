#!/usr/bin/env bash
# Installs PostgreSQL for tests/postgres.rs, which starts a throwaway cluster of its own (initdb
# and pg_ctl in a temp folder, a unix socket there; no system service is used or needed).
# Idempotent; run by .ci/run before the tests.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "postgres.deps.sh: $(ls -d /usr/lib/postgresql/*/bin | tail -n 1) is installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "postgres.deps.sh: apt-get not found; install PostgreSQL (initdb, pg_ctl) yourself" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# The package's own cluster is not needed: the tests make their own.
$SUDO apt-get install -y --no-install-recommends postgresql-15 || {
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends postgresql-15
}
ls -d /usr/lib/postgresql/*/bin | tail -n 1
