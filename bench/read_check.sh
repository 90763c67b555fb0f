#!/usr/bin/env bash
# Read + check throughput on the seed (criterion, release build, one thread = one core), printed as
# documents per second beside the split-cells baseline and the 5,000 documents/s/core target.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p yusuan-check --bench read_check -- --noplot "$@" >/dev/null 2>&1 || cargo bench -p yusuan-check --bench read_check -- "$@"
python3 - <<'PY'
import json, pathlib
base = pathlib.Path("target/criterion/seed")
def ns(name):
    return json.loads((base / name / "new" / "estimates.json").read_text())["mean"]["point_estimate"]
split, read, full = ns("baseline_split_cells"), ns("read"), ns("read_check")
target = 5000
print(f"baseline split cells : {split/1000:8.1f} µs/doc  {1e9/split:10.0f} docs/s")
print(f"read                 : {read/1000:8.1f} µs/doc  {1e9/read:10.0f} docs/s  ({read/split:.1f}x baseline)")
print(f"read + check         : {full/1000:8.1f} µs/doc  {1e9/full:10.0f} docs/s  ({full/split:.1f}x baseline)")
print(f"target               : {1e6/target:8.1f} µs/doc  {target:10d} docs/s  -> read+check is {1e9/full/target:.2f}x the target")
PY
