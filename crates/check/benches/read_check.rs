//! Read + check throughput on the seed, beside a baseline that only splits the text into cells.
//! `bench/read_check.sh` prints documents per second per core and the ratios.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use yusuan_model::{Catalog, Layout};

// The allocator the `yusuan` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED: &str = include_str!("../../../fixtures/hanshan-kegongxin-2025-budget.txt");

fn bench(c: &mut Criterion) {
    let layout = Layout::by_id("hebei-dept-budget").unwrap();
    let catalog = Catalog::bundled();
    let mut g = c.benchmark_group("seed");
    g.throughput(Throughput::Elements(1));
    g.bench_function("baseline_split_cells", |b| {
        b.iter(|| {
            black_box(SEED).lines().map(|l| l.split('\t').filter(|c| !c.trim().is_empty()).count()).sum::<usize>()
        })
    });
    g.bench_function("read", |b| b.iter(|| yusuan_read::read_text("seed", black_box(SEED), layout)));
    g.bench_function("read_check", |b| {
        b.iter(|| {
            let doc = yusuan_read::read_text("seed", black_box(SEED), layout);
            yusuan_check::check(&doc, catalog)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
