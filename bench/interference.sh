#!/usr/bin/env bash
# What running something else before a check adds to it (release build, one thread), to tell which part of
# the machine read + check compete for. Each mode is timed alone and followed by a check of the seed, in
# alternating rounds; the table shows medians and what each costs the check beyond the check repeated back
# to back:
#   read      the reader on the seed (different code, many data-dependent branches)
#   clone     a copy of the document (fresh memory of the same shape as a read makes, little code)
#   evict     loading 4 MB (evicts the data and second-level caches, one small loop)
#   branches  16K rounds of unpredictable branches (disturbs the branch predictor, no memory)
#   others    checks of five other documents (the corrected seed, four corpus PDFs): no read at all
#   bench/interference.sh [ROUNDS]   # default 5 rounds of 2,000 iterations
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p yusuan-check --example interference
bin=target/release/examples/interference
rounds=${1:-5}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for _ in $(seq "$rounds"); do
    for m in check read read+check clone clone+check evict evict+check branches branches+check others others+check; do
        "$bin" "$m" 2000 >>"$out"
    done
done
python3 - "$out" <<'PY'
import statistics, sys
t = {}
for line in open(sys.argv[1]):
    mode, us, _ = line.split("\t")
    t.setdefault(mode, []).append(float(us))
m = {k: statistics.median(v) for k, v in t.items()}
print(f"check repeated back to back: {m['check']:6.1f} µs (median of {len(t['check'])})")
for x in ["read", "clone", "evict", "branches", "others"]:
    after = m[x + "+check"] - m[x]
    print(f"{x:9} {m[x]:6.1f} µs alone; a check after it {after:6.1f} µs ({after - m['check']:+6.1f})")
PY
