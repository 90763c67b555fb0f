//! Reads published budget PDFs (部门预算/决算) in process and turns every page into positioned
//! lines of cells, the shape the text reader (`yusuan-read`) consumes.
//!
//! Glyphs are decoded with `hayro-interpret` (ToUnicode maps and the predefined Adobe CJK
//! CMaps, so non-embedded `GBK-EUC-H` fonts work too). Thin drawn paths are kept as table
//! rules; see [`layout`](self) notes on [`read_pdf`] for how lines and cells are built.

mod collect;
mod layout;
mod nfkc_table;
mod norm;

use collect::Collector;
use hayro_interpret::{interpret_page, Context, InterpreterCache, InterpreterSettings};
use hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use kurbo::{Affine, Rect};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// One cell of a printed line.
#[derive(Clone, Debug, PartialEq)]
pub struct PdfCell {
    /// The cell text (empty for an empty table cell).
    pub text: String,
    /// `x0, y0, x1, y1` in points, y down from the top of the page. For an empty table cell,
    /// the column's extent.
    pub bbox: [f32; 4],
}

/// One printed line: a table row (one cell per column) or a line of free text.
#[derive(Clone, Debug, PartialEq)]
pub struct PdfLine {
    /// 1-based page number.
    pub page: u32,
    /// The cells, left to right.
    pub cells: Vec<PdfCell>,
}

impl PdfLine {
    /// The cell texts joined by tabs.
    pub fn to_tsv(&self) -> String {
        self.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join("\t")
    }
}

/// One page.
#[derive(Clone, Debug, PartialEq)]
pub struct PdfPage {
    /// 1-based page number.
    pub number: u32,
    /// Width in points (after /Rotate).
    pub width: f32,
    /// Height in points (after /Rotate).
    pub height: f32,
    /// Lines, top to bottom.
    pub lines: Vec<PdfLine>,
    /// Thin drawn paths (table rules), `x0, y0, x1, y1`, y down.
    pub rules: Vec<[f32; 4]>,
    /// Glyphs without a Unicode mapping; they are counted here and left out of the text.
    pub undecoded: usize,
    /// Images drawn on the page (a page with images and no text is probably scanned).
    pub images: usize,
}

/// A whole document.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PdfDocument {
    /// The pages, in order.
    pub pages: Vec<PdfPage>,
}

impl PdfDocument {
    /// The number of lines on all pages.
    pub fn line_count(&self) -> usize {
        self.pages.iter().map(|p| p.lines.len()).sum()
    }
    /// The number of undecoded glyphs on all pages.
    pub fn undecoded(&self) -> usize {
        self.pages.iter().map(|p| p.undecoded).sum()
    }
}

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Not a PDF at all.
    #[error("不是 PDF 文件（缺少 %PDF- 文件头）/ not a PDF file (no %PDF- header)")]
    NotPdf,
    /// The file ends before the PDF does.
    #[error("PDF 文件不完整（被截断，缺少 %%EOF）/ the PDF is truncated (no %%EOF at the end)")]
    Truncated,
    /// The PDF is encrypted and cannot be opened without a password.
    #[error("PDF 已加密，需要密码或使用了不支持的加密方式（{0}）/ the PDF is encrypted ({0})")]
    Encrypted(String),
    /// The PDF structure cannot be parsed.
    #[error("PDF 结构损坏，无法解析（{0}）/ malformed PDF ({0})")]
    Malformed(String),
    /// No page has any text: a scanned document that needs OCR.
    #[error("PDF 没有文本层（共 {pages} 页，第 {first_page} 页起为图像，可能是扫描件，需要 OCR）/ no text layer in any of the {pages} pages (page {first_page} is an image; scanned? OCR needed)")]
    NoTextLayer {
        /// The first page, or the first page with an image.
        first_page: u32,
        /// The number of pages.
        pages: u32,
    },
    /// Interpreting one page failed.
    #[error("第 {page} 页无法解析（{reason}）/ page {page} could not be interpreted ({reason})")]
    Page {
        /// 1-based page number.
        page: u32,
        /// What went wrong.
        reason: String,
    },
}

fn precheck(bytes: &[u8]) -> Result<(), PdfError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(PdfError::Truncated);
    }
    Ok(())
}

