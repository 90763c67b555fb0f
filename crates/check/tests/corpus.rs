//! The real Shanghai disclosures: their real publication errors are found, and the parts that are
//! consistent raise no arithmetic or cross-table error.

use std::path::Path;
use yusuan_check::{check, Report, Severity};
use yusuan_model::Catalog;

fn run(name: &str) -> Report {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpus").join(name);
    check(&yusuan_read::read_path(&p, None).unwrap(), Catalog::bundled())
}

fn errors(r: &Report) -> Vec<String> {
    r.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| format!("{} {}", f.rule, f.message)).collect()
}

#[test]
fn the_finance_bureau_prints_a_fund_table_note_under_the_state_capital_table() {
    let r = run("sh-putuo-czj-2025-dept-budget.pdf");
    let e = errors(&r);
    assert!(r.by_rule("M004").any(|f| f.location.table.as_deref() == Some("soe")), "{e:?}");
    assert_eq!(e.len(), 1, "{e:?}");
}

#[test]
fn consistent_shanghai_budgets_raise_no_error() {
    for f in ["sh-putuo-swj-2025-dept-budget.pdf", "sh-putuo-wanli-2023-dept-budget.pdf"] {
        let r = run(f);
        assert!(!r.has_errors(), "{f}: {:?}", errors(&r));
        assert!(r.counts.passed > 60, "{f}: only {} rules passed", r.counts.passed);
    }
}

#[test]
fn the_city_unit_budget_leaves_two_empty_tables_without_a_note() {
    let r = run("sh-city-czj-2025-unit-budget.pdf");
    let e = errors(&r);
    assert!(e.iter().all(|m| m.starts_with("M002")), "{e:?}");
    let tables: Vec<_> = r.by_rule("M002").filter_map(|f| f.location.table.clone()).collect();
    assert_eq!(tables, ["gov_fund", "soe"]);
}

#[test]
fn no_arithmetic_or_cross_table_error_on_any_corpus_budget() {
    for f in [
        "sh-city-czj-2025-unit-budget.pdf",
        "sh-putuo-czj-2025-dept-budget.pdf",
        "sh-putuo-swj-2025-dept-budget.pdf",
        "sh-putuo-wanli-2023-dept-budget.pdf",
    ] {
        let r = run(f);
        let bad: Vec<_> =
            errors(&r).into_iter().filter(|m| m.starts_with('A') || m.starts_with('X') || m.starts_with('C')).collect();
        assert!(bad.is_empty(), "{f}: {bad:?}");
    }
}

#[test]
fn the_unfilled_template_workbook_is_all_template_residue() {
    let r = run("sh-dept-budget-template.xlsx");
    assert!(r.by_rule("N019").count() >= 10);
    assert!(r.by_rule("N019").any(|f| f.message.contains("增加（减少）")));
}

#[test]
fn the_final_accounts_read_with_the_final_layout_and_raise_no_false_error() {
    let r = run("sh-putuo-czj-2024-dept-final.pdf");
    assert_eq!(r.layout, "shanghai-dept-final");
    // all nine, the two-block 基本支出 table and the 预算数/决算数 三公 table included
    assert_eq!(r.tables, 9);
    assert!(!r.has_errors(), "{:?}", errors(&r));
    assert_eq!(r.by_rule("R006").count(), 0, "no table or column passed over");
    // the header row glued to the 合计 row is split and reported
    assert!(r.by_rule("R009").count() >= 2);
}

/// A Shanghai summary prints no 本年收入合计 or 年终结转 rows: the grand-total identities cannot be decided, and
/// the report says which rows are missing instead of a generic reason.
#[test]
fn grand_total_identities_name_the_rows_a_shanghai_summary_lacks() {
    let r = run("sh-putuo-czj-2025-dept-budget.pdf");
    for (code, role) in [("A008", "income.year_total"), ("A009", "expense.year_total")] {
        let s = r.rules.iter().find(|s| s.code == code).expect("rule status");
        assert_eq!(s.status, yusuan_check::Status::NotEvaluated, "{code}");
        let reason = s.reason.as_deref().unwrap_or("");
        assert!(reason.contains("财务收支预算总表") && reason.contains(role), "{code}: {reason}");
    }
}

/// Every rule that cannot decide on a corpus disclosure says why in its own words, never the engine's fallback.
#[test]
fn every_rule_not_evaluated_on_the_corpus_gives_its_own_reason() {
    for f in [
        "sh-city-czj-2025-unit-budget.pdf",
        "sh-putuo-czj-2025-dept-budget.pdf",
        "sh-putuo-swj-2025-dept-budget.pdf",
        "sh-putuo-wanli-2023-dept-budget.pdf",
        "sh-putuo-czj-2024-dept-final.pdf",
    ] {
        let r = run(f);
        for s in r.rules.iter().filter(|s| s.status == yusuan_check::Status::NotEvaluated) {
            let reason = s.reason.as_deref().unwrap_or("");
            assert!(!reason.is_empty() && reason != "文件中没有判断所需的数据", "{f} {}: {reason:?}", s.code);
        }
    }
}
