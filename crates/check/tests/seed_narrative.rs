//! The seed's explanation (情况说明) against its tables, and its wording: what the narrative rules find in
//! the published seed, and that the mended copy is quiet.

mod common;

use yusuan_check::{Report, Severity, Status};

fn seed() -> Report {
    common::run(common::SEED)
}

fn corrected() -> Report {
    common::run(common::CORRECTED)
}

fn status(report: &Report, code: &str) -> Status {
    report.rules.iter().find(|s| s.code == code).map(|s| s.status).expect("rule ran")
}

fn messages(report: &Report, code: &str) -> Vec<String> {
    report.by_rule(code).map(|f| format!("{} [{:?}]", f.message, f.location.line)).collect()
}

#[test]
fn the_seeds_stated_totals_and_fund_sources_agree_with_its_tables() {
    let r = seed();
    for code in ["N001", "N002", "N003", "N004", "N005", "N006", "N007"] {
        assert_eq!(status(&r, code), Status::Passed, "{code}: {:?}", messages(&r, code));
    }
}

#[test]
fn the_seeds_admin_running_and_three_public_amounts_agree_with_its_tables() {
    let r = seed();
    for code in ["N008", "N009", "N010"] {
        assert_eq!(status(&r, code), Status::Passed, "{code}: {:?}", messages(&r, code));
    }
}

#[test]
fn the_seeds_fixed_asset_amount_agrees_with_the_asset_table() {
    assert_eq!(status(&seed(), "N012"), Status::Passed);
}

#[test]
fn the_seed_states_no_procurement_total_so_it_is_not_evaluated() {
    assert_eq!(status(&seed(), "N011"), Status::NotEvaluated);
}

#[test]
fn the_seeds_change_parts_add_up_and_compare_with_the_previous_year() {
    let r = seed();
    assert_eq!(status(&r, "N013"), Status::Passed, "{:?}", messages(&r, "N013"));
    assert_eq!(status(&r, "N015"), Status::Passed, "{:?}", messages(&r, "N015"));
    assert_eq!(status(&r, "N016"), Status::Passed, "{:?}", messages(&r, "N016"));
}

#[test]
fn the_seeds_project_expenditure_decrease_has_no_reason() {
    let r = seed();
    let found = messages(&r, "N017");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("177.28"), "{found:?}");
    assert!(r.by_rule("N017").all(|f| f.severity == Severity::Warning && f.location.line == Some(472)));
}

#[test]
fn the_seed_calls_itself_a_unit_in_a_department_disclosure() {
    let found = messages(&seed(), "N022");
    assert!(found.iter().any(|m| m.contains("我单位") && m.contains("[Some(480)]")), "{found:?}");
}

#[test]
fn the_seeds_three_public_amount_is_written_wan_without_yuan() {
    let found = messages(&seed(), "N024");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("1.5 万"), "{found:?}");
}

#[test]
fn the_seeds_carryover_phrase_is_cut_to_jiezhuan_he_jie() {
    let found = messages(&seed(), "N025");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("结转和结余") && found[0].contains("[Some(464)]"), "{found:?}");
}

#[test]
fn the_seeds_expenditure_sentence_writes_2025_without_nian() {
    let r = seed();
    let warnings: Vec<_> = r.by_rule("N021").filter(|f| f.severity == Severity::Warning).collect();
    assert_eq!(warnings.len(), 1, "{:?}", messages(&r, "N021"));
    assert!(warnings[0].message.contains("2025 部门"));
    // the same slip in the performance targets (“2025 全区…”) is noted, not warned
    assert!(r.by_rule("N021").any(|f| f.severity == Severity::Info && f.message.contains("2025 全区")));
}

#[test]
fn the_seeds_duties_mix_half_and_full_width_numbering() {
    let r = seed();
    assert!(r.by_rule("N026").any(|f| f.severity == Severity::Info && f.location.section.as_deref() == Some("duties")));
}

#[test]
fn the_seeds_glossary_numbering_starts_at_five() {
    let found = messages(&seed(), "N027");
    assert!(found.iter().any(|m| m.contains("1、2、3、4")), "{found:?}");
}

#[test]
fn a_long_gap_in_the_glossary_numbering_is_named_by_its_ends() {
    // Found by the fuzzer: a glossary item numbered `2080505、` made N027 spell out two million numbers.
    let text = common::SEED.replace("6、**上年结转**", "2080505、**上年结转**");
    assert_ne!(text, common::SEED);
    let found = messages(&common::run(&text), "N027");
    assert!(found.iter().any(|m| m.contains("缺少第 6–2080504 条")), "{found:?}");
    assert!(found.iter().all(|m| m.len() < 200), "{found:?}");
}

