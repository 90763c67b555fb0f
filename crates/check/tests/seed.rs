//! The seed document: its real defects are found, and the mended copy is clean.

mod common;

use yusuan_check::Severity;

#[test]
fn the_corrected_seed_has_no_error_and_no_warning() {
    let report = common::run(common::CORRECTED);
    let loud: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| format!("{} {} {:?}", f.rule, f.message, f.location.line))
        .collect();
    assert!(loud.is_empty(), "{}", loud.join("\n"));
}

#[test]
fn the_seed_extracts_its_270_amount_cells() {
    let doc = common::read(common::SEED);
    let nine = yusuan_model::layout::NINE_TABLES;
    let cells: usize = doc
        .tables
        .iter()
        .filter(|t| nine.contains(&t.kind.as_str()))
        .map(|t| t.rows.iter().map(|r| r.cells.iter().filter(|c| c.amount().is_some()).count()).sum::<usize>())
        .sum();
    assert_eq!(cells, 270);
    assert_eq!(doc.tables.iter().filter(|t| nine.contains(&t.kind.as_str())).count(), 9);
}

#[test]
fn the_seeds_three_public_table_disagrees_with_its_meeting_fee_line() {
    let report = common::run(common::SEED);
    assert!(
        report.by_rule("X021").any(|f| f.location.table.as_deref() == Some("three_public")),
        "{}",
        report.to_text()
    );
}

/// Every rule the seed cannot decide says why in its own words (which table, row or statement is missing),
/// never the engine's fallback.
#[test]
fn every_rule_not_evaluated_on_the_seed_gives_its_own_reason() {
    for text in [common::SEED, common::CORRECTED] {
        let report = common::run(text);
        for s in report.rules.iter().filter(|s| s.status == yusuan_check::Status::NotEvaluated) {
            let reason = s.reason.as_deref().unwrap_or("");
            assert!(!reason.is_empty() && reason != "文件中没有判断所需的数据", "{}: {reason:?}", s.code);
        }
    }
}
