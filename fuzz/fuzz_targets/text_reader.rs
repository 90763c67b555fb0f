//! Fuzzes the text reader and the rule engine: any bytes must give a document or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = yusuan_read::read_bytes("fuzz.txt", data, None) {
        let _ = yusuan_check::check(&doc, yusuan_model::Catalog::bundled());
    }
});