#[test]
fn the_seeds_explanation_has_no_template_residue_or_broken_punctuation() {
    let r = seed();
    for code in ["N018", "N019", "N020", "N023"] {
        assert_eq!(status(&r, code), Status::Passed, "{code}: {:?}", messages(&r, code));
    }
}

#[test]
fn the_corrected_seeds_explanation_raises_no_narrative_error_or_warning() {
    let r = corrected();
    let loud: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.rule.starts_with('N') && f.severity != Severity::Info)
        .map(|f| format!("{} {} {:?}", f.rule, f.message, f.location.line))
        .collect();
    assert!(loud.is_empty(), "{}", loud.join("\n"));
    for code in ["N017", "N022", "N024", "N025"] {
        assert_eq!(status(&r, code), Status::Passed, "{code}");
    }
}

/// The corrected seed with the paragraph that starts with `start` replaced by `paragraph`.
fn with_paragraph(start: &str, paragraph: &str) -> Report {
    let at = common::CORRECTED.find(start).expect("the paragraph");
    let end = at + common::CORRECTED[at..].find('\n').expect("paragraph end");
    common::run(&format!("{}{paragraph}{}", &common::CORRECTED[..at], &common::CORRECTED[end..]))
}

/// The corrected seed with its 支出说明 rewritten the way many departments write it: by function class, and
/// with each part's share of the total.
fn with_expense_paragraph(paragraph: &str) -> Report {
    with_paragraph("2025 年部门共安排预算支出", paragraph)
}

const BY_CLASS: &str = "2025年本部门支出预算1798.30万元，其中基本支出536.08万元，占29.81%；项目支出1262.22万元，占70.19%。按支出功能分类：科学技术支出551.96万元，社会保障和就业支出72.12万元，卫生健康支出7.93万元，住房保障支出38.29万元，国有资本经营预算支出1128万元。";

#[test]
fn amounts_stated_by_function_class_and_their_shares_agree_with_the_seeds_tables() {
    let r = with_expense_paragraph(BY_CLASS);
    for code in ["N029", "N030"] {
        assert_eq!(status(&r, code), Status::Passed, "{code}: {:?}", messages(&r, code));
    }
    assert!(!r.findings.iter().any(|f| f.severity != Severity::Info), "{:?}", r.findings);
}

#[test]
fn a_function_class_amount_that_no_table_prints_is_an_error() {
    let r = with_expense_paragraph(&BY_CLASS.replace("卫生健康支出7.93万元", "卫生健康支出7.39万元"));
    let found: Vec<_> = r.by_rule("N029").collect();
    assert_eq!(found.len(), 1, "{:?}", messages(&r, "N029"));
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!((found[0].expected.as_deref(), found[0].actual.as_deref()), (Some("7.93万元"), Some("7.39万元")));
    // a line the tables print under a longer name (`其他科学技术支出`) is not taken for its class
    let r = with_expense_paragraph(&BY_CLASS.replace("科学技术支出551.96万元", "其他科学技术支出120万元"));
    assert_eq!(status(&r, "N029"), Status::Passed, "{:?}", messages(&r, "N029"));
}

#[test]
fn a_share_that_fits_no_stated_amount_or_table_total_is_a_warning() {
    let r = with_expense_paragraph(&BY_CLASS.replace("占70.19%", "占71.19%"));
    let found: Vec<_> = r.by_rule("N030").collect();
    assert_eq!(found.len(), 1, "{:?}", messages(&r, "N030"));
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!((found[0].expected.as_deref(), found[0].actual.as_deref()), (Some("70.19%"), Some("71.19%")));
    // a share cut rather than rounded (29.81 of 29.8108…) is not reported; a share of last year's figure is no share
    let r = with_expense_paragraph(&BY_CLASS.replace("占29.81%", "占29.8%"));
    assert_eq!(status(&r, "N030"), Status::Passed, "{:?}", messages(&r, "N030"));
}

/// The corrected seed with its 三公 paragraph written with changes against last year.
fn with_three_public_paragraph(paragraph: &str) -> Report {
    with_paragraph("2025 年，我部门“三公”经费预算安排", paragraph)
}

