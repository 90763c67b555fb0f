//! `yusuan extract`: the structured document as JSON or as one CSV line per amount cell.

use yusuan_model::{Cell, ColumnRole, Document};

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 9] = ["table", "title", "unit", "row", "code", "name", "column", "label", "value"];

/// Writes one CSV line per non-empty amount cell.
pub fn write_csv<W: std::io::Write>(doc: &Document, out: W) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for t in &doc.tables {
        for row in &t.rows {
            for (i, col) in t.columns.iter().enumerate() {
                let Some(Cell::Amount(a)) = row.cells.get(i) else { continue };
                if col.role != ColumnRole::Amount {
                    continue;
                }
                let name = t.row_label(row, col.name_column.as_deref());
                w.write_record([
                    t.kind.as_str(),
                    t.title.as_str(),
                    t.unit.label(),
                    &row.position.to_string(),
                    row.code.as_deref().unwrap_or(""),
                    name,
                    col.id.as_str(),
                    col.label.as_str(),
                    &a.value.yuan_string(),
                ])?;
            }
        }
    }
    w.flush()?;
    Ok(())
}
