#!/usr/bin/env bash
# Speed and memory of `yusuan build` on the example department (release build): every output including the
# PDF, median of 50 runs on one thread, against the 100 ms target; then 1,000 departments in parallel,
# outputs kept in memory, peak RSS against the 1 GB target. Needs a CJK font (fonts-wqy-microhei).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q --release -p yusuan-build --example bench_build
