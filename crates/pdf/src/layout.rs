//! From glyphs and rules to lines of cells.
//!
//! * Tables are found from drawn vertical rules: rules that overlap vertically form one table,
//!   and the distinct x positions of all its vertical rules are the column boundaries (so a
//!   merged header cell still lands in the column where it starts).
//! * Inside a table, horizontal rules cut the table into row bands. A band becomes one line
//!   (wrapped labels are joined), unless some column holds numbers on two baselines, which
//!   means the producer drew no rule between those rows; then every baseline is a line.
//! * Every table line has one cell per column, empty where nothing is printed.
//! * Text outside tables is grouped by baseline and split at gaps wider than 1.5× the font
//!   size. Runs of such lines that look like a borderless table are aligned on the columns of
//!   the line with the most cells.

use crate::collect::Glyph;
use crate::norm::{fix_number, is_numeric};
use crate::{PdfCell, PdfLine};
use kurbo::Rect;
use std::collections::BTreeMap;

/// Two vertical rules closer than this (points) are the same column boundary.
const X_TOL: f64 = 3.0;
/// Two horizontal rules closer than this (points) are the same row boundary.
const Y_TOL: f64 = 1.5;
/// Gap between glyphs, relative to the font size, that starts a new cell outside tables.
const CELL_GAP: f64 = 1.5;
/// Baseline difference, relative to the font size, within which glyphs share a line.
const BASE_TOL: f64 = 0.35;

#[derive(Debug)]
struct Table {
    y0: f64,
    y1: f64,
    /// Column boundaries, ascending; `xs.len() - 1` columns.
    xs: Vec<f64>,
    /// Row boundaries, ascending, including the top and bottom of the table.
    ys: Vec<f64>,
    /// Vertical rules: index into `xs`, y extent.
    vrules: Vec<(usize, f64, f64)>,
    /// Horizontal rules: index into `ys`, x extent.
    hrules: Vec<(usize, f64, f64)>,
}

fn nearest(v: &[f64], x: f64) -> usize {
    (0..v.len()).min_by(|&a, &b| (v[a] - x).abs().total_cmp(&(v[b] - x).abs())).unwrap_or(0)
}

impl Table {
    fn contains(&self, g: &Glyph) -> bool {
        let (cx, cy) = (g.cx(), g.cy());
        cy >= self.y0 - 1.0
            && cy <= self.y1 + 1.0
            && cx >= self.xs[0] - X_TOL
            && cx <= self.xs[self.xs.len() - 1] + X_TOL
    }
    fn ncols(&self) -> usize {
        self.xs.len() - 1
    }
    fn nbands(&self) -> usize {
        self.ys.len().saturating_sub(1).max(1)
    }
    /// The finest column containing `x`.
    fn col(&self, x: f64) -> usize {
        self.xs.partition_point(|&b| b <= x).saturating_sub(1).min(self.ncols() - 1)
    }
    /// The finest row band containing `y`.
    fn band(&self, y: f64) -> usize {
        self.ys.partition_point(|&b| b <= y).saturating_sub(1).min(self.nbands() - 1)
    }
    fn v_active(&self, i: usize, y: f64) -> bool {
        i == 0
            || i + 1 >= self.xs.len()
            || self.vrules.iter().any(|&(k, y0, y1)| k == i && y >= y0 - 1.0 && y <= y1 + 1.0)
    }
    fn h_active(&self, j: usize, x: f64) -> bool {
        j == 0
            || j + 1 >= self.ys.len()
            || self.hrules.iter().any(|&(k, x0, x1)| k == j && x >= x0 - 1.0 && x <= x1 + 1.0)
    }
    /// The drawn cell around a point (a merged cell spans several columns or bands):
    /// `(top band, left column, bottom band, right column)`, bounds exclusive at the end.
    fn cell_at(&self, x: f64, y: f64) -> (usize, usize, usize, usize) {
        let c = self.col(x);
        let (mut l, mut r) = (c, c + 1);
        while l > 0 && !self.v_active(l, y) {
            l -= 1;
        }
        while r < self.ncols() && !self.v_active(r, y) {
            r += 1;
        }
        let b = self.band(y);
        let (mut t, mut bo) = (b, b + 1);
        while t > 0 && !self.h_active(t, x) {
            t -= 1;
        }
        while bo < self.nbands() && !self.h_active(bo, x) {
            bo += 1;
        }
        (t, l, bo, r)
    }
}

