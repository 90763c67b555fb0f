//! What makes a check slower when something runs before it: `interference MODE N` times N rounds of MODE
//! and prints µs per round. MODE is `check` (the same document checked again), or one of `read`, `clone`,
//! `evict`, `branches`, `others` (checks of five other documents) alone, or followed by a check
//! (`read+check`, …). `bench/interference.sh` runs them all
//! and prints what each one adds to a check. After `read` and `clone` the new document is checked (fresh
//! memory, as in use); otherwise the one read once at the start.

// The allocator the `yusuan` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use yusuan_model::{Catalog, Document, Layout};

const SEED: &str = include_str!("../../../fixtures/hanshan-kegongxin-2025-budget.txt");

/// Bytes read between two checks in `evict`: more than the second-level cache and a share of the third.
const EVICT_BYTES: usize = 4 << 20;
/// Rounds of two unpredictable branches in `branches` (a fresh random sequence each time).
const RANDOM_BRANCHES: usize = 16_384;

#[inline(never)]
fn check(doc: &Document, catalog: &Catalog) -> usize {
    yusuan_check::check(black_box(doc), catalog).findings.len()
}

#[inline(never)]
fn read(layout: &Layout) -> Document {
    yusuan_read::read_text("seed", black_box(SEED), layout)
}

/// The documents `others` checks: the corrected seed and four corpus PDFs (read once, at the start).
fn other_documents() -> Vec<Document> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/");
    let files = [
        "hanshan-kegongxin-2025-budget.corrected.txt",
        "corpus/sh-putuo-czj-2025-dept-budget.pdf",
        "corpus/sh-putuo-swj-2025-dept-budget.pdf",
        "corpus/sh-putuo-wanli-2023-dept-budget.pdf",
        "corpus/sh-city-czj-2025-unit-budget.pdf",
    ];
    files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(format!("{root}{f}")).expect("fixture");
            yusuan_read::read_bytes(f, &bytes, None).expect("readable fixture")
        })
        .collect()
}

/// Loads every cache line of `buf` once: evicts the data (and code) caches without touching much code.
#[inline(never)]
fn evict(buf: &[u64]) -> u64 {
    buf.iter().step_by(8).fold(0, |x, &v| x.wrapping_add(black_box(v)))
}

/// Branches on random bits: disturbs the branch predictor with almost no code and no memory.
#[inline(never)]
fn branches(seed: u64) -> u64 {
    let (mut r, mut x) = (seed | 1, 0u64);
    for _ in 0..RANDOM_BRANCHES {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        if black_box(r) & 1 == 0 {
            x = x.wrapping_add(r);
        } else {
            x ^= r >> 3;
        }
        if black_box(r) & 2 == 0 {
            x = x.wrapping_mul(3);
        }
    }
    x
}

fn main() {
    let layout = Layout::by_id("hebei-dept-budget").expect("bundled layout");
    let catalog = Catalog::bundled();
    let mut args = std::env::args().skip(1);
    let mode = args.next().expect("usage: interference MODE N");
    let n: usize = args.next().and_then(|a| a.parse().ok()).expect("usage: interference MODE N");
    let (before, then_check) = match mode.strip_suffix("+check") {
        Some(b) => (b, true),
        None if mode == "check" => ("", true),
        None => (mode.as_str(), false),
    };
    let fixed = read(layout);
    let buf: Vec<u64> = (0..EVICT_BYTES as u64 / 8).collect();
    let others = if before == "others" { other_documents() } else { vec![] };
    check(&fixed, catalog);
    let start = std::time::Instant::now();
    let mut sink = 0u64;
    for i in 0..n {
        let fresh = match before {
            "" => None,
            "read" => Some(read(layout)),
            "clone" => Some(black_box(fixed.clone())),
            "evict" => {
                sink = sink.wrapping_add(evict(&buf));
                None
            }
            "branches" => {
                sink = sink.wrapping_add(branches(i as u64 ^ sink));
                None
            }
            "others" => {
                sink = sink.wrapping_add(others.iter().map(|d| check(d, catalog) as u64).sum::<u64>());
                None
            }
            other => panic!("unknown mode {other}"),
        };
        if then_check {
            let doc = fresh.as_ref().unwrap_or(&fixed);
            sink = sink.wrapping_add(check(doc, catalog) as u64);
        }
        drop(fresh);
    }
    println!("{mode}\t{:.1}\t{}", start.elapsed().as_secs_f64() * 1e6 / n as f64, sink & 1);
}
