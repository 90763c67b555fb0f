//! The PDF reader: the PDF's printed lines (rebuilt by `yusuan-pdf` from glyph positions and drawn
//! table rules) go through the same layout-driven reader as extracted text, and every location is
//! then given its page and bounding box.

use crate::ReadError;
use yusuan_model::{Document, Loc};
use yusuan_pdf::{join_paragraph_lines, read_pdf, PdfDocument};

/// Where each line of the intermediate text came from: page and per-cell boxes (index = line − 1).
struct Geometry {
    lines: Vec<Option<(u32, Vec<[f32; 4]>)>>,
}

impl Geometry {
    fn fill(&self, loc: &mut Loc) {
        let Some(Some((page, boxes))) = loc.line.checked_sub(1).and_then(|i| self.lines.get(i as usize)) else {
            return;
        };
        loc.page = Some(*page);
        let cell = loc.cell.map(usize::from);
        loc.bbox = match cell {
            Some(c) => boxes.get(c).copied(),
            None => {
                boxes.iter().copied().reduce(|a, b| [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])])
            }
        };
    }
}

/// The text the reader reads, one printed line per line, and the geometry of each line.
fn lines_of(doc: &PdfDocument) -> (String, Geometry) {
    let mut text = String::new();
    let mut lines = Vec::new();
    for page in &doc.pages {
        for line in &page.lines {
            let cells: Vec<&str> = line.cells.iter().map(|c| c.text.as_str()).collect();
            // A cell never contains a tab or newline in the intermediate text.
            let row: Vec<String> = cells.iter().map(|c| c.replace(['\t', '\n', '\r'], " ")).collect();
            text.push_str(&row.join("\t"));
            text.push('\n');
            lines.push(Some((page.number, line.cells.iter().map(|c| c.bbox).collect())));
        }
        text.push('\n');
        lines.push(None);
    }
    (text, Geometry { lines })
}

/// Reads a PDF disclosure named `file` with `layout` (or the detected one).
pub fn read_pdf_bytes(file: &str, bytes: &[u8], layout: Option<&str>) -> Result<Document, ReadError> {
    let mut pdf = read_pdf(bytes).map_err(|e| ReadError::Pdf { file: file.into(), reason: e.to_string() })?;
    join_paragraph_lines(&mut pdf);
    let (text, geometry) = lines_of(&pdf);
    let mut doc = crate::read_lines(file, &text, layout)?;
    for page in pdf.pages.iter().filter(|p| p.undecoded > 0) {
        doc.repairs.push(yusuan_model::Repair {
            code: "R010".into(),
            message: format!("第 {} 页有 {} 个字形没有文字映射，已略去，该页文字可能不全", page.number, page.undecoded),
            original: format!("{} 个无法解码的字形", page.undecoded),
            repaired: String::new(),
            loc: Loc { page: Some(page.number), ..Loc::default() },
            table: None,
        });
    }
    visit_locs(&mut doc, &|loc: &mut Loc| geometry.fill(loc));
    Ok(doc)
}

/// Calls `g` on every location of the document (to give it a page, box or sheet).
pub(crate) fn visit_locs(doc: &mut Document, g: &dyn Fn(&mut Loc)) {
    for e in &mut doc.toc {
        g(&mut e.loc);
    }
    for t in &mut doc.tables {
        g(&mut t.loc);
        for n in &mut t.notes {
            g(&mut n.loc);
        }
        for r in &mut t.rows {
            g(&mut r.loc);
            for c in &mut r.cells {
                if let yusuan_model::Cell::Amount(a) = c {
                    g(&mut a.loc);
                }
            }
        }
    }
    for s in &mut doc.sections {
        g(&mut s.loc);
        for p in &mut s.paragraphs {
            g(&mut p.loc);
        }
    }
    for p in &mut doc.projects {
        g(&mut p.loc);
        for a in [&mut p.budget, &mut p.fiscal, &mut p.other].into_iter().flatten() {
            g(&mut a.loc);
        }
        for (_, a) in &mut p.plan {
            g(&mut a.loc);
        }
        for i in &mut p.indicators {
            g(&mut i.loc);
        }
    }
    for r in &mut doc.repairs {
        g(&mut r.loc);
    }
    for p in &mut doc.unplaced {
        g(&mut p.loc);
    }
}