const THREE_PUBLIC_CHANGES: &str = "2025 年，我部门“三公”经费预算安排 1.50 万元，较上年减少 2.50 万元，下降 62.50%，主要原因是上年已购置公务用车、压减公务接待。其中：因公出国（境）费 0.00 万元，与上年持平；公务用车购置及运行维护费 1.50 万元，较上年减少 2.00 万元，其中：公务用车购置费 0.00 万元，较上年减少 2.50 万元，公务用车运行维护费 1.50 万元，较上年增加 0.50 万元；公务接待费 0.00 万元，较上年减少 0.50 万元。";

#[test]
fn parts_listed_after_the_sentence_of_their_total_close_their_own_parts_at_the_semicolon() {
    // `。其中：A…；B…，其中：B1…，B2…；C…`: C is a part of the total, not of B.
    let r = with_three_public_paragraph(THREE_PUBLIC_CHANGES);
    assert_eq!(status(&r, "N015"), Status::Passed, "{:?}", messages(&r, "N015"));
    let r = with_three_public_paragraph(
        &THREE_PUBLIC_CHANGES.replace("较上年减少 2.50 万元，公务用车运行", "较上年减少 3.50 万元，公务用车运行"),
    );
    let found = messages(&r, "N015");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("较上年减少 2.00 万元") && found[0].contains("2 个分项"), "{found:?}");
}

/// The corrected seed with its paragraph of changes against last year replaced.
fn with_changes_paragraph(paragraph: &str) -> Report {
    with_paragraph("2025 年预算收支安排 1798.3 万元，较 2024 年预算", paragraph)
}

#[test]
fn parts_in_a_sentence_of_their_own_share_their_totals_reason_and_explain_it() {
    // The total's reason, given before `。其中：`, covers the parts listed after it.
    let r = with_three_public_paragraph(&THREE_PUBLIC_CHANGES.replace("主要原因是", "主要是"));
    assert_eq!(status(&r, "N017"), Status::Passed, "{:?}", messages(&r, "N017"));
    // A total without a reason is explained by its parts when each gives one …
    let explained = "2025 年预算收支安排 1798.3 万元，较 2024 年预算减少 232.87 万元。其中：基本支出减少 55.59 万元，主要是人员退休工资等费用减少；项目支出减少 177.28 万元，主要是上年一次性项目结束。";
    let r = with_changes_paragraph(explained);
    assert_eq!(status(&r, "N017"), Status::Passed, "{:?}", messages(&r, "N017"));
    // … and not when one gives none: both it and the total are reported.
    let r = with_changes_paragraph(&explained.replace("，主要是上年一次性项目结束", ""));
    let found = messages(&r, "N017");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().any(|m| m.contains("减少 232.87 万元")) && found.iter().any(|m| m.contains("减少 177.28 万元"))
    );
}

#[test]
fn items_that_move_under_an_unchanged_total_are_explained_by_a_paragraph_of_their_own() {
    let shift = "2025 年，我部门“三公”经费预算安排 1.50 万元，与上年持平。其中：因公出国（境）费 0.00 万元，较上年减少 0.50 万元，下降 100.00%；公务用车购置及运行维护费 1.50 万元，较上年增加 0.50 万元，增长 50.00%，其中：公务用车购置费 0.00 万元，与上年持平，公务用车运行维护费 1.50 万元，较上年增加 0.50 万元，增长 50.00%；公务接待费 0.00 万元，与上年持平。";
    let r = with_three_public_paragraph(shift);
    assert!(messages(&r, "N017").len() >= 2, "{:?}", messages(&r, "N017"));
    let r = with_three_public_paragraph(&format!(
        "{shift}\n“三公”经费总额与上年持平，各项有增有减，主要是压减出国、公务用车运行按实际安排。"
    ));
    assert_eq!(status(&r, "N017"), Status::Passed, "{:?}", messages(&r, "N017"));
}

/// Digits and points written full-width (`１７９８．３`), as some departments type them.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
            '.' => '．',
            '%' => '％',
            _ => c,
        })
        .collect()
}

