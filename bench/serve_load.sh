#!/usr/bin/env bash
# Load test of `yusuan serve` on SQLite: 200 concurrent keep-alive clients (100 ms think time each) on the
# public package page and the reviewer's dashboard (half each, with a few other public pages) for 20 s, against a fresh data directory on 127.0.0.1; prints p50/p90/p99 and
# checks p99 < 20 ms. Usage: bench/serve_load.sh [CLIENTS] [SECONDS] [THINK_MS] [DEPARTMENTS]   (PROFILE=dev for a debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${PROFILE:-release}"
dir="$(mktemp -d)"
port="${PORT:-18080}"
# Two builds: with --example, cargo builds only the example, not the yusuan binary.
cargo build -q --profile "$profile" -p yusuan
cargo build -q --profile "$profile" -p yusuan-server --example load
target="target/$([ "$profile" = dev ] && echo debug || echo "$profile")"
echo admin-password | "$target/yusuan" admin create --user admin --password-stdin --data "$dir" >/dev/null
"$target/yusuan" serve --data "$dir" --bind "127.0.0.1:$port" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.1
done
ulimit -n 4096 2>/dev/null || true
"$target/examples/load" "127.0.0.1:$port" admin-password "${1:-200}" "${2:-20}" "${3:-100}" "${4:-30}"
