//! Typesetting: a disclosure [`Document`] as an A4 PDF — cover, 目录 with page numbers, every table as a
//! ruled grid with its header repeated on each page it continues on, the explanation, and the project
//! performance tables — with a CJK font found on the machine and embedded (subset) in the file.
//!
//! The pages are laid out by hand on top of `krilla` (which writes the PDF, subsets the font and adds the
//! ToUnicode map), so the build stays small; the layout is what official disclosures look like: tables
//! ruled cell by cell, amounts right-aligned, names wrapped inside their cell.

mod flow;
mod font;

pub use font::FontFile;

use flow::{Align, Block, Grid, BODY, SMALL};
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::text::TextDirection;
use std::collections::HashMap;
use std::path::PathBuf;
use yusuan_model::{Document, Layout};

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// No CJK font is installed.
    #[error(
        "找不到中文字体：请安装 fonts-noto-cjk 或 fonts-wqy-microhei（apt-get install fonts-wqy-microhei），或用环境变量 YUSUAN_FONT 指定字体文件"
    )]
    NoFont,
    /// The font file could not be used.
    #[error("字体文件 {0} 不可用：{1}")]
    Font(PathBuf, String),
    /// The PDF writer failed.
    #[error("生成 PDF 失败：{0}")]
    Write(String),
}

const A4: (f32, f32) = (595.28, 841.89);
/// A table of more columns than this is printed on a landscape page (the 收入总表's 13, the 政府采购 table's 15).
pub const WIDE_COLUMNS: usize = 6;
const MARGIN: f32 = 50.0;
const PAD: f32 = 3.0;
const RULE: f32 = 0.5;

/// What is drawn on one page.
struct Page {
    size: (f32, f32),
    texts: Vec<(f32, f32, f32, String)>,
    lines: Vec<(f32, f32, f32, f32)>,
}

/// The document typeset as PDF bytes.
pub fn pdf(doc: &Document, layout: &Layout, font: &mut FontFile) -> Result<Vec<u8>, PrintError> {
    let blocks = flow::blocks(doc, layout);
    for b in &blocks {
        match b {
            Block::Text { text, .. } | Block::Toc { title: text, .. } => font.measure(text),
            Block::Grid(g) => g.rows.iter().flatten().for_each(|c| font.measure(&c.text)),
            Block::Page { .. } | Block::Anchor(_) | Block::Keep(_) => {}
        }
    }
    font.measure("…0123456789- ");
    // Two passes: the first finds the page of every 目录 target, the second prints the numbers.
    let (_, anchors, first_body) = paginate(&blocks, font, &HashMap::new(), 0);
    let (pages, _, _) = paginate(&blocks, font, &anchors, first_body);
    draw(&pages, font, doc)
}

