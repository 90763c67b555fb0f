//! The seed's department built from its budget lines: every amount of the nine tables equals the mended
//! seed's, and `yusuan check` finds no error and no warning in the built text.

use std::path::Path;
use yusuan_build::{build, read::read_input};
use yusuan_model::{Catalog, Document, Layout};

const NINE: [&str; 9] = [
    "summary",
    "income",
    "expenditure",
    "fiscal_summary",
    "general_budget",
    "basic",
    "gov_fund",
    "soe",
    "three_public",
];

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

pub fn built_text() -> String {
    let (input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    let built = build(&input, &origins, Catalog::bundled())
        .unwrap_or_else(|e| panic!("refused: {}", e.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")));
    built.package.to_text()
}

/// (table, row key, column) → amount text, for every amount cell.
fn cells(doc: &Document) -> std::collections::BTreeMap<(String, String, String), i64> {
    let mut out = std::collections::BTreeMap::new();
    for t in doc.tables.iter().filter(|t| NINE.contains(&t.kind.as_str())) {
        for r in &t.rows {
            for (i, c) in r.cells.iter().enumerate() {
                let Some(a) = c.amount() else { continue };
                let col = &t.columns[i];
                let name = t.row_name(r, col.name_column.as_deref());
                let key = match &r.code {
                    Some(code) => code.clone(),
                    None => yusuan_model::layout::key(name),
                };
                out.insert((t.kind.clone(), key, col.id.clone()), a.value.0);
            }
        }
    }
    out
}

#[test]
fn nine_tables_equal_the_mended_seed_and_check_clean() {
    let text = built_text();
    if let Ok(p) = std::env::var("YUSUAN_DUMP") {
        std::fs::write(p, &text).expect("dump");
    }
    let layout = Layout::by_id("hebei-dept-budget").expect("layout");
    let built = yusuan_read::read_text("built.txt", &text, layout);
    let seed_text =
        std::fs::read_to_string(root().join("fixtures/hanshan-kegongxin-2025-budget.corrected.txt")).expect("seed");
    let seed = yusuan_read::read_text("seed.txt", &seed_text, layout);
    let (b, s) = (cells(&built), cells(&seed));
    assert!(s.len() > 250, "seed cells: {}", s.len());
    let diff: Vec<String> = s
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(v))
        .map(|(k, v)| format!("seed {k:?} = {v}, built {:?}", b.get(k)))
        .chain(b.iter().filter(|(k, _)| !s.contains_key(*k)).map(|(k, v)| format!("built only {k:?} = {v}")))
        .collect();
    assert!(diff.is_empty(), "{} differences:\n{}", diff.len(), diff.join("\n"));
    let report = yusuan_check::check(&built, Catalog::bundled());
    let bad: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity != yusuan_check::Severity::Info)
        .map(|f| format!("[{}] {}", f.rule, f.message))
        .collect();
    assert!(bad.is_empty(), "check found:\n{}", bad.join("\n"));
}
