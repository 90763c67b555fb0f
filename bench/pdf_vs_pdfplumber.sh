#!/usr/bin/env bash
# Yusuan vs pdfplumber on the corpus PDFs: amount cells right (against fixtures/corpus/truth) and
# seconds per document, side by side with the speed ratio (target: Yusuan gets more cells right and is
# >= 50x faster); then the peak RSS of `yusuan check` on the largest corpus PDF (target: < 100 MB).
#
#   bench/pdf_vs_pdfplumber.sh [--runs N] [--plumber-runs N]
#
# Needs python3 (>= 3.11) with venv; pdfplumber is installed into $YUSUAN_BENCH_VENV
# (default: target/bench-venv) when missing. Builds the release binary and the timing example.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${YUSUAN_BENCH_VENV:-target/bench-venv}"
if ! "$venv/bin/python" -c 'import pdfplumber' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pdfplumber
fi
cargo build --release --quiet -p yusuan
cargo build --release --quiet -p yusuan-read --example time_pdf
echo "pdfplumber $("$venv/bin/python" -c 'import pdfplumber; print(pdfplumber.__version__)'), yusuan $(target/release/yusuan --version)"
status=0
"$venv/bin/python" bench/pdf_vs_pdfplumber.py "$@" || status=$?

# Peak resident memory of checking the largest corpus PDF (the whole process: read + check + report).
largest=$(ls -S fixtures/corpus/*.pdf | head -1)
if [ -x /usr/bin/time ]; then
  out=$(mktemp)
  # exit status 1 = the document has errors; that is a result, not a failure of the measurement
  /usr/bin/time -f '%M' -o "$out" target/release/yusuan check "$largest" >/dev/null 2>&1 || true
  kb=$(tail -1 "$out")
  rm -f "$out"
else
  kb=$("$venv/bin/python" - "$largest" <<'PY'
import resource, subprocess, sys
subprocess.run(["target/release/yusuan", "check", sys.argv[1]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
)
fi
mb=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
verdict=$(awk -v k="$kb" 'BEGIN { print (k < 100 * 1024) ? "under" : "OVER" }')
echo
echo "peak RSS, yusuan check $(basename "$largest") ($(du -k "$largest" | cut -f1) KB): ${mb} MB — ${verdict} the 100 MB target"
[ "$verdict" = under ] || status=1
exit $status