/// Lays the blocks out on pages; `anchors` gives the page index of each 目录 target (from the first
/// pass) and `first_body` the index of the page numbered 1. Returns the pages, the anchors found and the
/// index of the first page after the 目录.
fn paginate(
    blocks: &[Block],
    font: &FontFile,
    anchors: &HashMap<String, usize>,
    first_body: usize,
) -> (Vec<Page>, HashMap<String, usize>, usize) {
    let mut pages: Vec<Page> = Vec::new();
    let mut found = HashMap::new();
    let mut y = 0.0;
    let mut toc_end = 0;
    let new_page = |pages: &mut Vec<Page>, landscape: bool| {
        let size = if landscape { (A4.1, A4.0) } else { A4 };
        pages.push(Page { size, texts: Vec::new(), lines: Vec::new() });
        MARGIN
    };
    for b in blocks {
        if pages.is_empty() && !matches!(b, Block::Page { .. }) {
            y = new_page(&mut pages, false);
        }
        match b {
            Block::Page { landscape } => y = new_page(&mut pages, *landscape),
            Block::Keep(height) => {
                let (w, h) = pages.last().map(|p| p.size).unwrap_or(A4);
                if y + height > h - MARGIN && y > MARGIN + 1.0 && *height <= h - 2.0 * MARGIN {
                    y = new_page(&mut pages, w > h);
                }
            }
            Block::Anchor(id) => {
                found.insert(id.clone(), pages.len() - 1);
            }
            Block::Text { text, size, align, space_before, indent } => {
                let (w, h) = pages.last().map(|p| p.size).unwrap_or(A4);
                let width = w - 2.0 * MARGIN;
                let first_indent = if *indent { 2.0 * size } else { 0.0 };
                // A centred title shrinks to stay on one line rather than wrap.
                let natural = font.width(text, *size);
                let size = &if *align == Align::Center && !text.contains('\n') && natural > width {
                    (0.97 * size * width / natural).max(SMALL)
                } else {
                    *size
                };
                y += space_before;
                // Paragraphs break between any two characters, so every line but the last reaches the right
                // margin (as in justified official text, and as PDF readers expect of a continued line).
                let lines = wrap(font, text, width, *size, first_indent, !*indent);
                for (k, line) in lines.into_iter().enumerate() {
                    let lh = size * 1.6;
                    if y + lh > h - MARGIN {
                        let landscape = w > h;
                        y = new_page(&mut pages, landscape);
                    }
                    let gap = 2.0 * size;
                    let lw = line.split('\t').map(|part| font.width(part, *size)).sum::<f32>()
                        + gap * line.matches('\t').count() as f32;
                    let mut x = match align {
                        Align::Left if k == 0 => MARGIN + first_indent,
                        Align::Left => MARGIN,
                        Align::Center => (w - lw) / 2.0,
                        Align::Right => w - MARGIN - lw,
                    };
                    let page = pages.last_mut().expect("page");
                    for part in line.split('\t') {
                        page.texts.push((x, y + size * 1.1, *size, part.to_string()));
                        x += font.width(part, *size) + gap;
                    }
                    y += lh;
                }
            }
            Block::Toc { title, target } => {
                toc_end = pages.len() - 1;
                let (w, _) = pages.last().map(|p| p.size).unwrap_or(A4);
                let number = anchors.get(target).map_or("0".to_string(), |p| (p + 1 - first_body).to_string());
                let size = BODY;
                let nw = font.width(&number, size);
                let title_w = font.width(title, size);
                let dot = font.width(".", size).max(1.0);
                // The number stands apart (a gap wider than a cell gap), so that readers see title and page as two
                // cells and never run one 目录 line into the next.
                let dots = ((w - 2.0 * MARGIN - title_w - nw - 2.5 * size) / dot).max(3.0) as usize;
                let page = pages.last_mut().expect("page");
                y += size * 1.8;
                page.texts.push((MARGIN, y, size, format!("{title}{}", ".".repeat(dots.min(200)))));
                page.texts.push((w - MARGIN - nw, y, size, number));
            }
            Block::Grid(g) => y = grid(&mut pages, font, g, y + 4.0),
        }
    }
    // Page numbers under every page after the 目录.
    for (i, p) in pages.iter_mut().enumerate().skip(toc_end + 1) {
        let n = format!("- {} -", i - toc_end);
        let x = (p.size.0 - font.width(&n, SMALL)) / 2.0;
        p.texts.push((x, p.size.1 - MARGIN / 2.0, SMALL, n));
    }
    (pages, found, toc_end + 1)
}

/// Column widths that fill the text width: each column gets at least a narrow minimum and room for its
/// widest amount or code (those are never split), and the room left is shared in proportion to what its
/// widest text would need. Only when even the amounts do not fit are they split.
fn widths(font: &FontFile, g: &Grid, avail: f32) -> Vec<f32> {
    let n = g.rows.iter().map(|r| r.iter().map(|c| c.span).sum::<usize>()).max().unwrap_or(0);
    let min = 2.0 * SMALL + 2.0 * PAD;
    let mut natural = vec![min; n];
    let mut unbroken = vec![min; n];
    for row in &g.rows {
        let mut col = 0;
        for c in row {
            if c.span == 1 && col < n {
                natural[col] = natural[col].max(font.width(&c.text, SMALL) + 2.0 * PAD + 1.0);
                let word = c.text.split(|ch: char| !word_char(ch)).map(|w| font.width(w, SMALL)).fold(0.0, f32::max);
                unbroken[col] = unbroken[col].max(word + 2.0 * PAD + 1.0);
            }
            col += c.span;
        }
    }
    let total: f32 = natural.iter().sum();
    if total <= avail {
        let k = avail / total;
        return natural.iter().map(|w| w * k).collect();
    }
    let floor = if unbroken.iter().sum::<f32>() <= avail { &unbroken } else { &vec![min; n] };
    let spare = (avail - floor.iter().sum::<f32>()).max(0.0);
    let flexible: f32 = natural.iter().zip(floor).map(|(w, f)| w - f).sum::<f32>().max(1.0);
    natural.iter().zip(floor).map(|(w, f)| f + (w - f) * spare / flexible).collect()
}

/// Characters of a word `wrap` keeps whole: an amount (`1,097.56`) or a code (`13040225P00000610003R`).
fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == ','
}

/// A grid cell placed in its row: left edge, width, alignment, wrapped lines.
type PlacedCell = (f32, f32, Align, Vec<String>);

