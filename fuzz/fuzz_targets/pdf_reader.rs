//! Fuzzes the PDF reader: any bytes give a document or an error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(mut doc) = yusuan_pdf::read_pdf(data) {
        yusuan_pdf::join_paragraph_lines(&mut doc);
        let _ = yusuan_pdf::to_tsv(&doc);
    }
});