struct Row {
    top: f64,
    cells: Vec<PdfCell>,
}

fn cluster(mut v: Vec<f64>, tol: f64) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out = Vec::new();
    let mut group: Vec<f64> = Vec::new();
    for x in v {
        if group.last().is_some_and(|&last| x - last > tol) {
            out.push(group.iter().sum::<f64>() / group.len() as f64);
            group.clear();
        }
        group.push(x);
    }
    if !group.is_empty() {
        out.push(group.iter().sum::<f64>() / group.len() as f64);
    }
    out
}

fn find_tables(rules: &[Rect]) -> Vec<Table> {
    let mut vs: Vec<Rect> =
        rules.iter().filter(|r| r.height() >= 3.0 * r.width() && r.height() >= 4.0).copied().collect();
    let hs: Vec<Rect> = rules.iter().filter(|r| r.width() >= 3.0 * r.height() && r.width() >= 4.0).copied().collect();
    vs.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    let mut groups: Vec<(f64, f64, Vec<Rect>)> = Vec::new();
    for v in vs {
        match groups.last_mut() {
            Some(g) if v.y0 <= g.1 + 3.0 => {
                g.1 = g.1.max(v.y1);
                g.2.push(v);
            }
            _ => groups.push((v.y0, v.y1, vec![v])),
        }
    }
    let mut tables = Vec::new();
    for (y0, y1, vr) in groups {
        let xs = cluster(vr.iter().map(|v| v.center().x).collect(), X_TOL);
        if xs.len() < 3 {
            continue; // a box around text, not a table with columns
        }
        let (left, right) = (xs[0], xs[xs.len() - 1]);
        let hr: Vec<&Rect> = hs
            .iter()
            .filter(|h| {
                let cy = h.center().y;
                cy >= y0 - 3.0 && cy <= y1 + 3.0 && h.x0 < right - X_TOL && h.x1 > left + X_TOL
            })
            .collect();
        let mut ys: Vec<f64> = hr.iter().map(|h| h.center().y).collect();
        ys.push(y0);
        ys.push(y1);
        let ys = cluster(ys, Y_TOL);
        let vrules = vr.iter().map(|v| (nearest(&xs, v.center().x), v.y0, v.y1)).collect();
        let hrules = hr.iter().map(|h| (nearest(&ys, h.center().y), h.x0, h.x1)).collect();
        tables.push(Table { y0, y1, xs, ys, vrules, hrules });
    }
    tables
}

/// Groups glyphs into lines by baseline (each line sorted left to right).
fn baseline_clusters<'g>(glyphs: &[&'g Glyph]) -> Vec<Vec<&'g Glyph>> {
    clusters_by(glyphs, |g| *g)
}

/// [`baseline_clusters`] for any items that carry a glyph.
fn clusters_by<'g, T: Copy>(items: &[T], glyph: impl Fn(&T) -> &'g Glyph) -> Vec<Vec<T>> {
    let mut gs: Vec<T> = items.to_vec();
    gs.sort_by(|a, b| glyph(a).base.total_cmp(&glyph(b).base));
    let mut out: Vec<Vec<T>> = Vec::new();
    let mut anchor = f64::NAN;
    for item in gs {
        let g = glyph(&item);
        if let Some(line) = out.last_mut() {
            let tol = BASE_TOL * g.size.min(glyph(&line[0]).size).max(1.0);
            if (g.base - anchor).abs() <= tol {
                line.push(item);
                continue;
            }
        }
        anchor = g.base;
        out.push(vec![item]);
    }
    for line in &mut out {
        line.sort_by(|a, b| glyph(a).x0.total_cmp(&glyph(b).x0));
    }
    out
}

fn ascii_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// The text of glyphs in one cell: lines top to bottom, glyphs left to right. Letter-spaced
/// CJK (`因 公 出 国`) is joined; a space is kept only between ASCII words.
fn text_of(glyphs: &[&Glyph]) -> String {
    let mut out = String::new();
    for line in baseline_clusters(glyphs) {
        let mut prev: Option<&Glyph> = None;
        for g in line {
            if let Some(p) = prev {
                let dup = p.text == g.text && (g.x0 - p.x0).abs() < 0.15 * g.size;
                if dup {
                    continue; // text drawn twice (fake bold)
                }
                let gap = g.x0 - p.x1;
                if gap > 0.25 * g.size && ascii_word(out.chars().last()) && ascii_word(g.text.chars().next()) {
                    out.push(' ');
                }
            } else if ascii_word(out.chars().last()) && ascii_word(g.text.chars().next()) {
                out.push(' ');
            }
            out.push_str(&g.text);
            prev = Some(g);
        }
    }
    let out = out.replace(['\t', '\n', '\r'], " ");
    fix_number(out.trim().to_string())
}

