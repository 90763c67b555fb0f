//! disclosure.xlsx: the cover and 目录 on the first sheet, every table on its own sheet with the official
//! look (merged multi-row headers, 栏次 row, `0.00` amounts, thin borders, column widths, A4 print setup
//! with the header rows repeated on every page), then the explanation's text on a sheet of one
//! page-wide column, its tables (政府采购, 国有资产) each on a sheet, and the project tables on the last.
//! The XLSX reader reads it back through the same layout (tested).

use crate::printed::{project_lines, Block, PCell, PTable, Package};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use yusuan_model::Money;

const FONT: &str = "宋体";
/// Paper size code of A4 in the XLSX page setup.
const A4: u8 = 9;
/// Columns above which a table is printed landscape (as the typesetter does).
const WIDE: usize = yusuan_print::WIDE_COLUMNS;
/// Width of the explanation's one column: a portrait A4 page at full size.
const EXPLANATION_WIDTH: f64 = 80.0;
/// Widths of the project tables' six columns (一级/二级/三级指标, 描述, 指标值, 依据).
const PROJECT_WIDTHS: [f64; 6] = [14.0, 16.0, 18.0, 24.0, 16.0, 18.0];

struct Formats {
    title: Format,
    meta: Format,
    meta_right: Format,
    header: Format,
    text: Format,
    text_bold: Format,
    number: Format,
    number_bold: Format,
    count: Format,
    paragraph: Format,
    heading: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(10);
        let cell = base.clone().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
        Formats {
            title: base.clone().set_font_size(16).set_bold().set_align(FormatAlign::Center),
            meta: base.clone(),
            meta_right: base.clone().set_align(FormatAlign::Right),
            header: cell.clone().set_bold().set_align(FormatAlign::Center).set_text_wrap(),
            text: cell.clone().set_text_wrap(),
            text_bold: cell.clone().set_text_wrap().set_bold(),
            number: cell.clone().set_num_format("0.00").set_align(FormatAlign::Right),
            number_bold: cell.clone().set_num_format("0.00").set_align(FormatAlign::Right).set_bold(),
            count: cell.clone().set_num_format("0").set_align(FormatAlign::Center),
            paragraph: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            heading: base.set_bold().set_font_size(12),
        }
    }
}

fn sheet_name(i: usize, title: &str) -> String {
    let short = title.trim_start_matches("部门预算").trim_start_matches("部门");
    // Excel refuses []:*?/\ in sheet names; read titles may carry them.
    let name = format!("表{i} {short}").replace(['“', '”', '"', '[', ']', ':', '*', '?', '/', '\\'], "");
    name.chars().take(31).collect()
}

/// Width of text in column-width units (a CJK character counts double).
fn text_width(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 1.0 } else { 2.0 }).sum()
}

/// Sets a row's height to hold the wrapped lines of its tallest cell, each `(text, column width)`:
/// spreadsheet programs keep the one-line default of a row written without a height, and the lines after
/// the first then print over the next row.
fn fit_row(ws: &mut Worksheet, row: u32, cells: impl Iterator<Item = (f64, f64)>) -> Result<(), XlsxError> {
    let lines = cells.map(|(text, width)| (text / (width - 1.0).max(1.0)).ceil().max(1.0)).fold(1.0, f64::max);
    if lines > 1.0 {
        ws.set_row_height(row, lines * 13.5 + 2.0)?;
    }
    Ok(())
}

/// Width of a column from its longest text (CJK counts double), within 6…40.
fn widths(t: &PTable) -> Vec<f64> {
    let w = text_width;
    let leaf = t.leaf_labels();
    (0..t.ncols)
        .map(|c| {
            let mut m = w(&leaf[c]).min(16.0);
            for r in &t.rows {
                if let Some(cell) = r.get(c) {
                    m = m.max(w(&cell.printed(t.unit)));
                }
            }
            (m + 2.0).clamp(6.0, 40.0)
        })
        .collect()
}

