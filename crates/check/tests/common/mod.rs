//! Shared test helpers: read a text document with the Hebei layout and check it.
#![allow(dead_code)]

use yusuan_check::{check, Report};
use yusuan_model::{Catalog, Document};

/// The seed as published.
pub const SEED: &str = include_str!("../../../../fixtures/hanshan-kegongxin-2025-budget.txt");
/// The seed with its defects mended (see fixtures/mend_seed.py and docs/seed-defects.md).
pub const CORRECTED: &str = include_str!("../../../../fixtures/hanshan-kegongxin-2025-budget.corrected.txt");

/// Reads text with the layout it is written in (the Hebei layout unless it names another family's tables).
pub fn read(text: &str) -> Document {
    yusuan_read::read_text("test.txt", text, yusuan_read::detect_layout(text))
}

/// Reads and checks text with the bundled catalog.
pub fn run(text: &str) -> Report {
    check(&read(text), Catalog::bundled())
}