fn bbox(glyphs: &[&Glyph]) -> [f32; 4] {
    let mut r = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for g in glyphs {
        r[0] = r[0].min(g.x0);
        r[1] = r[1].min(g.top);
        r[2] = r[2].max(g.x1);
        r[3] = r[3].max(g.bottom);
    }
    r.map(|v| v as f32)
}

/// One table line: `items` are glyphs with their column.
fn table_row(t: &Table, items: &[(&Glyph, usize)], y0: f64, y1: f64) -> Row {
    let mut cols: Vec<Vec<&Glyph>> = vec![Vec::new(); t.ncols()];
    for &(g, c) in items {
        cols[c].push(g);
    }
    let cells = cols
        .iter()
        .enumerate()
        .map(|(c, gs)| {
            if gs.is_empty() {
                PdfCell { text: String::new(), bbox: [t.xs[c] as f32, y0 as f32, t.xs[c + 1] as f32, y1 as f32] }
            } else {
                PdfCell { text: text_of(gs), bbox: bbox(gs) }
            }
        })
        .collect();
    let top = items.iter().map(|(g, _)| g.top).fold(f64::MAX, f64::min);
    Row { top, cells }
}

/// Whether glyphs that share a baseline are separated by a gap wider than a cell gap.
fn has_wide_gap(glyphs: &[&Glyph]) -> bool {
    baseline_clusters(glyphs)
        .iter()
        .any(|line| line.windows(2).any(|w| w[1].x0 - w[0].x1 > CELL_GAP * w[1].size.max(w[0].size)))
}

fn table_rows(t: &Table, glyphs: &[&Glyph], rows: &mut Vec<Row>) {
    // Drawn cells (merged cells included) and their glyphs.
    let mut cells: BTreeMap<(usize, usize, usize, usize), Vec<&Glyph>> = BTreeMap::new();
    for g in glyphs {
        cells.entry(t.cell_at(g.cx(), g.cy())).or_default().push(g);
    }
    // A "merged" cell whose text has wide gaps is really several cells whose rules are missing.
    let mut bands: BTreeMap<usize, Vec<(&Glyph, usize)>> = BTreeMap::new();
    for ((top, left, _, right), gs) in &cells {
        let fine = right - left > 1 && has_wide_gap(gs);
        for g in gs {
            let c = if fine { t.col(g.cx()) } else { *left };
            bands.entry(*top).or_default().push((g, c));
        }
    }
    for (b, items) in bands {
        let lines = clusters_by(&items, |(g, _)| *g);
        // Numbers on two baselines in one column: several printed rows share this band
        // (the producer drew no rule between them), so every baseline is a line.
        let split = lines.len() > 1 && {
            let mut numeric_lines = vec![0usize; t.ncols()];
            let mut by_col: BTreeMap<usize, Vec<&Glyph>> = BTreeMap::new();
            for line in &lines {
                by_col.clear();
                for &(g, c) in line {
                    by_col.entry(c).or_default().push(g);
                }
                for (&c, gs) in &by_col {
                    if is_numeric(&text_of(gs)) {
                        numeric_lines[c] += 1;
                    }
                }
            }
            numeric_lines.iter().any(|&n| n >= 2)
        };
        if split {
            for line in &lines {
                let gs: Vec<&Glyph> = line.iter().map(|(g, _)| *g).collect();
                let r = bbox(&gs);
                rows.push(table_row(t, line, r[1] as f64, r[3] as f64));
            }
        } else {
            let (y0, y1) = (t.ys.get(b).copied().unwrap_or(t.y0), t.ys.get(b + 1).copied().unwrap_or(t.y1));
            rows.push(table_row(t, &items, y0, y1));
        }
    }
}

/// Splits a line of free text into cells at wide gaps.
fn gap_cells(line: &[&Glyph]) -> Vec<Vec<usize>> {
    let mut cells: Vec<Vec<usize>> = Vec::new();
    let mut right = f64::MIN;
    for (i, g) in line.iter().enumerate() {
        let gap = g.x0 - right;
        if cells.is_empty() || gap > CELL_GAP * g.size {
            cells.push(vec![i]);
        } else {
            cells.last_mut().expect("non-empty").push(i);
        }
        right = right.max(g.x1);
    }
    cells
}