fn panic_reason(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic in the PDF interpreter".into())
}

/// Reads a PDF from memory.
///
/// Per page: glyphs are grouped into lines by baseline; where the page draws a table (vertical
/// rules), lines are table rows with one cell per column (empty cells included, so the Nth tab
/// of [`to_tsv`] is the Nth column) and wrapped cell text between two horizontal rules is
/// joined; elsewhere a line is split into cells at gaps wider than 1.5× the font size.
/// Full-width digits become ASCII, Kangxi radicals and compatibility ideographs become unified
/// ideographs, and glyphs without Unicode are counted in [`PdfPage::undecoded`].
///
/// Never panics: interpreter panics are caught per page and returned as [`PdfError::Page`].
pub fn read_pdf(bytes: &[u8]) -> Result<PdfDocument, PdfError> {
    precheck(bytes)?;
    let data = bytes.to_vec();
    let pdf = catch_unwind(AssertUnwindSafe(|| Pdf::new(data)))
        .map_err(|p| PdfError::Malformed(panic_reason(p)))?
        .map_err(|e| match e {
            LoadPdfError::Decryption(d) => PdfError::Encrypted(
                match d {
                    DecryptionError::PasswordProtected => "password protected / 有密码保护",
                    DecryptionError::MissingIDEntry => "missing /ID / 缺少 /ID",
                    DecryptionError::InvalidEncryption => "invalid encryption / 加密字典无效",
                    DecryptionError::UnsupportedAlgorithm => "unsupported algorithm / 不支持的算法",
                }
                .to_string(),
            ),
            LoadPdfError::Invalid => PdfError::Malformed("cannot parse xref/trailer / 无法解析交叉引用表".into()),
        })?;
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(PdfError::Malformed("no pages / 没有页面".into()));
    }
    let cache = InterpreterCache::new();
    let mut doc = PdfDocument::default();
    let mut glyph_total = 0usize;
    for (i, page) in pages.iter().enumerate() {
        let number = i as u32 + 1;
        let (width, height) = page.render_dimensions();
        let collected = catch_unwind(AssertUnwindSafe(|| {
            let init = Affine::new(page.initial_transform(true).as_coeffs());
            let bbox = Rect::new(0.0, 0.0, width as f64, height as f64);
            let mut ctx = Context::new(init, bbox, &cache, pdf.xref(), InterpreterSettings::default());
            let mut dev = Collector::default();
            interpret_page(page, &mut ctx, &mut dev);
            dev
        }))
        .map_err(|p| PdfError::Page { page: number, reason: panic_reason(p) })?;
        // Text outside the page box is not printed (WPS leaves overflowing paragraphs there).
        let (w, h) = (width as f64, height as f64);
        let glyphs: Vec<collect::Glyph> = collected
            .glyphs
            .into_iter()
            .filter(|g| (0.0..=w).contains(&g.cx()) && (0.0..=h).contains(&g.cy()))
            .collect();
        glyph_total += glyphs.len();
        let lines = catch_unwind(AssertUnwindSafe(|| layout::build_lines(number, &glyphs, &collected.rules)))
            .map_err(|p| PdfError::Page { page: number, reason: panic_reason(p) })?;
        doc.pages.push(PdfPage {
            number,
            width,
            height,
            lines,
            rules: collected.rules.iter().map(|r| [r.x0 as f32, r.y0 as f32, r.x1 as f32, r.y1 as f32]).collect(),
            undecoded: collected.undecoded,
            images: collected.images,
        });
    }
    if glyph_total == 0 {
        let first_page = doc.pages.iter().find(|p| p.images > 0).map_or(1, |p| p.number);
        return Err(PdfError::NoTextLayer { first_page, pages: doc.pages.len() as u32 });
    }
    Ok(doc)
}

/// The document as tab-separated text: one line per printed line, cells separated by tabs,
/// a blank line between pages. This is the input shape of the text reader.
pub fn to_tsv(doc: &PdfDocument) -> String {
    let mut out = String::new();
    for (i, page) in doc.pages.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for line in &page.lines {
            out.push_str(&line.to_tsv());
            out.push('\n');
        }
    }
    out
}
