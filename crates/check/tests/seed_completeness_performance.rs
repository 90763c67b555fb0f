//! What the completeness, performance and procurement/asset rules find on the seed, and that the mended
//! copy is quiet.

mod common;

use yusuan_check::{Report, Severity, Status};

fn projects_flagged(report: &Report, code: &str) -> Vec<String> {
    let mut v: Vec<String> = report.by_rule(code).filter_map(|f| f.location.project.clone()).collect();
    v.sort();
    v
}

fn sorted(codes: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
    v.sort();
    v
}

fn status(report: &Report, code: &str) -> Status {
    report.rules.iter().find(|s| s.code == code).map(|s| s.status).expect("rule exists")
}

const PROJECT_3: &str = "13040224P00021410004A";
const PROJECT_4: &str = "13040225P00023510002M";
const PROJECT_5: &str = "13040224P00021210004Y";
const PROJECT_7: &str = "13040224P00001410007M";

#[test]
fn the_seeds_projects_3_and_5_have_no_performance_goals() {
    let report = common::run(common::SEED);
    assert_eq!(projects_flagged(&report, "P001"), sorted(&[PROJECT_3, PROJECT_5]));
    assert!(report.by_rule("P001").all(|f| f.severity == Severity::Error));
}

#[test]
fn the_seeds_projects_3_and_5_have_no_performance_indicators() {
    let report = common::run(common::SEED);
    assert_eq!(projects_flagged(&report, "P002"), sorted(&[PROJECT_3, PROJECT_5]));
    // the other five cover 产出, 效益 and 满意度
    assert_eq!(status(&report, "P003"), Status::Passed);
}

#[test]
fn the_seeds_cost_indicators_await_a_meeting_to_decide_their_value() {
    let report = common::run(common::SEED);
    let values: Vec<String> = report.by_rule("P006").filter_map(|f| f.actual.clone()).collect();
    assert_eq!(values.len(), 4, "{values:?}");
    assert!(values.iter().all(|v| v.starts_with('待') && v.ends_with("确定")), "{values:?}");
    assert!(report.by_rule("P006").all(|f| f.severity == Severity::Warning));
}

#[test]
fn the_seeds_project_4_prints_a_spending_plan_without_amounts() {
    let report = common::run(common::SEED);
    assert_eq!(projects_flagged(&report, "P008"), [PROJECT_4]);
}

#[test]
fn the_seeds_projects_4_and_7_do_not_say_what_the_money_is_for() {
    let report = common::run(common::SEED);
    assert_eq!(projects_flagged(&report, "P011"), sorted(&[PROJECT_4, PROJECT_7]));
}

#[test]
fn the_seeds_project_budgets_add_up_to_its_project_expenditure() {
    let report = common::run(common::SEED);
    // 81 + 483 + 120 + 2 + 12.22 + 483 + 81 = 1262.22, the 项目支出 of the expenditure table
    assert_eq!(status(&report, "P007"), Status::Passed);
    assert_eq!(status(&report, "P010"), Status::Passed);
    assert_eq!(status(&report, "P012"), Status::Passed);
}

#[test]
fn the_seeds_earlier_year_projects_are_carry_overs_not_mistakes() {
    let report = common::run(common::SEED);
    assert_eq!(status(&report, "P014"), Status::Passed);
    assert_eq!(status(&report, "P013"), Status::Passed);
}

#[test]
fn the_seeds_special_funds_section_has_a_heading_and_nothing_else() {
    let report = common::run(common::SEED);
    let f: Vec<_> = report.by_rule("M006").collect();
    assert_eq!(f.len(), 1, "{}", report.to_text());
    assert_eq!(f[0].location.section.as_deref(), Some("special_funds"));
    assert_eq!(f[0].severity, Severity::Warning);
}

#[test]
fn every_table_and_section_of_the_seed_is_present_and_listed_in_its_contents() {
    let report = common::run(common::SEED);
    for code in ["M001", "M005", "M007", "M008", "M010", "M011", "M012", "M013", "M014"] {
        assert_eq!(status(&report, code), Status::Passed, "{code}");
    }
}

#[test]
fn the_seeds_empty_government_fund_table_carries_the_right_note() {
    let report = common::run(common::SEED);
    for code in ["M002", "M003", "M004"] {
        assert_eq!(status(&report, code), Status::Passed, "{code}");
    }
}

#[test]
fn the_seed_has_no_vehicle_yet_pays_for_running_and_repairing_one() {
    let report = common::run(common::SEED);
    let running: Vec<_> = report.by_rule("G006").collect();
    assert_eq!(running.len(), 1);
    assert_eq!(running[0].severity, Severity::Warning);
    assert_eq!(running[0].location.table.as_deref(), Some("assets"));
    let repair: Vec<_> = report.by_rule("G010").collect();
    assert_eq!(repair.len(), 1);
    assert!(repair[0].message.contains("车辆维修"), "{}", repair[0].message);
}

#[test]
fn the_seeds_procurement_table_adds_up_and_keeps_a_bare_subtotal_row() {
    let report = common::run(common::SEED);
    for code in ["G001", "G002", "G003", "G004", "G007", "G008", "G009"] {
        assert_eq!(status(&report, code), Status::Passed, "{code}");
    }
    let bare: Vec<_> = report.by_rule("G005").collect();
    assert_eq!(bare.len(), 1);
    assert_eq!(bare[0].severity, Severity::Info);
}

#[test]
fn the_corrected_seed_is_quiet_on_completeness_performance_procurement_and_assets() {
    let report = common::run(common::CORRECTED);
    let loud: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with(['M', 'P', 'G']) && f.severity != Severity::Info)
        .map(|f| format!("{} {}", f.rule, f.message))
        .collect();
    assert!(loud.is_empty(), "{}", loud.join("\n"));
    for code in ["P001", "P002", "P006", "P008", "P011", "M006", "G006", "G010"] {
        assert_eq!(status(&report, code), Status::Passed, "{code}");
    }
}
