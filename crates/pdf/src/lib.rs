//! Reads published budget PDFs (部门预算/决算) in process and turns every page into positioned
//! lines of cells, the shape the text reader (`yusuan-read`) consumes.
//!
//! Glyphs are decoded with `hayro-interpret` (ToUnicode maps and the predefined Adobe CJK
//! CMaps, so non-embedded `GBK-EUC-H` fonts work too). Thin drawn paths are kept as table
//! rules; see [`layout`](self) notes on [`read_pdf`] for how lines and cells are built.

mod annotate;
mod collect;
mod layout;
mod nfkc_table;
mod norm;

pub use annotate::{annotate, marks, user_rect, Mark, Noted};
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
    /// No page has any text, and pages have images: a scanned document that needs OCR.
    #[error("PDF 没有文本层（共 {pages} 页，第 {first_page} 页起为图像，可能是扫描件，需要 OCR）/ no text layer in any of the {pages} pages (page {first_page} is an image; scanned? OCR needed)")]
    NoTextLayer {
        /// The first page with an image.
        first_page: u32,
        /// The number of pages.
        pages: u32,
    },
    /// No page has any text or image: nothing readable was drawn (a damaged file, or blank pages).
    #[error("PDF 的 {pages} 页上都没有可读的文字或图像（文件可能已损坏，或是空白页）/ no readable text or image on any of the {pages} pages (damaged or blank?)")]
    NoText {
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

/// Parses a PDF (never panics: parser panics become [`PdfError::Malformed`]).
fn load(bytes: &[u8]) -> Result<Pdf, PdfError> {
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
    Ok(pdf)
}

/// For each page, the affine map `[a, b, c, d, e, f]` from the coordinates of [`PdfCell::bbox`]
/// (points, y down from the top-left corner of the page as displayed, i.e. after /Rotate and the
/// crop box) back to the page's default user space, where PDF annotations are placed:
/// `x' = a·x + c·y + e`, `y' = b·x + d·y + f`.
pub fn user_space_transforms(bytes: &[u8]) -> Result<Vec<[f64; 6]>, PdfError> {
    let pdf = load(bytes)?;
    catch_unwind(AssertUnwindSafe(|| {
        pdf.pages().iter().map(|p| Affine::new(p.initial_transform(true).as_coeffs()).inverse().as_coeffs()).collect()
    }))
    .map_err(|p| PdfError::Malformed(panic_reason(p)))
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
    let pdf = load(bytes)?;
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
        let pages = doc.pages.len() as u32;
        return Err(match doc.pages.iter().find(|p| p.images > 0) {
            Some(p) => PdfError::NoTextLayer { first_page: p.number, pages },
            None => PdfError::NoText { pages },
        });
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

/// `单位：万元`, `截止时间：2024-12-31`: a short label, a colon and a value, as page heads print them.
fn label_line(text: &str) -> bool {
    let t = text.trim();
    // (the end of a sentence, `原因是：经费增加。`, is no label line)
    if t.chars().nth(24).is_some() || t.contains(['。', '，', '；', '、']) {
        return false;
    }
    t.char_indices()
        .find(|&(_, c)| c == '：' || c == ':')
        .is_some_and(|(i, c)| (1..=6).contains(&t[..i].chars().count()) && !t[i + c.len_utf8()..].trim().is_empty())
}

/// Joins the printed lines of a wrapped paragraph into one line, so that a sentence broken at the
/// right margin (`比2024年预算增加` / `107.62万元`) reads as one.
///
/// A single-cell line continues into the next single-cell line when it reaches the page's right
/// text margin (within about one character) and the next line is not indented and does not start a
/// list item (`（一）`, `一、`, `1.`) or a page head's label line (`单位：万元`), it starts at the left
/// margin (a centred title does not), and no more than a line's height lies between the two (a blank
/// line does not). Table rows (several cells) are never joined.
pub fn join_paragraph_lines(doc: &mut PdfDocument) {
    for page in &mut doc.pages {
        let singles: Vec<&PdfLine> = page.lines.iter().filter(|l| l.cells.len() == 1).collect();
        let Some(right) = singles.iter().map(|l| l.cells[0].bbox[2]).reduce(f32::max) else { continue };
        let left = singles.iter().map(|l| l.cells[0].bbox[0]).reduce(f32::min).unwrap_or(0.0);
        let mut out: Vec<PdfLine> = Vec::with_capacity(page.lines.len());
        for line in page.lines.drain(..) {
            if let Some(prev) = out.last_mut() {
                if prev.cells.len() == 1 && line.cells.len() == 1 {
                    let (p, n) = (&prev.cells[0], &line.cells[0]);
                    let char_w = (p.bbox[3] - p.bbox[1]).max(6.0);
                    let reaches_margin = p.bbox[2] >= right - 1.2 * char_w;
                    let indented = n.bbox[0] > left + 1.2 * char_w;
                    // A paragraph's lines start at the margin (the first one indented): a centred title goes
                    // on no line, and no line goes on to a label line under a heading (`单位：万元`).
                    let from_margin = p.bbox[0] <= left + 4.0 * char_w;
                    // (a blank line or a bigger title's line height apart is no line break of a paragraph)
                    let close = n.bbox[1] - p.bbox[3] <= char_w;
                    if reaches_margin
                        && close
                        && !indented
                        && from_margin
                        && !starts_list_item(&n.text)
                        && !label_line(&n.text)
                    {
                        let n = line.cells.into_iter().next().expect("one cell");
                        let p = &mut prev.cells[0];
                        p.text.push_str(&n.text);
                        p.bbox = [
                            p.bbox[0].min(n.bbox[0]),
                            p.bbox[1].min(n.bbox[1]),
                            p.bbox[2].max(n.bbox[2]),
                            p.bbox[3].max(n.bbox[3]),
                        ];
                        continue;
                    }
                }
            }
            out.push(line);
        }
        page.lines = out;
    }
}

/// Whether a line starts a list item or heading: `（一）`, `(1)`, `一、`, `1.`, `1、`.
fn starts_list_item(text: &str) -> bool {
    let t = text.trim_start();
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    if let Some(rest) = t.strip_prefix(['（', '(']) {
        let inner: String = rest.chars().take_while(|c| numeral(*c)).collect();
        return !inner.is_empty() && rest[inner.len()..].starts_with(['）', ')']);
    }
    let head: String = t.chars().take_while(|c| numeral(*c)).collect();
    let rest = &t[head.len()..];
    // `1.` starts an item; `107.62` is a number.
    let decimal = rest.starts_with(['.', '．']) && rest.chars().nth(1).is_some_and(|c| c.is_ascii_digit());
    !head.is_empty() && rest.starts_with(['、', '.', '．']) && !decimal
}

#[cfg(test)]
mod paragraph_tests {
    use super::*;

    fn line(text: &str, x0: f32, x1: f32, y: f32) -> PdfLine {
        PdfLine { page: 1, cells: vec![PdfCell { text: text.into(), bbox: [x0, y, x1, y + 10.0] }] }
    }

    /// A one-page document of `lines`, joined as paragraphs; the text of each line after.
    fn joined(lines: Vec<PdfLine>) -> Vec<String> {
        let mut doc = PdfDocument {
            pages: vec![PdfPage {
                number: 1,
                width: 600.0,
                height: 800.0,
                lines,
                rules: vec![],
                undecoded: 0,
                images: 0,
            }],
        };
        join_paragraph_lines(&mut doc);
        doc.pages[0].lines.iter().map(|l| l.cells[0].text.clone()).collect()
    }

    #[test]
    fn wrapped_paragraph_lines_join_and_list_items_do_not() {
        let texts = joined(vec![
            line("收入预算3,121.42万元，比2024年预算增加", 50.0, 550.0, 100.0),
            line("107.62万元；事业收入0万元。", 50.0, 300.0, 112.0),
            line("（一）因公出国（境）费0万元，与2024年预算持平，此项经费由区统筹安排，说明很长很", 50.0, 550.0, 124.0),
            line("（二）公务用车购置及运行费0万元。", 50.0, 250.0, 136.0),
            line("  新段落首行缩进", 74.0, 200.0, 148.0),
        ]);
        assert_eq!(texts[0], "收入预算3,121.42万元，比2024年预算增加107.62万元；事业收入0万元。");
        assert!(texts[1].starts_with("（一）"));
        assert!(texts[2].starts_with("（二）"));
        assert_eq!(texts.len(), 4);
    }

    #[test]
    fn a_centred_title_and_a_heading_over_a_label_line_are_not_paragraphs() {
        // A spreadsheet's PDF: the widest one-cell line of the page may be a centred title or a heading, and
        // what follows is the page head (`306邯山区…`, `单位：万元`), not the rest of a sentence.
        let texts = joined(vec![
            line("部门固定资产占用情况表", 200.0, 550.0, 100.0),
            line("306邯山区科技和工业信息化局", 50.0, 250.0, 112.0),
            line("1、关于提前下发2025年国有企业退休人员社会化管理补助资金绩效目标表", 50.0, 550.0, 124.0),
            line("单位：万元", 50.0, 110.0, 136.0),
            // a title as wide as the text, a blank line above the paragraph under it
            line("邯郸市邯山区农业农村局（乡村振兴局）2025年部门预算信息公开情况说明", 50.0, 550.0, 148.0),
            line("按照《中华人民共和国预算法》规定，现将部门预算公开如下：", 50.0, 400.0, 173.0),
            line("上年末固定资产金额为 80.64 万元，其中：车辆 1 辆，主要原因", 50.0, 550.0, 190.0),
            line("是：事业单位离退休经费增加。", 50.0, 200.0, 202.0),
        ]);

        assert_eq!(
            texts,
            [
                "部门固定资产占用情况表",
                "306邯山区科技和工业信息化局",
                "1、关于提前下发2025年国有企业退休人员社会化管理补助资金绩效目标表",
                "单位：万元",
                "邯郸市邯山区农业农村局（乡村振兴局）2025年部门预算信息公开情况说明",
                "按照《中华人民共和国预算法》规定，现将部门预算公开如下：",
                "上年末固定资产金额为 80.64 万元，其中：车辆 1 辆，主要原因是：事业单位离退休经费增加。",
            ]
        );
    }
}
