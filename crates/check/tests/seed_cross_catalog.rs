//! What the cross-table (表间勾稽) and catalog (科目) rules find on the seed, and that the mended copy is
//! quiet.

mod common;

use yusuan_check::{check, Report, Severity, Status};
use yusuan_model::Catalog;

fn status(report: &Report, code: &str) -> Status {
    report.rules.iter().find(|s| s.code == code).map(|s| s.status).expect("rule exists")
}

fn family(report: &Report, first: char) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with(first) && f.severity != Severity::Info)
        .map(|f| format!("{} {} {:?}", f.rule, f.message, f.location.line))
        .collect()
}

#[test]
fn the_seed_calls_20604_technology_research_and_development_by_two_different_names() {
    let report = common::run(common::SEED);
    let found: Vec<_> = report.by_rule("C007").collect();
    // 收入总表 and 一般公共预算表 print “技术与开发”, 支出总表 prints “技术与研究开发”: the odd one out is reported
    let mut codes: Vec<&str> = found.iter().filter_map(|f| f.location.code.as_deref()).collect();
    codes.sort();
    assert_eq!(codes, ["20604", "2060499"], "{}", report.to_text());
    assert!(found.iter().all(|f| f.severity == Severity::Error));
    assert!(found.iter().all(|f| f.location.table.as_deref() == Some("expenditure")));
    let f = found.iter().find(|f| f.location.code.as_deref() == Some("20604")).unwrap();
    assert!(f.message.contains("技术与开发") && f.message.contains("技术与研究开发"), "{}", f.message);
    assert_eq!(f.actual.as_deref(), Some("技术与研究开发"));
}

#[test]
fn none_of_the_seeds_names_for_20604_is_the_catalog_name() {
    let report = common::run(common::SEED);
    let mut tables: Vec<&str> = report
        .by_rule("C005")
        .filter(|f| f.location.code.as_deref() == Some("20604"))
        .filter_map(|f| f.location.table.as_deref())
        .collect();
    tables.sort();
    assert_eq!(tables, ["expenditure", "general_budget", "income"]);
    // the bundled catalog row for 20604 is not verified, so a mismatch is a warning, not an error
    assert!(report.by_rule("C005").all(|f| f.severity == Severity::Warning));
    assert!(report.by_rule("C005").all(|f| f.expected.as_deref().is_some_and(|e| e.contains("技术研究与开发"))));
}

#[test]
fn the_seeds_three_public_table_omits_the_meeting_fee_its_basic_expenditure_plans() {
    let report = common::run(common::SEED);
    let found: Vec<_> = report.by_rule("X021").collect();
    assert_eq!(found.len(), 1, "{}", report.to_text());
    let f = found[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.location.table.as_deref(), Some("three_public"));
    assert_eq!(f.location.column.as_deref(), Some("general"));
    assert_eq!(f.location.line, Some(394));
    assert!(f.expected.as_deref().is_some_and(|e| e.starts_with("0.40")), "{f:?}");
    assert!(f.actual.as_deref().is_some_and(|a| a.starts_with("0.00")), "{f:?}");
}

#[test]
fn apart_from_the_meeting_fee_the_seeds_tables_agree_with_each_other() {
    let report = common::run(common::SEED);
    let loud: Vec<String> = family(&report, 'X').into_iter().filter(|f| !f.starts_with("X021")).collect();
    assert!(loud.is_empty(), "{}", loud.join("\n"));
    for code in ["X001", "X004", "X006", "X007", "X009", "X010", "X012", "X014", "X025", "X030"] {
        assert_eq!(status(&report, code), Status::Passed, "{code}");
    }
}

#[test]
fn the_seeds_vehicle_running_cost_covers_its_economic_line() {
    // 公务用车运行维护费 1.50 in the 三公 table, 30231 公务用车运行维护费 1.50 in the basic table
    let report = common::run(common::SEED);
    assert_eq!(status(&report, "X020"), Status::Passed);
}

