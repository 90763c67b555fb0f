//! Reads and checks the seed many times (for profilers such as callgrind).
// The allocator the `yusuan` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let seed = include_str!("../../../fixtures/hanshan-kegongxin-2025-budget.txt");
    let layout = yusuan_model::Layout::by_id("hebei-dept-budget").unwrap();
    let catalog = yusuan_model::Catalog::bundled();
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let mut findings = 0;
    for _ in 0..n {
        let doc = yusuan_read::read_text("seed", seed, layout);
        findings += yusuan_check::check(&doc, catalog).findings.len();
    }
    println!("{findings}");
}
