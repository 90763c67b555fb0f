//! Every rule's documented examples are executable: the failing example must raise the rule, the
//! passing one must be evaluated and raise nothing of it.

mod common;

use yusuan_check::{all_rules, Status};

#[test]
fn every_failing_example_raises_its_rule() {
    let mut missing = Vec::new();
    for rule in all_rules() {
        let report = common::run(rule.bad);
        if report.by_rule(rule.code).next().is_none() {
            missing.push(rule.code);
        }
    }
    assert!(missing.is_empty(), "failing examples that raise nothing: {missing:?}");
}

#[test]
fn every_passing_example_is_evaluated_and_clean() {
    let mut bad = Vec::new();
    for rule in all_rules() {
        let report = common::run(rule.good);
        let found: Vec<_> = report.by_rule(rule.code).map(|f| f.message.clone()).collect();
        let status = report.rules.iter().find(|s| s.code == rule.code).map(|s| s.status);
        if !found.is_empty() || status == Some(Status::NotEvaluated) {
            bad.push(format!("{}: {:?} {:?}", rule.code, status, found));
        }
    }
    assert!(bad.is_empty(), "passing examples that fail or are not evaluated:\n{}", bad.join("\n"));
}

#[test]
fn there_are_at_least_eighty_rules() {
    assert!(all_rules().len() >= 80, "only {} rules", all_rules().len());
}
