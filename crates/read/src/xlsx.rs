//! The workbook reader: every sheet of an XLSX/XLS/ODS disclosure becomes printed lines (merged cells
//! keep their value in their first cell, as in the PDF reader) and goes through the same layout-driven
//! reader; every location then names its sheet (as `page`, 1-based) and cell.

use crate::ReadError;
use calamine::{open_workbook_auto_from_rs, Data, Reader};
use std::io::Cursor;
use yusuan_model::{Document, Loc};

/// A cell value as the disclosure prints it: numbers with their cents, text trimmed.
fn printed(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.replace(['\t', '\n', '\r'], " ").trim().to_string(),
        Data::Float(f) => {
            // Money is typed in 元 with at most two decimals; floats carry binary noise beyond that.
            let cents = (f * 100.0).round();
            if (f * 100.0 - cents).abs() < 1e-6 {
                if cents % 100.0 == 0.0 {
                    format!("{}", (cents / 100.0) as i64)
                } else {
                    format!("{:.2}", cents / 100.0)
                }
            } else {
                f.to_string()
            }
        }
        Data::Int(i) => i.to_string(),
        other => other.to_string().trim().to_string(),
    }
}

/// Reads a workbook disclosure named `file`.
pub fn read_workbook_bytes(file: &str, bytes: &[u8], layout: Option<&str>) -> Result<Document, ReadError> {
    let err = |reason: String| ReadError::Workbook { file: file.into(), reason };
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| err(e.to_string()))?;
    let mut text = String::new();
    // (sheet number, row, first column) for every line of the intermediate text
    let mut origin: Vec<Option<(u32, u32, u32)>> = Vec::new();
    for (si, name) in wb.sheet_names().to_vec().iter().enumerate() {
        let range = wb.worksheet_range(name).map_err(|e| err(format!("工作表“{name}”：{e}")))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (ri, row) in range.rows().enumerate() {
            let cells: Vec<String> = row.iter().map(printed).collect();
            let last = cells.iter().rposition(|c| !c.is_empty());
            let Some(last) = last else { continue };
            text.push_str(&cells[..=last].join("\t"));
            text.push('\n');
            origin.push(Some((si as u32 + 1, r0 + ri as u32 + 1, c0 + 1)));
        }
        text.push('\n');
        origin.push(None);
    }
    let mut doc = crate::read_lines(file, &text, layout)?;
    let fill = |loc: &mut Loc| {
        if let Some(Some((sheet, _, _))) = loc.line.checked_sub(1).and_then(|i| origin.get(i as usize)) {
            loc.page = Some(*sheet);
        }
    };
    crate::pdf::visit_locs(&mut doc, &fill);
    Ok(doc)
}
