//! Prints the time each rule takes on the seed, most expensive first (to find what to optimise).
//! Rules run in registry order on one shared context, as `check` runs them, so the cost of filling a shared
//! cache lands on the first rule that asks for it.
use std::time::Instant;

// The allocator the `yusuan` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use yusuan_check::{all_rules, Ctx, Sink};

fn main() {
    let seed = include_str!("../../../fixtures/hanshan-kegongxin-2025-budget.txt");
    let layout = yusuan_model::Layout::by_id("hebei-dept-budget").unwrap();
    let catalog = yusuan_model::Catalog::bundled();
    let n = 400;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(yusuan_read::read_text("seed", seed, layout));
    }
    println!("read: {:.1} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let doc = yusuan_read::read_text("seed", seed, layout);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(yusuan_check::check(&doc, catalog));
    }
    println!("check (whole, one document read once): {:.1} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let t = Instant::now();
    for _ in 0..n {
        let d = yusuan_read::read_text("seed", seed, layout);
        std::hint::black_box(yusuan_check::check(&d, catalog));
    }
    println!("read + check: {:.1} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let rules = all_rules();
    let mut costs = vec![0f64; rules.len()];
    let interleave = std::env::args().any(|a| a == "--after-read");
    for _ in 0..n {
        if interleave {
            std::hint::black_box(yusuan_read::read_text("seed", seed, layout));
        }
        let cx = Ctx::new(&doc, catalog, layout);
        for (r, cost) in rules.iter().zip(costs.iter_mut()) {
            let t = Instant::now();
            let mut sink = Sink::new(r);
            (r.check)(&cx, &mut sink);
            std::hint::black_box(sink.finish());
            *cost += t.elapsed().as_secs_f64();
        }
    }
    let mut costs: Vec<(f64, &str)> = costs.iter().zip(rules).map(|(c, r)| (c * 1e6 / n as f64, r.code)).collect();
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = costs.iter().map(|c| c.0).sum();
    println!("check: {total:.1} µs in {} rules", costs.len());
    for (c, code) in costs.iter().take(std::env::var("TOP").ok().and_then(|v| v.parse().ok()).unwrap_or(40)) {
        println!("{code}\t{c:.1} µs");
    }
}
