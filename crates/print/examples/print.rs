//! Typesets a disclosure read from FILE as a PDF: `cargo run -p yusuan-print --example print -- FILE OUT.pdf`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(out)) = (args.get(1), args.get(2)) else {
        return Err("usage: print FILE OUT.pdf".into());
    };
    let doc = yusuan_read::read_path(std::path::Path::new(input), None)?;
    let layout = yusuan_model::Layout::by_id(&doc.meta.layout)?;
    let t = std::time::Instant::now();
    let mut font = yusuan_print::FontFile::find()?;
    eprintln!("font loaded in {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = std::time::Instant::now();
    let bytes = yusuan_print::pdf(&doc, layout, &mut font)?;
    eprintln!("{} bytes in {:.1} ms with {}", bytes.len(), t.elapsed().as_secs_f64() * 1e3, font.path.display());
    std::fs::write(out, bytes)?;
    Ok(())
}