#[test]
fn the_seeds_pension_housing_fund_and_medical_lines_match_their_function_codes() {
    let report = common::run(common::SEED);
    for code in ["X015", "X017", "X018", "X019"] {
        assert_eq!(status(&report, code), Status::Passed, "{code}");
    }
    // the seed has no 30109 职业年金缴费 line, so that correspondence cannot be decided
    assert_eq!(status(&report, "X016"), Status::NotEvaluated);
}

#[test]
fn a_seed_without_non_fiscal_income_must_have_equal_summaries() {
    let report = common::run(common::SEED);
    assert_eq!(status(&report, "X025"), Status::Passed);
}

#[test]
fn unit_funds_excuse_the_two_summaries_from_being_equal() {
    let text = common::SEED.replacen("5\t五、单位资金\t\t", "5\t五、单位资金\t20.00\t", 1);
    assert_ne!(text, common::SEED);
    let report = common::run(&text);
    assert_eq!(status(&report, "X025"), Status::NotEvaluated);
    let reason = report.rules.iter().find(|s| s.code == "X025").and_then(|s| s.reason.clone()).unwrap_or_default();
    assert!(reason.contains("非财政拨款收入"), "{reason}");
    // but the 收支总表 no longer agrees with the 收入总表's unit-fund columns
    assert!(report.by_rule("X003").any(|f| f.location.table.as_deref() == Some("summary")));
}

#[test]
fn the_read_repair_of_the_housing_fund_code_leaves_every_code_well_formed() {
    // “221020” + a stray “1” on the next page is read as 2210201 (R002), so no code has a bad shape
    let report = common::run(common::SEED);
    assert_eq!(status(&report, "C001"), Status::Passed);
    assert_eq!(status(&report, "C002"), Status::Passed);
    assert_eq!(status(&report, "C003"), Status::Passed);
    assert_eq!(status(&report, "C013"), Status::Passed);
    assert_eq!(status(&report, "C014"), Status::Passed);
}

#[test]
fn the_seed_keeps_state_capital_codes_in_the_state_capital_table() {
    let report = common::run(common::SEED);
    assert_eq!(status(&report, "C011"), Status::Passed);
    assert_eq!(status(&report, "C012"), Status::Passed);
}

#[test]
fn the_corrected_seed_is_quiet_on_every_cross_table_and_catalog_rule() {
    let report = common::run(common::CORRECTED);
    let mut loud = family(&report, 'X');
    loud.extend(family(&report, 'C'));
    assert!(loud.is_empty(), "{}", loud.join("\n"));
    for code in ["X021", "C005", "C007"] {
        assert_eq!(status(&report, code), Status::Passed, "{code}");
    }
}

#[test]
fn a_code_missing_from_an_official_catalog_is_an_error() {
    let text = "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t206\t科学技术支出\t120.00\t\t120.00\n2\t20699\t其他科学技术支出\t120.00\t\t120.00\n3\t2069998\t其他科学技术支出\t120.00\t\t120.00\n";
    let bundled = common::run(text);
    assert!(bundled.by_rule("C003").all(|f| f.severity == Severity::Warning));
    assert_eq!(bundled.by_rule("C003").count(), 1);

    let dir = std::env::temp_dir().join(format!("yusuan-cross-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("official.csv");
    std::fs::write(&path, "编码,名称\n206,科学技术支出\n20699,其他科学技术支出\n2069999,其他科学技术支出\n").unwrap();
    let official = Catalog::with_official_file(&path).unwrap();
    let report = check(&common::read(text), &official);
    let found: Vec<_> = report.by_rule("C003").collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].location.code.as_deref(), Some("2069998"));
    // an official row makes a name mismatch an error too
    let renamed = text.replace("2\t20699\t其他科学技术支出", "2\t20699\t其他科技支出");
    let report = check(&common::read(&renamed), &official);
    assert!(report
        .by_rule("C005")
        .any(|f| f.severity == Severity::Error && f.location.code.as_deref() == Some("20699")));
    let _ = std::fs::remove_dir_all(&dir);
}