/// Writes a table on its own sheet: A4 page setup (landscape when wide), column widths, title and page head
/// over the table's width, header rows repeated on every printed page.
fn write_table(ws: &mut Worksheet, f: &Formats, t: &PTable) -> Result<(), XlsxError> {
    page_setup(ws, t.ncols > WIDE);
    let column_widths = widths(t);
    for (c, &w) in column_widths.iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    let last_col = (t.ncols.max(1) - 1) as u16;
    let mut row = 0;
    if last_col > 0 {
        ws.merge_range(row, 0, row, last_col, &t.title, &f.title)?;
    } else {
        ws.write_string_with_format(row, 0, &t.title, &f.title)?;
    }
    ws.set_row_height(row, 30)?;
    row += 1;
    for m in &t.meta {
        // (the unit line: `单位：万元`, or `金额单位：元` — not `编制单位：…`)
        let unit_line = m.split_once("单位：").is_some_and(|(_, u)| yusuan_model::Unit::parse(u).is_some());
        let fmt = if unit_line { &f.meta_right } else { &f.meta };
        // Merged over the table's width so that 单位 sits at its right edge (the value stays in the first cell).
        if last_col > 0 {
            ws.merge_range(row, 0, row, last_col, m, fmt)?;
        } else {
            ws.write_string_with_format(row, 0, m, fmt)?;
        }
        row += 1;
    }
    let header_start = row;
    for r in 0..t.header_rows as u32 {
        for c in 0..t.ncols as u16 {
            ws.write_blank(row + r, c, &f.header)?;
        }
    }
    for h in &t.header {
        let (r0, c0) = (row + h.row as u32, h.col as u16);
        let (r1, c1) = (r0 + h.rows as u32 - 1, c0 + h.cols as u16 - 1);
        if (r0, c0) == (r1, c1) {
            ws.write_string_with_format(r0, c0, &h.text, &f.header)?;
        } else {
            ws.merge_range(r0, c0, r1, c1, &h.text, &f.header)?;
        }
    }
    row += t.header_rows as u32;
    if t.column_numbers {
        ws.write_string_with_format(row, 0, "栏次", &f.header)?;
        for c in 1..t.ncols {
            ws.write_number_with_format(row, c as u16, c as f64, &f.header)?;
        }
        row += 1;
    }
    ws.set_repeat_rows(header_start, row - 1)?;
    for (i, r) in t.rows.iter().enumerate() {
        let bold = t.total_rows.contains(&i);
        for (c, cell) in r.iter().enumerate() {
            let c = c as u16;
            match cell {
                PCell::Empty => ws.write_blank(row, c, &f.text)?,
                PCell::Text(s) => ws.write_string_with_format(row, c, s, if bold { &f.text_bold } else { &f.text })?,
                PCell::Money(m) => ws.write_number_with_format(
                    row,
                    c,
                    to_f64(*m, t.unit.fen()),
                    if bold { &f.number_bold } else { &f.number },
                )?,
                PCell::Int(n) => ws.write_number_with_format(row, c, *n as f64, &f.count)?,
            };
        }
        let texts = r.iter().zip(&column_widths).filter_map(|(cell, &w)| match cell {
            PCell::Text(s) => Some((text_width(s), w)),
            _ => None,
        });
        fit_row(ws, row, texts)?;
        row += 1;
    }
    if let Some(n) = &t.note {
        ws.write_string_with_format(row, 0, n, &f.meta)?;
    }
    Ok(())
}

/// Money as a spreadsheet number in a unit worth `per` 分 (exact to the cent once rounded by the reader).
fn to_f64(m: Money, per: i64) -> f64 {
    m.0 as f64 / per as f64
}

fn page_setup(ws: &mut Worksheet, landscape: bool) {
    ws.set_paper_size(A4);
    if landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
}

