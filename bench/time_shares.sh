#!/usr/bin/env bash
# Where read + check of the seed spends its *time* (perf, cpu-clock sampling of the release build), the
# costliest functions by self share. Instruction counts (instructions.sh) are deterministic but miss what
# costs time without costing instructions (a mispredicted branch, a library call, a stall), so this shows
# where to look. Whether a change helped is decided by timing the whole run before and after: one function's
# share can fall while the total does not.
#   bench/time_shares.sh               # read + check
#   bench/time_shares.sh --read        # read only
#   bench/time_shares.sh --top 60      # more functions
set -euo pipefail
cd "$(dirname "$0")/.."
mode=check top=30
while [ $# -gt 0 ]; do
    case "$1" in
    --read) mode=read ;;
    --top) top=$2; shift ;;
    *) echo "usage: bench/time_shares.sh [--read] [--top N]" >&2; exit 2 ;;
    esac
    shift
done
command -v perf >/dev/null || { echo "needs perf (apt-get install linux-perf)" >&2; exit 2; }
cargo build --release -q -p yusuan-check --example profile_check
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
n=$([ "$mode" = read ] && echo 20000 || echo 5000)
perf record -q -e cpu-clock -F 5000 -o "$out/perf.data" target/release/examples/profile_check $n $mode >/dev/null 2>&1
perf report -i "$out/perf.data" --no-children --sort symbol --stdio 2>/dev/null | grep -E '^ +[0-9.]+%' |
    head -"$top" | sed -E 's/^ +([0-9.]+%) +\[\.\] +/\1 /' | cut -c1-150
