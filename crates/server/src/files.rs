//! Downloads made from a stored version: the typeset PDF (`yusuan_print`) and the workbook
//! (`yusuan_build::xlsx`), laid out from the version's document, and for an uploaded PDF that PDF with
//! every located finding boxed and commented (`yusuan_pdf::annotate`). A version never changes once stored, so
//! what was made is kept (a few at a time) and typesetting, which takes tens of milliseconds of CPU, runs
//! on a blocking thread.

use crate::error::AppError;
use axum::body::Bytes;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use yusuan_model::{Document, Layout};

/// How many made files are kept.
const KEEP: usize = 32;

/// A file that can be made from a version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Made {
    /// `disclosure.pdf`
    Pdf,
    /// `disclosure.xlsx`
    Xlsx,
    /// `annotated.pdf` (versions uploaded as PDF)
    Annotated,
}

/// What a made file is made from.
pub enum Source {
    /// The version's document.
    Document(Document),
    /// The uploaded PDF (name, bytes) and the stored report (JSON).
    Pdf(String, Vec<u8>, String),
}

impl Made {
    /// From the download's file name.
    pub fn from_name(name: &str) -> Option<Made> {
        match name {
            "disclosure.pdf" => Some(Made::Pdf),
            "disclosure.xlsx" => Some(Made::Xlsx),
            "annotated.pdf" => Some(Made::Annotated),
            _ => None,
        }
    }
    /// Whether the public may download it (the annotated PDF shows the findings, which stay private).
    pub fn public(self) -> bool {
        self != Made::Annotated
    }
    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Made::Pdf | Made::Annotated => "application/pdf",
            Made::Xlsx => crate::upload::Kind::mime("xlsx"),
        }
    }
    /// The file name extension.
    pub fn ext(self) -> &'static str {
        match self {
            Made::Pdf | Made::Annotated => "pdf",
            Made::Xlsx => "xlsx",
        }
    }
}

/// The font for typesetting (found once) and the files made so far.
pub struct Files {
    font: Option<Arc<Mutex<yusuan_print::FontFile>>>,
    made: Mutex<VecDeque<(i64, Made, Bytes)>>,
}

impl Default for Files {
    fn default() -> Files {
        Files { font: yusuan_print::FontFile::find().ok().map(|f| Arc::new(Mutex::new(f))), made: Mutex::default() }
    }
}

impl Files {
    /// Whether a PDF can be typeset here (a CJK font is installed).
    pub fn can_typeset(&self) -> bool {
        self.font.is_some()
    }

    /// The file `what` of version `version_id` if it was made already.
    pub fn made(&self, version_id: i64, what: Made) -> Option<Bytes> {
        let made = self.made.lock().ok()?;
        made.iter().find(|(v, w, _)| *v == version_id && *w == what).map(|(_, _, b)| b.clone())
    }

    /// Makes the file `what` of version `version_id` from `source` and keeps it.
    pub async fn make(&self, version_id: i64, what: Made, source: Source) -> Result<Bytes, AppError> {
        let font = match what {
            Made::Pdf => Some(self.font.clone().ok_or_else(|| {
                AppError::Unavailable("服务器没有安装中文字体，无法排版 PDF；请下载 XLSX、CSV 或原文件".into())
            })?),
            Made::Xlsx | Made::Annotated => None,
        };
        let bytes = tokio::task::spawn_blocking(move || make(what, source, font))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))??;
        let bytes = Bytes::from(bytes);
        if let Ok(mut made) = self.made.lock() {
            if made.len() >= KEEP {
                made.pop_front();
            }
            made.push_back((version_id, what, bytes.clone()));
        }
        Ok(bytes)
    }
}

fn make(what: Made, source: Source, font: Option<Arc<Mutex<yusuan_print::FontFile>>>) -> Result<Vec<u8>, AppError> {
    let failed = |e: &dyn std::fmt::Display| AppError::Internal(format!("{what:?} 无法生成：{e}"));
    match (what, source, font) {
        (Made::Pdf, Source::Document(doc), Some(font)) => {
            let layout = Layout::by_id(&doc.meta.layout).unwrap_or_else(|_| &Layout::bundled()[0]);
            // A typesetting panic poisons the lock, but the font itself is still good.
            let mut font = font.lock().unwrap_or_else(|e| e.into_inner());
            yusuan_print::pdf(&doc, layout, &mut font).map_err(|e| failed(&e))
        }
        (Made::Xlsx, Source::Document(doc), _) => {
            let layout = Layout::by_id(&doc.meta.layout).unwrap_or_else(|_| &Layout::bundled()[0]);
            yusuan_build::xlsx::write_document(&doc, layout).map_err(|e| failed(&e))
        }
        (Made::Annotated, Source::Pdf(name, bytes, report), _) => {
            let (marks, note) = marks(&report).map_err(|e| failed(&e))?;
            yusuan_pdf::annotate(&name, &bytes, &marks, note.as_deref()).map(|(b, _)| b).map_err(|e| failed(&e))
        }
        _ => Err(failed(&"来源不符")),
    }
}

/// A finding as a stored report holds it, with what the annotator needs.
#[derive(serde::Deserialize)]
struct StoredFinding {
    rule: String,
    severity: yusuan_check::Severity,
    message: String,
    expected: Option<String>,
    actual: Option<String>,
    location: StoredPlace,
}

#[derive(serde::Deserialize)]
struct StoredPlace {
    page: Option<u32>,
    bbox: Option<[f32; 4]>,
}

/// The boxes of a stored report's located findings, and a note listing the others.
fn marks(report: &str) -> Result<(Vec<yusuan_pdf::Mark>, Option<String>), serde_json::Error> {
    #[derive(serde::Deserialize)]
    struct Stored {
        findings: Vec<StoredFinding>,
    }
    let stored: Stored = serde_json::from_str(report)?;
    Ok(yusuan_pdf::marks(stored.findings.iter().map(|f| yusuan_pdf::Noted {
        rule: &f.rule,
        severity: f.severity.as_str(),
        label: f.severity.label(),
        message: &f.message,
        expected: f.expected.as_deref(),
        actual: f.actual.as_deref(),
        place: f.location.page.zip(f.location.bbox),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The boxes drawn from a stored report are its located findings, in order, at their places; the rest
    /// are in the note.
    #[test]
    fn a_stored_report_gives_a_box_per_located_finding() {
        let pdf = include_bytes!("../../../fixtures/corpus/sh-putuo-czj-2025-dept-budget.pdf");
        let doc = yusuan_read::read_bytes("putuo.pdf", pdf, None).expect("corpus PDF reads");
        let report = yusuan_check::check(&doc, yusuan_model::Catalog::bundled());
        let located: Vec<_> =
            report.findings.iter().filter(|f| f.location.page.is_some() && f.location.bbox.is_some()).collect();
        assert!(!located.is_empty(), "the corpus PDF has located findings");
        let (marks, note) = marks(&serde_json::to_string(&report).unwrap()).unwrap();
        assert_eq!(marks.len(), located.len());
        for (m, f) in marks.iter().zip(&located) {
            assert_eq!((m.page, m.bbox), (f.location.page.unwrap(), f.location.bbox.unwrap()));
            assert!(
                m.contents.starts_with(&format!("{} {}：{}", f.rule, f.severity.label(), f.message)),
                "{}",
                m.contents
            );
        }
        assert_eq!(note.is_some(), located.len() < report.findings.len());
    }
}
