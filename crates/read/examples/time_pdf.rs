//! Times reading PDF disclosures in process (what `yusuan extract` does, without process start-up):
//! `cargo run --release -p yusuan-read --example time_pdf -- [--runs N] FILE.pdf...`
//!
//! Prints one tab-separated line per file: file, amount cells read, median wall seconds and median
//! CPU seconds of this thread (from `/proc/thread-self/schedstat`, so other load on a shared machine
//! does not count) over N runs after one warm-up run.

use std::time::Instant;

/// CPU time of this thread in seconds, when the kernel reports it.
fn thread_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 10;
    if let Some(i) = args.iter().position(|a| a == "--runs") {
        runs = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(runs);
        args.drain(i..(i + 2).min(args.len()));
    }
    println!("file\tcells\twall_s\tcpu_s");
    for path in &args {
        let p = std::path::Path::new(path);
        let cells = match yusuan_read::read_path(p, None) {
            Ok(doc) => {
                doc.tables.iter().flat_map(|t| &t.rows).flat_map(|r| r.cells.iter().filter_map(|c| c.amount())).count()
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        };
        let (mut wall, mut cpu) = (Vec::new(), Vec::new());
        for _ in 0..runs.max(1) {
            let (t0, c0) = (Instant::now(), thread_cpu());
            let doc = yusuan_read::read_path(p, None).expect("read once already");
            std::hint::black_box(&doc);
            wall.push(t0.elapsed().as_secs_f64());
            if let (Some(c0), Some(c1)) = (c0, thread_cpu()) {
                cpu.push(c1 - c0);
            }
        }
        let cpu = if cpu.is_empty() { f64::NAN } else { median(&mut cpu) };
        println!("{path}\t{cells}\t{:.4}\t{:.4}", median(&mut wall), cpu);
    }
}
