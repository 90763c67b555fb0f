//! Reviewed snapshots of the reports on the seed and its corrected copy, and of an extracted table.

mod common;

use yusuan_model::Cell;

#[test]
fn report_on_the_published_seed() {
    insta::assert_snapshot!("seed_report", common::run(common::SEED).to_text());
}

#[test]
fn report_on_the_corrected_seed() {
    insta::assert_snapshot!("corrected_seed_report", common::run(common::CORRECTED).to_text());
}

#[test]
fn the_three_public_table_as_read() {
    let doc = common::read(common::SEED);
    let t = doc.table("three_public").unwrap();
    let mut out = format!("{} [{}]\n", t.title, t.unit);
    out.push_str(&t.columns.iter().map(|c| format!("{}={}", c.id, c.label)).collect::<Vec<_>>().join(" | "));
    out.push('\n');
    for r in &t.rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .map(|c| match c {
                Cell::Empty => String::new(),
                Cell::Text(s) => s.to_string(),
                Cell::Amount(a) => a.value.yuan_string(),
            })
            .collect();
        out.push_str(&format!("{:>2} {:?} {}\n", r.position, r.roles, cells.join(" | ")));
    }
    insta::assert_snapshot!("three_public_table", out);
}
