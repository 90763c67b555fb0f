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
    assert_eq!(e.iter().filter(|m| m.starts_with("M004")).count(), 1, "{e:?}");
}

/// Its explanation lists the 项 lines twice (pages 7 and 8), each time with 2080506 职业年金缴费支出 as
/// 887.36 万元; every table prints 873,617.00 元. The other lines, cut rather than rounded to two decimals
/// (877,080 元 as 87.70 万元), agree.
#[test]
fn the_finance_bureau_states_one_pension_line_ten_times_too_large() {
    let r = run("sh-putuo-czj-2025-dept-budget.pdf");
    let found: Vec<_> = r.by_rule("N029").collect();
    assert_eq!(found.len(), 2, "{:?}", errors(&r));
    for f in &found {
        assert_eq!(f.severity, Severity::Error);
        assert!(f.message.contains("机关事业单位职业年金缴费支出"), "{}", f.message);
        assert_eq!(
            (f.expected.as_deref(), f.actual.as_deref()),
            (Some("87.36万元（873617.00元）"), Some("887.36万元"))
        );
    }
    assert_eq!(errors(&r).len(), 3, "M004 and the two N029: {:?}", errors(&r));
}

/// The 决算 explanation gives 一般公共服务支出 2,106.66 of 2,940.05 万元 as 71.73 % (it is 71.65 %; its four
/// shares add up to 100.07 %). The other three shares, and the 基本/项目支出 shares, agree.
#[test]
fn the_final_accounts_misstate_one_function_class_share() {
    let r = run("sh-putuo-czj-2024-dept-final.pdf");
    let found: Vec<_> = r.by_rule("N030").collect();
    assert_eq!(found.len(), 1, "{:?}", found.iter().map(|f| &f.message).collect::<Vec<_>>());
    assert!(found[0].message.contains("2106.66"), "{}", found[0].message);
    assert_eq!((found[0].expected.as_deref(), found[0].actual.as_deref()), (Some("71.65%"), Some("71.73%")));
    assert_eq!(r.rules.iter().find(|s| s.code == "N029").map(|s| s.status), Some(yusuan_check::Status::Passed));
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
