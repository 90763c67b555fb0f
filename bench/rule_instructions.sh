#!/usr/bin/env bash
# Instructions per document of each rule on the seed (callgrind, steady state: 6 runs minus 1), costliest
# first; with a rule code, that rule's costliest functions instead. Deterministic, like instructions.sh.
#   bench/rule_instructions.sh          # every rule, and the narrative (N) share
#   bench/rule_instructions.sh N001     # where N001 spends its instructions
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p yusuan-check --example rule_ir
bin=target/release/examples/rule_ir
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" 0 >"$out/index"
if [ -n "${1:-}" ]; then
    i=$(awk -v c="$1" '$3 == c {print $2}' "$out/index")
    [ -n "$i" ] || { echo "no rule $1" >&2; exit 2; }
    valgrind --tool=callgrind --dump-instr=no --toggle-collect="rule_ir::m_$i" --callgrind-out-file="$out/cg" \
        "$bin" 21 >/dev/null 2>&1
    echo "$1: instructions per document (21 runs, the first included), by function (self cost)"
    callgrind_annotate --threshold=98 "$out/cg" 2>/dev/null | grep -E '^ *[0-9,]+ \(' |
        sed -E 's/^ *([0-9,]+) \( *[0-9.]+%\) +/\1 /' |
        awk '{v=$1; gsub(",","",v); $1=""; printf "%9d %s\n", v/21, substr($0,2,130)}' | head -25
    exit 0
fi
for n in 1 6; do
    valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$out/cg.$n" "$bin" $n >/dev/null 2>&1
    callgrind_annotate --inclusive=yes --threshold=100 "$out/cg.$n" 2>/dev/null | grep "rule_ir::m_" >"$out/inc.$n"
done
python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
code = {int(l.split()[1]): l.split()[2] for l in open(f"{out}/index")}
def load(n):
    d = {}
    for l in open(f"{out}/inc.{n}"):
        m = re.match(r"\s*([\d,]+) .*rule_ir::m_(\d+) ", l)
        if m:
            d[int(m.group(2))] = int(m.group(1).replace(",", ""))
    return d
a, b = load(1), load(6)
rows = sorted((((b.get(i, 0) - a.get(i, 0)) / 5, c) for i, c in code.items()), reverse=True)
total = sum(v for v, _ in rows)
narrative = sum(v for v, c in rows if c.startswith("N"))
print(f"rules: {total:,.0f} instructions per document (narrative {narrative:,.0f}, others {total - narrative:,.0f})")
for v, c in rows:
    print(f"{c}\t{v:9,.0f}")
PY
