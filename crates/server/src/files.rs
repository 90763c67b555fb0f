//! Downloads made from a stored version: the typeset PDF (`yusuan_print`) and the workbook
//! (`yusuan_build::xlsx`), laid out from the version's document. A version never changes once stored, so
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
}

impl Made {
    /// From the download's file name.
    pub fn from_name(name: &str) -> Option<Made> {
        match name {
            "disclosure.pdf" => Some(Made::Pdf),
            "disclosure.xlsx" => Some(Made::Xlsx),
            _ => None,
        }
    }
    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Made::Pdf => "application/pdf",
            Made::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
    /// The file name extension.
    pub fn ext(self) -> &'static str {
        match self {
            Made::Pdf => "pdf",
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

    /// The file `what` of version `version_id`, made from `doc` unless already made.
    pub async fn get(&self, version_id: i64, what: Made, doc: Document) -> Result<Bytes, AppError> {
        if let Some(b) = self.lookup(version_id, what) {
            return Ok(b);
        }
        let font = match what {
            Made::Pdf => Some(self.font.clone().ok_or_else(|| {
                AppError::Unavailable("服务器没有安装中文字体，无法排版 PDF；请下载 XLSX、CSV 或原文件".into())
            })?),
            Made::Xlsx => None,
        };
        let bytes = tokio::task::spawn_blocking(move || make(what, &doc, font))
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

    fn lookup(&self, version_id: i64, what: Made) -> Option<Bytes> {
        let made = self.made.lock().ok()?;
        made.iter().find(|(v, w, _)| *v == version_id && *w == what).map(|(_, _, b)| b.clone())
    }
}

fn make(what: Made, doc: &Document, font: Option<Arc<Mutex<yusuan_print::FontFile>>>) -> Result<Vec<u8>, AppError> {
    let failed = |e: &dyn std::fmt::Display| AppError::Internal(format!("disclosure.{} 无法生成：{e}", what.ext()));
    let layout = Layout::by_id(&doc.meta.layout).unwrap_or_else(|_| &Layout::bundled()[0]);
    match (what, font) {
        (Made::Pdf, Some(font)) => {
            // A typesetting panic poisons the lock, but the font itself is still good.
            let mut font = font.lock().unwrap_or_else(|e| e.into_inner());
            yusuan_print::pdf(doc, layout, &mut font).map_err(|e| failed(&e))
        }
        (Made::Xlsx, _) => yusuan_build::xlsx::write_document(doc, layout).map_err(|e| failed(&e)),
        (Made::Pdf, None) => Err(failed(&"没有字体")),
    }
}
