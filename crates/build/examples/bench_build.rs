//! Speed and memory of building every output: `cargo run --release -p yusuan-build --example bench_build`.
//!
//! Prints the time to build and render all outputs (text, XLSX, PDF, HTML, CSV, JSON, datapackage) of the
//! example department (median of 50 runs, one thread, the CJK font loaded once per thread as a server
//! would), then builds 1,000 departments in parallel on every core, each written to its own output folder
//! (as `yusuan build` writes it, in a temporary directory removed at the end), and prints the time and the
//! peak resident memory (VmHWM) of the process.

use std::time::Instant;
use yusuan_build::{build, output, read::read_input};
use yusuan_model::Catalog;

fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let path =
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/hanshan-kegongxin-2025/input.json"));
    let (input, origins) = read_input(path).expect("input");
    let catalog = Catalog::bundled();
    let once = |font: &mut yusuan_print::FontFile| {
        let built = build(&input, &origins, catalog).expect("build");
        let mut files = output::render(&input, &built, catalog).expect("render");
        files.push(("disclosure.pdf", output::render_pdf_with(&built, font).expect("pdf")));
        files
    };
    let font = || yusuan_print::FontFile::find().expect("a CJK font (apt-get install fonts-wqy-microhei)");
    let mut f = font();
    once(&mut f);
    let mut times: Vec<f64> = (0..50)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(once(&mut f));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("one department, all outputs: median {:.1} ms, min {:.1} ms (target < 100 ms)", times[25], times[0]);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let dir = std::env::temp_dir().join(format!("yusuan-bench-build-{}", std::process::id()));
    let dir = &dir;
    let t = Instant::now();
    let per = 1000usize.div_ceil(threads);
    let total: usize = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|i| {
                let (once, font) = (&once, &font);
                s.spawn(move || {
                    let n = per.min(1000usize.saturating_sub(i * per));
                    let mut f = font();
                    (0..n)
                        .map(|k| {
                            let files = once(&mut f);
                            output::write_atomically(&dir.join(format!("dept-{i}-{k}")), &files).expect("write");
                            files.iter().map(|f| f.1.len()).sum::<usize>()
                        })
                        .sum::<usize>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("thread")).sum()
    });
    println!(
        "1,000 departments on {threads} threads: {:.2} s, {:.0} MB of outputs written, peak RSS {:.0} MB (target < 1 GB)",
        t.elapsed().as_secs_f64(),
        total as f64 / 1e6,
        peak_rss_mb().unwrap_or(f64::NAN)
    );
    let _ = std::fs::remove_dir_all(dir);
}
