#!/usr/bin/env bash
# Writes what this tree's `yusuan` reports and extracts for a fixed set of inputs, so that a speed change can
# be shown to change nothing: run it before and after into two folders and `diff -r` them.
#
#   bench/same_output.sh /tmp/before      # on the old commit
#   bench/same_output.sh /tmp/after       # on the new one
#   diff -r /tmp/before /tmp/after && echo identical
#
# Inputs: every fixture and corpus document (text, PDF, XLSX), and ~700 variants of the seed and of its
# corrected copy made here deterministically (a line dropped, a line doubled, a digit changed, the text cut
# short, two lines swapped), so that most rules both pass and fail somewhere.
set -euo pipefail
out=${1:?usage: bench/same_output.sh OUT_DIR}
cd "$(dirname "$0")/.."
cargo build --release -q -p yusuan
bin=$PWD/target/release/yusuan
rm -rf "$out" && mkdir -p "$out/inputs" "$out/check" "$out/extract"
python3 - "$out/inputs" <<'PY'
import pathlib, random, sys
dest = pathlib.Path(sys.argv[1])
for name in ["hanshan-kegongxin-2025-budget.txt", "hanshan-kegongxin-2025-budget.corrected.txt"]:
    lines = pathlib.Path("fixtures", name).read_text(encoding="utf-8").split("\n")
    stem = name.removesuffix(".txt")
    rng = random.Random(stem)
    def put(tag, ls):
        (dest / f"{stem}.{tag}.txt").write_text("\n".join(ls), encoding="utf-8")
    for i in range(0, len(lines), 5):
        put(f"drop{i:04}", lines[:i] + lines[i + 1:])
    for i in range(2, len(lines), 23):
        put(f"double{i:04}", lines[:i + 1] + lines[i:])
    digits = [i for i, l in enumerate(lines) if any(c.isdigit() for c in l)]
    for k, i in enumerate(digits[::4]):
        l = lines[i]
        pos = [j for j, c in enumerate(l) if c.isdigit()]
        j = rng.choice(pos)
        d = str((int(l[j]) + 1 + rng.randrange(8)) % 10)
        put(f"digit{k:04}", lines[:i] + [l[:j] + d + l[j + 1:]] + lines[i + 1:])
    for k in range(1, 20):
        put(f"cut{k:02}", lines[: len(lines) * k // 20])
    for k in range(40):
        i, j = sorted(rng.sample(range(len(lines)), 2))
        ls = list(lines)
        ls[i], ls[j] = ls[j], ls[i]
        put(f"swap{k:02}", ls)
PY
cp fixtures/*.txt fixtures/corpus/*.pdf fixtures/corpus/*.xlsx "$out/inputs/"
out=$(cd "$out" && pwd)
cd "$out/inputs" # reports name their input as given: relative names compare across output folders
for b in *; do
    "$bin" check --format json "$b" >"$out/check/$b.json" 2>&1 || true
    "$bin" extract --format json "$b" >"$out/extract/$b.json" 2>&1 || true
done
echo "$(ls "$out/inputs" | wc -l) inputs written to $out"
