//! `yusuan check DIR… --out OUT --jobs N`: many documents in parallel, one report each and a summary.
//! One bad file never stops the run; every file written is complete (written aside, then renamed).

use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use yusuan_check::Report;
use yusuan_model::Catalog;

/// One line of the summary.
#[derive(Clone, Debug, Serialize)]
pub struct SummaryRow {
    /// The input file.
    pub file: String,
    /// `ok`, or `unreadable` with the reason in `message`.
    pub status: String,
    /// Department name.
    pub department: String,
    /// Year.
    pub year: String,
    /// Layout id.
    pub layout: String,
    /// Tables recognised.
    pub tables: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
    /// Rules not evaluated.
    pub not_evaluated: usize,
    /// Why the file could not be read.
    pub message: String,
}

/// The documents under `inputs`: files as given, folders walked (PDF, XLSX/XLS/ODS, TXT), sorted.
pub fn expand(inputs: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if matches!(
                p.extension().and_then(|x| x.to_str()).map(str::to_ascii_lowercase).as_deref(),
                Some("pdf" | "xlsx" | "xls" | "ods" | "txt")
            ) {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for i in inputs {
        if i.is_dir() {
            walk(i, &mut out);
        } else {
            out.push(i.clone());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Writes `bytes` to `path` completely or not at all.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// A report file name for `file` that does not collide with other inputs' (its path, flattened).
fn report_name(file: &Path) -> String {
    file.to_string_lossy().trim_start_matches(['.', '/']).replace(['/', '\\', ':'], "_")
}

fn summarize(file: &Path, r: &Report) -> SummaryRow {
    SummaryRow {
        file: file.display().to_string(),
        status: "ok".into(),
        department: r.department.clone().unwrap_or_default(),
        year: r.year.map(|y| y.to_string()).unwrap_or_default(),
        layout: r.layout.clone(),
        tables: r.tables,
        errors: r.counts.errors,
        warnings: r.counts.warnings,
        infos: r.counts.infos,
        not_evaluated: r.counts.not_evaluated,
        message: String::new(),
    }
}

/// Checks every file with `jobs` threads, writing `OUT/<file>.json`, `OUT/<file>.txt`, `OUT/summary.csv` and
/// `OUT/summary.json`. Returns the summary rows in input order.
pub fn run(
    files: &[PathBuf],
    catalog: &Catalog,
    layout: Option<&str>,
    jobs: usize,
    out: &Path,
) -> std::io::Result<Vec<SummaryRow>> {
    std::fs::create_dir_all(out)?;
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let next = AtomicUsize::new(0);
    let rows: Mutex<Vec<Option<SummaryRow>>> = Mutex::new(vec![None; files.len()]);
    let io_error: Mutex<Option<std::io::Error>> = Mutex::new(None);
    std::thread::scope(|s| {
        for _ in 0..jobs.max(1).min(files.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(file) = files.get(i) else { break };
                let row = match yusuan_read::read_path(file, layout) {
                    Ok(doc) => {
                        let report = yusuan_check::check(&doc, catalog);
                        let name = report_name(file);
                        let json = serde_json::to_vec_pretty(&report).unwrap_or_default();
                        let written = write_whole(&out.join(format!("{name}.json")), &json)
                            .and_then(|_| write_whole(&out.join(format!("{name}.txt")), report.to_text().as_bytes()));
                        if let Err(e) = written {
                            io_error.lock().expect("lock").get_or_insert(e);
                        }
                        summarize(file, &report)
                    }
                    Err(e) => SummaryRow {
                        file: file.display().to_string(),
                        status: "unreadable".into(),
                        department: String::new(),
                        year: String::new(),
                        layout: String::new(),
                        tables: 0,
                        errors: 0,
                        warnings: 0,
                        infos: 0,
                        not_evaluated: 0,
                        message: e.to_string(),
                    },
                };
                bar.set_message(file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
                bar.inc(1);
                rows.lock().expect("lock")[i] = Some(row);
            });
        }
    });
    bar.finish_and_clear();
    if let Some(e) = io_error.into_inner().expect("lock") {
        return Err(e);
    }
    let rows: Vec<SummaryRow> = rows.into_inner().expect("lock").into_iter().flatten().collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in &rows {
        w.serialize(r).map_err(std::io::Error::other)?;
    }
    write_whole(&out.join("summary.csv"), &w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?)?;
    write_whole(&out.join("summary.json"), &serde_json::to_vec_pretty(&rows).unwrap_or_default())?;
    Ok(rows)
}
