//! Reads and checks the seed many times (for profilers such as callgrind); `profile_check N read` only reads.
//! One warm-up document first, so that `--toggle-collect='profile_check::run'` counts only the steady
//! state (lazily compiled patterns and the bundled layouts/catalog excluded).
// The allocator the `yusuan` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED: &str = include_str!("../../../fixtures/hanshan-kegongxin-2025-budget.txt");

#[inline(never)]
fn one(layout: &yusuan_model::Layout, catalog: &yusuan_model::Catalog) -> usize {
    let doc = yusuan_read::read_text("seed", std::hint::black_box(SEED), layout);
    yusuan_check::check(&doc, catalog).findings.len()
}

#[inline(never)]
fn read_only(layout: &yusuan_model::Layout) -> usize {
    yusuan_read::read_text("seed", std::hint::black_box(SEED), layout).tables.len()
}

#[inline(never)]
fn run(n: usize, layout: &yusuan_model::Layout, catalog: &yusuan_model::Catalog, read: bool) -> usize {
    (0..n).map(|_| if read { read_only(layout) } else { one(layout, catalog) }).sum()
}

fn main() {
    let layout = yusuan_model::Layout::by_id("hebei-dept-budget").unwrap();
    let catalog = yusuan_model::Catalog::bundled();
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let read = std::env::args().nth(2).is_some_and(|a| a == "read");
    one(layout, catalog);
    println!("{}", run(n, layout, catalog, read));
}
