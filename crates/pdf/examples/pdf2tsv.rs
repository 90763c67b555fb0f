//! Prints the tab-separated text of a PDF: `cargo run -p yusuan-pdf --example pdf2tsv -- FILE.pdf`.
//! Statistics (pages, lines, undecoded glyphs, time) go to stderr.

use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdf2tsv FILE.pdf");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let start = Instant::now();
    match yusuan_pdf::read_pdf(&bytes) {
        Ok(doc) => {
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            print!("{}", yusuan_pdf::to_tsv(&doc));
            eprintln!(
                "{path}: {} pages, {} lines, {} undecoded glyphs, {ms:.0} ms",
                doc.pages.len(),
                doc.line_count(),
                doc.undecoded()
            );
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