/// Draws a ruled grid from `y` down, continuing on new pages with the header rows repeated.
fn grid(pages: &mut Vec<Page>, font: &FontFile, g: &Grid, mut y: f32) -> f32 {
    let (w, h) = pages.last().map(|p| p.size).unwrap_or(A4);
    let cols = widths(font, g, w - 2.0 * MARGIN);
    let lh = SMALL * 1.35;
    let laid: Vec<(f32, Vec<PlacedCell>)> = g
        .rows
        .iter()
        .map(|row| {
            let mut x = MARGIN;
            let mut col = 0;
            let mut cells = Vec::new();
            let mut lines_max = 1;
            for c in row {
                let cw: f32 = cols[col.min(cols.len())..(col + c.span).min(cols.len())].iter().sum();
                let lines = wrap(font, &c.text, cw - 2.0 * PAD, SMALL, 0.0, true);
                lines_max = lines_max.max(lines.len());
                cells.push((x, cw, c.align, lines));
                x += cw;
                col += c.span;
            }
            (lines_max as f32 * lh + 2.0 * PAD, cells)
        })
        .collect();
    let mut on_page = 0;
    let mut i = 0;
    while i < laid.len() {
        let (rh, cells) = &laid[i];
        if y + rh > h - MARGIN && on_page > g.header_rows.min(i) {
            pages.push(Page { size: (w, h), texts: Vec::new(), lines: Vec::new() });
            y = MARGIN;
            on_page = 0;
            // The header again, then the row that did not fit.
            for (hh, hc) in laid.iter().take(g.header_rows) {
                draw_row(pages.last_mut().expect("page"), font, hc, y, *hh, lh);
                y += hh;
                on_page += 1;
            }
            continue;
        }
        draw_row(pages.last_mut().expect("page"), font, cells, y, *rh, lh);
        y += rh;
        on_page += 1;
        i += 1;
    }
    y
}

fn draw_row(page: &mut Page, font: &FontFile, cells: &[PlacedCell], y: f32, rh: f32, lh: f32) {
    for (x, cw, align, lines) in cells {
        page.lines.push((*x, y, x + cw, y));
        page.lines.push((*x, y + rh, x + cw, y + rh));
        page.lines.push((*x, y, *x, y + rh));
        page.lines.push((x + cw, y, x + cw, y + rh));
        // Lines centred vertically in the row.
        let top = y + (rh - lines.len() as f32 * lh) / 2.0;
        for (k, line) in lines.iter().enumerate() {
            let tw = font.width(line, SMALL);
            let tx = match align {
                Align::Left => x + PAD,
                Align::Center => x + (cw - tw) / 2.0,
                Align::Right => x + cw - PAD - tw,
            };
            page.texts.push((tx, top + k as f32 * lh + SMALL * 1.05, SMALL, line.clone()));
        }
    }
}

/// Breaks `text` into lines no wider than `width` (the first `first_indent` narrower): anywhere between
/// Chinese characters; with `keep_words`, runs of ASCII letters and digits stay whole when they fit a line
/// (an amount or a code is not split), otherwise between any two characters.
fn wrap(font: &FontFile, text: &str, width: f32, size: f32, first_indent: f32, keep_words: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut lw = if lines.is_empty() { first_indent } else { 0.0 };
        let mut put = |piece: &str, lines: &mut Vec<String>| {
            let pw = font.width(piece, size);
            if lw + pw > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                lw = 0.0;
            }
            line.push_str(piece);
            lw += pw;
        };
        let mut rest = para;
        while let Some(c) = rest.chars().next() {
            let len = if keep_words && word_char(c) {
                rest.find(|d: char| !word_char(d)).unwrap_or(rest.len())
            } else {
                c.len_utf8()
            };
            let (piece, tail) = rest.split_at(len);
            if len > c.len_utf8() && font.width(piece, size) > width {
                // A word longer than a line: split it by character.
                let mut b = [0; 4];
                piece.chars().for_each(|ch| put(ch.encode_utf8(&mut b), &mut lines));
            } else {
                put(piece, &mut lines);
            }
            rest = tail;
        }
        lines.push(line);
    }
    lines
}

fn draw(pages: &[Page], font: &FontFile, doc: &Document) -> Result<Vec<u8>, PrintError> {
    let kfont = font.krilla()?;
    let mut pdf = krilla::Document::new();
    let title = doc.meta.title.clone().unwrap_or_else(|| "预算公开".into());
    pdf.set_metadata(krilla::metadata::Metadata::new().title(title).language("zh-CN".into()).creator("Yusuan".into()));
    for p in pages {
        let settings = PageSettings::from_wh(p.size.0, p.size.1).ok_or_else(|| PrintError::Write("页面尺寸".into()))?;
        let mut page = pdf.start_page_with(settings);
        let mut s = page.surface();
        if !p.lines.is_empty() {
            let mut pb = PathBuilder::new();
            for &(x1, y1, x2, y2) in &p.lines {
                pb.move_to(x1, y1);
                pb.line_to(x2, y2);
            }
            if let Some(path) = pb.finish() {
                s.set_fill(None);
                s.set_stroke(Some(Stroke { width: RULE, ..Stroke::default() }));
                s.draw_path(&path);
                s.set_stroke(None);
            }
        }
        s.set_fill(Some(krilla::paint::Fill::default()));
        for (x, y, size, text) in &p.texts {
            if !text.is_empty() {
                s.draw_text(Point::from_xy(*x, *y), kfont.clone(), *size, text, false, TextDirection::Auto);
            }
        }
        s.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| PrintError::Write(format!("{e:?}")))
}
