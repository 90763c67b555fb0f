//! The seed document: its real defects are found, and the mended copy is clean.

mod common;

use yusuan_check::Severity;
use yusuan_model::ColumnRole;

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

#[test]
fn the_corrected_seed_printing_zero_in_every_empty_amount_cell_checks_the_same() {
    // Publishers that print `0.00` (or a dash) where nothing is budgeted: every empty amount cell of the nine
    // tables filled so; the report must not change (`三十一、人行科目 0.00` names no class, and need not).
    let doc = common::read(common::CORRECTED);
    let mut lines: Vec<Vec<String>> =
        common::CORRECTED.lines().map(|l| l.split('\t').map(str::to_string).collect()).collect();
    let mut filled = 0;
    for t in doc.tables.iter().filter(|t| yusuan_model::layout::NINE_TABLES.contains(&t.kind.as_str())) {
        let amount_cols: Vec<usize> =
            (0..t.columns.len()).filter(|&c| t.columns[c].role == ColumnRole::Amount).collect();
        for r in &t.rows {
            let line = &mut lines[r.loc.line as usize - 1];
            // Only rows whose cells stand where their columns do (no wrap joined, no cell split).
            if r.cells.iter().enumerate().any(|(i, c)| c.amount().is_some_and(|a| a.loc.cell != Some(i as u16))) {
                continue;
            }
            for &c in &amount_cols {
                if r.cells.get(c).is_some_and(|cell| cell.amount().is_none()) {
                    line.resize(line.len().max(c + 1), String::new());
                    if line[c].is_empty() {
                        line[c] = "0.00".into();
                        filled += 1;
                    }
                }
            }
        }
    }
    assert!(filled > 300, "{filled} cells filled");
    let text: Vec<String> = lines.iter().map(|l| l.join("\t")).collect();
    let report = common::run(&text.join("\n"));
    let bad: Vec<_> = report.findings.iter().filter(|f| f.severity != Severity::Info).collect();
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_seed_with_its_titles_led_by_the_department_and_wrapped_gives_the_seeds_findings() {
    // Each title led by the department's name and too long for its line: the tail takes the blank line
    // below, so line numbers stay and the findings compare one for one (their messages name the titles).
    let lines: Vec<&str> = common::SEED.split('\n').collect();
    let mut text: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        i += 1;
        if !(l.starts_with("部门预算") && l.ends_with('表') && !l.contains('\t') && l != "部门预算公开表") {
            text.push(l.to_string());
            continue;
        }
        assert_eq!(lines[i], "", "a blank line below the title {l}");
        i += 1;
        let title: Vec<char> = format!("邯山区科技和工业信息化局2025年{l}").chars().collect();
        let (head, tail) = title.split_at(24);
        text.push(head.iter().collect());
        text.push(tail.iter().collect());
    }
    let text = text.join("\n");
    assert_eq!(text.lines().count(), common::SEED.lines().count());
    let key = |f: &yusuan_check::Finding| {
        (f.rule, f.severity, f.location.table.clone(), f.location.line, f.expected.clone(), f.actual.clone())
    };
    let mut before: Vec<_> = common::run(common::SEED).findings.iter().map(key).collect();
    let report = common::run(&text);
    let joined = report.findings.iter().filter(|f| f.rule == "R002" && f.message.contains("标题")).count();
    assert_eq!(joined, 9);
    let mut after: Vec<_> =
        report.findings.iter().filter(|f| !(f.rule == "R002" && f.message.contains("标题"))).map(key).collect();
    before.sort();
    after.sort();
    assert_eq!(before, after);
}
