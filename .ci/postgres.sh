#!/usr/bin/env bash
# Installs (Debian's `postgresql`), starts and prepares a local PostgreSQL for the server tests:
# role `yusuan` (password `yusuan`, may create databases) and database `yusuan` on localhost:5432.
# Each test creates and drops its own database. Idempotent.
set -euo pipefail
if [ -n "${YUSUAN_TEST_POSTGRES:-}" ]; then
  exit 0 # a database was given
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$ver/main"; then
  pg_createcluster "$ver" main >/dev/null
fi
pg_ctlcluster "$ver" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  if su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
psql_su() { su postgres -c "psql -qtAc \"$1\""; }
if [ "$(psql_su "SELECT 1 FROM pg_roles WHERE rolname = 'yusuan'")" != 1 ]; then
  psql_su "CREATE ROLE yusuan LOGIN PASSWORD 'yusuan' CREATEDB"
fi
if [ "$(psql_su "SELECT 1 FROM pg_database WHERE datname = 'yusuan'")" != 1 ]; then
  psql_su "CREATE DATABASE yusuan OWNER yusuan"
fi
echo "PostgreSQL $ver ready on localhost:5432 (role yusuan)"
