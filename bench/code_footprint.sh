#!/usr/bin/env bash
# How much machine code one read + check of the seed runs through (callgrind, steady state): distinct
# instructions, 64-byte cache lines and 4 KB pages executed per document, for read alone and for read +
# check, and by crate. Why it matters: a check repeated on one document takes ~160 µs, but ~280 µs after a
# read or after checks of other documents, because the branch history it had learnt is gone (evicting the
# data caches between checks costs almost nothing; see the README). Code that is not run cannot be
# mispredicted: fewer distinct branches and lines per document is a speed goal of its own.
#   bench/code_footprint.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }
cargo build --release -q -p yusuan-check --example profile_check
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for mode in read check; do
    arg=$([ "$mode" = read ] && echo read || echo "")
    valgrind --tool=callgrind --dump-instr=yes --compress-pos=no --compress-strings=no \
        --toggle-collect='profile_check::run' --callgrind-out-file="$out/$mode" \
        target/release/examples/profile_check 2 $arg >/dev/null 2>&1
done
python3 - "$out" <<'PY'
import collections, re, sys
out = sys.argv[1]
def executed(path):
    """Instruction addresses executed, by function (a call's inclusive-cost line is not an instruction)."""
    per, fn, after_call = collections.defaultdict(set), None, False
    for line in open(path):
        if line.startswith("calls="):
            after_call = True
        elif line.startswith("fn="):
            fn = line[3:].strip()
        else:
            m = re.match(r"(0x[0-9a-f]+) ", line)
            if m:
                if not after_call:
                    per[fn].add(int(m.group(1), 16))
                after_call = False
    return per
def crate(fn):
    m = re.search(r"(yusuan_\w+|regex_automata|regex_syntax|aho_corasick|memchr|hashbrown|mimalloc|mi_|core|alloc|std)", fn)
    return m.group(1) if m else "other"
for mode, label in [("read", "read"), ("check", "read + check")]:
    per = executed(f"{out}/{mode}")
    every = set().union(*per.values())
    lines, pages = {a // 64 for a in every}, {a // 4096 for a in every}
    print(f"{label:13s}: {len(every):6d} distinct instructions, {len(lines):5d} cache lines "
          f"({len(lines) * 64 // 1024} KB), {len(pages)} pages")
    by = collections.defaultdict(set)
    for fn, s in per.items():
        by[crate(fn)] |= s
    if mode == "check":
        for name, s in sorted(by.items(), key=lambda x: -len(x[1]))[:8]:
            print(f"    {name:16s} {len(s):6d} instructions ({len({a // 64 for a in s}) * 64 // 1024} KB)")
print("(rule bodies are closures, so most of the checker's own code is listed under `core`: FnOnce::call_once)")
PY
