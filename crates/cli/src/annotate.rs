//! `yusuan check FILE.pdf --annotate OUT.pdf`: a copy of the PDF with every located finding boxed
//! and commented at its place ([`yusuan_pdf::annotate`]), written to a temporary file next to
//! `OUT.pdf` and renamed, so `OUT.pdf` is never half-written.

use std::path::Path;
use yusuan_check::{Finding, Severity};

fn colour(s: Severity) -> [f32; 3] {
    match s {
        Severity::Error => [0.85, 0.0, 0.0],
        Severity::Warning => [0.95, 0.55, 0.0],
        _ => [0.0, 0.35, 0.85],
    }
}

/// Writes `out`: `original` (the bytes of `source`) with one box per finding that has a page and a box,
/// and one note on the first page listing the findings that have no place (something missing from the
/// document). Returns how many findings were boxed.
pub fn annotate(source: &str, original: &[u8], findings: &[Finding], out: &Path) -> Result<usize, String> {
    let marks: Vec<yusuan_pdf::Mark> = findings
        .iter()
        .filter_map(|f| {
            let (page, bbox) = (f.location.page?, f.location.bbox?);
            let mut contents = format!("{} {}：{}", f.rule, f.severity.label(), f.message);
            if let (Some(e), Some(a)) = (&f.expected, &f.actual) {
                contents.push_str(&format!("（应为 {e}，实为 {a}）"));
            }
            Some(yusuan_pdf::Mark {
                page,
                bbox,
                title: format!("Yusuan {}", f.rule),
                contents,
                colour: colour(f.severity),
            })
        })
        .collect();
    let placeless: Vec<String> = findings
        .iter()
        .filter(|f| f.location.page.is_none() || f.location.bbox.is_none())
        .map(|f| format!("{} {}：{}", f.rule, f.severity.label(), f.message))
        .collect();
    let note = (!placeless.is_empty()).then(|| format!("全文问题（无具体位置）：\n{}", placeless.join("\n")));
    let (bytes, n) = yusuan_pdf::annotate(source, original, &marks, note.as_deref())?;
    write_atomically(out, &bytes).map_err(|e| format!("{}：无法写入（{e}）", out.display()))?;
    Ok(n)
}

/// Writes `bytes` to a temporary file in `path`'s directory and renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
