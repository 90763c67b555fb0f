//! `yusuan extract`: the structured document as JSON or as one CSV line per amount cell.

use yusuan_model::Document;

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 9] = yusuan_model::AmountCell::HEADER;

/// Writes one CSV line per non-empty amount cell.
pub fn write_csv<W: std::io::Write>(doc: &Document, out: W) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for c in doc.amount_cells() {
        w.write_record(c.record())?;
    }
    w.flush()?;
    Ok(())
}