/// The workbook as bytes.
pub fn write_disclosure(p: &Package) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    // Cover and 目录
    {
        let ws = wb.add_worksheet();
        ws.set_name("封面及目录")?;
        page_setup(ws, false);
        ws.set_column_width(0, 60)?;
        ws.set_column_width(1, 8)?;
        let mut row = 0;
        for b in &p.blocks {
            match b {
                Block::Title { text } => {
                    ws.write_string_with_format(row, 0, text, &f.title)?;
                    row += 2;
                }
                Block::Toc { .. } => {
                    for l in toc_lines(p) {
                        for (c, s) in l.iter().enumerate() {
                            ws.write_string_with_format(row, c as u16, s, &f.meta)?;
                        }
                        row += 1;
                    }
                }
                _ => {}
            }
        }
    }
    let mut in_explanation = false;
    let mut table_no = 0;
    let mut exp_row = 0u32;
    // The sheet of the explanation's text, and the one of its project tables once begun (row next).
    let mut explanation_sheet = 0;
    let mut projects: Option<(usize, u32)> = None;
    for b in &p.blocks {
        match b {
            Block::Part { text } if text.contains("说明") => {
                in_explanation = true;
                let ws = wb.add_worksheet();
                explanation_sheet = table_no + 1;
                ws.set_name("情况说明")?;
                page_setup(ws, false);
                // One column of text as wide as a portrait page: printed at full size, not shrunk to fit
                // the tables (which have sheets of their own).
                ws.set_column_width(0, EXPLANATION_WIDTH)?;
                ws.write_string_with_format(0, 0, text, &f.title)?;
                exp_row = 2;
            }
            Block::Project(pr) => {
                let (sheet, row) = match projects {
                    Some(at) => at,
                    None => {
                        let ws = wb.add_worksheet();
                        ws.set_name("项目绩效目标表")?;
                        page_setup(ws, false);
                        for (c, w) in PROJECT_WIDTHS.into_iter().enumerate() {
                            ws.set_column_width(c as u16, w)?;
                        }
                        (wb.worksheets().len() - 1, 0)
                    }
                };
                let ws = wb.worksheet_from_index(sheet)?;
                let mut row = row;
                let mut lines = Vec::new();
                project_lines(pr, &mut lines);
                for (i, l) in lines.iter().enumerate() {
                    for (c, s) in l.iter().enumerate() {
                        let fmt = if i == 0 {
                            &f.heading
                        } else if i == 1 {
                            &f.meta
                        } else {
                            &f.text
                        };
                        if !s.is_empty() || i > 1 {
                            ws.write_string_with_format(row, c as u16, s, fmt)?;
                        }
                    }
                    if i > 1 {
                        fit_row(ws, row, l.iter().zip(PROJECT_WIDTHS).map(|(s, w)| (text_width(s), w)))?;
                    }
                    row += 1;
                }
                projects = Some((sheet, row + 1));
            }
            // Every table on a sheet of its own, the explanation's (政府采购, 国有资产) after its text.
            Block::Table(t) => {
                table_no += 1;
                let ws = wb.add_worksheet();
                ws.set_name(sheet_name(table_no, &t.title))?;
                write_table(ws, &f, t)?;
            }
            _ if in_explanation => {
                let ws = wb.worksheet_from_index(explanation_sheet)?;
                match b {
                    Block::Heading { text, .. } => {
                        ws.write_string_with_format(exp_row, 0, text, &f.heading)?;
                        exp_row += 1;
                    }
                    Block::Paragraph { text } => {
                        ws.write_string_with_format(exp_row, 0, text, &f.paragraph)?;
                        fit_row(ws, exp_row, [(text_width(text), EXPLANATION_WIDTH)].into_iter())?;
                        exp_row += 1;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    wb.save_to_buffer()
}

/// A read (uploaded) document as a workbook in `layout`, laid out like a built one.
pub fn write_document(doc: &yusuan_model::Document, layout: &yusuan_model::Layout) -> Result<Vec<u8>, XlsxError> {
    write_disclosure(&Package::from_document(doc, layout))
}

/// The 目录 lines (the same the text output prints).
fn toc_lines(p: &Package) -> Vec<Vec<String>> {
    let groups = p.to_lines();
    groups.first().map(|(_, lines)| lines.iter().skip(1).cloned().collect()).unwrap_or_default()
}
