#!/usr/bin/env bash
# Instructions per document for read and for check of the seed (callgrind, steady state: the warm-up
# document and the lazily built patterns, layouts and catalog are left out). Deterministic, so it compares
# two trees even on a busy machine, where timings cannot.
#   bench/instructions.sh            # totals
#   bench/instructions.sh --top 40   # and the 40 costliest functions (self cost)
set -euo pipefail
cd "$(dirname "$0")/.."
n=10
cargo build --release -q -p yusuan-check --example profile_check
out=$(mktemp -d)
valgrind --tool=callgrind --dump-instr=no --toggle-collect='profile_check::run' --callgrind-out-file="$out/cg" \
    target/release/examples/profile_check $n >/dev/null 2>"$out/err"
callgrind_annotate --inclusive=yes "$out/cg" 2>/dev/null >"$out/inc"
num() { grep -m1 "$1" "$out/inc" | awk '{gsub(",","",$1); print $1}'; }
tot=$(num "PROGRAM TOTALS"); rd=$(num "yusuan_read::text::read_text \["); ck=$(num "yusuan_check::check \[")
echo "instructions per document: total $((tot / n))  read $((rd / n))  check $((ck / n))"
if [ "${1:-}" = "--top" ]; then
    callgrind_annotate "$out/cg" 2>/dev/null | grep -E '^ *[0-9,]+ \(' | head -"${2:-30}" |
        sed -E 's/^ *([0-9,]+) \( *[0-9.]+%\) +/\1 /' |
        awk -v n=$n '{v=$1; gsub(",","",v); $1=""; printf "%10d %s\n", v/n, substr($0,2,150)}'
fi
rm -rf "$out"
