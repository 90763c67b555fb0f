#!/usr/bin/env bash
# Read + check of the seed on this tree and on another commit, timed alternately (criterion, a few seconds
# each, ROUNDS times) so that this machine's drift (±5 % from one run to the next) hits both trees alike;
# prints each tree's median, least and greatest µs per document and every round.
#   bench/ab.sh c7a500b          # ten rounds
#   bench/ab.sh c7a500b 4
set -euo pipefail
rev=${1:?usage: bench/ab.sh REV [ROUNDS]}
rounds=${2:-10}
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
# The path of the benchmark binary cargo builds in the current directory's tree.
bench_binary() {
    cargo bench -q -p yusuan-check --bench read_check --no-run --message-format json 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "read_check" and m.get("executable"):
        print(m["executable"])'
}
git worktree add -q --detach "$work/tree" "$rev"
# Both trees build in this tree's target directory: only the crates that differ are built again.
target=$repo/target
cp "$(cd "$work/tree" && CARGO_TARGET_DIR=$target bench_binary)" "$work/$rev"
cp "$(bench_binary)" "$work/HEAD"
cd "$work"
for _ in $(seq "$rounds"); do
    for tree in HEAD "$rev"; do
        mean=$("./$tree" --bench --noplot --warm-up-time 1 --measurement-time 3 'seed/read_check' 2>/dev/null |
            grep -A1 'seed/read_check' | grep -o 'time: *\[[^]]*\]' | awk '{print $4}')
        echo "$tree $mean"
    done
done | python3 -c '
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in sys.stdin:
    tree, mean = line.split()
    runs[tree].append(float(mean))
for tree, v in runs.items():
    print(f"{tree:>12}: median {statistics.median(v):6.1f} µs  least {min(v):6.1f}  greatest {max(v):6.1f}  rounds",
          " ".join(f"{x:.1f}" for x in v))'
