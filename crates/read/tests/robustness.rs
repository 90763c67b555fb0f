//! Inputs found by fuzzing stay fixed: they give a document or an error, never a panic.

#[test]
fn a_fragment_row_under_a_header_that_added_columns_does_not_panic() {
    let bytes = include_bytes!("../../../fixtures/fuzz/crash-short-row-fragment.txt");
    let _ = yusuan_read::read_bytes("crash.txt", bytes, None);
}
