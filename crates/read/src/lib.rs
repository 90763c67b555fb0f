//! Readers: published disclosures (text extracted from PDFs, later PDF and XLSX) → the Yusuan model.
//!
//! A reader never decides whether a number is right; it reads what is printed, repairs only what the
//! extraction broke, and reports every repair as a [`Repair`](yusuan_model::Repair) quoting the original.

mod pdf;
mod text;
mod xlsx;

pub use pdf::read_pdf_bytes;
pub use text::read_text;
pub use xlsx::read_workbook_bytes;

use std::path::Path;
use yusuan_model::{Document, Layout};

/// Files larger than this are refused: real disclosures extract to well under a megabyte of text.
pub const MAX_TEXT_BYTES: u64 = 32 * 1024 * 1024;

/// Why a file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{file}：无法读取（{source}）")]
    Io {
        /// File name.
        file: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is empty or blank.
    #[error("{file}：文件为空")]
    Empty {
        /// File name.
        file: String,
    },
    /// The file is too large to be a disclosure.
    #[error("{file}：文件过大（{size} 字节，上限 {limit} 字节），不像是一份预决算公开文本")]
    TooLarge {
        /// File name.
        file: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is not UTF-8 text.
    #[error("{file}：不是 UTF-8 文本（第 {offset} 字节起无法解码）；请提供从 PDF 提取的文本或原始 PDF/XLSX")]
    NotText {
        /// File name.
        file: String,
        /// Byte offset of the first undecodable byte.
        offset: usize,
    },
    /// No table of the layout could be recognised.
    #[error("{file}：没有识别出任何预决算表格（按版式 {layout} 查找表名，例如“{example}”）")]
    NoTables {
        /// File name.
        file: String,
        /// Layout id.
        layout: String,
        /// One title the layout knows.
        example: String,
    },
    /// Tables were found but no cell of them could be told apart: the text separates its cells with
    /// spaces, not tabs (a layout-preserving extraction such as `pdftotext -layout`).
    #[error(
        "{file}：找到表格“{title}”，但全文没有制表符，各格之间只有空格（如 pdftotext -layout 按版面对齐的输出），\
         空白的格子无从辨认、金额无法分列；请提供原始 PDF，或各格以制表符分隔的文本"
    )]
    NoCells {
        /// File name.
        file: String,
        /// The first table's printed title.
        title: String,
    },
    /// The PDF could not be read.
    #[error("{file}：PDF 无法读取：{reason}")]
    Pdf {
        /// File name.
        file: String,
        /// Why.
        reason: String,
    },
    /// The workbook could not be read.
    #[error("{file}：工作簿无法读取：{reason}")]
    Workbook {
        /// File name.
        file: String,
        /// Why.
        reason: String,
    },
    /// The requested layout does not exist.
    #[error(transparent)]
    Layout(#[from] yusuan_model::LayoutError),
}

/// Reads a disclosure file, choosing the reader by content, and the layout by `layout` or detection.
pub fn read_path(path: &Path, layout: Option<&str>) -> Result<Document, ReadError> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|source| ReadError::Io { file: file.clone(), source })?;
    if meta.len() > MAX_TEXT_BYTES {
        return Err(ReadError::TooLarge { file, size: meta.len(), limit: MAX_TEXT_BYTES });
    }
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io { file: file.clone(), source })?;
    read_bytes(&file, &bytes, layout)
}

/// Reads a disclosure from bytes named `file`.
pub fn read_bytes(file: &str, bytes: &[u8], layout: Option<&str>) -> Result<Document, ReadError> {
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(ReadError::TooLarge { file: file.into(), size: bytes.len() as u64, limit: MAX_TEXT_BYTES });
    }
    if bytes.starts_with(b"%PDF") {
        return read_pdf_bytes(file, bytes, layout);
    }
    // XLSX/ODS are zip files, XLS an OLE compound file.
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return read_workbook_bytes(file, bytes, layout);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text =
        std::str::from_utf8(bytes).map_err(|e| ReadError::NotText { file: file.into(), offset: e.valid_up_to() })?;
    if let Some(offset) = text.find('\0') {
        return Err(ReadError::NotText { file: file.into(), offset });
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty { file: file.into() });
    }
    let doc = read_lines(file, text, layout)?;
    // Empty cells are told apart by the tab on each side of them; with spaces alone no column can be.
    if doc.amount_cells().next().is_none() && !text.contains('\t') {
        return Err(ReadError::NoCells { file: file.into(), title: doc.tables[0].title.clone() });
    }
    Ok(doc)
}

/// Reads printed lines (tab-separated cells) with the named or detected layout; an error when no table of
/// the layout is recognised. Every reader (text, PDF, workbook) ends here.
pub(crate) fn read_lines(file: &str, text: &str, layout: Option<&str>) -> Result<Document, ReadError> {
    let layout = match layout {
        Some(id) => Layout::by_id(id)?,
        None => detect_layout(text),
    };
    let doc = read_text(file, text, layout);
    if doc.tables.is_empty() {
        return Err(ReadError::NoTables {
            file: file.into(),
            layout: layout.id.clone(),
            example: layout.tables.first().and_then(|t| t.titles.first()).cloned().unwrap_or_default(),
        });
    }
    Ok(doc)
}

/// The bundled layout whose detection phrases occur most often in `text`.
pub fn detect_layout(text: &str) -> &'static Layout {
    let all = Layout::bundled();
    // On a tie the first bundled layout wins (`max_by_key` alone would take the last).
    all.iter().rev().max_by_key(|l| l.detect.iter().filter(|p| text.contains(p.as_str())).count()).unwrap_or(&all[0])
}