fn free_rows(glyphs: &[&Glyph], rows: &mut Vec<Row>) {
    let mut lines: Vec<(f64, Vec<Vec<&Glyph>>)> = Vec::new();
    for line in baseline_clusters(glyphs) {
        let cells: Vec<Vec<&Glyph>> =
            gap_cells(&line).into_iter().map(|idx| idx.into_iter().map(|i| line[i]).collect()).collect();
        let top = line.iter().map(|g| g.top).fold(f64::MAX, f64::min);
        lines.push((top, cells));
    }
    align_borderless(&mut lines, rows);
}

/// A run of consecutive free lines with several cells each is treated as a borderless table:
/// the line with the most cells gives the columns, and every line of the run is placed on them
/// (a cell goes to the column it overlaps most), with empty cells for the gaps.
fn align_borderless(lines: &mut [(f64, Vec<Vec<&Glyph>>)], rows: &mut Vec<Row>) {
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j < lines.len() && lines[j].1.len() >= 2 {
            j += 1;
        }
        if j - i >= 3 {
            let run = &lines[i..j];
            let reference = run.iter().max_by_key(|l| l.1.len()).expect("non-empty run");
            let spans: Vec<(f64, f64)> = reference
                .1
                .iter()
                .map(|c| {
                    let b = bbox(c);
                    (b[0] as f64, b[2] as f64)
                })
                .collect();
            if spans.len() >= 3 {
                for (top, cells) in run {
                    let all: Vec<&Glyph> = cells.iter().flatten().copied().collect();
                    let b = bbox(&all);
                    rows.push(Row { top: *top, cells: place(cells, &spans, (b[1], b[3])) });
                }
                i = j;
                continue;
            }
        }
        let end = j.max(i + 1);
        for (top, cells) in &lines[i..end] {
            rows.push(Row {
                top: *top,
                cells: cells.iter().map(|c| PdfCell { text: text_of(c), bbox: bbox(c) }).collect(),
            });
        }
        i = end;
    }
}

fn place(cells: &[Vec<&Glyph>], spans: &[(f64, f64)], (y0, y1): (f32, f32)) -> Vec<PdfCell> {
    let mut slots: Vec<Vec<&Glyph>> = vec![Vec::new(); spans.len()];
    let mut last = 0usize;
    for c in cells {
        let b = bbox(c);
        let (x0, x1) = (b[0] as f64, b[2] as f64);
        let best = (0..spans.len())
            .max_by(|&p, &q| {
                let score = |k: usize| {
                    let (s0, s1) = spans[k];
                    let overlap = x1.min(s1) - x0.max(s0);
                    let dist = ((x0 + x1) / 2.0 - (s0 + s1) / 2.0).abs();
                    overlap - 0.01 * dist
                };
                score(p).total_cmp(&score(q))
            })
            .unwrap_or(0);
        // Keep reading order: never move left of the previous cell.
        let k = best.max(last);
        slots[k].extend(c.iter().copied());
        last = k;
    }
    slots
        .iter()
        .zip(spans)
        .map(|(gs, &(s0, s1))| {
            if gs.is_empty() {
                PdfCell { text: String::new(), bbox: [s0 as f32, y0, s1 as f32, y1] }
            } else {
                PdfCell { text: text_of(gs), bbox: bbox(gs) }
            }
        })
        .collect()
}

/// Lays out one page: table rows and free lines, top to bottom.
pub(crate) fn build_lines(page: u32, glyphs: &[Glyph], rules: &[Rect]) -> Vec<PdfLine> {
    let tables = find_tables(rules);
    let mut per_table: Vec<Vec<&Glyph>> = vec![Vec::new(); tables.len()];
    let mut free: Vec<&Glyph> = Vec::new();
    for g in glyphs {
        match tables.iter().position(|t| t.contains(g)) {
            Some(i) => per_table[i].push(g),
            None => free.push(g),
        }
    }
    let mut rows: Vec<Row> = Vec::new();
    for (t, gs) in tables.iter().zip(&per_table) {
        table_rows(t, gs, &mut rows);
    }
    free_rows(&free, &mut rows);
    rows.sort_by(|a, b| a.top.total_cmp(&b.top));
    rows.into_iter().map(|r| PdfLine { page, cells: r.cells }).collect()
}