#[test]
fn amounts_and_shares_written_full_width_are_read_as_written() {
    // The whole 支出说明 full-width: every amount and share still agrees (it read `１７９８．３０万元` as `３０万元`).
    let r = with_expense_paragraph(&full_width(BY_CLASS));
    assert!(!r.findings.iter().any(|f| f.severity != Severity::Info), "{:?}", r.findings);
    for code in ["N004", "N007", "N029", "N030"] {
        assert_eq!(status(&r, code), Status::Passed, "{code}: {:?}", messages(&r, code));
    }
    // and a wrong one is still an error, quoting the amount as printed
    let r = with_expense_paragraph(&full_width(&BY_CLASS.replace("卫生健康支出7.93万元", "卫生健康支出7.39万元")));
    let found: Vec<_> = r.by_rule("N029").collect();
    assert_eq!(found.len(), 1, "{:?}", messages(&r, "N029"));
    assert_eq!((found[0].expected.as_deref(), found[0].actual.as_deref()), (Some("7.93万元"), Some("７．３９万元")));
    // a change's rate full-width is checked like any other
    let r = with_paragraph(
        "2025 年预算收支安排",
        &full_width("2025 年预算收支安排 1798.3 万元，较 2024 年预算减少 232.87 万元（下降10.34%）。"),
    );
    assert_eq!(r.by_rule("N014").count(), 1, "{:?}", messages(&r, "N014"));
}

#[test]
fn procurement_stated_by_kind_in_the_usual_words_is_compared_by_kind_not_as_the_total() {
    let with = |sentence: &str| {
        let heading = "八、政府采购预算情况\n";
        assert_eq!(common::CORRECTED.matches(heading).count(), 1, "the body's heading");
        common::run(&common::CORRECTED.replace(heading, &format!("{heading}\n{sentence}\n")))
    };
    // `政府采购货物预算 0 万元` is the 货物 kind's amount: it was taken for the 3.50 万元 total (two false N011).
    let r = with("2025年政府采购预算总额3.50万元，其中：政府采购货物预算0万元，政府采购工程预算0万元，政府采购服务预算3.50万元。");
    for code in ["N011", "N032"] {
        assert_eq!(status(&r, code), Status::Passed, "{code}: {:?}", messages(&r, code));
    }
    // a kind stated wrongly is N032's error, and N011 still passes on the total
    let r = with("2025年政府采购预算总额3.50万元，其中：政府采购货物预算1万元，政府采购工程预算0万元，政府采购服务预算2.50万元。");
    assert_eq!(status(&r, "N011"), Status::Passed, "{:?}", messages(&r, "N011"));
    assert_eq!(r.by_rule("N032").count(), 2, "{:?}", messages(&r, "N032"));
}

#[test]
fn a_part_of_the_basic_spending_named_after_it_is_that_part_and_both_parts_named_are_the_whole() {
    let base = "2025年支出预算合计1798.30万元，其中基本支出536.08万元，项目支出1262.22万元";
    // `基本支出中…人员经费 505.10 万元` is the 人员经费 (it was taken for the 基本支出: a false N004).
    let r = with_expense_paragraph(&format!(
        "{base}，基本支出中工资福利支出等人员经费505.10万元，商品和服务支出等公用经费30.98万元。"
    ));
    for code in ["N004", "N005", "N006"] {
        assert_eq!(status(&r, code), Status::Passed, "{code}: {:?}", messages(&r, code));
    }
    let r = with_expense_paragraph(&format!("{base}，基本支出中工资福利支出等人员经费505.20万元。"));
    assert_eq!(r.by_rule("N005").count(), 1, "{:?}", messages(&r, "N005"));
    // `基本支出（人员经费和公用经费）536.08 万元` is the whole (it was taken for each part: false N005 and N006).
    let whole = "2025年支出预算合计1798.30万元，其中基本支出（人员经费和公用经费）536.08万元，项目支出1262.22万元。";
    let r = with_expense_paragraph(whole);
    assert!(!r.findings.iter().any(|f| f.severity != Severity::Info), "{:?}", messages(&r, "N005"));
    assert_eq!(status(&r, "N004"), Status::Passed, "{:?}", messages(&r, "N004"));
    let r = with_expense_paragraph(&whole.replace("536.08", "536.18"));
    assert_eq!(r.by_rule("N004").count(), 1, "{:?}", messages(&r, "N004"));
}

#[test]
fn a_reason_given_under_a_label_covers_the_changes_before_it() {
    let changes =
        "2025年收支预算1798.30万元，较上年减少232.87万元。其中基本支出减少55.59万元，项目支出减少177.28万元。";
    // `变动原因：…` after the changes explains them (it was three false N017 warnings)
    for label in ["变动原因：", "增减变化原因："] {
        let r = with_paragraph("2025 年预算收支安排", &format!("{changes}{label}人员退休及上年一次性项目结束。"));
        assert_eq!(status(&r, "N017"), Status::Passed, "{label}: {:?}", messages(&r, "N017"));
    }
    // without it, each change still wants its reason
    let r = with_paragraph("2025 年预算收支安排", changes);
    assert_eq!(r.by_rule("N017").count(), 3, "{:?}", messages(&r, "N017"));
}
