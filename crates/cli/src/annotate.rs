//! `yusuan check FILE.pdf --annotate OUT.pdf`: a copy of the PDF with every located finding boxed
//! and commented at its place ([`yusuan_pdf::annotate`]), written to a temporary file next to
//! `OUT.pdf` and renamed, so `OUT.pdf` is never half-written.

use std::path::Path;
use yusuan_check::Finding;

/// Writes `out`: `original` (the bytes of `source`) with one box per finding that has a page and a box,
/// and one note on the first page listing the findings that have no place (something missing from the
/// document). Returns how many findings were boxed.
pub fn annotate(source: &str, original: &[u8], findings: &[Finding], out: &Path) -> Result<usize, String> {
    let (marks, note) = yusuan_pdf::marks(findings.iter().map(|f| yusuan_pdf::Noted {
        rule: f.rule,
        severity: f.severity.as_str(),
        label: f.severity.label(),
        message: &f.message,
        expected: f.expected.as_deref(),
        actual: f.actual.as_deref(),
        place: f.location.page.zip(f.location.bbox),
    }));
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
